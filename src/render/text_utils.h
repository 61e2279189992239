// Byte- and code-point-level helpers the renderer shares: UTF-8 decoding, the character classes
// CommonMark's emphasis rules and heading slugs need, and HTML/URL escaping as md4c-html does it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace folio::render_detail {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the code point at `pos` and advances `pos` past it. Invalid or truncated sequences
// decode as U+FFFD and advance one byte, so a loop over this always terminates.
char32_t decode_utf8(std::string_view text, std::size_t& pos);
// The code point that ends just before `end` (U+FFFD for invalid bytes); `end` must be > 0.
char32_t decode_utf8_before(std::string_view text, std::size_t end);
// Appends the UTF-8 form of `cp`; NUL, surrogates and values past U+10FFFF become U+FFFD, so
// the output is always valid UTF-8 (md4c-html would write surrogates as they are).
void append_utf8(std::string& out, char32_t cp);

// Appends `text` (UTF-8; invalid bytes become U+FFFD) as UTF-16 code units. JS engines turn
// UTF-16 into a string with little more than a copy, and decoding UTF-8 full of CJK text was the
// slowest step of rendering in the browser (README.md, web/README.md).
void append_utf16(std::u16string& out, std::string_view text);

// Unicode whitespace as CommonMark and md4c define it: ASCII white space and category Zs.
bool is_unicode_whitespace(char32_t cp);
// Punctuation as md4c 0.4.8 classifies it (general category P) for the scripts folio's corpora
// use: ASCII, Latin-1, General and Supplemental Punctuation, and the CJK blocks. Exotic scripts'
// punctuation counts as "other", which only matters to the opt-in CJK emphasis pre-pass.
bool is_punctuation(char32_t cp);
// A CJK character in the sense of the CJK-friendly amendment (commonmark-spec#650): East Asian
// Width W, F or H (ideographs, kana, Hangul, full-width forms, CJK punctuation), emoji excluded.
bool is_cjk(char32_t cp);

// Appends `text` with & < > " escaped: safe as element content and inside a double-quoted
// attribute value. The scan finds runs that need no escaping and appends each run at once.
void append_html_escaped(std::string& out, std::string_view text);
// Appends a URL the way md4c-html writes href/src: bytes outside [A-Za-z0-9] and
// -_.+!*(),%#@?=;:/$ are percent-encoded (so no quote, space, control or backslash survives)
// and & becomes &amp;.
void append_url_escaped(std::string& out, std::string_view url);

}  // namespace folio::render_detail
