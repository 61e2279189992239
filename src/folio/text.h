// Text utilities shared by indexing and querying, so both sides see text the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace folio {

// Decodes the UTF-8 code point starting at `text[pos]`, advancing `pos`. An invalid or
// truncated sequence yields U+FFFD and advances one byte, so callers always make progress.
char32_t next_code_point(std::string_view text, std::size_t& pos);

// Appends `cp` encoded as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
// On failure `error_offset` (if given) is the byte offset of the first bad sequence.
bool is_valid_utf8(std::string_view text, std::size_t* error_offset = nullptr);

// The largest offset <= `pos` that starts a code point (never splits a character).
std::size_t utf8_floor(std::string_view text, std::size_t pos);

// Ideographs and syllabaries written without spaces (Han, Kana, Hangul, CJK punctuation is
// not included): a query run of these matches as a substring, not as a word.
bool is_cjk(char32_t cp);

// Letters and digits of alphabetic scripts: a run of these is a word.
bool is_word_char(char32_t cp);

// The form both the index and the query are compared in. Equal-length for now (ASCII case
// folding); folio 4 replaces it with NFKC + case folding + Traditional-to-Simplified.
std::string normalize_for_search(std::string_view text);

// Escapes &, <, >, " and ' for HTML text and attribute values.
void append_html_escaped(std::string& out, std::string_view text);
std::string html_escape(std::string_view text);

}  // namespace folio
