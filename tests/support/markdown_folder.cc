#include "support/markdown_folder.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace folio::test_support {

namespace fs = std::filesystem;

std::vector<Article> read_markdown_articles(const fs::path& dir) {
  std::vector<Article> articles;
  if (!fs::is_directory(dir)) {
    ADD_FAILURE() << dir << " is missing: the shared corpora must sit at ../shared";
    return articles;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".md") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    ParsedArticle parsed = parse_article(text.str(), file.string());
    if (parsed.article) articles.push_back(std::move(*parsed.article));
  }
  return articles;
}

}  // namespace folio::test_support
