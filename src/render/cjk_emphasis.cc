#include "cjk_emphasis.h"

#include <vector>

#include "text_utils.h"

namespace folio::render_detail {
namespace {

// A delimiter run's neighbour, finer than CommonMark's three classes.
enum class Side { whitespace, punctuation, cjk_punctuation, cjk, other };

// md4c 0.4.8's level for a neighbour: 0 white space, 1 punctuation, 2 anything else.
int md4c_level(Side side) {
  switch (side) {
    case Side::whitespace:
      return 0;
    case Side::punctuation:
    case Side::cjk_punctuation:
      return 1;
    default:
      return 2;
  }
}

struct Can {
  bool open;
  bool close;
  bool operator==(const Can& other) const { return open == other.open && close == other.close; }
};

// md4c.c, md_collect_marks(): how it turns the two levels into opener/closer flags.
Can md4c_can(char delimiter, int before, int after) {
  if (delimiter == '_' && before == 2 && after == 2) return {false, false};  // intra-word '_'
  return {after > 0 && after >= before, before > 0 && before >= after};
}

// The amendment's left-/right-flanking, then CommonMark's rules 1-8 for '*' and '_'.
Can amended_can(char delimiter, Side before, Side after) {
  const bool left =
      after != Side::whitespace && (after != Side::punctuation || before != Side::other);
  const bool right =
      before != Side::whitespace && (before != Side::punctuation || after != Side::other);
  if (delimiter == '*') return {left, right};
  const auto punct = [](Side s) { return s == Side::punctuation || s == Side::cjk_punctuation; };
  return {left && (!right || punct(before)), right && (!left || punct(after))};
}

Side classify(char32_t cp) {
  if (is_unicode_whitespace(cp)) return Side::whitespace;
  const bool punct = is_punctuation(cp);
  if (is_cjk(cp)) return punct ? Side::cjk_punctuation : Side::cjk;
  return punct ? Side::punctuation : Side::other;
}

bool is_ascii_punctuation(char c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
         (c >= 123 && c <= 126);
}

struct Insertion {
  std::size_t at;
  std::string_view sentinel;
};

}  // namespace

bool apply_cjk_friendly_emphasis(std::string_view markdown, std::string& out) {
  if (markdown.find(kOtherSentinel) != std::string_view::npos ||
      markdown.find(kPunctuationSentinel) != std::string_view::npos) {
    return false;
  }
  std::vector<Insertion> insertions;
  std::size_t line_start = 0;
  std::size_t pos = 0;
  const std::size_t size = markdown.size();
  while (pos < size) {
    const char c = markdown[pos];
    if (c == '\n') {
      line_start = ++pos;
      continue;
    }
    if (c == '\\' && pos + 1 < size && is_ascii_punctuation(markdown[pos + 1])) {
      pos += 2;
      continue;
    }
    if (c != '*' && c != '_') {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < size && markdown[end] == c) ++end;

    // md4c starts each line's inlines after its block prefix ("> ", list markers end in a
    // space), and the start of a line counts as white space.
    bool at_line_start = true;
    for (std::size_t i = line_start; i < pos; ++i) {
      if (markdown[i] != ' ' && markdown[i] != '\t' && markdown[i] != '>') {
        at_line_start = false;
        break;
      }
    }
    const Side before =
        at_line_start ? Side::whitespace : classify(decode_utf8_before(markdown, pos));
    std::size_t next = end;
    const bool at_line_end = end == size || markdown[end] == '\n' || markdown[end] == '\r';
    const Side after = at_line_end ? Side::whitespace : classify(decode_utf8(markdown, next));
    const bool cjk_neighbour = before == Side::cjk || before == Side::cjk_punctuation ||
                               after == Side::cjk || after == Side::cjk_punctuation;
    if (cjk_neighbour) {
      const Can wanted = amended_can(c, before, after);
      const int level_before = md4c_level(before);
      const int level_after = md4c_level(after);
      if (!(md4c_can(c, level_before, level_after) == wanted)) {
        // A side can take a sentinel unless it is white space (the sentinel would hide it) or
        // another delimiter run (whose own neighbour would change).
        const bool can_change_before =
            level_before != 0 && markdown[pos - 1] != '*' && markdown[pos - 1] != '_';
        const bool can_change_after =
            level_after != 0 && markdown[end] != '*' && markdown[end] != '_';
        int best_cost = 3;
        int best_before = level_before;
        int best_after = level_after;
        for (const int b : {level_before, 2, 1}) {
          if (b != level_before && !can_change_before) continue;
          for (const int a : {level_after, 2, 1}) {
            if (a != level_after && !can_change_after) continue;
            const int cost = (b != level_before) + (a != level_after);
            if (cost < best_cost && md4c_can(c, b, a) == wanted) {
              best_cost = cost;
              best_before = b;
              best_after = a;
            }
          }
        }
        if (best_cost < 3) {
          if (best_before != level_before) {
            insertions.push_back({pos, best_before == 1 ? kPunctuationSentinel : kOtherSentinel});
          }
          if (best_after != level_after) {
            insertions.push_back({end, best_after == 1 ? kPunctuationSentinel : kOtherSentinel});
          }
        }
      }
    }
    pos = end;
  }
  if (insertions.empty()) return false;
  out.clear();
  out.reserve(size + insertions.size() * 3);
  std::size_t copied = 0;
  for (const Insertion& insertion : insertions) {
    out.append(markdown.data() + copied, insertion.at - copied);
    out.append(insertion.sentinel.data(), insertion.sentinel.size());
    copied = insertion.at;
  }
  out.append(markdown.data() + copied, size - copied);
  return true;
}

void append_without_sentinels(std::string& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c != 0xEE && c != 0xE2) continue;
    const std::string_view three = text.substr(i, 3);
    if (three == kOtherSentinel || three == kPunctuationSentinel) {
      out.append(text.data() + run, i - run);
      run = i + 3;
      i += 2;
    }
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace folio::render_detail
