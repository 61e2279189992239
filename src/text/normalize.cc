#include <utf8proc.h>
#include <algorithm>
#include <array>

#include <folio/text.h>

namespace folio {
namespace {

struct FoldPair {
  char32_t from;
  char32_t to;
};

// {traditional, simplified}, sorted; generated at build time (scripts/gen-t2s-table.mjs).
constexpr FoldPair kTraditionalToSimplified[] = {
#include "t2s_table.inc"
};

// NFKC + case folding, without the default ignorables (ZWSP, soft hyphen, ZWJ...), which
// must not split or separate words.
constexpr auto kNormalizeOptions = static_cast<utf8proc_option_t>(
    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);

bool is_starter(char32_t cp) {
  return utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->combining_class == 0;
}

// A code point that NFKC + case folding leave as it is, for the common cases that make up
// nearly all of the corpora (lower-case ASCII, the main Han blocks): they skip utf8proc.
bool is_stable(char32_t cp) {
  return (cp < 0x80 && !(cp >= 'A' && cp <= 'Z')) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0x3400 && cp <= 0x4DBF);
}

constexpr char32_t kBitmapFirst = 0x3400;
constexpr char32_t kBitmapEnd = 0xA000;

// One bit per code point of U+3400..U+9FFF: set when the table maps it. Nearly all Han in a
// Simplified text has no entry, and the bit says so without a binary search.
struct FoldBitmap {
  std::array<std::uint64_t, (kBitmapEnd - kBitmapFirst + 63) / 64> bits{};
  FoldBitmap() {
    for (const FoldPair& pair : kTraditionalToSimplified) {
      if (pair.from >= kBitmapFirst && pair.from < kBitmapEnd) {
        const char32_t i = pair.from - kBitmapFirst;
        bits[i / 64] |= std::uint64_t{1} << (i % 64);
      }
    }
  }
};
const FoldBitmap kFoldBitmap;

// True when `cp` is certainly a starter (combining class 0) without asking utf8proc: nothing
// below U+0300 combines, and neither do the Han blocks.
bool is_plain_starter(char32_t cp) { return cp < 0x300 || (cp >= 0x3400 && cp <= 0x9FFF); }

}  // namespace

char32_t fold_traditional(char32_t cp) {
  if (cp < kTraditionalToSimplified[0].from) return cp;
  if (cp >= kBitmapFirst && cp < kBitmapEnd) {
    const char32_t i = cp - kBitmapFirst;
    if (((kFoldBitmap.bits[i / 64] >> (i % 64)) & 1) == 0) return cp;
  }
  const auto* end = std::end(kTraditionalToSimplified);
  const auto* it =
      std::lower_bound(std::begin(kTraditionalToSimplified), end, cp,
                       [](const FoldPair& pair, char32_t key) { return pair.from < key; });
  return it != end && it->from == cp ? it->to : cp;
}

bool detail::is_word_char_outside_ascii(char32_t cp) {
  if (is_cjk(cp)) return false;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

namespace {

// Normalises one cluster at a time (a starter and the combining marks after it), the unit NFKC
// composes within, so each output character knows the original bytes it came from. Calls
// `sink(cp, begin, end)` per output character; stops early when the sink returns false. Both
// normalize_with_offsets and scan_tokens run on this one loop, so they can never disagree.
template <typename Sink>
void for_each_normalized(std::string_view text, Sink&& sink) {
  std::vector<utf8proc_int32_t> cluster;
  std::array<utf8proc_int32_t, 64> buffer{};
  std::vector<utf8proc_int32_t> decomposed;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto begin = static_cast<std::uint32_t>(pos);
    const char32_t first = next_code_point(text, pos);
    if (first < 0x80 || is_stable(first)) {
      std::size_t peek = pos;
      if (pos >= text.size() || static_cast<unsigned char>(text[pos]) < 0x80 ||
          is_plain_starter(next_code_point(text, peek))) {  // no combining mark follows
        const char32_t folded = first >= 'A' && first <= 'Z' ? first - 'A' + 'a' : first;
        if (!sink(fold_traditional(folded), begin, static_cast<std::uint32_t>(pos))) return;
        continue;
      }
    }
    cluster.assign(1, static_cast<utf8proc_int32_t>(first));
    while (pos < text.size()) {
      std::size_t next = pos;
      const char32_t cp = next_code_point(text, next);
      if (is_starter(cp)) break;
      cluster.push_back(static_cast<utf8proc_int32_t>(cp));
      pos = next;
    }
    const auto end = static_cast<std::uint32_t>(pos);
    if (cluster.size() == 1 && is_stable(first)) {
      if (!sink(fold_traditional(first), begin, end)) return;
      continue;
    }
    decomposed.clear();
    for (const utf8proc_int32_t cp : cluster) {
      int boundclass = UTF8PROC_BOUNDCLASS_START;
      const utf8proc_ssize_t n =
          utf8proc_decompose_char(cp, buffer.data(), static_cast<utf8proc_ssize_t>(buffer.size()),
                                  kNormalizeOptions, &boundclass);
      if (n < 0 || static_cast<std::size_t>(n) > buffer.size()) {
        decomposed.push_back(cp);  // cannot happen for valid code points; keep it unchanged
      } else {
        decomposed.insert(decomposed.end(), buffer.begin(), buffer.begin() + n);
      }
    }
    if (decomposed.empty()) continue;  // ignorable: dropped
    const utf8proc_ssize_t n = utf8proc_normalize_utf32(
        decomposed.data(), static_cast<utf8proc_ssize_t>(decomposed.size()), kNormalizeOptions);
    const std::size_t count = n < 0 ? decomposed.size() : static_cast<std::size_t>(n);
    for (std::size_t i = 0; i < count; ++i) {
      if (!sink(fold_traditional(static_cast<char32_t>(decomposed[i])), begin, end)) return;
    }
  }
}

}  // namespace

