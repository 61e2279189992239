// Every article of every shared corpus (../shared/corpora, about 8,900 real posts) through the
// renderer: safe mode renders without error and without executable markup; trusted mode without
// reader extras is md4c-html byte for byte; the CJK pre-pass leaves no sentinel behind.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <folio/article.h>
#include <folio/render.h>

#include "conformance/markup_safety.h"
#include "render/cjk_emphasis.h"
#include "support/md4c_reference.h"

namespace folio {
namespace {

namespace fs = std::filesystem;

const char* const kCorpora[] = {"zh-cosx",       "zh-yihui",          "en-18f",
                                "en-digitalgov", "en-rust-blog-toml", "mixed-opentelemetry"};

class corpora_test : public ::testing::TestWithParam<const char*> {};

TEST_P(corpora_test, every_article_renders_safely_and_trusted_mode_matches_md4c_html) {
  const fs::path dir = fs::path(FOLIO_SHARED_DIR) / "corpora" / GetParam();
  ASSERT_TRUE(fs::is_directory(dir))
      << dir << " is missing: the shared corpora belong at ../shared";
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string extension = entry.path().extension().string();
    if (entry.is_regular_file() && (extension == ".md" || extension == ".markdown")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 100u) << dir;

  RenderOptions trusted;
  trusted.trusted = true;
  trusted.reader_extras = false;
  RenderOptions cjk;
  cjk.cjk_friendly_emphasis = true;
  cjk.base_url = "https://example.com/posts/";
  std::size_t rendered = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const ParsedArticle parsed = parse_article(text.str(), file.string());
    if (!parsed.article) continue;  // the loader's business (e.g. en-18f's invalid YAML file)
    const std::string& markdown = parsed.article->markdown;
    const std::string safe = render_html(markdown);
    const std::vector<std::string> problems = test_support::executable_markup(safe);
    EXPECT_TRUE(problems.empty()) << file << ": " << problems.front();
    EXPECT_TRUE(render_html(markdown, trusted) == test_support::md4c_html(markdown, kGithubDialect))
        << file << ": trusted mode differs from md4c-html";
    const std::string friendly = render_html(markdown, cjk);
    EXPECT_EQ(friendly.find(render_detail::kOtherSentinel), std::string::npos) << file;
    EXPECT_EQ(friendly.find(render_detail::kPunctuationSentinel), std::string::npos) << file;
    EXPECT_TRUE(test_support::executable_markup(friendly).empty()) << file;
    ++rendered;
  }
  EXPECT_GT(rendered, files.size() * 9 / 10) << "most files of " << dir << " should load";
  std::cout << GetParam() << ": " << rendered << " of " << files.size() << " files rendered\n";
}

INSTANTIATE_TEST_SUITE_P(shared, corpora_test, ::testing::ValuesIn(kCorpora),
                         [](const ::testing::TestParamInfo<const char*>& corpus) {
                           std::string name = corpus.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace folio
