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

void emit(NormalizedText& out, char32_t cp, std::uint32_t begin, std::uint32_t end) {
  out.chars.push_back(fold_traditional(cp));
  out.source_begin.push_back(begin);
  out.source_end.push_back(end);
}

}  // namespace

char32_t fold_traditional(char32_t cp) {
  if (cp < kTraditionalToSimplified[0].from) return cp;
  const auto* end = std::end(kTraditionalToSimplified);
  const auto* it =
      std::lower_bound(std::begin(kTraditionalToSimplified), end, cp,
                       [](const FoldPair& pair, char32_t key) { return pair.from < key; });
  return it != end && it->from == cp ? it->to : cp;
}

bool is_word_char(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }
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

// Normalises one cluster at a time (a starter and the combining marks after it), the unit NFKC
// composes within, so each output character knows the original bytes it came from.
NormalizedText normalize_with_offsets(std::string_view text) {
  NormalizedText out;
  out.chars.reserve(text.size());
  out.source_begin.reserve(text.size());
  out.source_end.reserve(text.size());
  std::vector<utf8proc_int32_t> cluster;
  std::array<utf8proc_int32_t, 64> buffer{};
  std::vector<utf8proc_int32_t> decomposed;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto begin = static_cast<std::uint32_t>(pos);
    const char32_t first = next_code_point(text, pos);
    const bool next_is_ascii = pos >= text.size() || static_cast<unsigned char>(text[pos]) < 0x80;
    if (next_is_ascii && (first < 0x80 || is_stable(first))) {  // the next one is a starter
      const char32_t folded = first >= 'A' && first <= 'Z' ? first - 'A' + 'a' : first;
      emit(out, folded, begin, static_cast<std::uint32_t>(pos));
      continue;
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
      emit(out, first, begin, end);
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
      emit(out, static_cast<char32_t>(decomposed[i]), begin, end);
    }
  }
  return out;
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
  if (token.cjk) {
    append_utf8(term, chars[token.begin]);
    if (token.end < chars.size() && is_cjk(chars[token.end])) append_utf8(term, chars[token.end]);
    return term;
  }
  for (std::uint32_t i = token.begin; i < token.end; ++i) append_utf8(term, chars[i]);
  return term;
}

}  // namespace folio
