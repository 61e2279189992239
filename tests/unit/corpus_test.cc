#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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
  a.authors = {"mickeyknox"};
  a.date = "2013-07-15T18:10:00+08:00";
  a.updated = "2014-01-01T00:00:00+08:00";
  a.url = "https://www.huxiu.com/article/17254";
  a.layout = "post";
  a.tags = {"微信", "OTT"};
  a.categories = {"移动"};
  a.summary = "虎嗅注";
  a.lang = "zh";
  a.image = "/c.png";
  a.reading_minutes = 3;
  a.cjk_chars = 1176;
  a.latin_words = 28;
  a.meta = nlohmann::json::parse(R"({"forum_id": 1, "nested": {"a": [true, null]}})");
  corpus.articles.push_back(a);
  const std::string json = corpus_to_json(corpus);
  EXPECT_NE(json.find("\"format\": \"folio-corpus\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"version\": 2"), std::string::npos) << json;

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
  EXPECT_EQ(b.authors, a.authors);
  EXPECT_EQ(b.updated, a.updated);
  EXPECT_EQ(b.tags, a.tags);
  EXPECT_EQ(b.categories, a.categories);
  EXPECT_EQ(b.summary, a.summary);
  EXPECT_EQ(b.lang, a.lang);
  EXPECT_EQ(b.image, a.image);
  EXPECT_EQ(b.reading_minutes, a.reading_minutes);
  EXPECT_EQ(b.cjk_chars, a.cjk_chars);
  EXPECT_EQ(b.latin_words, a.latin_words);
  EXPECT_EQ(b.meta, a.meta);
}

TEST(corpus_test, version_1_files_still_load_and_wrong_new_fields_are_reported) {
  const LoadedCorpus old = corpus_from_json(
      R"({"format":"folio-corpus","version":1,"articles":[{"id":"a","markdown":"x","date":"2013-07-15 18:10"}]})");
  ASSERT_TRUE(old.ok);
  ASSERT_EQ(old.corpus.articles.size(), 1u);
  EXPECT_EQ(old.corpus.articles[0].date, "2013-07-15 18:10") << "version 1 dates are as written";
  const LoadedCorpus bad = corpus_from_json(R"({"format":"folio-corpus","version":2,"articles":[
    {"id":"a","markdown":"x","tags":"one"}, {"id":"b","markdown":"x","reading_minutes":-1},
    {"id":"c","markdown":"x","meta":[]}, {"id":"d","markdown":"x","draft":"no"},
    {"id":"e","markdown":"x","tags":["ok"],"meta":{"k":1}}]})");
  ASSERT_TRUE(bad.ok);
  ASSERT_EQ(bad.corpus.articles.size(), 1u);
  EXPECT_EQ(bad.corpus.articles[0].id, "e");
  EXPECT_EQ(bad.diagnostics.size(), 4u);
}

