// Splitting an article source into front matter and body (internal to the article layer).
#pragma once

#include <string_view>

namespace folio::detail {

struct SplitSource {
  bool has_front_matter = false;
  bool terminated = true;           // false: an opening fence without a closing one
  std::string_view front_matter;    // the text between the fences
  std::string_view body;            // everything after the closing fence (or the whole text)
  int front_matter_first_line = 0;  // 1-based line of the first front-matter line
  int body_first_line = 1;          // 1-based line where the body starts
};

// Front matter is a `---` line at the very start (after an optional UTF-8 BOM), closed by the
// next `---` or `...` line. Lines may end in \n or \r\n.
SplitSource split_front_matter(std::string_view text);

}  // namespace folio::detail
