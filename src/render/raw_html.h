// Raw HTML in an untrusted article: an allowlist decided per tag on the tokens of a real HTML
// tokenizer. Kept tags are re-serialized by folio (lower-case names, allowlisted attributes with
// decoded, checked and re-escaped values); everything else is escaped and shown as text, and
// comments are dropped. The browser therefore only ever parses tags folio wrote itself: no
// tokenizer difference between folio and a browser can turn text into markup.
// The allowlist is listed in README.md ("Raw HTML in articles"); a test keeps the two in step.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "html_tokenizer.h"

namespace folio::render_detail {

// One allowlisted attribute of one tag, for documentation and tests.
struct AllowedAttribute {
  std::string_view tag;  // "*" for every allowed tag
  std::string_view attribute;
  std::string_view values;  // what is accepted, in words
};
const std::vector<std::string_view>& allowed_tags();
const std::vector<AllowedAttribute>& allowed_attributes();

// Appends the text a reader sees of one run of raw HTML as RawHtmlSanitizer::write shows it:
// decoded text, refused tags and declarations as written, nothing for comments and kept tags
// (a line break for kept block tags). Search indexes this (render_plain_text), so it must
// agree with write() tag for tag: both decide with the same table.
void append_visible_text(std::string& out, std::string_view html);

class RawHtmlSanitizer {
 public:
  RawHtmlSanitizer(std::string_view base_url, bool reader_extras)
      : base_url_(base_url), reader_extras_(reader_extras) {}

  // Writes one run of raw HTML: a whole HTML block, or consecutive inline raw HTML.
  void write(std::string& out, std::string_view html);

  // An element opened inside a Markdown block is closed when that block ends, so raw HTML can
  // neither close folio's own elements nor leak past the block that contains it.
  void enter_block() { floors_.push_back(open_.size()); }
  void leave_block(std::string& out);
  // Closes every element still open at the end of the document.
  void close_all(std::string& out);

 private:
  void write_start_tag(std::string& out, std::uint8_t tag);
  void write_end_tag(std::string& out, std::uint8_t tag);
  void close_down_to(std::string& out, std::size_t size);

  std::string_view base_url_;
  bool reader_extras_;
  std::vector<std::uint8_t> open_;   // indices into the tag table, innermost last
  std::vector<std::size_t> floors_;  // open_.size() when each enclosing Markdown block began
  HtmlToken token_;
  std::string scratch_;
};

}  // namespace folio::render_detail
