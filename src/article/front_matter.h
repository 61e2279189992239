// Splitting an article source into front matter and body (internal to the article layer).
#pragma once

#include <string_view>

namespace folio::detail {

enum class FrontMatterKind { none, yaml, toml };

struct SplitSource {
  FrontMatterKind kind = FrontMatterKind::none;
  bool terminated = true;           // false: an opening fence without a closing one
  std::string_view front_matter;    // the text between the fences
  std::string_view body;            // everything after the closing fence (or the whole text)
  int fence_line = 1;               // 1-based line of the opening fence
  int front_matter_first_line = 0;  // 1-based line of the first front-matter line
  int body_first_line = 1;          // 1-based line where the body starts
};

// Front matter is YAML between a `---` line and the next `---` or `...` line (Jekyll, Hexo,
// Hugo), or TOML between `+++` lines (Hugo, Zola). The opening fence is the first line, after an
// optional UTF-8 BOM and blank lines (Hugo accepts those; 6 files in en-digitalgov have them).
// Lines may end in \n or \r\n; fences may carry trailing blanks.
SplitSource split_front_matter(std::string_view text);

}  // namespace folio::detail
