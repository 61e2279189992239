#include "markup_safety.h"

#include <algorithm>

#include "render/entities.h"
#include "render/html_tokenizer.h"

namespace folio::test_support {
namespace {

using render_detail::HtmlToken;

// Every element folio's safe mode may write: md4c's block and span elements, the task-list
// checkbox, and the raw-HTML allowlist of README.md. None of them runs script, starts a
// raw-text parsing mode, or embeds another document.
bool is_permitted_element(std::string_view name) {
  static const std::string_view kElements[] = {
      "a",     "abbr",  "b",          "bdi",    "bdo",   "blockquote", "br",   "caption", "cite",
      "code",  "col",   "colgroup",   "dd",     "del",   "details",    "dfn",  "div",     "dl",
      "dt",    "em",    "figcaption", "figure", "h1",    "h2",         "h3",   "h4",      "h5",
      "h6",    "hr",    "i",          "img",    "input", "ins",        "kbd",  "li",      "mark",
      "ol",    "p",     "pre",        "q",      "rp",    "rt",         "ruby", "s",       "samp",
      "small", "span",  "strike",     "strong", "sub",   "summary",    "sup",  "table",   "tbody",
      "td",    "tfoot", "th",         "thead",  "time",  "tr",         "tt",   "u",       "ul",
      "var",   "wbr"};
  return std::find(std::begin(kElements), std::end(kElements), name) != std::end(kElements);
}

bool is_permitted_attribute(std::string_view element, std::string_view name) {
  static const std::string_view kAnywhere[] = {"title", "lang", "dir", "align"};
  if (std::find(std::begin(kAnywhere), std::end(kAnywhere), name) != std::end(kAnywhere)) {
    return true;
  }
  const bool heading =
      element.size() == 2 && element[0] == 'h' && element[1] >= '1' && element[1] <= '6';
  if (name == "id") return heading;  // folio's heading ids; raw HTML never keeps an id
  if (name == "class") return element == "li" || element == "input" || element == "code";
  if (element == "a") return name == "href" || name == "rel";
  if (element == "img")
    return name == "src" || name == "alt" || name == "width" || name == "height" ||
           name == "loading";
  if (element == "input") return name == "type" || name == "disabled" || name == "checked";
  if (element == "ol") return name == "start" || name == "type" || name == "reversed";
  if (element == "li") return name == "value";
  if (element == "td" || element == "th") return name == "colspan" || name == "rowspan";
  if (element == "col" || element == "colgroup") return name == "span";
  if (element == "details") return name == "open";
  if (element == "time" || element == "del" || element == "ins")
    return name == "datetime" || name == "cite";
  if (element == "blockquote" || element == "q") return name == "cite";
  return false;
}

// What a browser's URL parser would take for the scheme, computed the plain way: decode
// references, drop every control character and space, lower-case, cut at the first ':'.
bool is_permitted_url(std::string_view raw_value) {
  std::string decoded;
  render_detail::append_decoded(decoded, raw_value);
  std::string squeezed;
  for (const char c : decoded) {
    if (static_cast<unsigned char>(c) > 0x20 && c != 0x7F) {
      squeezed += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  const std::size_t colon = squeezed.find(':');
  const std::size_t separator = squeezed.find_first_of("/?#");
  if (colon == std::string::npos || (separator != std::string::npos && separator < colon)) {
    return true;  // relative, network-path or fragment
  }
  const std::string scheme = squeezed.substr(0, colon);
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

}  // namespace

std::vector<std::string> executable_markup(std::string_view html) {
  std::vector<std::string> problems;
  render_detail::HtmlTokenizer tokenizer(html);
  HtmlToken token;
  while (tokenizer.next(token)) {
    const std::string source(token.source.substr(0, 80));
    switch (token.kind) {
      case HtmlToken::Kind::text:
        break;
      case HtmlToken::Kind::start_tag:
      case HtmlToken::Kind::end_tag:
        if (!is_permitted_element(token.name)) {
          problems.push_back("<" + token.name + "> is not an element folio writes: " + source);
          break;
        }
        for (const auto& attribute : token.attributes) {
          if (token.kind == HtmlToken::Kind::end_tag) break;
          if (!is_permitted_attribute(token.name, attribute.name)) {
            problems.push_back(attribute.name + " on <" + token.name + ">: " + source);
          } else if ((attribute.name == "href" || attribute.name == "src" ||
                      attribute.name == "cite") &&
                     !is_permitted_url(attribute.value)) {
            problems.push_back(attribute.name + "=\"" + attribute.value + "\": " + source);
          }
        }
        break;
      default:
        problems.push_back("markup that is not a tag (comment, declaration or unclosed tag): " +
                           source);
        break;
    }
  }
  return problems;
}

}  // namespace folio::test_support
