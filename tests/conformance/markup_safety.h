// A structural check of folio's safe-mode output: what in a string of HTML could run script or
// load something an article should not. Independent of the renderer's own allowlist code: it
// lists what folio may write and tests URLs with its own plain rules, so a bug in one is not
// hidden by the same bug in the other. (The browser tests check the real DOM as well.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace folio::test_support {

// One line per problem ("<iframe> is not an element folio writes", "href=\"javascript:...\"");
// empty when the HTML is safe to put into a page with innerHTML.
std::vector<std::string> executable_markup(std::string_view html);

}  // namespace folio::test_support
