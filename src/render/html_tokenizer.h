// A tokenizer for raw HTML found in Markdown, following the HTML Living Standard's tokenization
// states for the data state, tags, attributes, comments and bogus comments (section 13.2.5).
// It never decides safety itself: folio's allowlist (raw_html.h) looks at each token it returns
// and re-serializes what it keeps, escaping everything else as text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace folio::render_detail {

struct HtmlAttribute {
  std::string name;        // ASCII lower-cased, as browsers store it
  std::string value;       // raw: character references still encoded
  bool has_value = false;  // false for a bare name such as `disabled`
};

struct HtmlToken {
  enum class Kind {
    text,        // character data (references not yet decoded)
    start_tag,   // <name attr=...> or <name/>
    end_tag,     // </name ...>
    comment,     // <!-- ... -->, and the abruptly closed <!--> and <!--->
    bogus,       // <!DOCTYPE ...>, <![CDATA[...]]>, <?...>, </ followed by a non-letter
    incomplete,  // a tag, comment or declaration that runs to the end of the input unclosed
  };
  Kind kind = Kind::text;
  std::string_view source;                // the token as written in the input
  std::string name;                       // tags only: ASCII lower-cased
  std::vector<HtmlAttribute> attributes;  // in source order, duplicates kept (the first wins)
  bool self_closing = false;
};

class HtmlTokenizer {
 public:
  explicit HtmlTokenizer(std::string_view html) : html_(html) {}
  // Reads the next token into `token` (its storage is reused); false at the end of the input.
  bool next(HtmlToken& token);

 private:
  void read_tag(HtmlToken& token, std::size_t name_start);
  void read_comment(HtmlToken& token);
  void read_bogus(HtmlToken& token, std::size_t content_start);

  std::string_view html_;
  std::size_t pos_ = 0;
};

}  // namespace folio::render_detail
