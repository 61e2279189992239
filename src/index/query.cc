// The query language: terms AND-ed; "quoted phrases"; -exclusion; author:, tag:, year:, date:
// filters; a CJK run is an exact substring; the last word may be a prefix while typing.
#include <algorithm>

#include <folio/index.h>
#include <folio/text.h>

namespace folio {
namespace {

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000;
}

// ASCII, full-width and the curly quotes a Chinese input method types.
bool is_quote(char32_t cp) { return cp == '"' || cp == 0xFF02 || cp == 0x201C || cp == 0x201D; }

bool is_minus(char32_t cp) { return cp == '-' || cp == 0xFF0D || cp == 0x2212; }

struct Item {
  std::string head;   // text before a quote ("-", "author:") or the whole unquoted item
  std::string value;  // quoted text
  bool quoted = false;
  bool open = false;  // a quote that was never closed (still being typed)
};

std::vector<Item> split_items(std::string_view query) {
  std::vector<Item> items;
  Item current;
  bool in_quote = false;
  auto flush = [&] {
    if (!current.head.empty() || current.quoted) items.push_back(current);
    current = Item{};
  };
  for (std::size_t pos = 0; pos < query.size();) {
    const std::size_t at = pos;
    const char32_t cp = next_code_point(query, pos);
    if (is_quote(cp)) {
      if (in_quote) {
        in_quote = false;
        flush();
      } else {
        const bool attaches =
            current.head.empty() || current.head == "-" || current.head.back() == ':';
        if (!attaches) flush();
        in_quote = true;
        current.quoted = true;
      }
    } else if (!in_quote && is_space(cp)) {
      flush();
    } else {
      (in_quote ? current.value : current.head).append(query.substr(at, pos - at));
    }
  }
  if (in_quote) current.open = true;
  flush();
  return items;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Builds a group from consecutive tokens of `chars`: words are exact terms; a CJK character is
// the bigram it starts when the next character is CJK too, otherwise any term starting with it
// (at the end of a run a text may continue where the query stops). A run-final character right
// after a bigram is implied by that bigram and left out.
QueryGroup make_group(const std::u32string& chars, const std::vector<Token>& tokens,
                      std::size_t from, std::size_t to) {
  QueryGroup group;
  for (std::size_t k = from; k < to; ++k) {
    const Token& token = tokens[k];
    QueryToken query_token;
    query_token.offset = static_cast<std::uint32_t>(k - from);
    query_token.text = token_term(chars, token);
    if (token.cjk) {
      const bool bigram = token.end < chars.size() && is_cjk(chars[token.end]);
      const bool covered = !group.tokens.empty() && k > from && tokens[k - 1].cjk &&
                           tokens[k - 1].end == token.begin &&
                           group.tokens.back().kind == QueryToken::Kind::term;
      if (!bigram) {
        query_token.kind = QueryToken::Kind::char_prefix;
        // The query's own next character is not CJK, so the term is the character alone.
        query_token.text.clear();
        append_utf8(query_token.text, chars[token.begin]);
        if (covered) continue;
      }
    }
    group.tokens.push_back(std::move(query_token));
  }
  group.span = static_cast<std::uint32_t>(to - from);
  if (from < to) {
    group.text = chars.substr(tokens[from].begin, tokens[to - 1].end - tokens[from].begin);
  }
  return group;
}

// A CJK bigram inside a bare run must not reach past the run's last character (the next
// character of the query may be CJK yet belong to the next run only if adjacent, which then
// makes it the same run); tokens of a bare item are split into words and CJK runs.
// Words joined by punctuation alone in one item (`2.0`, `node.js`, `e-mail`, `a_b`) are one word
// as Unicode's word boundaries read `2.0`, so they must stand in a row: AND-ing their parts made
// `包的2.0` find every post holding a "2" and a "0" (bench, zh-yihui: 11 hits for 5 true; the
// spec example "Words joined by punctuation stand in a row" in tests/spec/search.txt).
void add_bare_groups(const std::u32string& chars, const std::vector<Token>& tokens,
                     std::vector<QueryGroup>& into) {
  for (std::size_t k = 0; k < tokens.size();) {
    std::size_t end = k + 1;
    if (tokens[k].cjk) {
      while (end < tokens.size() && tokens[end].cjk && tokens[end].begin == tokens[end - 1].end) {
        ++end;
      }
    } else {
      // Items hold no spaces, so only punctuation can lie between two words of one item.
      while (end < tokens.size() && !tokens[end].cjk) ++end;
    }
    QueryGroup group = make_group(chars, tokens, k, end);
    group.cjk_run = tokens[k].cjk;
    group.phrase = !tokens[k].cjk && end - k > 1;
    into.push_back(std::move(group));
    k = end;
  }
}

// "2013", "2013-07", "2013-07-15": the first and last yyyymmddhhmmss the text covers.
bool date_bounds(std::string_view text, std::uint64_t& low, std::uint64_t& high) {
  std::uint64_t parts[3] = {0, 0, 0};
  int count = 0;
  std::size_t pos = 0;
  while (count < 3 && pos < text.size()) {
    const std::size_t width = count == 0 ? 4 : 2;
    std::size_t digits = 0;
    std::uint64_t value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && digits < width) {
      value = value * 10 + static_cast<std::uint64_t>(text[pos] - '0');
      ++pos;
      ++digits;
    }
    if (digits == 0 || (count == 0 && digits != 4)) return false;
    parts[count++] = value;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '/' || text[pos] == '.')) ++pos;
  }
  if (pos != text.size() || count == 0) return false;
  const std::uint64_t year = parts[0];
  low = year * 10000000000ull + (count > 1 ? parts[1] : 1) * 100000000ull +
        (count > 2 ? parts[2] : 1) * 1000000ull;
  high = year * 10000000000ull + (count > 1 ? parts[1] : 12) * 100000000ull +
         (count > 2 ? parts[2] : 31) * 1000000ull + 235959ull;
  return true;
}

