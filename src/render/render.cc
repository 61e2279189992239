#include <md4c-html.h>

#include <folio/render.h>

namespace folio {
namespace {

void append_output(const MD_CHAR* text, MD_SIZE size, void* userdata) {
  static_cast<std::string*>(userdata)->append(text, size);
}

}  // namespace

// folio 1 uses md4c-html with MD_FLAG_NOHTML, so raw HTML is escaped. md4c-html does not check
// link schemes; folio 3 replaces this with folio's own renderer on md4c's callback API.
std::string render_html(std::string_view markdown, const RenderOptions& /*options*/) {
  std::string html;
  html.reserve(markdown.size() + markdown.size() / 4);
  md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), append_output, &html,
          MD_DIALECT_GITHUB | MD_FLAG_NOHTML, MD_HTML_FLAG_SKIP_UTF8_BOM);
  return html;
}

}  // namespace folio
