#include "html_tokenizer.h"

namespace folio::render_detail {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// HTML's ASCII whitespace for tokenization (CR is normalized to LF before tokenizing).
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool HtmlTokenizer::next(HtmlToken& token) {
  if (pos_ >= html_.size()) return false;
  token.name.clear();
  token.attributes.clear();
  token.self_closing = false;
  const std::size_t start = pos_;

  if (html_[pos_] == '<' && pos_ + 1 < html_.size()) {
    const char c = html_[pos_ + 1];
    if (is_alpha(c)) {
      token.kind = HtmlToken::Kind::start_tag;
      read_tag(token, pos_ + 1);
      return true;
    }
    if (c == '/' && pos_ + 2 < html_.size()) {
      const char d = html_[pos_ + 2];
      if (is_alpha(d)) {
        token.kind = HtmlToken::Kind::end_tag;
        read_tag(token, pos_ + 2);
        return true;
      }
      // "</>" is dropped by browsers; "</ x>" is a bogus comment. Both are not markup.
      read_bogus(token, pos_ + 2);
      return true;
    }
    if (c == '!') {
      if (html_.compare(pos_ + 2, 2, "--") == 0) {
        read_comment(token);
      } else {
        read_bogus(token, pos_ + 2);
      }
      return true;
    }
    if (c == '?') {
      read_bogus(token, pos_ + 1);
      return true;
    }
  }

  // Character data up to the next '<' that starts a tag, comment or declaration.
  token.kind = HtmlToken::Kind::text;
  std::size_t scan = pos_ + 1;
  while (true) {
    scan = html_.find('<', scan);
    if (scan == std::string_view::npos || scan + 1 >= html_.size()) {
      scan = html_.size();
      break;
    }
    const char c = html_[scan + 1];
    if (is_alpha(c) || c == '/' || c == '!' || c == '?') break;
    ++scan;
  }
  pos_ = scan;
  token.source = html_.substr(start, pos_ - start);
  return true;
}

void HtmlTokenizer::read_tag(HtmlToken& token, std::size_t name_start) {
  const std::size_t start = pos_;
  const std::size_t size = html_.size();
  std::size_t p = name_start;
  while (p < size && !is_space(html_[p]) && html_[p] != '/' && html_[p] != '>') {
    token.name += lower(html_[p]);
    ++p;
  }
  // Attributes: the states "before attribute name" to "after attribute value (quoted)".
  while (p < size) {
    const char c = html_[p];
    if (is_space(c)) {
      ++p;
      continue;
    }
    if (c == '>') {
      pos_ = p + 1;
      token.source = html_.substr(start, pos_ - start);
      return;
    }
    if (c == '/') {
      ++p;
      if (p < size && html_[p] == '>') {
        token.self_closing = true;
        pos_ = p + 1;
        token.source = html_.substr(start, pos_ - start);
        return;
      }
      continue;  // a stray '/' is ignored (parse error)
    }
    HtmlAttribute attribute;
    // An '=' as the first character belongs to the name (parse error).
    attribute.name += lower(c);
    ++p;
    while (p < size && !is_space(html_[p]) && html_[p] != '/' && html_[p] != '>' &&
           html_[p] != '=') {
      attribute.name += lower(html_[p]);
      ++p;
    }
    while (p < size && is_space(html_[p])) ++p;
    if (p < size && html_[p] == '=') {
      ++p;
      attribute.has_value = true;
      while (p < size && is_space(html_[p])) ++p;
      if (p < size && (html_[p] == '"' || html_[p] == '\'')) {
        const char quote = html_[p];
        const std::size_t close = html_.find(quote, p + 1);
        if (close == std::string_view::npos) break;  // runs to the end: incomplete
        attribute.value.assign(html_.data() + p + 1, close - p - 1);
        p = close + 1;
      } else {
        const std::size_t value_start = p;
        while (p < size && !is_space(html_[p]) && html_[p] != '>') ++p;
        attribute.value.assign(html_.data() + value_start, p - value_start);
      }
    }
    token.attributes.push_back(std::move(attribute));
  }
  token.kind = HtmlToken::Kind::incomplete;
  pos_ = size;
  token.source = html_.substr(start);
}

void HtmlTokenizer::read_comment(HtmlToken& token) {
  const std::size_t start = pos_;
  token.kind = HtmlToken::Kind::comment;
  const std::size_t body = pos_ + 4;  // after "<!--"
  std::size_t end = std::string_view::npos;
  if (html_.compare(body, 1, ">") == 0) {
    end = body + 1;  // "<!-->"
  } else if (html_.compare(body, 2, "->") == 0) {
    end = body + 2;  // "<!--->"
  } else {
    for (std::size_t p = html_.find("--", body); p != std::string_view::npos;
         p = html_.find("--", p + 1)) {
      if (html_.compare(p + 2, 1, ">") == 0) {
        end = p + 3;
        break;
      }
      if (html_.compare(p + 2, 2, "!>") == 0) {
        end = p + 4;
        break;
      }
    }
  }
  // A comment left open runs to the end of the input, as it does in a browser.
  pos_ = end == std::string_view::npos ? html_.size() : end;
  token.source = html_.substr(start, pos_ - start);
}

void HtmlTokenizer::read_bogus(HtmlToken& token, std::size_t content_start) {
  const std::size_t start = pos_;
  const std::size_t close = html_.find('>', content_start);
  token.kind =
      close == std::string_view::npos ? HtmlToken::Kind::incomplete : HtmlToken::Kind::bogus;
  pos_ = close == std::string_view::npos ? html_.size() : close + 1;
  token.source = html_.substr(start, pos_ - start);
}

}  // namespace folio::render_detail