// "A", "A..B", "A..", "..B" for year: and date:.
bool apply_range(std::string_view value, ParsedQuery& query) {
  const std::size_t dots = value.find("..");
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  std::uint64_t ignored = 0;
  if (dots == std::string_view::npos) {
    if (!date_bounds(value, low, high)) return false;
  } else {
    const std::string_view from = value.substr(0, dots);
    const std::string_view to = value.substr(dots + 2);
    if (from.empty() && to.empty()) return false;
    if (!from.empty() && !date_bounds(from, low, ignored)) return false;
    if (!to.empty() && !date_bounds(to, ignored, high)) return false;
  }
  if (low != 0) query.date_from = std::max(query.date_from, low);
  if (high != 0) query.date_to = query.date_to == 0 ? high : std::min(query.date_to, high);
  return true;
}

}  // namespace

std::uint64_t date_key(std::string_view date) {
  std::uint64_t key = 0;
  int fields = 0;
  std::size_t pos = 0;
  const int widths[] = {4, 2, 2, 2, 2, 2};
  while (fields < 6 && pos < date.size()) {
    std::uint64_t value = 0;
    int digits = 0;
    while (pos < date.size() && date[pos] >= '0' && date[pos] <= '9' && digits < widths[fields]) {
      value = value * 10 + static_cast<std::uint64_t>(date[pos] - '0');
      ++pos;
      ++digits;
    }
    if (digits != widths[fields]) break;
    key = key * (fields == 0 ? 1 : 100) + value;
    ++fields;
    if (pos < date.size() && (date[pos] == '-' || date[pos] == '/' || date[pos] == ' ' ||
                              date[pos] == 'T' || date[pos] == ':' || date[pos] == '.')) {
      ++pos;
    }
  }
  if (fields == 0) return 0;
  for (int f = fields; f < 6; ++f) key = key * 100 + (f < 3 ? 1 : 0);
  return key;
}

ParsedQuery parse_query(std::string_view query, bool prefix, bool stem) {
  ParsedQuery parsed;
  const std::vector<Item> items = split_items(query);
  // Prefix matching applies only while the last word is still being typed.
  std::size_t end = query.size();
  while (end > 0 && (query[end - 1] == ' ' || query[end - 1] == '\t')) --end;
  const bool typing = prefix && end == query.size() && !items.empty() &&
                      (!items.back().quoted || items.back().open);

  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    std::string head = item.head;
    bool negated = false;
    if (!head.empty()) {
      std::size_t after = 0;
      if (is_minus(next_code_point(head, after)) && (head.size() > after || item.quoted)) {
        negated = true;
        head = head.substr(after);
      }
    }
    std::string value = item.quoted ? item.value : head;
    const std::size_t colon = head.find(':');
    if (colon != std::string::npos && colon > 0) {
      const std::string field = lower_ascii(head.substr(0, colon));
      const std::string field_value = item.quoted ? item.value : head.substr(colon + 1);
      if (!field_value.empty() && (field == "author" || field == "tag")) {
        std::u32string normalized = normalize_with_offsets(field_value).chars;
        auto& list = field == "author" ? (negated ? parsed.exclude_authors : parsed.authors)
                                       : (negated ? parsed.exclude_tags : parsed.tags);
        list.push_back(std::move(normalized));
        continue;
      }
      if (!negated && (field == "year" || field == "date") && !item.quoted &&
          apply_range(field_value, parsed)) {
        continue;
      }
    }
    if (item.quoted && !head.empty() && head != "-") value = head + item.value;
    const NormalizedText normalized = normalize_with_offsets(value);
    const std::vector<Token> tokens = tokenize(normalized.chars);
    if (tokens.empty()) continue;
    std::vector<QueryGroup> groups;
    if (item.quoted || negated) {
      groups.push_back(make_group(normalized.chars, tokens, 0, tokens.size()));
      groups.back().phrase = true;
    } else {
      add_bare_groups(normalized.chars, tokens, groups);
    }
    const bool last = i + 1 == items.size();
    if (typing && last && !negated && !tokens.back().cjk) {
      const char32_t final_char = normalized.chars.empty() ? 0 : normalized.chars.back();
      if (is_word_char(final_char) && !groups.back().tokens.empty()) {
        groups.back().tokens.back().kind = QueryToken::Kind::word_prefix;
        groups.back().prefix = true;
      }
    }
    // A bare word stands for its stem; a "quoted" one, or a word of a longer phrase, is exact.
    if (stem && !item.quoted) {
      for (QueryGroup& group : groups) {
        if (group.tokens.size() != 1 || group.cjk_run) continue;
        QueryToken& token = group.tokens.front();
        if (is_english_word(token.text)) token.stem = english_stem(token.text);
      }
    }
    auto& into = negated ? parsed.exclude : parsed.include;
    into.insert(into.end(), groups.begin(), groups.end());
  }
  return parsed;
}

}  // namespace folio
