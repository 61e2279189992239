#include "heading_ids.h"

#include "text_utils.h"

namespace folio::render_detail {
namespace {

// Symbols and invisible characters a slug drops besides punctuation: arrows, math, technical,
// box drawing, dingbats and emoji blocks, zero-width characters and variation selectors.
bool is_dropped_symbol(char32_t cp) {
  return (cp >= 0x00A2 && cp <= 0x00BF) || cp == 0x00D7 || cp == 0x00F7 ||
         (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x206F) ||
         (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2100 && cp <= 0x214F) ||
         (cp >= 0x2190 && cp <= 0x2BFF) || cp == 0x3004 || cp == 0x3012 || cp == 0x3013 ||
         cp == 0x3020 || cp == 0x3036 || cp == 0x3037 || cp == 0x303E || cp == 0x303F ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || (cp >= 0xFFE0 && cp <= 0xFFEE) ||
         (cp >= 0xFFF0 && cp <= 0xFFFF) || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
         (cp >= 0xE0000 && cp <= 0xE01EF);
}

}  // namespace

std::string slugify(std::string_view text) {
  std::string slug;
  slug.reserve(text.size());
  bool pending_separator = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = decode_utf8(text, pos);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII, as NFKC folds it
    if (is_unicode_whitespace(cp) || cp == '-') {
      pending_separator = !slug.empty();
      continue;
    }
    if (cp < 0x80) {
      const bool keep = (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '_';
      const bool upper = cp >= 'A' && cp <= 'Z';
      if (!keep && !upper) continue;
      if (pending_separator) slug += '-';
      pending_separator = false;
      slug += static_cast<char>(upper ? cp - 'A' + 'a' : cp);
      continue;
    }
    if (is_punctuation(cp) || is_dropped_symbol(cp) || cp == kReplacementCharacter) continue;
    if (pending_separator) slug += '-';
    pending_separator = false;
    append_utf8(slug, cp);
  }
  return slug.empty() ? "section" : slug;
}

std::string HeadingIds::next(std::string_view text) {
  const std::string base = slugify(text);
  std::string id = base;
  if (used_.count(id) != 0) {
    unsigned& n = next_suffix_[base];
    do {
      id = base + "-" + std::to_string(++n);
    } while (used_.count(id) != 0);
  }
  used_.insert(id);
  return id;
}

}  // namespace folio::render_detail
