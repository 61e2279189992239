// Safe rendering: any Markdown, with any combination of render options but `trusted`, must give
// HTML that cannot run script or load what an article may not (checked by the independent
// tests/conformance/markup_safety.cc, not by the renderer's own allowlist), and the plain text
// search indexes. The first byte picks the options; the rest is the Markdown.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <folio/render.h>
#include <folio/text.h>

#include "conformance/markup_safety.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned flags = data[0];
  const std::string_view markdown(reinterpret_cast<const char*>(data + 1), size - 1);
  folio::RenderOptions options;
  options.trusted = false;
  options.extensions = (flags & 1) != 0 ? folio::kCommonMarkOnly : folio::kGithubDialect;
  options.reader_extras = (flags & 2) == 0;
  options.cjk_friendly_emphasis = (flags & 4) != 0;
  if ((flags & 8) != 0) options.base_url = "https://example.org/blog/";
  const folio::RenderedDocument document = folio::render_document(markdown, options);
  const auto problems = folio::test_support::executable_markup(document.html);
  if (!problems.empty()) {
    std::fprintf(stderr, "unsafe HTML (%s):\n%s\n", problems.front().c_str(),
                 document.html.c_str());
    std::abort();
  }
  // The allocation-friendly form must write the same HTML.
  std::string appended = "x";
  folio::render_html_into(appended, markdown, options);
  if (appended.compare(1, std::string::npos, document.html) != 0) std::abort();
  const std::string plain = folio::render_plain_text(markdown);
  // Valid UTF-8 in, valid UTF-8 out (heading ids, entities, cut text): corpus.json, --report and
  // folio.js's JSON cannot hold anything else (a yaml-cpp escape broke this for front matter).
  if (folio::is_valid_utf8(markdown)) {
    bool valid = folio::is_valid_utf8(document.html) && folio::is_valid_utf8(plain);
    for (const folio::TocEntry& entry : document.toc) {
      valid = valid && folio::is_valid_utf8(entry.id) && folio::is_valid_utf8(entry.text);
    }
    if (!valid) std::abort();
  }
  return 0;
}
