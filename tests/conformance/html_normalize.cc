#include "html_normalize.h"

#include <algorithm>
#include <vector>

#include "render/entities.h"
#include "render/html_tokenizer.h"
#include "render/text_utils.h"

namespace folio::test_support {
namespace {

using render_detail::HtmlToken;

bool is_block_tag(std::string_view tag) {
  static const std::string_view kBlockTags[] = {
      "article",  "header", "aside",    "hgroup",   "blockquote", "hr",         "iframe",
      "body",     "li",     "map",      "button",   "object",     "canvas",     "ol",
      "caption",  "output", "col",      "p",        "colgroup",   "pre",        "dd",
      "progress", "div",    "section",  "dl",       "table",      "td",         "dt",
      "tbody",    "embed",  "textarea", "fieldset", "tfoot",      "figcaption", "th",
      "figure",   "thead",  "footer",   "tr",       "form",       "ul",         "h1",
      "h2",       "h3",     "h4",       "h5",       "h6",         "video",      "script",
      "style"};
  return std::find(std::begin(kBlockTags), std::end(kBlockTags), tag) != std::end(kBlockTags);
}

// Python's str.isspace(), which normalize.py's \\s and strip() use: Unicode white space, not
// just ASCII (md4c's coverage.txt has a line that starts with U+2000).
bool is_python_space(char32_t cp) {
  return render_detail::is_unicode_whitespace(cp) || (cp >= 0x1C && cp <= 0x1F) || cp == 0x85 ||
         cp == 0x2028 || cp == 0x2029;
}

std::size_t first_non_space(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t next = pos;
    if (!is_python_space(render_detail::decode_utf8(text, next))) return pos;
    pos = next;
  }
  return pos;
}

void rstrip(std::string& text) {
  while (!text.empty() && is_python_space(render_detail::decode_utf8_before(text, text.size()))) {
    std::size_t start = text.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    text.erase(start);
  }
}

std::string decode_and_escape(std::string_view text) {
  std::string decoded;
  render_detail::append_decoded(decoded, text);
  std::string out;
  render_detail::append_html_escaped(out, decoded);
  return out;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool in_space = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    if (is_python_space(render_detail::decode_utf8(text, pos))) {
      if (!in_space) out += ' ';
      in_space = true;
    } else {
      out.append(text.data() + start, pos - start);
      in_space = false;
    }
  }
  return out;
}

}  // namespace

std::string normalize_html(std::string_view html) {
  enum class Last { start_tag, end_tag, data, other };
  std::string output;
  Last last = Last::start_tag;
  std::string last_tag;
  bool in_pre = false;
  render_detail::HtmlTokenizer tokenizer(html);
  HtmlToken token;
  while (tokenizer.next(token)) {
    switch (token.kind) {
      case HtmlToken::Kind::text: {
        std::string data = decode_and_escape(token.source);
        const bool after_tag = last == Last::end_tag || last == Last::start_tag;
        const bool after_block_tag = after_tag && is_block_tag(last_tag);
        if (after_tag && last_tag == "br") {
          data.erase(0, data.find_first_not_of('\n') == std::string::npos
                            ? data.size()
                            : data.find_first_not_of('\n'));
        }
        if (!in_pre) data = collapse_whitespace(data);
        if (after_block_tag && !in_pre) {
          data.erase(0, first_non_space(data));
          if (last == Last::end_tag) rstrip(data);
        }
        output += data;
        last = Last::data;
        break;
      }
      case HtmlToken::Kind::start_tag: {
        if (token.name == "pre") in_pre = true;
        if (is_block_tag(token.name)) rstrip(output);
        output += '<';
        output += token.name;
        std::vector<std::pair<std::string, std::string>> attributes;
        for (const auto& attribute : token.attributes) {
          attributes.emplace_back(attribute.name,
                                  attribute.has_value
                                      ? "=\"" + decode_and_escape(attribute.value) + "\""
                                      : std::string());
        }
        std::sort(attributes.begin(), attributes.end());
        for (const auto& [name, value] : attributes) output += ' ' + name + value;
        output += '>';
        last_tag = token.name;
        last = token.self_closing ? Last::end_tag : Last::start_tag;
        break;
      }
      case HtmlToken::Kind::end_tag:
        if (token.name == "pre") {
          in_pre = false;
        } else if (is_block_tag(token.name)) {
          rstrip(output);
        }
        output += "</" + token.name + ">";
        last_tag = token.name;
        last = Last::end_tag;
        break;
      default:  // comments, declarations, processing instructions: as written
        output.append(token.source.data(), token.source.size());
        last = Last::other;
        break;
    }
  }
  return output;
}

}  // namespace folio::test_support
