#include <gtest/gtest.h>

#include <folio/index.h>

namespace folio {
namespace {

std::vector<std::string> ids(const SearchResult& result) {
  std::vector<std::string> out;
  for (const SearchHit& hit : result.hits) out.push_back(hit.id);
  return out;
}

SearchDocument doc(std::string id, std::string title, std::string date, std::string body,
                   std::string author = "", std::vector<std::string> tags = {}) {
  return {std::move(id),   std::move(title), std::move(author),
          std::move(tags), std::move(date),  std::move(body)};
}

SearchIndex sample() {
  return SearchIndex::build({
      doc("seed", "“OTT破冰”是个伪命题，运营商与微信矛盾不可调和", "2013-07-15 18:10",
          "消息指出，微信将与一家运营商（很可能是中国联通）合作。", "mickeyknox", {"电信"}),
      doc("apart", "微博", "2014-01-01", "微型电脑的信号很好。BOTTLE", "Yihui Xie", {"R"}),
      doc("newer", "另一篇", "2015-01-01", "谈微信", "Yihui Xie", {"R", "统计"}),
  });
}

TEST(search_test, chinese_substrings_match_exactly_and_only_adjacent) {
  const SearchIndex index = sample();
  EXPECT_EQ(ids(index.search("微信")), (std::vector<std::string>{"seed", "newer"}));
  EXPECT_EQ(ids(index.search("中国联通")), std::vector<std::string>{"seed"});
  EXPECT_EQ(ids(index.search("运营商")), std::vector<std::string>{"seed"});
  EXPECT_EQ(index.search("微 信号").total, 1u);  // two terms, both present in "apart"
  EXPECT_EQ(index.search("联通中国").total, 0u);
  EXPECT_EQ(index.search("营商与微").total, 1u);    // crosses what a segmenter calls words
  EXPECT_EQ(index.search("商与微信矛").total, 1u);  // title
}

TEST(search_test, single_characters_are_found_at_the_end_of_a_run_too) {
  const SearchIndex index = sample();
  EXPECT_EQ(ids(index.search("信")), (std::vector<std::string>{"seed", "newer", "apart"}));
  EXPECT_EQ(ids(index.search("篇")), std::vector<std::string>{"newer"});
  EXPECT_EQ(index.search("鑫").total, 0u);
}

TEST(search_test, traditional_and_full_width_queries_fold) {
  const SearchIndex index = sample();
  EXPECT_EQ(ids(index.search("運營商")), std::vector<std::string>{"seed"});
  EXPECT_EQ(ids(index.search("ＯＴＴ")), std::vector<std::string>{"seed"});
  EXPECT_EQ(ids(index.search("微信將")), std::vector<std::string>{"seed"});
}

TEST(search_test, latin_terms_match_whole_words_ignoring_case) {
  const SearchIndex index = sample();
  EXPECT_EQ(ids(index.search("OTT")), std::vector<std::string>{"seed"});
  EXPECT_EQ(ids(index.search("ott")), std::vector<std::string>{"seed"});
  EXPECT_EQ(ids(index.search("bottle")), std::vector<std::string>{"apart"});
  EXPECT_EQ(index.search("bott").total, 0u);
}

TEST(search_test, the_last_word_is_a_prefix_only_while_typing) {
  const SearchIndex index = sample();
  SearchOptions typing;
  typing.prefix = true;
  EXPECT_EQ(ids(index.search("bott", typing)), std::vector<std::string>{"apart"});
  EXPECT_EQ(index.search("bott ", typing).total, 0u);  // a space ends the word
  EXPECT_EQ(index.search("\"bott\"", typing).total, 0u);
}

TEST(search_test, terms_are_anded_phrases_quoted_and_exclusions_removed) {
  const SearchIndex index = sample();
  EXPECT_EQ(ids(index.search("微信 联通")), std::vector<std::string>{"seed"});
  EXPECT_EQ(index.search("微信 不存在").total, 0u);
  EXPECT_EQ(ids(index.search("微信 -联通")), std::vector<std::string>{"newer"});
  EXPECT_EQ(ids(index.search("\"ott 破冰\"")), std::vector<std::string>{"seed"});
  EXPECT_EQ(index.search("\"破冰 ott\"").total, 0u);
}

TEST(search_test, author_tag_and_year_filter) {
  const SearchIndex index = sample();
  EXPECT_EQ(ids(index.search("微信 author:yihui")), std::vector<std::string>{"newer"});
  EXPECT_EQ(ids(index.search("author:\"Yihui Xie\"")),
            (std::vector<std::string>{"newer", "apart"}));
  EXPECT_EQ(ids(index.search("tag:r -tag:统计")), std::vector<std::string>{"apart"});
  EXPECT_EQ(ids(index.search("year:2013..2014")), (std::vector<std::string>{"apart", "seed"}));
  EXPECT_EQ(ids(index.search("微信 date:2015-01")), std::vector<std::string>{"newer"});
  EXPECT_EQ(ids(index.search("year:..2013")), std::vector<std::string>{"seed"});
}

TEST(search_test, an_exact_title_ranks_first) {
  const SearchIndex index = SearchIndex::build({
      doc("body", "别的", "2020-01-01", "微信 微信 微信 微信 联通 联通 微信联通"),
      doc("title", "微信联通", "2010-01-01", "无关"),
  });
  EXPECT_EQ(ids(index.search("微信联通")), (std::vector<std::string>{"title", "body"}));
}

TEST(search_test, equal_scores_list_the_newest_first_and_sort_by_date_on_request) {
  const SearchIndex index = SearchIndex::build({
      doc("old", "a", "2001-01-01", "微信"),
      doc("new", "b", "2003-01-01", "微信"),
      doc("mid", "c", "2002-01-01", "微信"),
  });
  EXPECT_EQ(ids(index.search("微信")), (std::vector<std::string>{"new", "mid", "old"}));
  SearchOptions oldest;
  oldest.sort = SearchSort::oldest;
  EXPECT_EQ(ids(index.search("微信", oldest)), (std::vector<std::string>{"old", "mid", "new"}));
}

TEST(search_test, snippets_escape_text_and_mark_matches_in_the_original_text) {
  const SearchIndex index = SearchIndex::build({doc("x", "t", "", "before <b>微信</b> after"),
                                                doc("y", "t", "", "The ＯＴＴ fight; 運營商 won")});
  EXPECT_EQ(index.search("微信").hits.at(0).snippet,
            "before &lt;b&gt;<mark>微信</mark>&lt;/b&gt; after");
  EXPECT_EQ(index.search("ott 运营商").hits.at(0).snippet,
            "The <mark>ＯＴＴ</mark> fight; <mark>運營商</mark> won");
}

TEST(search_test, results_page_through_the_total_and_count_facets_over_all_matches) {
  const SearchIndex index = sample();
  SearchOptions options;
  options.limit = 1;
  options.offset = 1;
  const SearchResult page = index.search("信", options);
  EXPECT_EQ(page.total, 3u);
  EXPECT_EQ(ids(page), std::vector<std::string>{"newer"});
  ASSERT_EQ(page.facets.author.size(), 2u);
  EXPECT_EQ(page.facets.author[0].value, "Yihui Xie");
  EXPECT_EQ(page.facets.author[0].count, 2u);
  ASSERT_EQ(page.facets.year.size(), 3u);
  EXPECT_EQ(page.facets.year[0].value, "2015");
  ASSERT_EQ(page.facets.tag.size(), 3u);
  EXPECT_EQ(page.facets.tag[0].value, "R");
  EXPECT_EQ(page.facets.tag[0].count, 2u);
  EXPECT_EQ(page.hits[0].author, "Yihui Xie");
  EXPECT_EQ(page.hits[0].date, "2015-01-01");
}

// The index keeps the last query's ranking (issue 8: a sharded reader asks each query twice) and
// sorts only as far as a page needs: every page, in any order, and between other queries, is the
// slice of the whole answer, with the same total and facets.
TEST(search_test, pages_asked_in_any_order_between_other_queries_are_slices_of_the_whole) {
  std::vector<SearchDocument> docs;
  for (int i = 0; i < 60; ++i) {
    const std::string n = std::to_string(i);
    std::string body = "信号 ";
    for (int k = 0; k < i % 7; ++k) body += "微信 ";
    docs.push_back(doc("d" + n, i % 5 == 0 ? "微信" : "标题" + n,
                       "20" + std::to_string(10 + i % 9) + "-0" + std::to_string(1 + i % 9) + "-1" +
                           std::to_string(i % 10),
                       body, i % 3 == 0 ? "Yihui Xie" : "mickeyknox", {i % 2 ? "R" : "统计"}));
  }
  const SearchIndex index = SearchIndex::build(docs);
  for (const SearchSort sort : {SearchSort::relevance, SearchSort::newest, SearchSort::oldest}) {
    for (const char* query : {"微信", "信", "tag:R", "微信 -tag:R"}) {
      SearchOptions all;
      all.limit = 1000;
      all.sort = sort;
      const SearchResult whole = index.search(query, all);
      ASSERT_GT(whole.total, 3u) << query;
      for (const std::size_t offset :
           {std::size_t{20}, std::size_t{0}, std::size_t{7}, whole.total}) {
        index.search("篇");  // another query in between replaces the kept ranking
        for (int twice = 0; twice < 2; ++twice) {
          SearchOptions page;
          page.offset = offset;
          page.limit = 5;
          page.sort = sort;
          const SearchResult got = index.search(query, page);
          EXPECT_EQ(got.total, whole.total) << query;
          std::vector<std::string> want;
          for (std::size_t i = offset; i < std::min(offset + 5, whole.hits.size()); ++i) {
            want.push_back(whole.hits[i].id);
          }
          EXPECT_EQ(ids(got), want) << query << " offset " << offset;
          ASSERT_EQ(got.facets.author.size(), whole.facets.author.size());
          for (std::size_t i = 0; i < got.facets.author.size(); ++i) {
            EXPECT_EQ(got.facets.author[i].value, whole.facets.author[i].value);
            EXPECT_EQ(got.facets.author[i].count, whole.facets.author[i].count);
          }
          ASSERT_EQ(got.facets.year.size(), whole.facets.year.size());
          ASSERT_EQ(got.facets.tag.size(), whole.facets.tag.size());
        }
      }
    }
  }
}

TEST(search_test, query_parsing_splits_runs_words_phrases_and_filters) {
  const ParsedQuery q = parse_query("OTT破冰 \"static site\" -微信 author:\"Yihui Xie\" year:2013");
  ASSERT_EQ(q.include.size(), 3u);
  EXPECT_EQ(q.include[0].tokens.at(0).text, "ott");
  EXPECT_TRUE(q.include[1].cjk_run);
  EXPECT_EQ(q.include[1].span, 2u);
  EXPECT_EQ(q.include[1].tokens.size(), 1u);  // the bigram 破冰 implies 冰
  EXPECT_TRUE(q.include[2].phrase);
  EXPECT_EQ(q.include[2].tokens.size(), 2u);
  ASSERT_EQ(q.exclude.size(), 1u);
  ASSERT_EQ(q.authors.size(), 1u);
  EXPECT_EQ(q.authors[0], U"yihui xie");
  EXPECT_EQ(q.date_from, 20130101000000u);
  EXPECT_EQ(q.date_to, 20131231235959u);
}

TEST(search_test, dates_become_sortable_keys) {
  EXPECT_EQ(date_key("2013-07-15 18:10"), 20130715181000u);
  EXPECT_EQ(date_key("2013-07-15T18:10:05+08:00"), 20130715181005u);
  EXPECT_EQ(date_key("2013"), 20130101000000u);
  EXPECT_EQ(date_key("July 2013"), 0u);
}

}  // namespace
}  // namespace folio