NormalizedText normalize_with_offsets(std::string_view text) {
  NormalizedText out;
  // Chinese takes 3 bytes a character: half the bytes is enough for most text, and a smaller
  // block avoids fresh pages (and their faults) on every call.
  const std::size_t expected = text.size() / 2 + 16;
  out.chars.reserve(expected);
  out.source_begin.reserve(expected);
  out.source_end.reserve(expected);
  for_each_normalized(text, [&out](char32_t cp, std::uint32_t begin, std::uint32_t end) {
    out.chars.push_back(cp);
    out.source_begin.push_back(begin);
    out.source_end.push_back(end);
    return true;
  });
  return out;
}

void scan_tokens(std::string_view text, const TokenSink& sink) {
  std::uint32_t index = 0;
  bool in_word = false;
  std::uint32_t word_begin = 0;
  std::uint32_t word_end = 0;
  bool go_on = true;
  for_each_normalized(text, [&](char32_t cp, std::uint32_t begin, std::uint32_t end) {
    const bool word = !is_cjk(cp) && is_word_char(cp);
    if (word) {
      if (!in_word) word_begin = begin;
      in_word = true;
      word_end = end;
      return true;
    }
    if (in_word) {
      in_word = false;
      go_on = sink(index++, word_begin, word_end);
      if (!go_on) return false;
    }
    if (is_cjk(cp)) go_on = sink(index++, begin, end);
    return go_on;
  });
  if (go_on && in_word) sink(index, word_begin, word_end);
}

void scan_terms(std::string_view text, const TermSink& sink) {
  std::string word;  // the word being read, normalised, in UTF-8
  std::uint32_t word_begin = 0;
  bool in_word = false;
  // A CJK character's term is the bigram it starts: it waits for the next character.
  char32_t waiting = 0;
  std::uint32_t waiting_begin = 0;
  bool has_waiting = false;
  std::string bigram;
  const auto flush_waiting = [&](char32_t next) {
    bigram.clear();
    append_utf8(bigram, waiting);
    if (is_cjk(next)) append_utf8(bigram, next);
    has_waiting = false;
    sink(bigram, waiting_begin);
  };
  for_each_normalized(text, [&](char32_t cp, std::uint32_t begin, std::uint32_t) {
    if (has_waiting) flush_waiting(cp);
    if (is_cjk(cp)) {
      if (in_word) {
        in_word = false;
        sink(word, word_begin);
      }
      waiting = cp;
      waiting_begin = begin;
      has_waiting = true;
    } else if (is_word_char(cp)) {
      if (!in_word) {
        in_word = true;
        word.clear();
        word_begin = begin;
      }
      append_utf8(word, cp);
    } else if (in_word) {
      in_word = false;
      sink(word, word_begin);
    }
    return true;
  });
  if (has_waiting) flush_waiting(0);
  if (in_word) sink(word, word_begin);
}

std::string normalize_for_search(std::string_view text) {
  const NormalizedText normalized = normalize_with_offsets(text);
  std::string out;
  out.reserve(normalized.chars.size());
  for (const char32_t cp : normalized.chars) append_utf8(out, cp);
  return out;
}

std::vector<Token> tokenize(std::u32string_view chars) {
  std::vector<Token> tokens;
  tokens.reserve(chars.size() / 2 + 1);
  const auto size = static_cast<std::uint32_t>(chars.size());
  for (std::uint32_t i = 0; i < size;) {
    const char32_t cp = chars[i];
    if (is_cjk(cp)) {
      tokens.push_back({i, i + 1, true});
      ++i;
    } else if (is_word_char(cp)) {
      const std::uint32_t begin = i;
      while (i < size && is_word_char(chars[i])) ++i;
      tokens.push_back({begin, i, false});
    } else {
      ++i;
    }
  }
  return tokens;
}

std::string token_term(std::u32string_view chars, const Token& token) {
  std::string term;
  token_term(chars, token, term);
  return term;
}

void token_term(std::u32string_view chars, const Token& token, std::string& term) {
  term.clear();
  if (token.cjk) {
    append_utf8(term, chars[token.begin]);
    if (token.end < chars.size() && is_cjk(chars[token.end])) append_utf8(term, chars[token.end]);
    return;
  }
  for (std::uint32_t i = token.begin; i < token.end; ++i) append_utf8(term, chars[i]);
}

}  // namespace folio
