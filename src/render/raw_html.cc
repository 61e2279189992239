#include "raw_html.h"

#include <algorithm>
#include <array>

#include "entities.h"
#include "text_utils.h"
#include "url.h"

namespace folio::render_detail {
namespace {

// Attribute kinds; a tag's rule is a bit mask of the ones it accepts besides the global ones.
enum Attr : std::uint32_t {
  kHref = 1u << 0,        // a: URL policy
  kSrc = 1u << 1,         // img: URL policy
  kCite = 1u << 2,        // blockquote, q, del, ins: URL policy
  kAlt = 1u << 3,         // text
  kWidth = 1u << 4,       // 1-4 digits
  kHeight = 1u << 5,      // 1-4 digits
  kAlignBlock = 1u << 6,  // left|center|right|justify
  kAlignCell = 1u << 7,   // left|center|right
  kAlignImage = 1u << 8,  // left|right|top|middle|bottom|center
  kSpans = 1u << 9,       // colspan, rowspan: 1-3 digits
  kStart = 1u << 10,      // ol start, li value: optional '-' and 1-9 digits
  kListType = 1u << 11,   // ol type: 1 a A i I
  kReversed = 1u << 12,   // ol: boolean
  kOpen = 1u << 13,       // details: boolean
  kDatetime = 1u << 14,   // time: text
  kSpan = 1u << 15,       // col, colgroup span: 1-3 digits
};

struct TagRule {
  std::string_view name;
  bool is_void;
  std::uint32_t attributes;
};

// Sorted by name for the binary search. Deliberately absent: script, style, iframe, frame,
// object, embed, applet, form and its controls, svg, math, base, meta, link, template, the
// raw-text and RCDATA elements (textarea, title, xmp, noscript, noembed, noframes, plaintext),
// media elements, and id/name/class/style/on* on every tag.
constexpr TagRule kTags[] = {
    {"a", false, kHref},
    {"abbr", false, 0},
    {"b", false, 0},
    {"bdi", false, 0},
    {"bdo", false, 0},
    {"blockquote", false, kCite},
    {"br", true, 0},
    {"caption", false, 0},
    {"cite", false, 0},
    {"code", false, 0},
    {"col", true, kSpan},
    {"colgroup", false, kSpan},
    {"dd", false, 0},
    {"del", false, kCite | kDatetime},
    {"details", false, kOpen},
    {"dfn", false, 0},
    {"div", false, kAlignBlock},
    {"dl", false, 0},
    {"dt", false, 0},
    {"em", false, 0},
    {"figcaption", false, 0},
    {"figure", false, 0},
    {"h1", false, kAlignBlock},
    {"h2", false, kAlignBlock},
    {"h3", false, kAlignBlock},
    {"h4", false, kAlignBlock},
    {"h5", false, kAlignBlock},
    {"h6", false, kAlignBlock},
    {"hr", true, 0},
    {"i", false, 0},
    {"img", true, kSrc | kAlt | kWidth | kHeight | kAlignImage},
    {"ins", false, kCite | kDatetime},
    {"kbd", false, 0},
    {"li", false, kStart},
    {"mark", false, 0},
    {"ol", false, kStart | kListType | kReversed},
    {"p", false, kAlignBlock},
    {"pre", false, 0},
    {"q", false, kCite},
    {"rp", false, 0},
    {"rt", false, 0},
    {"ruby", false, 0},
    {"s", false, 0},
    {"samp", false, 0},
    {"small", false, 0},
    {"span", false, 0},
    {"strike", false, 0},
    {"strong", false, 0},
    {"sub", false, 0},
    {"summary", false, 0},
    {"sup", false, 0},
    {"table", false, kAlignBlock},
    {"tbody", false, 0},
    {"td", false, kAlignCell | kSpans},
    {"tfoot", false, 0},
    {"th", false, kAlignCell | kSpans},
    {"thead", false, 0},
    {"time", false, kDatetime},
    {"tr", false, 0},
    {"tt", false, 0},
    {"u", false, 0},
    {"ul", false, 0},
    {"var", false, 0},
    {"wbr", true, 0},
};
constexpr std::size_t kTagCount = sizeof(kTags) / sizeof(kTags[0]);
constexpr std::uint8_t kNoTag = 0xFF;
static_assert(kTagCount < kNoTag);

// Deeper raw nesting is shown as text: browsers cap their own tree depth (Chromium at 512) and
// a stranger's article has no need for more.
constexpr std::size_t kMaxOpenElements = 128;

std::uint8_t find_tag(std::string_view name) {
  const auto* end = kTags + kTagCount;
  const auto* found = std::lower_bound(
      kTags, end, name, [](const TagRule& rule, std::string_view n) { return rule.name < n; });
  return found != end && found->name == name ? static_cast<std::uint8_t>(found - kTags) : kNoTag;
}

bool all_digits(std::string_view text, std::size_t max_digits) {
  return !text.empty() && text.size() <= max_digits &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool valid_language_tag(std::string_view value) {
  return !value.empty() && value.size() <= 35 &&
         std::all_of(value.begin(), value.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-';
         });
}

void write_attribute(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out.append(name.data(), name.size());
  out += "=\"";
  append_html_escaped(out, value);
  out += '"';
}

// Kept tags that start a new line on screen, so the words on either side of them do not join.
bool breaks_line(std::string_view tag) {
  static constexpr std::string_view kBlockTags[] = {
      "address", "article", "aside", "blockquote", "br",      "caption", "dd",    "details",
      "div",     "dl",      "dt",    "figcaption", "figure",  "footer",  "h1",    "h2",
      "h3",      "h4",      "h5",    "h6",         "header",  "hr",      "li",    "main",
      "nav",     "ol",      "p",     "pre",        "section", "summary", "table", "tbody",
      "td",      "tfoot",   "th",    "thead",      "tr",      "ul"};
  return std::find(std::begin(kBlockTags), std::end(kBlockTags), tag) != std::end(kBlockTags);
}

}  // namespace

void append_visible_text(std::string& out, std::string_view html) {
  HtmlTokenizer tokenizer(html);
  HtmlToken token;
  while (tokenizer.next(token)) {
    switch (token.kind) {
      case HtmlToken::Kind::text:
        append_decoded(out, token.source);
        break;
      case HtmlToken::Kind::start_tag:
      case HtmlToken::Kind::end_tag:
        if (find_tag(token.name) == kNoTag) {
          out.append(token.source);
        } else if (breaks_line(token.name) && !out.empty() && out.back() != '\n') {
          out += '\n';
        }
        break;
      case HtmlToken::Kind::comment:
        break;
      case HtmlToken::Kind::bogus:
      case HtmlToken::Kind::incomplete:
        out.append(token.source);
        break;
    }
  }
}

const std::vector<std::string_view>& allowed_tags() {
  static const std::vector<std::string_view> tags = [] {
    std::vector<std::string_view> names;
    for (const TagRule& rule : kTags) names.push_back(rule.name);
    return names;
  }();
  return tags;
}

const std::vector<AllowedAttribute>& allowed_attributes() {
  static const std::vector<AllowedAttribute> attributes = [] {
    std::vector<AllowedAttribute> list = {
        {"*", "title", "text"},
        {"*", "lang", "a language tag: letters, digits and '-'"},
        {"*", "dir", "ltr, rtl or auto"},
    };
    struct Kind {
      Attr bit;
      std::string_view attribute;
      std::string_view values;
    };
    const Kind kinds[] = {
        {kHref, "href", "http, https, mailto, relative or #fragment URL"},
        {kSrc, "src", "http, https, mailto, relative or #fragment URL"},
        {kCite, "cite", "http, https, mailto, relative or #fragment URL"},
        {kAlt, "alt", "text"},
        {kWidth, "width", "1-4 digits"},
        {kHeight, "height", "1-4 digits"},
        {kAlignBlock, "align", "left, center, right or justify"},
        {kAlignCell, "align", "left, center or right"},
        {kAlignImage, "align", "left, right, top, middle, bottom or center"},
        {kSpans, "colspan", "1-3 digits"},
        {kSpans, "rowspan", "1-3 digits"},
        {kStart, "start", "an integer"},
        {kListType, "type", "1, a, A, i or I"},
        {kReversed, "reversed", "boolean"},
        {kOpen, "open", "boolean"},
        {kDatetime, "datetime", "text"},
        {kSpan, "span", "1-3 digits"},
    };
    for (const TagRule& rule : kTags) {
      for (const Kind& kind : kinds) {
        if (!(rule.attributes & kind.bit)) continue;
        // `start` is called `value` on li.
        const std::string_view name =
            kind.bit == kStart && rule.name == "li" ? std::string_view("value") : kind.attribute;
        list.push_back({rule.name, name, kind.values});
      }
    }
    return list;
  }();
  return attributes;
}

void RawHtmlSanitizer::write(std::string& out, std::string_view html) {
  HtmlTokenizer tokenizer(html);
  while (tokenizer.next(token_)) {
    switch (token_.kind) {
      case HtmlToken::Kind::text:
        scratch_.clear();
        append_decoded(scratch_, token_.source);
        append_html_escaped(out, scratch_);
        break;
      case HtmlToken::Kind::start_tag: {
        const std::uint8_t tag = find_tag(token_.name);
        if (tag == kNoTag || open_.size() >= kMaxOpenElements) {
          append_html_escaped(out, token_.source);
        } else {
          write_start_tag(out, tag);
        }
        break;
      }
      case HtmlToken::Kind::end_tag: {
        const std::uint8_t tag = find_tag(token_.name);
        if (tag == kNoTag) {
          append_html_escaped(out, token_.source);
        } else {
          write_end_tag(out, tag);
        }
        break;
      }
      case HtmlToken::Kind::comment:
        break;  // invisible in a browser too; "<!-- more -->" is common in blog posts
      case HtmlToken::Kind::bogus:
      case HtmlToken::Kind::incomplete:
        append_html_escaped(out, token_.source);
        break;
    }
  }
}

void RawHtmlSanitizer::write_start_tag(std::string& out, std::uint8_t tag) {
  const TagRule& rule = kTags[tag];
  out += '<';
  out.append(rule.name.data(), rule.name.size());
  bool external = false;
  bool has_src = false;
  std::vector<std::string_view> seen;  // browsers keep the first of duplicate attributes
  for (const HtmlAttribute& attribute : token_.attributes) {
    const std::string_view name = attribute.name;
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
    seen.push_back(name);
    scratch_.clear();
    append_decoded(scratch_, attribute.value);
    const std::string& value = scratch_;
    const std::uint32_t allowed = rule.attributes;
    if (name == "title" || ((allowed & kAlt) && name == "alt") ||
        ((allowed & kDatetime) && name == "datetime")) {
      write_attribute(out, name, value);
    } else if (name == "lang") {
      if (valid_language_tag(value)) write_attribute(out, name, value);
    } else if (name == "dir") {
      const std::string v = lower_ascii(value);
      if (one_of(v, {"ltr", "rtl", "auto"})) write_attribute(out, name, v);
    } else if (((allowed & kHref) && name == "href") || ((allowed & kSrc) && name == "src") ||
               ((allowed & kCite) && name == "cite")) {
      std::string url = value;
      const UrlKind kind = prepare_url(url, base_url_);
      if (kind == UrlKind::blocked) continue;
      out += ' ';
      out.append(name.data(), name.size());
      out += "=\"";
      append_url_escaped(out, url);
      out += '"';
      if (name == "href") external = is_external(kind);
      if (name == "src") has_src = true;
    } else if (((allowed & kWidth) && name == "width") ||
               ((allowed & kHeight) && name == "height")) {
      if (all_digits(value, 4)) write_attribute(out, name, value);
    } else if (((allowed & kSpans) && (name == "colspan" || name == "rowspan")) ||
               ((allowed & kSpan) && name == "span")) {
      if (all_digits(value, 3)) write_attribute(out, name, value);
    } else if ((allowed & kStart) && name == (rule.name == "li" ? "value" : "start")) {
      const std::string_view digits =
          !value.empty() && value[0] == '-' ? std::string_view(value).substr(1) : value;
      if (all_digits(digits, 9)) write_attribute(out, name, value);
    } else if ((allowed & kListType) && name == "type") {
      if (one_of(value, {"1", "a", "A", "i", "I"})) write_attribute(out, name, value);
    } else if (((allowed & kReversed) && name == "reversed") ||
               ((allowed & kOpen) && name == "open")) {
      out += ' ';
      out.append(name.data(), name.size());
    } else if (name == "align" && (allowed & (kAlignBlock | kAlignCell | kAlignImage))) {
      const std::string v = lower_ascii(value);
      const bool ok = (allowed & kAlignBlock) ? one_of(v, {"left", "center", "right", "justify"})
                      : (allowed & kAlignCell)
                          ? one_of(v, {"left", "center", "right"})
                          : one_of(v, {"left", "right", "top", "middle", "bottom", "center"});
      if (ok) write_attribute(out, name, v);
    }
  }
  if (reader_extras_ && external) out += " rel=\"noopener noreferrer\"";
  if (reader_extras_ && has_src) out += " loading=\"lazy\"";
  out += '>';
  if (!rule.is_void) open_.push_back(tag);
}

void RawHtmlSanitizer::write_end_tag(std::string& out, std::uint8_t tag) {
  if (kTags[tag].is_void) return;  // "</br>" and friends: nothing to close
  const std::size_t floor = floors_.empty() ? 0 : floors_.back();
  for (std::size_t i = open_.size(); i > floor; --i) {
    if (open_[i - 1] == tag) {
      close_down_to(out, i - 1);
      return;
    }
  }
  // An end tag with nothing of its kind open here is dropped, as browsers ignore it; it must not
  // close an element folio or an enclosing page opened.
}

void RawHtmlSanitizer::close_down_to(std::string& out, std::size_t size) {
  while (open_.size() > size) {
    const std::string_view name = kTags[open_.back()].name;
    out += "</";
    out.append(name.data(), name.size());
    out += '>';
    open_.pop_back();
  }
}

void RawHtmlSanitizer::leave_block(std::string& out) {
  if (floors_.empty()) return;
  close_down_to(out, floors_.back());
  floors_.pop_back();
}

void RawHtmlSanitizer::close_all(std::string& out) {
  if (!open_.empty()) {
    close_down_to(out, 0);
    out += '\n';  // like every block folio writes, the closing tags end with a line break
  }
  floors_.clear();
}

}  // namespace folio::render_detail
