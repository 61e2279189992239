// HTML normalization for comparing renderers with spec examples: a C++ port of the rules of
// normalize.py, which md4c's and cmark's spec runners use (md4c 0.4.8, test/normalize.py), so
// the counts here mean what md4c's own runs mean. tests/conformance/cli_conformance.py runs
// the same examples through `folio render` and md4c's normalize.py itself as a cross-check.
#pragma once

#include <string>
#include <string_view>

namespace folio::test_support {

// Whitespace collapsed outside <pre> and dropped around block-level tags, attributes sorted,
// self-closing tags written as start tags, character references decoded with < > & " kept as
// references.
std::string normalize_html(std::string_view html);

}  // namespace folio::test_support
