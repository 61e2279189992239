#include "entities.h"

#include <cstddef>

#include "text_utils.h"

// entity.h is not installed by Debian's libmd4c-html-dev, but entity_lookup is exported by its
// libmd4c-html.so and compiled from md4c's entity.c in the WASM build; the declaration below is
// entity.h's, md4c 0.4.8.
extern "C" {
struct entity {
  const char* name;
  unsigned codepoints[2];
};
const struct entity* entity_lookup(const char* name, size_t name_size);
}

namespace folio::render_detail {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses "&#...;" / "&#x...;" (the ';' optional) at the start of `text`. Returns the length
// consumed, 0 if it is not a numeric reference.
std::size_t numeric_reference(std::string_view text, char32_t& cp) {
  if (text.size() < 3 || text[0] != '&' || text[1] != '#') return 0;
  const bool hex = text[2] == 'x' || text[2] == 'X';
  std::size_t pos = hex ? 3 : 2;
  const std::size_t digits_start = pos;
  unsigned long value = 0;
  for (; pos < text.size(); ++pos) {
    const int digit =
        hex ? hex_value(text[pos]) : (text[pos] >= '0' && text[pos] <= '9' ? text[pos] - '0' : -1);
    if (digit < 0) break;
    // Past U+10FFFF the value only has to stay invalid, not exact.
    if (value <= 0x10FFFF) value = value * (hex ? 16 : 10) + static_cast<unsigned long>(digit);
  }
  if (pos == digits_start) return 0;
  cp = value > 0x10FFFF ? kReplacementCharacter : static_cast<char32_t>(value);
  if (pos < text.size() && text[pos] == ';') ++pos;
  return pos;
}

}  // namespace

bool append_entity(std::string& out, std::string_view reference) {
  char32_t cp = 0;
  if (numeric_reference(reference, cp) == reference.size() && !reference.empty()) {
    append_utf8(out, cp);
    return true;
  }
  const struct entity* found = entity_lookup(reference.data(), reference.size());
  if (found == nullptr || found->name[reference.size()] != '\0') return false;
  append_utf8(out, found->codepoints[0]);
  if (found->codepoints[1] != 0) append_utf8(out, found->codepoints[1]);
  return true;
}

void append_decoded(std::string& out, std::string_view text) {
  std::size_t run = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t amp = text.find('&', pos);
    if (amp == std::string_view::npos) break;
    std::size_t length = 0;
    char32_t cp = 0;
    if ((length = numeric_reference(text.substr(amp), cp)) != 0) {
      out.append(text.data() + run, amp - run);
      append_utf8(out, cp);
    } else {
      std::size_t end = amp + 1;
      while (end < text.size() && end - amp < 40 && is_ascii_alnum(text[end])) ++end;
      if (end < text.size() && text[end] == ';' && end > amp + 1) {
        const std::size_t reference_end = end + 1;
        std::string decoded;
        if (append_entity(decoded, text.substr(amp, reference_end - amp))) {
          out.append(text.data() + run, amp - run);
          out += decoded;
          length = reference_end - amp;
        }
      }
    }
    if (length == 0) {
      pos = amp + 1;
      continue;
    }
    pos = amp + length;
    run = pos;
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace folio::render_detail
