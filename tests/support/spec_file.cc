#include "spec_file.h"

#include <fstream>
#include <stdexcept>

namespace folio::test_support {
namespace {

std::string replace_tab_arrows(std::string text) {
  // The CommonMark spec writes tabs as → so they survive editors; so do we.
  const std::string arrow = "\xE2\x86\x92";
  for (std::size_t pos = text.find(arrow); pos != std::string::npos; pos = text.find(arrow, pos)) {
    text.replace(pos, arrow.size(), "\t");
    ++pos;
  }
  return text;
}

}  // namespace

std::vector<SpecExample> read_spec_examples(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  const std::string fence(32, '`');
  std::vector<SpecExample> examples;
  std::string line;
  int line_number = 0;
  bool inside = false;
  int part = 0;
  SpecExample current;
  while (std::getline(in, line)) {
    ++line_number;
    if (!inside && line == fence + " example") {
      inside = true;
      part = 0;
      current = SpecExample{
          path.filename().string(), line_number, static_cast<int>(examples.size()) + 1, "", "", ""};
    } else if (inside && line == fence) {
      inside = false;
      current.input = replace_tab_arrows(current.input);
      current.expected = replace_tab_arrows(current.expected);
      examples.push_back(current);
    } else if (inside && line == ".") {
      ++part;
    } else if (inside) {
      std::string& into = part == 0   ? current.input
                          : part == 1 ? current.expected
                                      : current.options;
      into += line + "\n";
    }
  }
  if (inside) {
    throw std::runtime_error(path.string() + ": example at line " + std::to_string(current.line) +
                             " is never closed");
  }
  return examples;
}

}  // namespace folio::test_support
