#include "md4c_reference.h"

#include <md4c-html.h>

#include <folio/render.h>

namespace folio::test_support {

std::string md4c_html(std::string_view markdown, unsigned extensions, bool raw_html) {
  unsigned flags = raw_html ? 0 : MD_FLAG_NOHTML;
  if (extensions & kTables) flags |= MD_FLAG_TABLES;
  if (extensions & kStrikethrough) flags |= MD_FLAG_STRIKETHROUGH;
  if (extensions & kTaskLists) flags |= MD_FLAG_TASKLISTS;
  if (extensions & kUrlAutolinks) flags |= MD_FLAG_PERMISSIVEURLAUTOLINKS;
  if (extensions & kWwwAutolinks) flags |= MD_FLAG_PERMISSIVEWWWAUTOLINKS;
  if (extensions & kEmailAutolinks) flags |= MD_FLAG_PERMISSIVEEMAILAUTOLINKS;
  std::string html;
  html.reserve(markdown.size() + markdown.size() / 4);
  md_html(
      markdown.data(), static_cast<MD_SIZE>(markdown.size()),
      [](const MD_CHAR* text, MD_SIZE size, void* out) {
        static_cast<std::string*>(out)->append(text, size);
      },
      &html, flags, MD_HTML_FLAG_SKIP_UTF8_BOM);
  return html;
}

}  // namespace folio::test_support
