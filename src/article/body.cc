// What the article layer reads from a body: the scraped-duplicate artifact, the first heading and
// paragraph, reading-time counts, and summaries cut to length.
#include <md4c.h>

#include <string>
#include <vector>

#include <folio/article.h>
#include <folio/text.h>

#include "body.h"

namespace folio {
namespace {

// --- the scraping artifact ----------------------------------------------------------------

struct Block {
  std::size_t begin = 0;  // first byte of the block's first line
  std::size_t end = 0;    // one past the last blank line that follows it
  std::string letters;    // the text with all white space removed
  bool prose = true;      // false for code, so a code listing is never compared
};

// Unicode's White_Space, with U+200B and U+FEFF (invisible, never meant as letters). U+0085
// (NEL, YAML's `\N`) is a line break: a title holding one shows a space
// (tests/spec/front-matter.txt, "Escapes for NEL and no-break space").
bool is_space_outside_ascii(char32_t cp) {
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || cp == 0x3000 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0xFEFF;
}

// Inline with an ASCII fast path: it runs once per character of every body (folio/text.h).
inline bool is_space_code_point(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');  // \t \n \v \f \r
  return is_space_outside_ascii(cp);
}

// Appends `text` without its white space to `out` (in place: a string per line was a twentieth
// of en-digitalgov's build CPU, perf, issue 5's build target).
void append_without_spaces(std::string& out, std::string_view text) {
  std::size_t run = 0;  // start of the characters not yet appended: one append per run
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    if (is_space_code_point(next_code_point(text, pos))) {
      out.append(text.data() + run, start - run);
      run = pos;
    }
  }
  out.append(text.data() + run, text.size() - run);
}

std::string without_spaces(std::string_view text) {
  std::string out;
  append_without_spaces(out, text);
  return out;
}

std::string_view strip_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool is_blank_line(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// "```" or "~~~" (3+), up to 3 spaces of indent: the fence character, or 0.
char fence_char(std::string_view line, std::size_t& length) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return 0;
  const char c = line[i];
  length = 0;
  while (i + length < line.size() && line[i + length] == c) ++length;
  return length >= 3 ? c : 0;
}

// Blank-line separated blocks; a fenced code block is one block, whatever it contains.
std::vector<Block> blocks_of(std::string_view text) {
  std::vector<Block> blocks;
  std::size_t pos = 0;
  Block current;
  bool in_block = false;
  char open_fence = 0;
  std::size_t open_length = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view line =
        strip_cr(text.substr(pos, next - pos - (end == text.npos ? 0 : 1)));
    std::size_t length = 0;
    const char fence = fence_char(line, length);
    if (open_fence) {
      if (fence == open_fence && length >= open_length) open_fence = 0;
      current.end = next;
    } else if (is_blank_line(line)) {
      if (in_block) {
        blocks.push_back(current);
        in_block = false;
      }
      if (!blocks.empty()) blocks.back().end = next;
    } else {
      if (!in_block) {
        current = Block{pos, next, "", true};
        in_block = true;
      }
      current.end = next;
      if (fence) {
        open_fence = fence;
        open_length = length;
        current.prose = false;
      }
      const char first = line.empty() ? ' ' : line[0];
      if (line.substr(0, 4) == "    " || line[0] == '\t' || first == '<' || first == '|') {
        current.prose = false;
      }
      append_without_spaces(current.letters, line);
    }
    pos = next;
  }
  if (in_block) blocks.push_back(current);
  return blocks;
}

// --- md4c walk ---------------------------------------------------------------------------

struct FactsWalk {
  BodyFacts facts;
  int heading_depth = 0;  // > 0 inside the first heading, while it is being read
  bool heading_done = false;
  int paragraph_depth = 0;  // > 0 inside the paragraph being read as the summary
  bool paragraph_done = false;
  std::string paragraph;
  int image_depth = 0;  // alt text of images is not prose
  bool in_word = false;
  bool collect_all = false;  // read every paragraph (explicit summaries, text before <!--more-->)
  std::string all;

  void count(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
      const char32_t cp = next_code_point(text, pos);
      if (is_cjk(cp)) {
        ++facts.cjk_chars;
        in_word = false;
      } else if (is_space_code_point(cp) || (cp < 0x80 && !is_word_char(cp)) ||
                 (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
                 (cp >= 0xFF00 && cp <= 0xFF0F)) {
        in_word = false;
      } else if (!in_word) {
        ++facts.latin_words;
        in_word = true;
      }
    }
  }
};

