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

bool is_fence(std::string_view line, std::string_view fence) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == fence;
}

}  // namespace

SplitSource split_front_matter(std::string_view text) {
  SplitSource out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  out.body = text;
  std::size_t next = 0;
  if (!is_fence(line_at(text, 0, next), "---")) return out;
  out.has_front_matter = true;
  out.front_matter_first_line = 2;
  const std::size_t start = next;
  int line_number = 2;
  for (std::size_t pos = start; pos < text.size(); pos = next, ++line_number) {
    const std::string_view line = line_at(text, pos, next);
    if (is_fence(line, "---") || is_fence(line, "...")) {
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
