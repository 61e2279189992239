#include "text_utils.h"

#include <array>
#include <cstring>

namespace folio::render_detail {
namespace {

// Length of a well-formed sequence starting at `pos`, or 0 (RFC 3629: no overlongs, no
// surrogates, nothing past U+10FFFF).
std::size_t valid_sequence_length(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  const std::size_t left = text.size() - pos;
  const auto cont = [&](std::size_t i) { return (byte(pos + i) & 0xC0) == 0x80; };
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && cont(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (left < 3 || !cont(1) || !cont(2)) return 0;
    const unsigned char second = byte(pos + 1);
    if (lead == 0xE0 && second < 0xA0) return 0;  // overlong
    if (lead == 0xED && second > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (left < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    const unsigned char second = byte(pos + 1);
    if (lead == 0xF0 && second < 0x90) return 0;  // overlong
    if (lead == 0xF4 && second > 0x8F) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

struct Range {
  char32_t first;
  char32_t last;
};

template <std::size_t N>
bool in_ranges(const Range (&ranges)[N], char32_t cp) {
  std::size_t lo = 0;
  std::size_t hi = N;
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (cp < ranges[mid].first) {
      hi = mid;
    } else if (cp > ranges[mid].last) {
      lo = mid + 1;
    } else {
      return true;
    }
  }
  return false;
}

// md4c 0.4.8's PUNCT_MAP entries (Unicode categories Pc Pd Pe Pf Pi Po Ps) for Latin-1, General
// Punctuation, Supplemental Punctuation and the CJK blocks; sorted for the binary search.
constexpr Range kPunctuation[] = {
    {0x00A1, 0x00A1}, {0x00A7, 0x00A7}, {0x00AB, 0x00AB}, {0x00B6, 0x00B7}, {0x00BB, 0x00BB},
    {0x00BF, 0x00BF}, {0x2010, 0x2027}, {0x2030, 0x2043}, {0x2045, 0x2051}, {0x2053, 0x205E},
    {0x207D, 0x207E}, {0x208D, 0x208E}, {0x2308, 0x230B}, {0x2329, 0x232A}, {0x2768, 0x2775},
    {0x27C5, 0x27C6}, {0x27E6, 0x27EF}, {0x2983, 0x2998}, {0x29D8, 0x29DB}, {0x29FC, 0x29FD},
    {0x2E00, 0x2E2E}, {0x2E30, 0x2E4F}, {0x2E52, 0x2E52}, {0x3001, 0x3003}, {0x3008, 0x3011},
    {0x3014, 0x301F}, {0x3030, 0x3030}, {0x303D, 0x303D}, {0x30A0, 0x30A0}, {0x30FB, 0x30FB},
    {0xFE10, 0xFE19}, {0xFE30, 0xFE52}, {0xFE54, 0xFE61}, {0xFE63, 0xFE63}, {0xFE68, 0xFE68},
    {0xFE6A, 0xFE6B}, {0xFF01, 0xFF03}, {0xFF05, 0xFF0A}, {0xFF0C, 0xFF0F}, {0xFF1A, 0xFF1B},
    {0xFF1F, 0xFF20}, {0xFF3B, 0xFF3D}, {0xFF3F, 0xFF3F}, {0xFF5B, 0xFF5B}, {0xFF5D, 0xFF5D},
    {0xFF5F, 0xFF65},
};

// East Asian Width W/F/H blocks (UAX #11) plus Hangul, without the emoji that are also wide.
constexpr Range kCjk[] = {
    {0x1100, 0x11FF},   {0x2E80, 0x2FDF},   {0x2FF0, 0x303E},   {0x3041, 0x33FF},
    {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},
    {0xAC00, 0xD7A3},   {0xD7B0, 0xD7FF},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFF61, 0xFFDC},   {0xFFE0, 0xFFE6},
    {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF}, {0x1AFF0, 0x1B2FF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

constexpr std::array<bool, 256> make_html_escape_table() {
  std::array<bool, 256> table{};
  table['&'] = table['<'] = table['>'] = table['"'] = true;
  return table;
}

constexpr std::array<bool, 256> make_url_escape_table() {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    table[c] = !alnum;
  }
  for (const char c : std::string_view("-_.+!*(),%#@?=;:/$")) {
    table[static_cast<unsigned char>(c)] = false;
  }
  return table;
}

constexpr std::array<bool, 256> kHtmlEscape = make_html_escape_table();
constexpr std::array<bool, 256> kUrlEscape = make_url_escape_table();

}  // namespace

char32_t decode_utf8(std::string_view text, std::size_t& pos) {
  const std::size_t length = valid_sequence_length(text, pos);
  const auto byte = [&](std::size_t i) { return static_cast<char32_t>(text[pos + i] & 0xFF); };
  char32_t cp = kReplacementCharacter;
  switch (length) {
    case 1:
      cp = byte(0);
      break;
    case 2:
      cp = ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
      break;
    case 3:
      cp = ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
      break;
    case 4:
      cp = ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) |
           (byte(3) & 0x3F);
      break;
    default:
      break;
  }
  pos += length == 0 ? 1 : length;
  return cp;
}

char32_t decode_utf8_before(std::string_view text, std::size_t end) {
  std::size_t start = end - 1;
  // Step back over at most three continuation bytes to the lead byte.
  while (start > 0 && end - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  std::size_t pos = start;
  const char32_t cp = decode_utf8(text, pos);
  return pos == end ? cp : kReplacementCharacter;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementCharacter;
  char bytes[4];
  std::size_t n = 0;
  if (cp < 0x80) {
    bytes[n++] = static_cast<char>(cp);
  } else if (cp < 0x800) {
    bytes[n++] = static_cast<char>(0xC0 | (cp >> 6));
    bytes[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    bytes[n++] = static_cast<char>(0xE0 | (cp >> 12));
    bytes[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    bytes[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    bytes[n++] = static_cast<char>(0xF0 | (cp >> 18));
    bytes[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    bytes[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    bytes[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  }
  out.append(bytes, n);
}

namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
constexpr std::uint64_t kOnes = 0x0101010101010101ull;

std::uint64_t load8(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

// Non-zero iff some byte of `word` equals `byte` (the classic SWAR zero-byte test).
std::uint64_t has_byte(std::uint64_t word, unsigned char byte) {
  const std::uint64_t x = word ^ (kOnes * byte);
  return (x - kOnes) & ~x & kHighBits;
}

}  // namespace

void append_utf16(std::u16string& out, std::string_view text) {
  const std::size_t start = out.size();
  out.resize(start + text.size());  // never more code units than bytes
  char16_t* to = out.data() + start;
  const char* p = text.data();
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    if (i + 8 <= size && (load8(p + i) & kHighBits) == 0) {
      for (int k = 0; k < 8; ++k) *to++ = static_cast<char16_t>(p[i + k]);
      i += 8;
      continue;
    }
    const unsigned char lead = static_cast<unsigned char>(p[i]);
    if (lead < 0x80) {
      *to++ = lead;
      ++i;
      continue;
    }
    if (lead >= 0xE1 && lead <= 0xEC && i + 2 < size &&
        (static_cast<unsigned char>(p[i + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(p[i + 2]) & 0xC0) == 0x80) {  // most CJK
      *to++ = static_cast<char16_t>(((lead & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) |
                                    (p[i + 2] & 0x3F));
      i += 3;
      continue;
    }
    const char32_t cp = decode_utf8(text, i);
    if (cp >= 0x10000) {
      *to++ = static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      *to++ = static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      *to++ = static_cast<char16_t>(cp);
    }
  }
  out.resize(static_cast<std::size_t>(to - out.data()));
}

bool is_unicode_whitespace(char32_t cp) {
  switch (cp) {
    case ' ':
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

bool is_punctuation(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) ||
           (cp >= 123 && cp <= 126);
  }
  return in_ranges(kPunctuation, cp);
}

bool is_cjk(char32_t cp) { return cp >= 0x1100 && in_ranges(kCjk, cp); }

void append_html_escaped(std::string& out, std::string_view text) {
  const char* data = text.data();
  const std::size_t size = text.size();
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < size) {
    // Skip eight bytes at a time while none of them is & < > or ".
    if (i + 8 <= size) {
      const std::uint64_t word = load8(data + i);
      if ((has_byte(word, '&') | has_byte(word, '<') | has_byte(word, '>') | has_byte(word, '"')) ==
          0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = static_cast<unsigned char>(data[i]);
    if (!kHtmlEscape[c]) {
      ++i;
      continue;
    }
    out.append(data + run, i - run);
    switch (c) {
      case '&':
        out.append("&amp;", 5);
        break;
      case '<':
        out.append("&lt;", 4);
        break;
      case '>':
        out.append("&gt;", 4);
        break;
      default:
        out.append("&quot;", 6);
        break;
    }
    run = ++i;
  }
  out.append(data + run, size - run);
}

void append_url_escaped(std::string& out, std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const char* data = url.data();
  const std::size_t size = url.size();
  std::size_t run = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const unsigned char c = static_cast<unsigned char>(data[i]);
    if (!kUrlEscape[c]) continue;
    out.append(data + run, i - run);
    if (c == '&') {
      out.append("&amp;", 5);
    } else {
      const char escaped[3] = {'%', kHex[c >> 4], kHex[c & 0xF]};
      out.append(escaped, 3);
    }
    run = i + 1;
  }
  out.append(data + run, size - run);
}

}  // namespace folio::render_detail
