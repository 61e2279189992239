// folio's renderer against the CommonMark and GFM spec examples and md4c's own spec files, the
// way md4c's test runner judges them (normalized HTML, tests/conformance/html_normalize.h):
//   build/native/bin/conformance [--verbose] [--shared DIR] [--md4c-tests DIR]
// Prints one line per suite ("648 passed, 4 failed: 171 354 625 626") and exits non-zero when a
// suite's failures are not exactly the known ones listed below, when folio (trusted, no reader
// extras) differs from md4c-html by a single byte, or when safe mode leaves executable markup in
// any example. `make test` runs it before ctest (so CI prints the counts) and ctest runs it too.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include <folio/render.h>

#include "conformance/html_normalize.h"
#include "conformance/markup_safety.h"
#include "support/md4c_reference.h"
#include "support/spec_file.h"

namespace fs = std::filesystem;
using folio::RenderOptions;

namespace {

struct Example {
  int number = 0;
  std::string markdown;
  std::string html;
};

struct Suite {
  std::string title;
  std::string source;
  unsigned extensions = folio::kCommonMarkOnly;
  // Example number -> why folio (and md4c 0.4.8) renders it differently from the spec.
  std::map<int, std::string> known_failures;
  std::vector<Example> examples;
};

// The four CommonMark 0.31.2 examples md4c 0.4.8 does not pass; README.md explains them too.
const std::map<int, std::string> kCommonMarkFailures = {
    {171,
     "<textarea> starts an HTML block that runs to </textarea> (CommonMark 0.30); md4c "
     "0.4.8 ends it at a blank line"},
    {354,
     "Unicode symbols (S*) count as punctuation for emphasis since 0.31; md4c 0.4.8 "
     "counts only P*"},
    {625, "an HTML comment may contain -- since 0.31; md4c 0.4.8 shows it as text"},
    {626, "<!--> and <!---> are complete comments since 0.31; md4c 0.4.8 shows them as text"},
};

// GFM 0.29's extension sections, with md4c's GitHub dialect (md4c passes 20 of 28).
const std::map<int, std::string> kGfmFailures = {
    {200, "a '|' escaped inside a code span in a table cell: md4c keeps the backslash"},
    {203, "a table whose delimiter row has fewer cells than its header: md4c still makes a table"},
    {279, "task list markup: md4c writes class=\"task-list-item\" and no space after the box"},
    {280, "task list markup, nested: as 279"},
    {633, "mailto: and xmpp: autolinks without <>: md4c links only the e-mail address"},
    {634, "xmpp: autolinks with a resource: md4c links only the e-mail address"},
    {635, "xmpp: autolinks with a path: md4c links only the e-mail address"},
    {657,
     "the tagfilter extension (escaping <title>, <xmp>, ...): not part of md4c; in "
     "folio's safe mode those tags are escaped by the allowlist instead"},
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error(path.string() +
                             " is missing (see ../shared/README.md and scripts/fetch-deps.sh)");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Suite json_suite(const std::string& title, const fs::path& path, unsigned extensions,
                 std::map<int, std::string> known, bool extension_sections_only) {
  Suite suite{title, path.filename().string(), extensions, std::move(known), {}};
  const nlohmann::json data = nlohmann::json::parse(read_text(path));
  const nlohmann::json& cases = data.is_array() ? data : data.at("testCases");
  for (const auto& item : cases) {
    const std::string section = item.at("section").get<std::string>();
    const std::string suffix = "(extension)";
    const bool is_extension =
        section.size() >= suffix.size() &&
        section.compare(section.size() - suffix.size(), suffix.size(), suffix) == 0;
    if (extension_sections_only && !is_extension) continue;
    suite.examples.push_back({item.at("example").get<int>(), item.at("markdown").get<std::string>(),
                              item.at("html").get<std::string>()});
  }
  return suite;
}

Suite md4c_suite(const fs::path& dir, const std::string& file, unsigned extensions) {
  Suite suite{"md4c 0.4.8 test/" + file, "md4c source package", extensions, {}, {}};
  if (!fs::exists(dir / file)) read_text(dir / file);  // throws with a clear message
  for (const auto& example : folio::test_support::read_spec_examples(dir / file)) {
    suite.examples.push_back({example.number, example.input, example.expected});
  }
  return suite;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path shared = FOLIO_SHARED_DIR;
  fs::path md4c_tests = FOLIO_MD4C_TEST_DIR;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--verbose") {
      verbose = true;
    } else if (arg == "--shared" && i + 1 < argc) {
      shared = argv[++i];
    } else if (arg == "--md4c-tests" && i + 1 < argc) {
      md4c_tests = argv[++i];
    } else {
      std::cerr << "usage: conformance [--verbose] [--shared DIR] [--md4c-tests DIR]\n";
      return 2;
    }
  }

