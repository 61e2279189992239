// folio's HTML renderer on md4c's callback API. It follows md4c-html (md4c 0.4.8) block for
// block, so trusted mode without reader extras writes byte for byte what md4c-html writes (a
// test holds it to that on the spec examples and every shared corpus), and adds what md4c-html
// leaves to its users: raw HTML through an allowlist, URL checks, heading ids and a table of
// contents, rel and loading attributes, a base URL, and the CJK emphasis pre-pass.
#include <md4c.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include <folio/render.h>

#include "cjk_emphasis.h"
#include "entities.h"
#include "heading_ids.h"
#include "md4c_flags.h"
#include "raw_html.h"
#include "text_utils.h"
#include "url.h"

namespace folio {
namespace {

using namespace render_detail;

class HtmlRenderer {
 public:
  HtmlRenderer(std::string& out, const RenderOptions& options, std::vector<TocEntry>* toc,
               bool strip_sentinels)
      : out_(out),
        options_(options),
        toc_(toc),
        strip_sentinels_(strip_sentinels),
        raw_(options.base_url, options.reader_extras) {}

  int enter_block(MD_BLOCKTYPE type, void* detail);
  int leave_block(MD_BLOCKTYPE type, void* detail);
  int enter_span(MD_SPANTYPE type, void* detail);
  int leave_span(MD_SPANTYPE type, void* detail);
  int text(MD_TEXTTYPE type, const MD_CHAR* chars, MD_SIZE size);
  void finish();

 private:
  void raw(std::string_view html) { out_.append(html.data(), html.size()); }
  void escaped(std::string_view text);
  std::string decode_attribute(const MD_ATTRIBUTE& attribute) const;
  void write_url(std::string_view url) { append_url_escaped(out_, url); }
  bool open_link(const MD_SPAN_A_DETAIL& detail);
  bool open_image(const MD_SPAN_IMG_DETAIL& detail);
  void close_image(const MD_SPAN_IMG_DETAIL& detail);
  UrlKind prepare(std::string& url) const;
  void flush_raw_html();

