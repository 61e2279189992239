// The articles of a folder of Markdown posts (a shared corpus, tests/data/zh-unseen) for the C++
// tests that build a Corpus from real posts: site_test and search_exactness_test.
#pragma once

#include <filesystem>
#include <vector>

#include <folio/article.h>

namespace folio::test_support {

// Every .md file under `dir`, in sorted path order, as parse_article reads it (files that do not
// parse are left out). A missing folder is a test failure, never a skip.
std::vector<Article> read_markdown_articles(const std::filesystem::path& dir);

}  // namespace folio::test_support