TEST(corpus_test, the_builder_keeps_every_article_and_makes_ids_unique) {
  CorpusBuilder builder;
  std::vector<Diagnostic> diagnostics;
  const auto article = [](std::string id, std::string source, std::string date, bool explicit_id) {
    Article a = make(std::move(id), "t", "x");
    a.source = std::move(source);
    a.date = std::move(date);
    a.explicit_id = explicit_id;
    return a;
  };
  EXPECT_EQ(builder.add(
                article("monthly", "post/2019-01-01-monthly.md", "2019-01-01T00:00:00+08:00", true),
                diagnostics),
            "monthly");
  EXPECT_EQ(builder.add(
                article("monthly", "post/2019-02-01-monthly.md", "2019-02-01T00:00:00+08:00", true),
                diagnostics),
            "monthly-2019-02-01")
      << "slugs that repeat every month differ by date";
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, code::kDuplicateId);
  EXPECT_EQ(diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(builder.add(article("traces", "content/en/docs/traces.md", "", false), diagnostics),
            "traces");
  EXPECT_EQ(builder.add(article("traces", "content/zh/docs/traces.md", "", false), diagnostics),
            "zh-traces")
      << "translations differ by folder";
  EXPECT_EQ(builder.add(article("traces", "content/en/docs/traces.md", "", false), diagnostics),
            "traces-2");
  EXPECT_EQ(diagnostics.size(), 1u) << "ids from file names clash silently";
  EXPECT_EQ(builder.corpus().articles.size(), 5u);
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

// CI's fuzz.corpus_json smoke: nlohmann reports "1e400" as out_of_range, which was not caught.
TEST(corpus_test, a_number_past_the_range_of_a_double_is_a_syntax_error) {
  const LoadedCorpus loaded = corpus_from_json(
      "{\"format\": \"folio-corpus\",\n \"version\": 2, \"articles\": [1e400]}", "c.json");
  EXPECT_FALSE(loaded.ok);
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_EQ(loaded.diagnostics[0].code, code::kCorpusSyntax);
  EXPECT_EQ(loaded.diagnostics[0].line, 2);
  EXPECT_EQ(loaded.diagnostics[0].column, 29);
}

TEST(corpus_test, other_formats_and_versions_are_refused_by_name) {
  EXPECT_EQ(corpus_from_json("[]").diagnostics.at(0).code, code::kCorpusFormat);
  const LoadedCorpus future =
      corpus_from_json(R"({"format":"folio-corpus","version":3,"articles":[]})");
  EXPECT_FALSE(future.ok);
  EXPECT_EQ(future.diagnostics.at(0).code, code::kCorpusFormat);
  EXPECT_NE(future.diagnostics.at(0).message.find("version 3"), std::string::npos);
  EXPECT_FALSE(corpus_from_json(R"({"format":"folio-corpus","version":0,"articles":[]})").ok);
}

// A corpus.json nested 200,000 levels deep exhausted the stack when its `meta` was copied
// (fuzz_corpus_json, under ASan). 100 levels load; 101 are refused before parsing, at the bracket.
std::string corpus_with_meta_depth(int total_depth) {
  // The file's own levels: the document, "articles", the entry, "meta".
  const int inner = total_depth - 4;
  return R"({"format":"folio-corpus","version":2,"articles":[{"id":"a","markdown":"x","meta":{"m":)" +
         std::string(inner, '[') + std::string(inner, ']') + "}}]}";
}

TEST(corpus_test, nesting_loads_up_to_the_limit_and_is_refused_past_it) {
  const LoadedCorpus at_limit = corpus_from_json(corpus_with_meta_depth(kCorpusMaxDepth));
  ASSERT_TRUE(at_limit.ok);
  EXPECT_EQ(at_limit.corpus.articles.size(), 1u);
  const LoadedCorpus past = corpus_from_json(corpus_with_meta_depth(kCorpusMaxDepth + 1), "c.json");
  ASSERT_FALSE(past.ok);
  ASSERT_EQ(past.diagnostics.size(), 1u);
  EXPECT_EQ(past.diagnostics[0].code, code::kCorpusTooDeep);
  EXPECT_EQ(past.diagnostics[0].line, 1);
  EXPECT_EQ(past.diagnostics[0].column, 86 + (kCorpusMaxDepth + 1 - 4));  // the 101st bracket
  EXPECT_FALSE(corpus_from_json(corpus_with_meta_depth(200'000)).ok);
  // Brackets inside strings are text, however many.
  const LoadedCorpus in_strings = corpus_from_json(
      R"({"format":"folio-corpus","version":2,"articles":[{"id":"a","markdown":")" +
      std::string(1000, '[') + R"(\"{"}]})");
  EXPECT_TRUE(in_strings.ok);
  EXPECT_EQ(in_strings.corpus.articles.at(0).markdown, std::string(1000, '[') + "\"{");
}

TEST(corpus_test, markdown_up_to_8_mib_loads_and_a_larger_entry_is_skipped_alone) {
  const std::string at_limit(kCorpusMaxMarkdownBytes, 'x');
  const LoadedCorpus loaded = corpus_from_json(
      R"({"format":"folio-corpus","version":2,"articles":[{"id":"big","markdown":")" + at_limit +
      R"("},{"id":"bigger","markdown":")" + at_limit + R"(y"},{"id":"small","markdown":"s"}]})");
  ASSERT_TRUE(loaded.ok);
  ASSERT_EQ(loaded.corpus.articles.size(), 2u);
  EXPECT_EQ(loaded.corpus.articles[0].id, "big");
  EXPECT_EQ(loaded.corpus.articles[1].id, "small");
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_EQ(loaded.diagnostics[0].code, code::kCorpusTooLarge);
  EXPECT_NE(loaded.diagnostics[0].message.find("articles[1]"), std::string::npos);
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
  const auto json = nlohmann::json::parse(search_result_json(library.search("nothing")));
  EXPECT_EQ(json["hits"][0]["id"], "2");
  EXPECT_EQ(json["total"], 1);
}