  std::string& out_;
  const RenderOptions& options_;
  std::vector<TocEntry>* toc_;
  const bool strip_sentinels_;
  RawHtmlSanitizer raw_;
  std::string pending_html_;  // safe mode: consecutive raw HTML, sanitized as one run
  bool in_html_block_ = false;
  int image_nesting_ = 0;       // as md4c-html's image_nesting_level
  bool image_blocked_ = false;  // the open image's URL was refused: its alt text shows as text
  std::vector<bool> links_;     // per open link: was an <a> written for it
  bool in_heading_ = false;
  std::size_t heading_attribute_at_ = 0;
  std::string heading_text_;
  HeadingIds heading_ids_;
  std::string scratch_;
};

void HtmlRenderer::escaped(std::string_view text) {
  if (in_heading_) {
    if (strip_sentinels_) {
      append_without_sentinels(heading_text_, text);
    } else {
      heading_text_.append(text.data(), text.size());
    }
  }
  if (!strip_sentinels_) {
    append_html_escaped(out_, text);
    return;
  }
  scratch_.clear();
  append_without_sentinels(scratch_, text);
  append_html_escaped(out_, scratch_);
}

std::string HtmlRenderer::decode_attribute(const MD_ATTRIBUTE& attribute) const {
  std::string value;
  value.reserve(attribute.size);
  for (int i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
    const MD_OFFSET offset = attribute.substr_offsets[i];
    const std::string_view part(attribute.text + offset, attribute.substr_offsets[i + 1] - offset);
    switch (attribute.substr_types[i]) {
      case MD_TEXT_NULLCHAR:
        append_utf8(value, 0);
        break;
      case MD_TEXT_ENTITY:
        if (!append_entity(value, part)) value.append(part.data(), part.size());
        break;
      default:
        if (strip_sentinels_) {
          append_without_sentinels(value, part);
        } else {
          value.append(part.data(), part.size());
        }
        break;
    }
  }
  return value;
}

// Safe mode: clean, check and resolve. Trusted mode: written as md4c-html writes it, except
// that a relative URL is still resolved against the base URL when one is set.
UrlKind HtmlRenderer::prepare(std::string& url) const {
  if (!options_.trusted) return prepare_url(url, options_.base_url);
  std::string probe = url;
  UrlKind kind = clean_and_classify_url(probe);
  if ((kind == UrlKind::relative || kind == UrlKind::network) && !options_.base_url.empty() &&
      render_detail::is_valid_base_url(options_.base_url)) {
    url = resolve_url(options_.base_url, probe);
    kind = UrlKind::web;
  }
  return kind == UrlKind::blocked ? UrlKind::relative : kind;  // trusted: nothing is blocked
}

bool HtmlRenderer::open_link(const MD_SPAN_A_DETAIL& detail) {
  std::string url = decode_attribute(detail.href);
  const UrlKind kind = prepare(url);
  if (kind == UrlKind::blocked) return false;
  raw("<a href=\"");
  write_url(url);
  if (detail.title.text != nullptr) {
    raw("\" title=\"");
    append_html_escaped(out_, decode_attribute(detail.title));
  }
  raw(options_.reader_extras && is_external(kind) ? "\" rel=\"noopener noreferrer\">" : "\">");
  return true;
}

bool HtmlRenderer::open_image(const MD_SPAN_IMG_DETAIL& detail) {
  std::string url = decode_attribute(detail.src);
  if (prepare(url) == UrlKind::blocked) return false;
  raw("<img src=\"");
  write_url(url);
  raw("\" alt=\"");
  return true;
}

void HtmlRenderer::close_image(const MD_SPAN_IMG_DETAIL& detail) {
  if (detail.title.text != nullptr) {
    raw("\" title=\"");
    append_html_escaped(out_, decode_attribute(detail.title));
  }
  raw(options_.reader_extras ? "\" loading=\"lazy\">" : "\">");
}

void HtmlRenderer::flush_raw_html() {
  if (pending_html_.empty()) return;
  raw_.write(out_, pending_html_);
  pending_html_.clear();
}

int HtmlRenderer::enter_block(MD_BLOCKTYPE type, void* detail) {
  flush_raw_html();
  if (type != MD_BLOCK_DOC && type != MD_BLOCK_HTML) raw_.enter_block();
  switch (type) {
    case MD_BLOCK_DOC:
      break;
    case MD_BLOCK_QUOTE:
      raw("<blockquote>\n");
      break;
    case MD_BLOCK_UL:
      raw("<ul>\n");
      break;
    case MD_BLOCK_OL: {
      const unsigned start = static_cast<const MD_BLOCK_OL_DETAIL*>(detail)->start;
      if (start == 1) {
        raw("<ol>\n");
      } else {
        raw("<ol start=\"");
        raw(std::to_string(start));
        raw("\">\n");
      }
      break;
    }
    case MD_BLOCK_LI: {
      const auto* li = static_cast<const MD_BLOCK_LI_DETAIL*>(detail);
      if (li->is_task) {
        raw("<li class=\"task-list-item\">"
            "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled");
        if (li->task_mark == 'x' || li->task_mark == 'X') raw(" checked");
        raw(">");
      } else {
        raw("<li>");
      }
      break;
    }
    case MD_BLOCK_HR:
      raw("<hr>\n");
      break;
    case MD_BLOCK_H: {
      const unsigned level = static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level;
      raw("<h");
      out_ += static_cast<char>('0' + level);
      heading_attribute_at_ = out_.size();
      raw(">");
      in_heading_ = true;
      heading_text_.clear();
      break;
    }
    case MD_BLOCK_CODE: {
      const auto* code = static_cast<const MD_BLOCK_CODE_DETAIL*>(detail);
      raw("<pre><code");
      if (code->lang.text != nullptr) {
        raw(" class=\"language-");
        append_html_escaped(out_, decode_attribute(code->lang));
        raw("\"");
      }
      raw(">");
      break;
    }
    case MD_BLOCK_HTML:
      in_html_block_ = true;
      break;
    case MD_BLOCK_P:
      raw("<p>");
      break;
    case MD_BLOCK_TABLE:
      raw("<table>\n");
      break;
    case MD_BLOCK_THEAD:
      raw("<thead>\n");
      break;
    case MD_BLOCK_TBODY:
      raw("<tbody>\n");
      break;
    case MD_BLOCK_TR:
      raw("<tr>\n");
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: {
      raw(type == MD_BLOCK_TH ? "<th" : "<td");
      switch (static_cast<const MD_BLOCK_TD_DETAIL*>(detail)->align) {
        case MD_ALIGN_LEFT:
          raw(" align=\"left\">");
          break;
        case MD_ALIGN_CENTER:
          raw(" align=\"center\">");
          break;
        case MD_ALIGN_RIGHT:
          raw(" align=\"right\">");
          break;
        default:
          raw(">");
          break;
      }
      break;
    }
  }
  return 0;
}

int HtmlRenderer::leave_block(MD_BLOCKTYPE type, void* detail) {
  flush_raw_html();
  if (type != MD_BLOCK_DOC && type != MD_BLOCK_HTML) raw_.leave_block(out_);
  switch (type) {
    case MD_BLOCK_DOC:
    case MD_BLOCK_HR:
      break;
    case MD_BLOCK_QUOTE:
      raw("</blockquote>\n");
      break;
    case MD_BLOCK_UL:
      raw("</ul>\n");
      break;
    case MD_BLOCK_OL:
      raw("</ol>\n");
      break;
    case MD_BLOCK_LI:
      raw("</li>\n");
      break;
    case MD_BLOCK_H: {
      const int level = static_cast<int>(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level);
      in_heading_ = false;
      const std::size_t first = heading_text_.find_first_not_of(" \t\n");
      const std::size_t last = heading_text_.find_last_not_of(" \t\n");
      std::string text = first == std::string::npos ? std::string()
                                                    : heading_text_.substr(first, last - first + 1);
      std::string id = heading_ids_.next(text);
      if (options_.reader_extras) {
        std::string attribute = " id=\"";
        append_html_escaped(attribute, id);
        attribute += '"';
        out_.insert(heading_attribute_at_, attribute);
      }
      raw("</h");
      out_ += static_cast<char>('0' + level);
      raw(">\n");
      if (toc_ != nullptr) toc_->push_back(TocEntry{level, std::move(id), std::move(text)});
      break;
    }
    case MD_BLOCK_CODE:
      raw("</code></pre>\n");
      break;
    case MD_BLOCK_HTML:
      in_html_block_ = false;
      break;
    case MD_BLOCK_P:
      raw("</p>\n");
      break;
    case MD_BLOCK_TABLE:
      raw("</table>\n");
      break;
    case MD_BLOCK_THEAD:
      raw("</thead>\n");
      break;
    case MD_BLOCK_TBODY:
      raw("</tbody>\n");
      break;
    case MD_BLOCK_TR:
      raw("</tr>\n");
      break;
    case MD_BLOCK_TH:
      raw("</th>\n");
      break;
    case MD_BLOCK_TD:
      raw("</td>\n");
      break;
  }
  return 0;
}

int HtmlRenderer::enter_span(MD_SPANTYPE type, void* detail) {
  flush_raw_html();
  // Inside an image only text reaches the alt attribute (md4c-html, CommonMark's advice).
  if (image_nesting_ > 0) return 0;
  switch (type) {
    case MD_SPAN_EM:
      raw("<em>");
      break;
    case MD_SPAN_STRONG:
      raw("<strong>");
      break;
    case MD_SPAN_U:
      raw("<u>");
      break;
    case MD_SPAN_A:
      links_.push_back(open_link(*static_cast<const MD_SPAN_A_DETAIL*>(detail)));
      break;
    case MD_SPAN_IMG:
      image_blocked_ = !open_image(*static_cast<const MD_SPAN_IMG_DETAIL*>(detail));
      ++image_nesting_;
      break;
    case MD_SPAN_CODE:
      raw("<code>");
      break;
    case MD_SPAN_DEL:
      raw("<del>");
      break;
    default:  // LaTeX and wiki links: their flags are never set
      break;
  }
  return 0;
}

int HtmlRenderer::leave_span(MD_SPANTYPE type, void* detail) {
  flush_raw_html();
  if (image_nesting_ > 0) {
    // md4c-html closes the image at the first image end inside it; so do we.
    if (image_nesting_ == 1 && type == MD_SPAN_IMG) {
      if (!image_blocked_) close_image(*static_cast<const MD_SPAN_IMG_DETAIL*>(detail));
      image_blocked_ = false;
      --image_nesting_;
    }
    return 0;
  }
  switch (type) {
    case MD_SPAN_EM:
      raw("</em>");
      break;
    case MD_SPAN_STRONG:
      raw("</strong>");
      break;
    case MD_SPAN_U:
      raw("</u>");
      break;
    case MD_SPAN_A:
      if (!links_.empty()) {
        if (links_.back()) raw("</a>");
        links_.pop_back();
      }
      break;
    case MD_SPAN_CODE:
      raw("</code>");
      break;
    case MD_SPAN_DEL:
      raw("</del>");
      break;
    default:
      break;
  }
  return 0;
}

int HtmlRenderer::text(MD_TEXTTYPE type, const MD_CHAR* chars, MD_SIZE size) {
  const std::string_view text(chars, size);
  if (type == MD_TEXT_HTML) {
    if (options_.trusted) {
      if (strip_sentinels_) {
        append_without_sentinels(out_, text);
      } else {
        raw(text);
      }
    } else if (image_nesting_ > 0) {
      // Inside an image, raw HTML is alt text, written escaped as cmark does. Through the
      // allowlist it became tags inside alt="...", whose own quotes ended the attribute:
      // ![<span title=" onerror=alert(1) ">](x.jpg) gave the <img> an onerror (fuzz_render;
      // spec example "Raw HTML in an image's description is alt text").
      escaped(text);
    } else if (strip_sentinels_) {
      append_without_sentinels(pending_html_, text);
    } else {
      pending_html_.append(text.data(), text.size());
    }
    return 0;
  }
  if (type == MD_TEXT_NULLCHAR && (in_html_block_ || !pending_html_.empty())) {
    append_utf8(options_.trusted ? out_ : pending_html_, 0);
    return 0;
  }
  flush_raw_html();
  switch (type) {
    case MD_TEXT_NULLCHAR:
      append_utf8(out_, 0);
      if (in_heading_) append_utf8(heading_text_, 0);
      break;
    case MD_TEXT_BR:
      raw(image_nesting_ == 0 ? "<br>\n" : " ");
      if (in_heading_) heading_text_ += ' ';
      break;
    case MD_TEXT_SOFTBR:
      raw(image_nesting_ == 0 ? "\n" : " ");
      if (in_heading_) heading_text_ += ' ';
      break;
    case MD_TEXT_ENTITY:
      scratch_.clear();
      if (!append_entity(scratch_, text)) scratch_.assign(text.data(), text.size());
      if (in_heading_) heading_text_ += scratch_;
      append_html_escaped(out_, scratch_);
      break;
    default:
      escaped(text);
      break;
  }
  return 0;
}

void HtmlRenderer::finish() {
  flush_raw_html();
  raw_.close_all(out_);
}

template <typename Detail>
HtmlRenderer& renderer(Detail* userdata) {
  return *static_cast<HtmlRenderer*>(userdata);
}

}  // namespace

void render_html_into(std::string& out, std::string_view markdown, const RenderOptions& options,
                      std::vector<TocEntry>* toc) {
  // md4c-html's MD_HTML_FLAG_SKIP_UTF8_BOM.
  if (markdown.substr(0, 3) == "\xEF\xBB\xBF") markdown.remove_prefix(3);
  std::string with_sentinels;
  const bool sentinels =
      options.cjk_friendly_emphasis && apply_cjk_friendly_emphasis(markdown, with_sentinels);
  if (sentinels) markdown = with_sentinels;

  // HTML is about 1.1x the Markdown. Grow geometrically: reserving just enough for each of many
  // documents appended to one buffer (renderBatch) would copy the buffer every time.
  const std::size_t needed = out.size() + markdown.size() + markdown.size() / 4 + 64;
  if (out.capacity() < needed) out.reserve(std::max(needed, out.capacity() * 2));
  HtmlRenderer html(out, options, toc, sentinels);
  MD_PARSER parser{};
  parser.flags = md4c_flags(options.extensions);
  parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* userdata) {
    return renderer(userdata).enter_block(type, detail);
  };
  parser.leave_block = [](MD_BLOCKTYPE type, void* detail, void* userdata) {
    return renderer(userdata).leave_block(type, detail);
  };
  parser.enter_span = [](MD_SPANTYPE type, void* detail, void* userdata) {
    return renderer(userdata).enter_span(type, detail);
  };
  parser.leave_span = [](MD_SPANTYPE type, void* detail, void* userdata) {
    return renderer(userdata).leave_span(type, detail);
  };
  parser.text = [](MD_TEXTTYPE type, const MD_CHAR* chars, MD_SIZE size, void* userdata) {
    return renderer(userdata).text(type, chars, size);
  };
  // md4c 0.4.8 reads the byte just past its input in places (md_is_container_mark for a last
  // line "1", md_is_inline_link_spec for a text ending in "[a](b"; found by fuzz_render under
  // ASan, fixed upstream by bounds checks). A string_view's next byte may be outside its buffer
  // or, in a view into a larger text, a '.' or ')' that changes the parse; a NUL there matches
  // nothing, as the bounds checks do. Every md_parse call in folio gets such a copy
  // (tests/unit/render_test.cc, "the byte after the Markdown never changes the HTML").
  const std::string terminated(markdown);
  if (md_parse(terminated.c_str(), static_cast<MD_SIZE>(terminated.size()), &parser, &html) != 0) {
    throw std::runtime_error("md4c could not parse the document (out of memory)");
  }
  html.finish();
}

bool is_valid_base_url(std::string_view url) { return render_detail::is_valid_base_url(url); }

void append_utf16(std::u16string& out, std::string_view utf8) {
  render_detail::append_utf16(out, utf8);
}

RenderedDocument render_document(std::string_view markdown, const RenderOptions& options) {
  RenderedDocument document;
  render_html_into(document.html, markdown, options, &document.toc);
  return document;
}

std::string render_html(std::string_view markdown, const RenderOptions& options) {
  std::string html;
  render_html_into(html, markdown, options, nullptr);
  return html;
}

}  // namespace folio
