#include <md4c.h>

#include <folio/render.h>

namespace folio {
namespace {

struct PlainText {
  std::string out;
  void end_line() {
    if (!out.empty() && out.back() != '\n') out += '\n';
  }
};

int enter_block(MD_BLOCKTYPE, void*, void*) { return 0; }

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
      break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE, void*, void*) { return 0; }
int leave_span(MD_SPANTYPE, void*, void*) { return 0; }

int on_text(MD_TEXTTYPE type, const MD_CHAR* chars, MD_SIZE size, void* userdata) {
  auto* text = static_cast<PlainText*>(userdata);
  switch (type) {
    case MD_TEXT_NULLCHAR:
      text->out += "\xEF\xBF\xBD";
      break;
    case MD_TEXT_BR:
      text->end_line();
      break;
    case MD_TEXT_SOFTBR:
      text->out += ' ';
      break;
    default:  // normal text, code, raw HTML shown as text, entities as written
      text->out.append(chars, size);
  }
  return 0;
}

}  // namespace

std::string render_plain_text(std::string_view markdown) {
  PlainText text;
  text.out.reserve(markdown.size());
  MD_PARSER parser{};
  parser.flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = on_text;
  const std::string terminated(markdown);  // md4c reads one byte past its input (render.cc)
  md_parse(terminated.c_str(), static_cast<MD_SIZE>(terminated.size()), &parser, &text);
  while (!text.out.empty() && text.out.back() == '\n') text.out.pop_back();
  return std::move(text.out);
}

}  // namespace folio
