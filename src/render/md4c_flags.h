// folio's MarkdownExtension bits as md4c parser flags: one place, for the renderer and for the
// tests that hold it to md4c-html with the same flags.
#pragma once

#include <md4c.h>

#include <folio/render.h>

namespace folio::render_detail {

inline unsigned md4c_flags(unsigned extensions) {
  unsigned flags = 0;
  if (extensions & kTables) flags |= MD_FLAG_TABLES;
  if (extensions & kStrikethrough) flags |= MD_FLAG_STRIKETHROUGH;
  if (extensions & kTaskLists) flags |= MD_FLAG_TASKLISTS;
  if (extensions & kUrlAutolinks) flags |= MD_FLAG_PERMISSIVEURLAUTOLINKS;
  if (extensions & kWwwAutolinks) flags |= MD_FLAG_PERMISSIVEWWWAUTOLINKS;
  if (extensions & kEmailAutolinks) flags |= MD_FLAG_PERMISSIVEEMAILAUTOLINKS;
  return flags;
}

}  // namespace folio::render_detail
