#include <algorithm>
#include <utility>

#include <folio/index.h>
#include <folio/text.h>

namespace folio {
namespace {

bool is_query_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000;
}

char32_t code_point_before(std::string_view text, std::size_t pos) {
  if (pos == 0) return 0;
  std::size_t start = utf8_floor(text, pos - 1);
  return next_code_point(text, start);
}

char32_t code_point_at(std::string_view text, std::size_t pos) {
  return pos < text.size() ? next_code_point(text, pos) : 0;
}

// Byte ranges of `term` in `key` whose Latin/digit edges fall on word boundaries.
std::vector<std::pair<std::size_t, std::size_t>> find_matches(std::string_view key,
                                                              std::string_view term) {
  std::vector<std::pair<std::size_t, std::size_t>> found;
  if (term.empty()) return found;
  const bool word_start = is_word_char(code_point_at(term, 0));
  const bool word_end = is_word_char(code_point_before(term, term.size()));
  for (std::size_t pos = key.find(term); pos != std::string_view::npos;
       pos = key.find(term, pos + 1)) {
    const std::size_t end = pos + term.size();
    if (word_start && is_word_char(code_point_before(key, pos))) continue;
    if (word_end && is_word_char(code_point_at(key, end))) continue;
    found.emplace_back(pos, end);
  }
  return found;
}

// Cuts `count` code points forward from `pos` (or fewer at the end of the text).
std::size_t advance_code_points(std::string_view text, std::size_t pos, int count) {
  while (count-- > 0 && pos < text.size()) next_code_point(text, pos);
  return pos;
}

std::size_t retreat_code_points(std::string_view text, std::size_t pos, int count) {
  while (count-- > 0 && pos > 0) pos = utf8_floor(text, pos - 1);
  return pos;
}

constexpr int kSnippetBefore = 24;  // code points of context before the first match
constexpr int kSnippetLength = 96;  // code points in the whole snippet

std::string make_snippet(std::string_view body, std::string_view body_key,
                         const std::vector<std::string>& terms) {
  std::vector<std::pair<std::size_t, std::size_t>> marks;
  for (const std::string& term : terms) {
    auto found = find_matches(body_key, term);
    marks.insert(marks.end(), found.begin(), found.end());
  }
  std::sort(marks.begin(), marks.end());
  const std::size_t first = marks.empty() ? 0 : marks.front().first;
  const std::size_t start = retreat_code_points(body, first, kSnippetBefore);
  const std::size_t end = advance_code_points(body, start, kSnippetLength);

  std::string out;
  if (start > 0) out += "\xE2\x80\xA6";  // …
  std::size_t pos = start;
  for (const auto& [from, to] : marks) {
    if (from < pos) continue;  // overlaps a mark already written
    if (to > end) break;
    append_html_escaped(out, body.substr(pos, from - pos));
    out += "<mark>";
    append_html_escaped(out, body.substr(from, to - from));
    out += "</mark>";
    pos = to;
  }
  append_html_escaped(out, body.substr(pos, end - pos));
  if (end < body.size()) out += "\xE2\x80\xA6";
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

}  // namespace

std::vector<std::string> parse_query_terms(std::string_view query) {
  std::vector<std::string> terms;
  std::string current;
  bool quoted = false;
  auto flush = [&] {
    if (!current.empty()) terms.push_back(normalize_for_search(current));
    current.clear();
  };
  for (std::size_t pos = 0; pos < query.size();) {
    const std::size_t at = pos;
    const char32_t cp = next_code_point(query, pos);
    if (cp == '"') {
      flush();
      quoted = !quoted;
    } else if (!quoted && is_query_space(cp)) {
      flush();
    } else {
      current.append(query.substr(at, pos - at));
    }
  }
  flush();
  return terms;
}

void SearchIndex::add(SearchDocument document) {
  Entry entry;
  entry.title_key = normalize_for_search(document.title);
  entry.body_key = normalize_for_search(document.body);
  entry.document = std::move(document);
  documents_.push_back(std::move(entry));
}

SearchResult SearchIndex::search(std::string_view query, const SearchOptions& options) const {
  SearchResult result;
  const std::vector<std::string> terms = parse_query_terms(query);
  if (terms.empty()) return result;

  struct Scored {
    const Entry* entry;
    double score;
  };
  std::vector<Scored> matches;
  for (const Entry& entry : documents_) {
    double score = 0;
    bool all = true;
    for (const std::string& term : terms) {
      const std::size_t in_title = find_matches(entry.title_key, term).size();
      const std::size_t in_body = find_matches(entry.body_key, term).size();
      if (in_title + in_body == 0) {
        all = false;
        break;
      }
      // A title match outweighs any number of body matches of one term in a typical article.
      score += 10.0 * static_cast<double>(in_title) +
               static_cast<double>(std::min<std::size_t>(in_body, 9));
    }
    if (all) matches.push_back({&entry, score});
  }
  std::sort(matches.begin(), matches.end(), [](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.entry->document.date != b.entry->document.date)
      return a.entry->document.date > b.entry->document.date;
    return a.entry->document.id < b.entry->document.id;
  });

  result.total = matches.size();
  const std::size_t begin = std::min(options.offset, matches.size());
  const std::size_t end = std::min(matches.size(), begin + options.limit);
  for (std::size_t i = begin; i < end; ++i) {
    const Entry& entry = *matches[i].entry;
    result.hits.push_back(SearchHit{entry.document.id, entry.document.title,
                                    make_snippet(entry.document.body, entry.body_key, terms),
                                    matches[i].score});
  }
  return result;
}

}  // namespace folio
