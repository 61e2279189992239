// Reads md4c's literate spec format (tests/spec/*.txt, and md4c's own test/*.txt): prose, then
// examples fenced by a line of 32 backticks and "example", holding the input, a "." line, the
// expected output and, optionally, another "." line and options. Tabs may be written as →.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace folio::test_support {

struct SpecExample {
  std::string file;  // the file name, without its folder
  int line = 0;      // where the example's fence starts
  int number = 0;    // 1-based within its file
  std::string input;
  std::string expected;
  std::string options;
};

// Throws std::runtime_error when the file cannot be read or an example is never closed.
std::vector<SpecExample> read_spec_examples(const std::filesystem::path& path);

}  // namespace folio::test_support
