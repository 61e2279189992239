// Heading ids: readable, unique within a document, and a pure function of the headings' text
// and order, so the same article gets the same ids in every build (native or WASM).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace folio::render_detail {

// The slug of a heading's text: ASCII letters lower-cased, full-width ASCII folded to ASCII,
// letters and digits of every script kept as written (so 微信 stays 微信), '-' and '_' kept,
// white space runs turned into one '-', punctuation, symbols and emoji dropped. Empty -> "section".
std::string slugify(std::string_view text);

class HeadingIds {
 public:
  // The slug of `text`, with "-1", "-2", ... appended when an earlier heading took it.
  std::string next(std::string_view text);

 private:
  std::unordered_set<std::string> used_;
  // The next suffix to try per slug, so 20,000 headings with one text cost linear time.
  std::unordered_map<std::string, unsigned> next_suffix_;
};

}  // namespace folio::render_detail
