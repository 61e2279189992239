#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <folio/article.h>

namespace folio {
namespace {

std::string read_seed() {
  const std::string path = std::string(FOLIO_SOURCE_DIR) + "/assets/posts/000_d82bcb224086c429.md";
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(article_test, the_seed_maps_its_jekyll_fields) {
  const ParsedArticle parsed = parse_article(read_seed(), "posts/000_d82bcb224086c429.md");
  ASSERT_TRUE(parsed.article);
  EXPECT_TRUE(parsed.diagnostics.empty());
  const Article& a = *parsed.article;
  EXPECT_EQ(a.title, "“OTT破冰”是个伪命题，运营商与微信矛盾不可调和");
  EXPECT_EQ(a.author, "mickeyknox");
  EXPECT_EQ(a.date, "2013-07-15 18:10");
  EXPECT_EQ(a.url, "https://www.huxiu.com/article/17254");
  EXPECT_EQ(a.layout, "post");
  EXPECT_EQ(a.id, "17254");  // the number ending the url
  EXPECT_EQ(a.source, "posts/000_d82bcb224086c429.md");
  EXPECT_EQ(a.markdown.rfind("虎嗅注：", 0), 0u) << "the body starts after the closing fence";
}

TEST(article_test, explicit_id_wins_then_url_number_then_file_name) {
  EXPECT_EQ(parse_article("---\nid: x1\nslug: s\nurl: http://a/9\n---\n", "a.md").article->id,
            "x1");
  EXPECT_EQ(parse_article("---\nslug: s\nurl: http://a/9\n---\n", "a.md").article->id, "s");
  EXPECT_EQ(parse_article("---\nurl: http://a/9/\n---\n", "a.md").article->id, "9");
  EXPECT_EQ(parse_article("---\ntitle: t\n---\n", "_posts/2013-07-15-ott.md").article->id, "ott");
  EXPECT_EQ(parse_article("no front matter", "notes/idea.markdown").article->id, "idea");
}

TEST(article_test, file_name_ids_drop_only_a_real_jekyll_date) {
  EXPECT_EQ(id_from_file_name("2013-07-15-ott.md"), "ott");
  EXPECT_EQ(id_from_file_name("a/b\\2013-7-15-ott.md"), "2013-7-15-ott");
  EXPECT_EQ(id_from_file_name("2013-07-15.md"), "2013-07-15");
  EXPECT_EQ(id_from_file_name(".md"), ".md");
}

TEST(article_test, crlf_and_bom_are_accepted) {
  const ParsedArticle parsed =
      parse_article("\xEF\xBB\xBF---\r\ntitle: 标题\r\nname: 作者\r\n---\r\n正文\r\n", "a.md");
  ASSERT_TRUE(parsed.article);
  EXPECT_EQ(parsed.article->title, "标题");
  EXPECT_EQ(parsed.article->author, "作者");
  EXPECT_EQ(parsed.article->markdown, "正文\r\n");
}

TEST(article_test, unterminated_front_matter_is_an_error_at_the_fence) {
  const ParsedArticle parsed = parse_article("---\ntitle: x\nbody", "a.md");
  EXPECT_FALSE(parsed.article);
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].code, code::kFrontMatterUnterminated);
  EXPECT_EQ(parsed.diagnostics[0].line, 1);
}

TEST(article_test, yaml_errors_point_into_the_file) {
  const ParsedArticle parsed =
      parse_article("---\ntitle: ok\nname: [unclosed\n---\nbody\n", "a.md");
  EXPECT_FALSE(parsed.article);
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].code, code::kFrontMatterSyntax);
  EXPECT_GE(parsed.diagnostics[0].line, 3) << format_diagnostic(parsed.diagnostics[0]);
  EXPECT_EQ(format_diagnostic(parsed.diagnostics[0]).rfind("a.md:", 0), 0u);
}

TEST(article_test, a_list_instead_of_a_map_is_skipped) {
  const ParsedArticle parsed = parse_article("---\n- a\n- b\n---\n", "a.md");
  EXPECT_FALSE(parsed.article);
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].code, code::kFrontMatterNotMap);
}

TEST(article_test, a_list_where_a_title_belongs_is_a_warning_not_a_loss) {
  const ParsedArticle parsed = parse_article("---\ntitle: [a, b]\n---\nbody\n", "x/post.md");
  ASSERT_TRUE(parsed.article);
  EXPECT_EQ(parsed.article->title, "post");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].code, code::kFieldType);
  EXPECT_EQ(parsed.diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(parsed.diagnostics[0].line, 2);
}

TEST(article_test, invalid_utf8_is_reported_with_its_position) {
  const ParsedArticle parsed = parse_article("---\ntitle: 好\n---\n微\xFF\n", "a.md");
  EXPECT_FALSE(parsed.article);
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].code, code::kUtf8Invalid);
  EXPECT_EQ(parsed.diagnostics[0].line, 4);
  EXPECT_EQ(parsed.diagnostics[0].column, 2);
}

}  // namespace
}  // namespace folio
