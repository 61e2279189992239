// md4c-html, the renderer folio replaced, as the reference folio's trusted mode must equal byte
// for byte (conformance, corpora.*) and as the baseline of render_speed.
#pragma once

#include <string>
#include <string_view>

namespace folio::test_support {

// md4c-html's output for `markdown` with the md4c flags of folio's MarkdownExtension bits;
// `raw_html` false adds MD_FLAG_NOHTML (what folio 1 shipped).
std::string md4c_html(std::string_view markdown, unsigned extensions, bool raw_html = true);

}  // namespace folio::test_support
