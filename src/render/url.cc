#include "url.h"

#include <algorithm>

namespace folio::render_detail {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_scheme_char(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_lower(std::string_view text, std::string_view lower_word) {
  if (text.size() != lower_word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (lower(text[i]) != lower_word[i]) return false;
  }
  return true;
}

// WHATWG URL parsing begins by removing leading and trailing "C0 control or space" and every
// ASCII tab or newline; "java\tscript:" is javascript: to a browser.
void strip_ignored_characters(std::string& url) {
  const auto c0_or_space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  std::size_t begin = 0;
  while (begin < url.size() && c0_or_space(url[begin])) ++begin;
  std::size_t end = url.size();
  while (end > begin && c0_or_space(url[end - 1])) --end;
  url.erase(end);
  url.erase(0, begin);
  // Most URLs have no tab or newline inside: then nothing is copied.
  if (url.find_first_of("\t\n\r") == std::string::npos) return;
  url.erase(std::remove_if(url.begin(), url.end(),
                           [](char c) { return c == '\t' || c == '\n' || c == '\r'; }),
            url.end());
}

struct ParsedBase {
  std::string_view scheme;     // "https"
  std::string_view authority;  // "example.com:8080"
  std::string_view path;       // "/a/b" (may be empty)
  std::string_view query;      // "?x" (with '?', may be empty)
};

bool parse_base(std::string_view base, ParsedBase& parsed) {
  const std::size_t colon = base.find(':');
  if (colon == std::string_view::npos) return false;
  parsed.scheme = base.substr(0, colon);
  if (!equals_lower(parsed.scheme, "http") && !equals_lower(parsed.scheme, "https")) return false;
  if (base.substr(colon + 1, 2) != "//") return false;
  std::string_view rest = base.substr(colon + 3);
  rest = rest.substr(0, rest.find('#'));
  const std::size_t authority_end = rest.find_first_of("/?");
  parsed.authority = rest.substr(0, authority_end);
  if (parsed.authority.empty()) return false;
  for (const char c : parsed.authority) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '\\' || c == '"' || c == '<' || c == '>') {
      return false;
    }
  }
  rest = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  const std::size_t query = rest.find('?');
  parsed.path = rest.substr(0, query);
  parsed.query = query == std::string_view::npos ? std::string_view() : rest.substr(query);
  return true;
}

// RFC 3986 section 5.2.4.
std::string remove_dot_segments(std::string_view input) {
  std::string output;
  output.reserve(input.size());
  while (!input.empty()) {
    if (input.substr(0, 3) == "../") {
      input.remove_prefix(3);
    } else if (input.substr(0, 2) == "./") {
      input.remove_prefix(2);
    } else if (input.substr(0, 3) == "/./") {
      input.remove_prefix(2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.substr(0, 4) == "/../" || input == "/..") {
      input = input.size() == 3 ? std::string_view("/") : input.substr(3);
      const std::size_t last = output.rfind('/');
      output.erase(last == std::string::npos ? 0 : last);
    } else if (input == "." || input == "..") {
      input = {};
    } else {
      const std::size_t next = input.find('/', input[0] == '/' ? 1 : 0);
      const std::size_t length = next == std::string_view::npos ? input.size() : next;
      output.append(input.data(), length);
      input.remove_prefix(length);
    }
  }
  return output;
}

}  // namespace

UrlKind clean_and_classify_url(std::string& url) {
  strip_ignored_characters(url);
  if (url.empty()) return UrlKind::relative;
  if (url[0] == '#') return UrlKind::fragment;
  // Backslashes are path separators to browsers in http(s) URLs ("/\host" is "//host"); folio
  // writes them percent-encoded, so they never separate anything, but they decide nothing here.
  const std::size_t first_separator = url.find_first_of("/?#");
  const std::size_t colon = url.find(':');
  if (colon != std::string::npos &&
      (first_separator == std::string::npos || colon < first_separator)) {
    const std::string_view scheme(url.data(), colon);
    if (scheme.empty() || !is_alpha(scheme[0]) ||
        !std::all_of(scheme.begin(), scheme.end(), is_scheme_char)) {
      return UrlKind::blocked;
    }
    if (equals_lower(scheme, "http") || equals_lower(scheme, "https")) return UrlKind::web;
    if (equals_lower(scheme, "mailto")) return UrlKind::mailto;
    return UrlKind::blocked;
  }
  if (url.size() >= 2 && url[0] == '/' && url[1] == '/') return UrlKind::network;
  return UrlKind::relative;
}

bool is_valid_base_url(std::string_view base) {
  ParsedBase parsed;
  return parse_base(base, parsed);
}

std::string resolve_url(std::string_view base, std::string_view reference) {
  ParsedBase b;
  if (!parse_base(base, b) || (!reference.empty() && reference[0] == '#')) {
    return std::string(reference);
  }
  std::string result(b.scheme);
  for (char& c : result) c = lower(c);
  result += ':';
  if (reference.substr(0, 2) == "//") {
    result.append(reference.data(), reference.size());
    return result;
  }
  result += "//";
  result.append(b.authority.data(), b.authority.size());
  // Split the reference into path, query and fragment.
  const std::size_t fragment_at = reference.find('#');
  const std::string_view fragment =
      fragment_at == std::string_view::npos ? std::string_view() : reference.substr(fragment_at);
  const std::string_view before_fragment = reference.substr(0, fragment_at);
  const std::size_t query_at = before_fragment.find('?');
  const std::string_view path = before_fragment.substr(0, query_at);
  const std::string_view query =
      query_at == std::string_view::npos ? std::string_view() : before_fragment.substr(query_at);
  if (path.empty()) {
    result.append(b.path.data(), b.path.size());
    if (query.empty()) {
      result.append(b.query.data(), b.query.size());
    } else {
      result.append(query.data(), query.size());
    }
  } else {
    std::string merged;
    if (path[0] == '/') {
      merged = path;
    } else {
      // RFC 3986 section 5.2.3: the base path up to its last '/', or "/" for an empty one.
      const std::size_t slash = b.path.rfind('/');
      merged = slash == std::string_view::npos ? "/" : std::string(b.path.substr(0, slash + 1));
      merged.append(path.data(), path.size());
    }
    result += remove_dot_segments(merged);
    result.append(query.data(), query.size());
  }
  result.append(fragment.data(), fragment.size());
  return result;
}

UrlKind prepare_url(std::string& url, std::string_view base_url) {
  UrlKind kind = clean_and_classify_url(url);
  if ((kind == UrlKind::relative || kind == UrlKind::network) && !base_url.empty() &&
      is_valid_base_url(base_url)) {
    url = resolve_url(base_url, url);
    kind = UrlKind::web;
  }
  return kind;
}

}  // namespace folio::render_detail
