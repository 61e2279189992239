#include <gtest/gtest.h>

#include <folio/index.h>

namespace folio {
namespace {

std::vector<std::string> ids(const SearchResult& result) {
  std::vector<std::string> out;
  for (const SearchHit& hit : result.hits) out.push_back(hit.id);
  return out;
}

SearchIndex sample() {
  SearchIndex index;
  index.add({"seed", "“OTT破冰”是个伪命题，运营商与微信矛盾不可调和", "2013-07-15",
             "消息指出，微信将与一家运营商（很可能是中国联通）合作。"});
  index.add({"apart", "微博", "2014-01-01", "微型电脑的信号很好。BOTTLE"});
  index.add({"newer", "另一篇", "2015-01-01", "谈微信"});
  return index;
}

TEST(search_test, chinese_substrings_match_exactly_and_only_adjacent) {
  const SearchIndex index = sample();
  EXPECT_EQ(ids(index.search("微信")), (std::vector<std::string>{"seed", "newer"}));
  EXPECT_EQ(ids(index.search("中国联通")), std::vector<std::string>{"seed"});
  EXPECT_EQ(ids(index.search("运营商")), std::vector<std::string>{"seed"});
  EXPECT_EQ(index.search("微 信号").total, 1u);  // two terms, both present in "apart"
  EXPECT_EQ(index.search("联通中国").total, 0u);
}

TEST(search_test, latin_terms_match_whole_words_ignoring_case) {
  const SearchIndex index = sample();
  EXPECT_EQ(ids(index.search("OTT")), std::vector<std::string>{"seed"});
  EXPECT_EQ(ids(index.search("ott")), std::vector<std::string>{"seed"});
  EXPECT_EQ(ids(index.search("bottle")), std::vector<std::string>{"apart"});
}

TEST(search_test, terms_are_anded_and_title_matches_rank_first) {
  const SearchIndex index = sample();
  EXPECT_EQ(ids(index.search("微信 联通")), std::vector<std::string>{"seed"});
  EXPECT_EQ(index.search("微信 不存在").total, 0u);
}

TEST(search_test, snippets_escape_text_and_mark_matches) {
  SearchIndex index;
  index.add({"x", "t", "", "before <b>微信</b> after"});
  const SearchResult result = index.search("微信");
  ASSERT_EQ(result.hits.size(), 1u);
  EXPECT_EQ(result.hits[0].snippet, "before &lt;b&gt;<mark>微信</mark>&lt;/b&gt; after");
}

TEST(search_test, limit_and_offset_page_through_the_total) {
  const SearchIndex index = sample();
  SearchOptions options;
  options.limit = 1;
  options.offset = 1;
  const SearchResult page = index.search("微信", options);
  EXPECT_EQ(page.total, 2u);
  EXPECT_EQ(ids(page), std::vector<std::string>{"newer"});
}

TEST(search_test, quotes_keep_a_phrase_with_spaces) {
  EXPECT_EQ(parse_query_terms("\"Static Site\" 微信"),
            (std::vector<std::string>{"static site", "微信"}));
  EXPECT_EQ(parse_query_terms("  a\u3000b "), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace folio
