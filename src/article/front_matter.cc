#include "front_matter.h"

namespace folio::detail {
namespace {

// The line starting at `pos` without its terminator; `next` is where the following line starts.
std::string_view line_at(std::string_view text, std::size_t pos, std::size_t& next) {
  std::size_t end = text.find('\n', pos);
  next = end == std::string_view::npos ? text.size() : end + 1;
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string_view trim_right(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line;
}

bool is_blank(std::string_view line) { return trim_right(line).empty(); }

}  // namespace

SplitSource split_front_matter(std::string_view text) {
  SplitSource out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  out.body = text;
  std::size_t pos = 0;
  std::size_t next = 0;
  int line_number = 1;
  std::string_view first = line_at(text, pos, next);
  while (is_blank(first) && next < text.size()) {
    pos = next;
    ++line_number;
    first = line_at(text, pos, next);
  }
  first = trim_right(first);
  if (first == "---") {
    out.kind = FrontMatterKind::yaml;
  } else if (first == "+++") {
    out.kind = FrontMatterKind::toml;
  } else {
    return out;
  }
  out.fence_line = line_number;
  out.front_matter_first_line = line_number + 1;
  const std::size_t start = next;
  ++line_number;
  for (pos = start; pos < text.size(); pos = next, ++line_number) {
    const std::string_view line = trim_right(line_at(text, pos, next));
    const bool closes =
        out.kind == FrontMatterKind::toml ? line == "+++" : (line == "---" || line == "...");
    if (closes) {
      out.front_matter = text.substr(start, pos - start);
      out.body = text.substr(next);
      out.body_first_line = line_number + 1;
      return out;
    }
  }
  out.terminated = false;
  out.front_matter = text.substr(start);
  out.body = {};
  return out;
}

}  // namespace folio::detail
