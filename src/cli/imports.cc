// Articles that do not come as Markdown files: JSON Lines records (scraped corpora) and folio's
// own corpus.json. Both become the text parse_article reads, with the record's fields as front
// matter: JSON is YAML, so every field goes through exactly the article model's rules, and a
// JSON Lines record's warnings point into its line.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "cli.h"

namespace folio::cli {

using nlohmann::json;

namespace {

// The 1-based column (in code points) of byte `offset` of `text`.
int column_of(std::string_view text, std::size_t offset) {
  int column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

std::size_t skip_space(std::string_view text, std::size_t i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
  return i;
}

// The end of the JSON string starting at `i` (its opening quote).
std::size_t skip_string(std::string_view text, std::size_t i) {
  for (++i; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return text.size();
}

// The end of the JSON value starting at `i`.
std::size_t skip_value(std::string_view text, std::size_t i) {
  int depth = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      i = skip_string(text, i) - 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return i;
      if (--depth == 0) return i + 1;
    } else if (depth == 0 && c == ',') {
      return i;
    }
  }
  return text.size();
}

struct Member {
  std::string key;
  std::size_t start = 0;      // the key's opening quote
  std::size_t value_end = 0;  // just after the value
};

// The top-level members of a JSON object already known to be valid, with their places.
std::vector<Member> members_of(std::string_view text) {
  std::vector<Member> members;
  std::size_t i = skip_space(text, 0);
  if (i >= text.size() || text[i] != '{') return members;
  ++i;
  while (true) {
    i = skip_space(text, i);
    if (i >= text.size() || text[i] != '"') break;
    Member m;
    m.start = i;
    const std::size_t key_end = skip_string(text, i);
    try {
      m.key = json::parse(text.substr(i, key_end - i)).get<std::string>();
    } catch (const json::exception&) {
      break;
    }
    i = skip_space(text, key_end);
    if (i >= text.size() || text[i] != ':') break;
    i = skip_space(text, i + 1);
    m.value_end = skip_value(text, i);
    members.push_back(std::move(m));
    i = skip_space(text, m.value_end);
    if (i < text.size() && text[i] == ',') ++i;
  }
  return members;
}

// `text` with bytes [begin, end) replaced by as many spaces as they held code points, so every
// later column stays where it was.
std::string blank_out(std::string_view text, std::size_t begin, std::size_t end) {
  std::string out(text.substr(0, begin));
  out.append(static_cast<std::size_t>(column_of(text.substr(begin, end - begin), end - begin) - 1),
             ' ');
  out.append(text.substr(end));
  return out;
}

constexpr const char* kBodyKeys[] = {"body", "markdown", "content", "text"};

}  // namespace

std::vector<std::pair<int, std::string>> split_json_lines(const std::string& text) {
  std::vector<std::pair<int, std::string>> lines;
  std::size_t start = 0;
  int number = 1;
  // A UTF-8 byte-order mark before the first record is not part of it.
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) lines.emplace_back(number, line);
    if (end == text.size()) break;
    start = end + 1;
    ++number;
  }
  return lines;
}

JsonLinesRecord json_lines_record(std::string_view line, const std::string& source, int line_no,
                                  const std::string& stem) {
  JsonLinesRecord record;
  record.id_fallback = stem + "-" + std::to_string(line_no);
  const auto fail = [&](int column, const char* code, std::string message) {
    record.error = Diagnostic{Severity::error, source, line_no, column, code, std::move(message)};
    return record;
  };
  json value;
  try {
    value = json::parse(line.begin(), line.end());
  } catch (const json::parse_error& e) {
    // nlohmann counts the last byte of the token it stopped at; point at the token's start,
    // which is where the problem starts ("tru}" at its t, an unexpected "b" at its quote).
    if (line.empty()) return fail(1, code::kJsonLinesSyntax, "an empty record");
    std::size_t at = std::min(e.byte == 0 ? 0 : e.byte - 1, line.size() - 1);
    const std::string what = e.what();
    const auto wordy = [&line](std::size_t i) {
      const char c = line[i];
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '+' || c == '-';
    };
    if (what.find("invalid literal") != std::string::npos ||
        what.find("invalid number") != std::string::npos) {
      if (!wordy(at) && at > 0 && wordy(at - 1)) --at;
      while (at > 0 && wordy(at - 1)) --at;
    } else if (line[at] == '"' && at > 0) {
      std::size_t open = at - 1;
      while (open > 0 && !(line[open] == '"' && line[open - 1] != '\\')) --open;
      at = open;
    }
    std::string message = e.what();
    const std::size_t cut = message.find("syntax error");
    if (cut != std::string::npos) message = message.substr(cut);
    return fail(column_of(line, at), code::kJsonLinesSyntax, message);
  } catch (const json::exception& e) {
    // A number past a double's range ("1e400"): out_of_range 406, not a parse_error.
    return fail(1, code::kJsonLinesSyntax, e.what());
  }
  if (!value.is_object()) {
    return fail(column_of(line, skip_space(line, 0)), code::kJsonLinesRecord,
                "a record must be a JSON object such as {\"title\": …, \"body\": …}");
  }
  const std::vector<Member> members = members_of(line);
  for (const Member& m : members) record.key_columns[m.key] = column_of(line, m.start);

  // The body: `body`, else `markdown`, `content` or `text` (names scrapers use).
  std::string body;
  std::string front(line);
  for (const char* key : kBodyKeys) {
    const auto it = value.find(key);
    if (it == value.end() || it->is_null()) continue;
    if (!it->is_string()) {
      return fail(record.key_columns[key], code::kJsonLinesRecord,
                  std::string("\"") + key + "\" must be a string of Markdown");
    }
    body = it->get<std::string>();
    // Take the member (and the comma next to it) out of the front matter, keeping columns.
    for (const Member& m : members) {
      if (m.key != key) continue;
      std::size_t begin = m.start;
      std::size_t end = skip_space(front, m.value_end);
      if (end < front.size() && front[end] == ',') {
        ++end;
      } else {
        // The last member: take the comma before it instead.
        std::size_t before = begin;
        while (before > 0 && (front[before - 1] == ' ' || front[before - 1] == '\t')) --before;
        if (before > 0 && front[before - 1] == ',') begin = before - 1;
      }
      front = blank_out(front, begin, end);
    }
    break;
  }
  if (body.empty() && !value.contains("title")) {
    return fail(1, code::kJsonLinesRecord, "a record needs a \"title\" or a \"body\"");
  }
  record.text = "---\n" + front + "\n---\n" + body;
  if (!body.empty() && body.back() != '\n') record.text += '\n';
  return record;
}

std::string version1_article_text(const Article& article) {
  json front = json::object();
  const auto put = [&front](const char* key, const std::string& value) {
    if (!value.empty()) front[key] = value;
  };
  put("id", article.id);
  put("title", article.title);
  put("author", article.author);
  put("date", article.date);
  put("url", article.url);
  put("layout", article.layout);
  std::string text = "---\n" + front.dump(-1, ' ', false, json::error_handler_t::replace) +
                     "\n---\n" + article.markdown;
  if (!article.markdown.empty() && article.markdown.back() != '\n') text += '\n';
  return text;
}

}  // namespace folio::cli
