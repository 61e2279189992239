#include <gtest/gtest.h>

#include <folio/corpus.h>

namespace folio {
namespace {

Article make(std::string id, std::string title, std::string markdown) {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.markdown = std::move(markdown);
  a.source = a.id + ".md";
  return a;
}

TEST(corpus_test, json_round_trips_every_field) {
  Corpus corpus;
  Article a = make("17254", "标题 \"quoted\"", "正文\n\n<script>x</script>\n");
  a.author = "mickeyknox";
  a.date = "2013-07-15 18:10";
  a.url = "https://www.huxiu.com/article/17254";
  a.layout = "post";
  corpus.articles.push_back(a);
  const std::string json = corpus_to_json(corpus);
  EXPECT_NE(json.find("\"format\": \"folio-corpus\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"version\": 1"), std::string::npos) << json;

  const LoadedCorpus loaded = corpus_from_json(json);
  ASSERT_TRUE(loaded.ok);
  EXPECT_TRUE(loaded.diagnostics.empty());
  ASSERT_EQ(loaded.corpus.articles.size(), 1u);
  const Article& b = loaded.corpus.articles[0];
  EXPECT_EQ(b.id, a.id);
  EXPECT_EQ(b.title, a.title);
  EXPECT_EQ(b.author, a.author);
  EXPECT_EQ(b.date, a.date);
  EXPECT_EQ(b.url, a.url);
  EXPECT_EQ(b.layout, a.layout);
  EXPECT_EQ(b.source, a.source);
  EXPECT_EQ(b.markdown, a.markdown);
}

TEST(corpus_test, a_bad_entry_is_reported_and_the_good_ones_load) {
  const LoadedCorpus loaded = corpus_from_json(R"({"format":"folio-corpus","version":1,"articles":[
    {"id":"a","markdown":"ok"}, {"id":3,"markdown":"x"}, "nope", {"id":"a","markdown":"dup"},
    {"id":"b","markdown":"also ok","title":null}]})");
  ASSERT_TRUE(loaded.ok);
  ASSERT_EQ(loaded.corpus.articles.size(), 2u);
  EXPECT_EQ(loaded.corpus.articles[1].id, "b");
  ASSERT_EQ(loaded.diagnostics.size(), 3u);
  EXPECT_EQ(loaded.diagnostics[0].code, code::kCorpusArticle);
  EXPECT_EQ(loaded.diagnostics[1].code, code::kCorpusArticle);
  EXPECT_EQ(loaded.diagnostics[2].code, code::kDuplicateId);
}

TEST(corpus_test, syntax_errors_carry_line_and_column) {
  const LoadedCorpus loaded =
      corpus_from_json("{\n  \"format\": \"folio-corpus\",\n  oops\n}", "c.json");
  EXPECT_FALSE(loaded.ok);
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_EQ(loaded.diagnostics[0].code, code::kCorpusSyntax);
  EXPECT_EQ(loaded.diagnostics[0].line, 3);
  EXPECT_EQ(loaded.diagnostics[0].column, 3);
}

TEST(corpus_test, other_formats_and_versions_are_refused_by_name) {
  EXPECT_EQ(corpus_from_json("[]").diagnostics.at(0).code, code::kCorpusFormat);
  const LoadedCorpus future =
      corpus_from_json(R"({"format":"folio-corpus","version":2,"articles":[]})");
  EXPECT_FALSE(future.ok);
  EXPECT_EQ(future.diagnostics.at(0).code, code::kCorpusFormat);
  EXPECT_NE(future.diagnostics.at(0).message.find("version 2"), std::string::npos);
}

TEST(corpus_test, library_renders_and_searches_by_id) {
  Corpus corpus;
  corpus.articles.push_back(make("1", "运营商", "消息指出，**微信**将与中国联通合作。"));
  corpus.articles.push_back(make("2", "Other", "nothing here"));
  const Library library(std::move(corpus));
  EXPECT_EQ(library.render("1").value(),
            "<p>消息指出，<strong>微信</strong>将与中国联通合作。</p>\n");
  EXPECT_FALSE(library.render("missing"));
  const SearchResult result = library.search("微信");
  EXPECT_EQ(result.total, 1u);
  EXPECT_EQ(result.hits.at(0).id, "1");
  EXPECT_EQ(search_result_json(library.search("nothing")).rfind("{\"hits\":[{\"id\":\"2\"", 0), 0u);
}

}  // namespace
}  // namespace folio