// search_result_json and rendered_document_json write their JSON by hand (nlohmann's serializer
// was two fifths of a search in WASM, issue 5): the bytes must stay those nlohmann's dump gave,
// for every character class a string can hold, invalid UTF-8 included.
TEST(corpus_test, hand_written_result_json_has_the_bytes_of_nlohmann_dump) {
  using nlohmann::json;
  const std::vector<std::string> texts = {"",
                                          "plain",
                                          "引号\"和\\反斜杠",
                                          "\b\f\n\r\t",
                                          "\x01\x1f\x7f",
                                          "<mark>x</mark>&amp;",
                                          "\xE2\x80\xA8 line sep",
                                          "bad \xFF\xFE utf-8 \xE4\xB8",
                                          "全角ＯＴＴ 😀"};
  SearchResult result;
  result.total = 1325;
  result.offset = 40;
  result.limit = 20;
  const std::vector<double> scores = {7.305405, 12.0, 0.0, 0.000001, 123456.789012};
  for (std::size_t i = 0; i < texts.size(); ++i) {
    SearchHit hit;
    hit.id = texts[i];
    hit.title = texts[(i + 1) % texts.size()];
    hit.author = texts[(i + 2) % texts.size()];
    hit.date = "2013-07-15T18:10:00+08:00";
    hit.snippet = texts[(i + 3) % texts.size()];
    hit.tags = {texts[i], texts[(i + 4) % texts.size()]};
    if (i % 3 == 0) hit.tags.clear();
    hit.score = scores[i % scores.size()];
    result.hits.push_back(hit);
    result.facets.author.push_back({texts[i], i});
    if (i % 2 == 0) result.facets.tag.push_back({texts[i], i * 7});
  }
  result.facets.year = {{"2013", 4}, {"2007", 1}};

  json hits = json::array();
  for (const SearchHit& hit : result.hits) {
    hits.push_back(json{{"id", hit.id},
                        {"title", hit.title},
                        {"date", hit.date},
                        {"author", hit.author},
                        {"tags", hit.tags},
                        {"snippet", hit.snippet},
                        {"score", hit.score}});
  }
  const auto facet = [](const std::vector<FacetCount>& counts) {
    json list = json::array();
    for (const FacetCount& c : counts) list.push_back(json{{"value", c.value}, {"count", c.count}});
    return list;
  };
  const json expected{{"total", result.total},
                      {"offset", result.offset},
                      {"limit", result.limit},
                      {"hits", hits},
                      {"facets",
                       {{"author", facet(result.facets.author)},
                        {"year", facet(result.facets.year)},
                        {"tag", facet(result.facets.tag)}}}};
  const auto dump = [](const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
  };
  EXPECT_EQ(search_result_json(result), dump(expected));
  EXPECT_EQ(
      search_result_json(SearchResult{}),
      R"({"facets":{"author":[],"tag":[],"year":[]},"hits":[],"limit":0,"offset":0,"total":0})");

  RenderedDocument document;
  document.html = texts[2] + texts[3] + texts[4] + texts[7];
  document.toc.push_back({2, "a-b", "A \"b\""});
  json toc = json::array();
  for (const TocEntry& entry : document.toc) {
    toc.push_back(json{{"level", entry.level}, {"id", entry.id}, {"text", entry.text}});
  }
  EXPECT_EQ(rendered_document_json(document), dump(json{{"html", document.html}, {"toc", toc}}));
}

TEST(corpus_test, render_settings_round_trip_and_apply_to_every_article) {
  Corpus corpus;
  corpus.articles.push_back(make("1", "图", "**真，**她 ![图](images/a.png)"));
  corpus.render.base_url = "https://example.com/posts/";
  corpus.render.cjk_emphasis = true;
  const LoadedCorpus loaded = corpus_from_json(corpus_to_json(corpus));
  ASSERT_TRUE(loaded.ok);
  EXPECT_EQ(loaded.corpus.render.base_url, "https://example.com/posts/");
  EXPECT_TRUE(loaded.corpus.render.cjk_emphasis);
  const Library library(loaded.corpus);
  EXPECT_EQ(library.render("1").value(),
            "<p><strong>真，</strong>她 <img src=\"https://example.com/posts/images/a.png\" "
            "alt=\"图\" loading=\"lazy\"></p>\n");
  EXPECT_EQ(library.render_options().trusted, kTrustedHtmlByDefault);
}

TEST(corpus_test, bad_render_settings_are_ignored_with_a_warning) {
  const LoadedCorpus loaded = corpus_from_json(
      R"({"format":"folio-corpus","version":2,"render":{"baseUrl":"javascript:alert(1)//",)"
      R"("cjkEmphasis":"yes","trusted":true},"articles":[{"id":"1","markdown":"<b onclick=x>b</b>"}]})");
  ASSERT_TRUE(loaded.ok);
  EXPECT_EQ(loaded.diagnostics.size(), 2u);
  EXPECT_EQ(loaded.corpus.render.base_url, "");
  EXPECT_FALSE(loaded.corpus.render.cjk_emphasis);
  // A corpus cannot ask for trusted mode: there is no such setting to read.
  if (!kTrustedHtmlByDefault) {
    EXPECT_EQ(Library(loaded.corpus).render("1").value(), "<p><b>b</b></p>\n");
  }
}

}  // namespace
}  // namespace folio
