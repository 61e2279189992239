#include "md4c_reference.h"

#include <md4c-html.h>

#include <folio/render.h>

#include "render/md4c_flags.h"

namespace folio::test_support {

std::string md4c_html(std::string_view markdown, unsigned extensions, bool raw_html) {
  const unsigned flags = render_detail::md4c_flags(extensions) | (raw_html ? 0 : MD_FLAG_NOHTML);
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
