// Runs the literate spec files in tests/spec/ (md4c's format): prose, then examples fenced by a
// line of 32 backticks and "example", holding the input, a "." line, the expected output and,
// optionally, another "." line and options. The file name says what an example exercises:
//   render*.txt       Markdown in, HTML out (safe mode); options, one per line: `trusted`,
//                     `commonmark`, `cjk-emphasis`, `no-extras`, `base-url: URL`, and `toc`
//                     (the expected output then ends with one "toc: level id text" line per
//                     heading)
//   front-matter*.txt an article source in, its fields and diagnostics out
//   search*.txt       "query: ..." then one "id: body" (or "id: title | body") line per
//                     document in (`\n` in a body is a line break), the matching ids in rank
//                     order out ("(none)" for no match);
//                     option `stem`: the site stems English words (folio build --stem english)
// tests/js/spec.test.mjs runs the render and search files through the WASM build as well.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <folio/article.h>
#include <folio/corpus.h>
#include <folio/render.h>

#include "support/spec_file.h"

namespace folio {
namespace test_support {
// gtest prints parameters in test listings (found by argument-dependent lookup); the place of
// the example is what a reader needs.
void PrintTo(const SpecExample& example, std::ostream* out) {
  *out << "tests/spec/" << example.file << ":" << example.line;
}
}  // namespace test_support

namespace {

namespace fs = std::filesystem;

using Example = test_support::SpecExample;

std::vector<Example> all_examples() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(FOLIO_SPEC_DIR)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Example> all;
  for (const fs::path& file : files) {
    const std::vector<Example> examples = test_support::read_spec_examples(file);
    all.insert(all.end(), examples.begin(), examples.end());
  }
  return all;
}

std::string option(const std::string& options, const std::string& key) {
  std::istringstream lines(options);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(key + ": ", 0) == 0) return line.substr(key.size() + 2);
  }
  return {};
}

bool has_flag(const std::string& options, const std::string& flag) {
  std::istringstream lines(options);
  std::string line;
  while (std::getline(lines, line)) {
    if (line == flag) return true;
  }
  return false;
}

std::string run_render(const Example& example) {
  RenderOptions options;
  options.trusted = has_flag(example.options, "trusted");
  if (has_flag(example.options, "commonmark")) {
    options.extensions = kCommonMarkOnly;
    options.reader_extras = false;
  }
  if (has_flag(example.options, "no-extras")) options.reader_extras = false;
  options.cjk_friendly_emphasis = has_flag(example.options, "cjk-emphasis");
  options.base_url = option(example.options, "base-url");
  const RenderedDocument document = render_document(example.input, options);
  std::string out = document.html;
  if (has_flag(example.options, "toc")) {
    for (const TocEntry& entry : document.toc) {
      out += "toc: " + std::to_string(entry.level) + " " + entry.id + " " + entry.text + "\n";
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Options: `source: <path>` (default post.md), `timezone: <+hh:mm|UTC>` (default UTC).
std::string run_front_matter(const Example& example) {
  std::string source = option(example.options, "source");
  if (source.empty()) source = "post.md";
  ArticleOptions options;
  const std::string zone = option(example.options, "timezone");
  if (!zone.empty()) options.zone = parse_fixed_time_zone(zone).value();
  const ParsedArticle parsed = parse_article(example.input, source, options);
  std::string out;
  if (parsed.article) {
    const Article& a = *parsed.article;
    const std::string tags = join(a.tags);
    const std::string categories = join(a.categories);
    const std::string draft = a.draft ? "true" : "";
    const std::string reading = a.reading_minutes == 0
                                    ? ""
                                    : std::to_string(a.reading_minutes) + " min (" +
                                          std::to_string(a.cjk_chars) + " CJK, " +
                                          std::to_string(a.latin_words) + " words)";
    const std::string dropped = a.dropped_paragraphs ? std::to_string(a.dropped_paragraphs) : "";
    const std::string meta = a.meta.empty() ? "" : a.meta.dump();
    const std::pair<const char*, const std::string*> fields[] = {
        {"id", &a.id},         {"title", &a.title},         {"author", &a.author},
        {"date", &a.date},     {"updated", &a.updated},     {"url", &a.url},
        {"tags", &tags},       {"categories", &categories}, {"summary", &a.summary},
        {"lang", &a.lang},     {"image", &a.image},         {"draft", &draft},
        {"layout", &a.layout}, {"reading", &reading},       {"meta", &meta},
        {"dropped", &dropped}};
    for (const auto& [name, value] : fields) {
      if (!value->empty()) out += std::string(name) + ": " + *value + "\n";
    }
    out += "body: " + nlohmann::json(a.markdown).dump() + "\n";
  }
  for (const Diagnostic& d : parsed.diagnostics) {
    out += std::string(severity_name(d.severity)) + " " + d.code + " at " + std::to_string(d.line) +
           ":" + std::to_string(d.column) + "\n";
  }
  return out;
}

std::string run_search(const Example& example) {
  std::istringstream lines(example.input);
  std::string line;
  std::string query;
  Corpus corpus;
  while (std::getline(lines, line)) {
    if (line.rfind("query: ", 0) == 0) {
      query = line.substr(7);
      continue;
    }
    const std::size_t colon = line.find(": ");
    if (colon == std::string::npos) continue;
    Article article;
    article.id = line.substr(0, colon);
    std::string rest = line.substr(colon + 2);
    const std::size_t bar = rest.find(" | ");
    if (bar != std::string::npos) {
      article.title = rest.substr(0, bar);
      rest = rest.substr(bar + 3);
    }
    for (std::size_t at = rest.find("\\n"); at != std::string::npos;
         at = rest.find("\\n", at + 1)) {
      rest.replace(at, 2, "\n");
    }
    article.markdown = rest;
    corpus.articles.push_back(std::move(article));
  }
  corpus.search.stem_english = example.options.find("stem") != std::string::npos;
  const Library library(std::move(corpus));
  const SearchResult result = library.search(query);
  std::string out;
  for (const SearchHit& hit : result.hits) out += hit.id + "\n";
  return out.empty() ? "(none)\n" : out;
}

class spec_test : public ::testing::TestWithParam<Example> {};

TEST_P(spec_test, example) {
  const Example& example = GetParam();
  std::string actual;
  if (example.file.rfind("render", 0) == 0) {
    actual = run_render(example);
  } else if (example.file.rfind("front-matter", 0) == 0) {
    actual = run_front_matter(example);
  } else if (example.file.rfind("search", 0) == 0) {
    actual = run_search(example);
  } else {
    FAIL() << example.file << ": no runner for this spec file";
  }
  // FOLIO_SPEC_ACTUAL=1 prints every actual output, to write a new example's expectation (read
  // it before pasting it: the example is only as right as that reading).
  if (std::getenv("FOLIO_SPEC_ACTUAL")) {
    std::cout << "=== tests/spec/" << example.file << ":" << example.line << "\n" << actual;
  }
  EXPECT_EQ(actual, example.expected) << "tests/spec/" << example.file << ":" << example.line
                                      << " (example " << example.number << ")\n--- input ---\n"
                                      << example.input;
}

INSTANTIATE_TEST_SUITE_P(spec, spec_test, ::testing::ValuesIn(all_examples()),
                         [](const ::testing::TestParamInfo<Example>& example) {
                           const std::string& file = example.param.file;
                           std::string name = file.substr(0, file.rfind('.')) + "_" +
                                              std::to_string(example.param.number);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace folio