int enter_block(MD_BLOCKTYPE type, void*, void* userdata) {
  auto* w = static_cast<FactsWalk*>(userdata);
  w->in_word = false;
  if (type == MD_BLOCK_H && !w->heading_done) ++w->heading_depth;
  if (type == MD_BLOCK_P && (w->collect_all || !w->paragraph_done)) {
    ++w->paragraph_depth;
    w->paragraph.clear();
  }
  return 0;
}

std::string collapse_spaces(std::string_view text);
std::string strip_template_tags(std::string_view text);

int leave_block(MD_BLOCKTYPE type, void*, void* userdata) {
  auto* w = static_cast<FactsWalk*>(userdata);
  w->in_word = false;
  if (type == MD_BLOCK_H && w->heading_depth > 0) {
    w->heading_depth = 0;
    w->facts.first_heading = collapse_spaces(strip_template_tags(w->facts.first_heading));
    w->heading_done = !w->facts.first_heading.empty();
  }
  if (type == MD_BLOCK_P && w->paragraph_depth > 0) {
    w->paragraph_depth = 0;
    const std::string text = collapse_spaces(strip_template_tags(w->paragraph));
    if (w->collect_all) {
      if (!text.empty()) w->all += (w->all.empty() ? "" : " ") + text;
    } else if (!text.empty()) {
      w->facts.first_paragraph = text;
      w->paragraph_done = true;
    }
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void*, void* userdata) {
  if (type == MD_SPAN_IMG) ++static_cast<FactsWalk*>(userdata)->image_depth;
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* userdata) {
  if (type == MD_SPAN_IMG) --static_cast<FactsWalk*>(userdata)->image_depth;
  return 0;
}

// The entities people actually write in front matter and prose; the rest stay as written.
std::string decode_entity(std::string_view entity) {
  static const std::pair<const char*, const char*> kNamed[] = {
      {"&amp;", "&"},         {"&lt;", "<"},         {"&gt;", ">"},          {"&quot;", "\""},
      {"&apos;", "'"},        {"&nbsp;", " "},       {"&ldquo;", "\u201C"},  {"&rdquo;", "\u201D"},
      {"&lsquo;", "\u2018"},  {"&rsquo;", "\u2019"}, {"&mdash;", "\u2014"},  {"&ndash;", "\u2013"},
      {"&hellip;", "\u2026"}, {"&bull;", "\u2022"},  {"&middot;", "\u00B7"}, {"&copy;", "\u00A9"},
  };
  for (const auto& [name, value] : kNamed) {
    if (entity == name) return value;
  }
  if (entity.size() > 3 && entity[1] == '#') {
    const bool hex = entity[2] == 'x' || entity[2] == 'X';
    const std::string digits(entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3)));
    char* end = nullptr;
    const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
    if (end && *end == '\0' && cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
      std::string out;
      append_utf8(out, static_cast<char32_t>(cp));
      return out;
    }
  }
  return std::string(entity);
}

int on_text(MD_TEXTTYPE type, const MD_CHAR* chars, MD_SIZE size, void* userdata) {
  auto* w = static_cast<FactsWalk*>(userdata);
  std::string_view text(chars, size);
  std::string decoded;
  switch (type) {
    case MD_TEXT_HTML:
      return 0;  // markup, not words
    case MD_TEXT_NULLCHAR:
      return 0;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      decoded = " ";
      break;
    case MD_TEXT_ENTITY:
      decoded = decode_entity(text);
      break;
    default:
      decoded.assign(text);
  }
  w->count(decoded);
  if (w->image_depth > 0) return 0;
  if (w->heading_depth > 0) w->facts.first_heading += decoded;
  if (w->paragraph_depth > 0) w->paragraph += decoded;
  return 0;
}

void walk(std::string_view markdown, unsigned flags, FactsWalk& w) {
  MD_PARSER parser{};
  parser.flags = flags;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = on_text;
  // md4c 0.4.8 reads one byte past its input (src/render/render.cc): give it a NUL there.
  const std::string terminated(markdown);
  md_parse(terminated.c_str(), static_cast<MD_SIZE>(terminated.size()), &parser, &w);
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(text, pos);
    if (is_space_code_point(cp) && cp != 0x3000) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out.append(text.substr(start, pos - start));
  }
  return out;
}