  std::vector<Suite> suites;
  try {
    suites.push_back(json_suite("CommonMark 0.31.2", shared / "conformance/commonmark-spec.json",
                                folio::kCommonMarkOnly, kCommonMarkFailures, false));
    suites.push_back(md4c_suite(md4c_tests, "spec.txt", folio::kCommonMarkOnly));
    suites.push_back(md4c_suite(md4c_tests, "coverage.txt", folio::kCommonMarkOnly));
    suites.push_back(md4c_suite(md4c_tests, "tables.txt", folio::kTables));
    suites.push_back(md4c_suite(md4c_tests, "strikethrough.txt", folio::kStrikethrough));
    suites.push_back(md4c_suite(md4c_tests, "tasklists.txt", folio::kTaskLists));
    suites.push_back(md4c_suite(md4c_tests, "permissive-url-autolinks.txt", folio::kUrlAutolinks));
    suites.push_back(md4c_suite(md4c_tests, "permissive-www-autolinks.txt", folio::kWwwAutolinks));
    suites.push_back(
        md4c_suite(md4c_tests, "permissive-email-autolinks.txt", folio::kEmailAutolinks));
    suites.push_back(json_suite("GFM 0.29 extension sections",
                                shared / "conformance/gfm-spec-0.29.json", folio::kGithubDialect,
                                kGfmFailures, true));
  } catch (const std::exception& e) {
    std::cerr << "conformance: " << e.what() << '\n';
    return 1;
  }

  bool ok = true;
  std::size_t total = 0;
  std::size_t unsafe = 0;
  std::size_t differs_from_md4c = 0;
  for (const Suite& suite : suites) {
    RenderOptions trusted;
    trusted.trusted = true;
    trusted.reader_extras = false;
    trusted.extensions = suite.extensions;
    std::vector<int> failed;
    for (const Example& example : suite.examples) {
      ++total;
      const std::string html = folio::render_html(example.markdown, trusted);
      const bool passed = folio::test_support::normalize_html(html) ==
                          folio::test_support::normalize_html(example.html);
      if (!passed) {
        failed.push_back(example.number);
        if (verbose && suite.known_failures.count(example.number) == 0) {
          std::cout << "--- " << suite.title << " example " << example.number << "\n"
                    << example.markdown << "--- expected\n"
                    << example.html << "--- folio\n"
                    << html;
        }
      }
      if (html != folio::test_support::md4c_html(example.markdown, suite.extensions)) {
        ++differs_from_md4c;
        std::cout << "conformance: " << suite.title << " example " << example.number
                  << ": folio differs from md4c-html\n";
      }
      // Safe mode, GitHub dialect, reader extras on: what the viewer shows.
      for (const std::string& problem :
           folio::test_support::executable_markup(folio::render_html(example.markdown))) {
        ++unsafe;
        std::cout << "conformance: " << suite.title << " example " << example.number
                  << ", safe mode: " << problem << '\n';
      }
    }
    std::vector<int> expected;
    for (const auto& [number, why] : suite.known_failures) expected.push_back(number);
    std::cout << "conformance: " << suite.title << " (" << suite.source
              << ", trusted): " << suite.examples.size() - failed.size() << " passed, "
              << failed.size() << " failed";
    if (!failed.empty()) {
      std::cout << ":";
      for (const int number : failed) std::cout << ' ' << number;
    }
    std::cout << '\n';
    if (failed != expected) {
      ok = false;
      std::cout << "conformance: " << suite.title << ": expected failures";
      for (const int number : expected) std::cout << ' ' << number;
      std::cout << " (rerun with --verbose for the differences)\n";
    }
  }
  std::cout << "conformance: folio (trusted, no reader extras) = md4c-html byte for byte on "
            << total - differs_from_md4c << " of " << total << " examples\n";
  std::cout << "conformance: safe mode: " << total << " examples, " << unsafe
            << " problems with executable markup\n";
  return ok && unsafe == 0 && differs_from_md4c == 0 ? 0 : 1;
}
