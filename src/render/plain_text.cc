#include <md4c.h>

#include <folio/render.h>

#include "entities.h"
#include "raw_html.h"
#include "text_utils.h"

namespace folio {
namespace {

// Chinese and Japanese written without spaces, the side of a line break CSS Text 3's segment
// break rules remove (East Asian Wide, Full or Half width, Hangul excepted: Korean has spaces).
bool joins_across_line_break(char32_t cp) {
  const bool hangul = (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
                      (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7FF);
  return !hangul && render_detail::is_cjk(cp);
}

// Search indexes what a reader sees, so this walks the same parse as the safe renderer (raw
// HTML on, GitHub dialect) and shows raw HTML as the sanitizer shows it: comments and kept tags
// vanish, refused tags stay as text, references decode. Parsing with raw HTML off instead
// indexed `<!-- 注释 -->` and `<div style="…">` as words a reader never sees (spec examples
// "Raw HTML comments are not searchable" and "Tags folio keeps are not searchable").
struct PlainText {
  std::string out;
  std::string pending_html;  // one run of raw HTML, shown as a whole like the renderer does
  int image_nesting = 0;
  // A soft line break waits for the next text: between two Chinese characters it is nothing, as
  // a reader reads "可以参\n考" (a hard-wrapped source line) as 可以参考; a space there made
  // `以参考` miss the post (synth-10k, bench truth; spec example "A line wrapped inside a
  // Chinese sentence is one run").
  bool soft_break = false;

  void resolve_soft_break(std::string_view next) {
    if (!soft_break) return;
    soft_break = false;
    std::size_t at = 0;
    if (!out.empty() && !next.empty() &&
        joins_across_line_break(render_detail::decode_utf8_before(out, out.size())) &&
        joins_across_line_break(render_detail::decode_utf8(next, at))) {
      return;
    }
    out += ' ';
  }
  void end_line() {
    flush_html();
    soft_break = false;
    if (!out.empty() && out.back() != '\n') out += '\n';
  }
  void flush_html() {
    if (pending_html.empty()) return;
    resolve_soft_break({});
    render_detail::append_visible_text(out, pending_html);
    pending_html.clear();
  }
};

// Every block starts a line: a tight list item's text is no paragraph, so a list, code block or
// quote nested right after it ran on into the same word ("**Task Editing**" then "- Make edits"
// indexed `editingmake`, and neither `editing` nor `make` found the post: en-digitalgov, bench
// truth; spec example "A nested list starts a new line of text").
int enter_block(MD_BLOCKTYPE, void*, void* userdata) {
  static_cast<PlainText*>(userdata)->end_line();
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* userdata) {
  auto* text = static_cast<PlainText*>(userdata);
  switch (type) {
    case MD_BLOCK_P:
    case MD_BLOCK_H:
    case MD_BLOCK_CODE:
    case MD_BLOCK_LI:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
    case MD_BLOCK_HTML:
      text->end_line();
      break;
    default:
      text->flush_html();
      break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void*, void* userdata) {
  auto* text = static_cast<PlainText*>(userdata);
  text->flush_html();
  if (type == MD_SPAN_IMG) ++text->image_nesting;
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* userdata) {
  auto* text = static_cast<PlainText*>(userdata);
  text->flush_html();
  if (type == MD_SPAN_IMG) --text->image_nesting;
  return 0;
}

int on_text(MD_TEXTTYPE type, const MD_CHAR* chars, MD_SIZE size, void* userdata) {
  auto* text = static_cast<PlainText*>(userdata);
  const std::string_view run(chars, size);
  if (type == MD_TEXT_HTML && text->image_nesting == 0) {
    text->pending_html.append(run);
    return 0;
  }
  if (type == MD_TEXT_NULLCHAR && !text->pending_html.empty()) {
    text->pending_html += "\xEF\xBF\xBD";
    return 0;
  }
  text->flush_html();
  if (type != MD_TEXT_SOFTBR && type != MD_TEXT_BR) text->resolve_soft_break(run);
  switch (type) {
    case MD_TEXT_NULLCHAR:
      text->out += "\xEF\xBF\xBD";
      break;
    case MD_TEXT_BR:
      text->end_line();
      break;
    case MD_TEXT_SOFTBR:
      text->resolve_soft_break({});
      text->soft_break = true;
      break;
    case MD_TEXT_ENTITY:  // "&amp;" reads as "&", as the renderer writes it
      if (!render_detail::append_entity(text->out, run)) text->out.append(run);
      break;
    default:  // normal text, code, raw HTML inside an image's alt text (shown as written)
      text->out.append(run);
  }
  return 0;
}

}  // namespace

std::string render_plain_text(std::string_view markdown) {
  PlainText text;
  text.out.reserve(markdown.size());
  MD_PARSER parser{};
  parser.flags = MD_DIALECT_GITHUB;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = on_text;
  const std::string terminated(markdown);  // md4c reads one byte past its input (render.cc)
  md_parse(terminated.c_str(), static_cast<MD_SIZE>(terminated.size()), &parser, &text);
  text.flush_html();
  while (!text.out.empty() && text.out.back() == '\n') text.out.pop_back();
  return std::move(text.out);
}

}  // namespace folio