// Hugo shortcodes ({{< x >}}, {{% x %}}), Liquid tags ({% x %}) and outputs ({{ x }}) are
// template syntax, not words a reader sees in a summary.
std::string strip_template_tags(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find('{', pos);
    if (open == std::string_view::npos || open + 1 >= text.size()) break;
    const char second = text[open + 1];
    std::string_view close;
    if (second == '{') close = "}}";
    if (second == '%') close = "%}";
    const std::size_t end = close.empty() ? text.npos : text.find(close, open + 2);
    if (end == std::string_view::npos) {
      out.append(text.substr(pos, open + 1 - pos));
      pos = open + 1;
      continue;
    }
    out.append(text.substr(pos, open - pos));
    pos = end + close.size();
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

std::size_t display_width(char32_t cp) {
  return is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                 (cp >= 0xFFE0 && cp <= 0xFFE6)
             ? 2
             : 1;
}

// `<!--more-->` on a line of its own (Hugo's and Hexo's summary divider): its offset, or npos.
std::size_t more_divider(std::string_view markdown) {
  for (std::size_t pos = markdown.find("<!--"); pos != std::string_view::npos;
       pos = markdown.find("<!--", pos + 4)) {
    const std::size_t end = markdown.find("-->", pos);
    if (end == std::string_view::npos) return std::string_view::npos;
    std::string inner(without_spaces(markdown.substr(pos + 4, end - pos - 4)));
    for (char& c : inner) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (inner == "more") return pos;
  }
  return std::string_view::npos;
}

}  // namespace

int drop_concatenated_paragraphs(std::string& markdown) {
  constexpr std::size_t kMinBytes = 80;  // shorter repeats (a refrain, a poem's line) stay
  std::vector<Block> blocks = blocks_of(markdown);
  std::vector<bool> drop(blocks.size(), false);
  int dropped = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const std::string& whole = blocks[i].letters;
    if (!blocks[i].prose || whole.size() < kMinBytes) continue;
    std::size_t matched = 0;
    std::size_t parts = 0;
    for (std::size_t j = i + 1; j < blocks.size() && blocks[j].prose; ++j) {
      const std::string& part = blocks[j].letters;
      if (part.empty() || whole.compare(matched, part.size(), part) != 0) break;
      matched += part.size();
      ++parts;
      if (matched == whole.size()) break;
    }
    if (parts >= 2 && matched == whole.size()) {
      drop[i] = true;
      ++dropped;
    }
  }
  if (dropped == 0) return 0;
  std::string kept;
  kept.reserve(markdown.size());
  std::size_t copied = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (!drop[i]) continue;
    kept.append(markdown, copied, blocks[i].begin - copied);
    copied = blocks[i].end;
  }
  kept.append(markdown, copied, std::string::npos);
  markdown = std::move(kept);
  return dropped;
}

BodyFacts read_body_facts(std::string_view markdown) {
  FactsWalk w;
  walk(markdown, MD_DIALECT_GITHUB, w);
  const std::size_t more = more_divider(markdown);
  if (more != std::string_view::npos) {
    FactsWalk before;
    before.collect_all = true;
    walk(markdown.substr(0, more), MD_DIALECT_GITHUB, before);
    w.facts.before_more = before.all;
  }
  return std::move(w.facts);
}

namespace detail {

std::string summary_text(std::string_view value) {
  FactsWalk w;
  w.collect_all = true;
  // HTML blocks would hide "<p>In the movies, …" whole; as inline HTML only the tags go.
  walk(value, MD_DIALECT_GITHUB | MD_FLAG_NOHTMLBLOCKS, w);
  return w.all;
}

std::string plain_title(std::string_view value) {
  return collapse_spaces(strip_template_tags(value));
}

}  // namespace detail

std::string cut_summary(std::string_view text, std::size_t max_width) {
  std::size_t width = 0;
  std::size_t cut = text.size();
  std::size_t last_space = std::string_view::npos;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(text, pos);
    width += display_width(cp);
    if (width + 1 > max_width) {  // one column for the ellipsis
      cut = start;
      break;
    }
    if (cp == ' ' || is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFF00 && cp <= 0xFF0F)) {
      last_space = cp == ' ' ? start : pos;  // CJK text may break after any character
    }
  }
  if (cut == text.size()) return std::string(text);
  std::size_t pos = cut;
  std::size_t after = cut;
  const char32_t next = next_code_point(text, after);
  std::size_t before = cut > 0 ? utf8_floor(text, cut - 1) : 0;
  const char32_t previous = cut > 0 ? next_code_point(text, before) : U' ';
  const bool mid_word = is_word_char(previous) && is_word_char(next) &&
                        last_space != std::string_view::npos && last_space != cut;
  if (mid_word && last_space * 10 >= cut * 6) pos = last_space;
  std::string out(text.substr(0, utf8_floor(text, pos)));
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';' ||
                          out.back() == ':' || out.back() == '-')) {
    out.pop_back();
  }
  return out + "\u2026";
}

}  // namespace folio
