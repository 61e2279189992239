// Text utilities shared by indexing and querying, so both sides see text the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace folio {

namespace detail {
char32_t next_multibyte_code_point(std::string_view text, std::size_t& pos);
void append_multibyte_utf8(std::string& out, char32_t cp);
bool is_word_char_outside_ascii(char32_t cp);
}  // namespace detail

// The per-character helpers below are inline with an ASCII fast path: `folio build` calls each
// of them once per character of every article (3 million times on en-18f), and out of line they
// were a fifth of its instructions (callgrind; issue 5's build-time target).

// Decodes the UTF-8 code point starting at `text[pos]`, advancing `pos`. An invalid or
// truncated sequence yields U+FFFD and advances one byte, so callers always make progress.
inline char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) {
    ++pos;
    return byte;
  }
  return detail::next_multibyte_code_point(text, pos);
}

// Appends `cp` encoded as UTF-8.
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else {
    detail::append_multibyte_utf8(out, cp);
  }
}

// The length (1 to 4) of the well-formed UTF-8 sequence at `text[pos]` (`pos < text.size()`), or
// 0 when the bytes there are not one: a stray continuation byte, an overlong form, a surrogate, a
// value past U+10FFFF, or a sequence cut short.
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
// On failure `error_offset` (if given) is the byte offset of the first bad sequence.
bool is_valid_utf8(std::string_view text, std::size_t* error_offset = nullptr);

// The largest offset <= `pos` that starts a code point (never splits a character).
std::size_t utf8_floor(std::string_view text, std::size_t pos);

// Ideographs and syllabaries written without spaces (Han, Kana, Hangul, CJK punctuation is
// not included): a query run of these matches as a substring, not as a word.
inline bool is_cjk(char32_t cp) {
  return cp >= 0x3040 && ((cp <= 0x30FF) ||                   // Hiragana, Katakana
                          (cp >= 0x3100 && cp <= 0x312F) ||   // Bopomofo
                          (cp >= 0x3400 && cp <= 0x4DBF) ||   // CJK Extension A
                          (cp >= 0x4E00 && cp <= 0x9FFF) ||   // CJK Unified Ideographs
                          (cp >= 0xAC00 && cp <= 0xD7AF) ||   // Hangul syllables
                          (cp >= 0xF900 && cp <= 0xFAFF) ||   // CJK Compatibility Ideographs
                          (cp >= 0x20000 && cp <= 0x3FFFF));  // Extensions B and later
}

// Letters, marks and digits of every script that is not CJK (Unicode categories L*, M*, N*):
// a run of these is a word ("3G", "iPhone5s", "Привет").
inline bool is_word_char(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }
  return detail::is_word_char_outside_ascii(cp);
}

// Text in the form the index and the query are compared in: NFKC, Unicode case folding and
// default-ignorable code points removed (utf8proc), then Traditional Han folded to Simplified
// (a table generated from OpenCC's data at build time). `source_begin[i]`..`source_end[i]` is
// the byte range of the original text that `chars[i]` came from, so a match in normalised text
// can be marked in the original (one original character may give several, e.g. "①" -> "1").
struct NormalizedText {
  std::u32string chars;
  std::vector<std::uint32_t> source_begin;
  std::vector<std::uint32_t> source_end;
};
NormalizedText normalize_with_offsets(std::string_view text);

// normalize_with_offsets(text).chars as UTF-8.
std::string normalize_for_search(std::string_view text);

// The Simplified form of a Traditional Han character; any other code point is returned as is.
char32_t fold_traditional(char32_t cp);

// Tokens of normalised text, in order; each token takes the next position. A word token is a
// maximal run of word characters; every CJK character is a token of its own, whose index term
// is the bigram it starts (itself and the next character, when that one is CJK too) or the
// character alone at the end of a CJK run. Other characters separate tokens.
struct Token {
  std::uint32_t begin = 0;  // index into NormalizedText::chars
  std::uint32_t end = 0;    // one past the last character of the token itself
  bool cjk = false;
};
std::vector<Token> tokenize(std::u32string_view chars);

// The tokens of `text` as tokenize(normalize_with_offsets(text).chars) finds them, streamed
// without building either: `sink(index, begin, end)` gets each token's number and its byte
// range in `text`, and stops the scan by returning false. Snippets use it to place matches
// without normalising a whole article.
using TokenSink = std::function<bool(std::uint32_t index, std::uint32_t begin, std::uint32_t end)>;
void scan_tokens(std::string_view text, const TokenSink& sink);

// The index terms of `text`, in token order, as token_term(tokenize(normalize_with_offsets(text)
// .chars)) gives them, streamed on the same loop: `sink(term, begin)` gets each term and the byte
// offset in `text` where its token starts. The index builder uses it instead of building the
// three arrays and the tokens of every field and re-encoding each term: 4 % of `folio build`'s
// instructions on en-rust-blog-toml (callgrind, issue 5's build-time target). fuzz_query checks
// that it agrees with tokenize for any text.
using TermSink = std::function<void(std::string_view term, std::uint32_t begin)>;
void scan_terms(std::string_view text, const TermSink& sink);

// The index term of `token`: the word, or the CJK bigram / run-final character, in UTF-8.
std::string token_term(std::u32string_view chars, const Token& token);
// The same into `term` (cleared first), whose buffer is reused from token to token.
void token_term(std::u32string_view chars, const Token& token, std::string& term);

// Optional English stemming (Snowball's "english" algorithm, libstemmer 2.2.0). Only a word of
// lower-case ASCII letters (a normalised English word) is English here: "3g", "iphone5s" and
// other scripts keep their exact form.
bool is_english_word(std::string_view word);
// The stem of an English word ("running" -> "run", "phones" -> "phone"); any other word as is.
std::string english_stem(std::string_view word);

// Escapes &, <, >, " and ' for HTML text and attribute values.
void append_html_escaped(std::string& out, std::string_view text);
std::string html_escape(std::string_view text);

}  // namespace folio
