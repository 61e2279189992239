// The article model's rules, one test (or more) per rule of README "The article model" and each
// limit of "Limits". Examples readers can follow are in tests/spec/front-matter.txt.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <folio/article.h>
#include <folio/text.h>

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

ArticleOptions beijing() {
  ArticleOptions options;
  options.zone = parse_fixed_time_zone("+08:00").value();
  return options;
}

Article load(std::string_view text, std::string_view source = "post.md",
             const ArticleOptions& options = {}) {
  ParsedArticle parsed = parse_article(text, source, options);
  EXPECT_TRUE(parsed.article) << (parsed.diagnostics.empty()
                                      ? std::string("no diagnostic")
                                      : format_diagnostic(parsed.diagnostics[0]));
  return parsed.article.value_or(Article{});
}

std::vector<std::string> codes(const ParsedArticle& parsed) {
  std::vector<std::string> out;
  for (const Diagnostic& d : parsed.diagnostics) out.push_back(d.code);
  return out;
}

// --- the seed -------------------------------------------------------------------------------

TEST(article_test, the_seed_maps_its_jekyll_fields_in_beijing_time) {
  const ParsedArticle parsed =
      parse_article(read_seed(), "posts/000_d82bcb224086c429.md", beijing());
  ASSERT_TRUE(parsed.article);
  EXPECT_TRUE(parsed.diagnostics.empty());
  const Article& a = *parsed.article;
  EXPECT_EQ(a.title, "“OTT破冰”是个伪命题，运营商与微信矛盾不可调和");
  EXPECT_EQ(a.author, "mickeyknox");
  EXPECT_EQ(a.date, "2013-07-15T18:10:00+08:00");
  EXPECT_EQ(a.url, "https://www.huxiu.com/article/17254");
  EXPECT_EQ(a.layout, "post");
  EXPECT_EQ(a.id, "17254");  // the number ending the url
  EXPECT_EQ(a.source, "posts/000_d82bcb224086c429.md");
  EXPECT_EQ(a.markdown.rfind("虎嗅注：", 0), 0u) << "the body starts after the closing fence";
  EXPECT_TRUE(a.meta.empty()) << a.meta.dump();
}

TEST(article_test, the_seeds_run_on_paragraph_is_dropped_and_the_text_appears_once) {
  const Article a = load(read_seed(), "seed.md", beijing());
  EXPECT_EQ(a.dropped_paragraphs, 1);
  const std::string sentence = "然而作者认为，运营商和微信之间";
  const std::size_t first = a.markdown.find(sentence);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(a.markdown.find(sentence, first + 1), std::string::npos);
  EXPECT_NE(a.markdown.find("好，下面来看mickeyknox文章：\n\n然而作者认为"), std::string::npos)
      << "the paragraphs around the dropped one keep their blank-line separation";
}

// --- id -------------------------------------------------------------------------------------

TEST(article_test, explicit_id_wins_then_url_number_then_file_name) {
  EXPECT_EQ(load("---\nid: x1\nslug: s\nurl: http://a/9\n---\n", "a.md").id, "x1");
  EXPECT_EQ(load("---\nslug: s\nurl: http://a/9\n---\n", "a.md").id, "s");
  EXPECT_EQ(load("---\nslug: 2020\n---\n", "a.md").id, "2020") << "a number is a fine id";
  EXPECT_EQ(load("---\nurl: http://a/9/\n---\n", "a.md").id, "9");
  EXPECT_EQ(load("---\nurl: http://a/b/17254.html?x=1\n---\n", "a.md").id, "17254");
  EXPECT_EQ(load("---\nurl: http://a/post2\n---\n", "a.md").id, "a") << "post2 is a name";
  EXPECT_EQ(load("---\ntitle: t\n---\n", "_posts/2013-07-15-ott.md").id, "ott");
  EXPECT_EQ(load("no front matter", "notes/idea.markdown").id, "idea");
  EXPECT_TRUE(load("---\nslug: s\n---\n").explicit_id);
  EXPECT_FALSE(load("---\ntitle: t\n---\n").explicit_id);
}

TEST(article_test, file_name_ids_drop_jekylls_date_prefix_and_name_bundles_by_folder) {
  EXPECT_EQ(id_from_file_name("2013-07-15-ott.md"), "ott");
  EXPECT_EQ(id_from_file_name("a/b\\2013-7-5-ott.md"), "ott") << "Jekyll's MATCHER: \\d{1,2}";
  EXPECT_EQ(id_from_file_name("2013-07-15.md"), "2013-07-15") << "no slug after the date";
  EXPECT_EQ(id_from_file_name("2013-07-x.md"), "2013-07-x");
  EXPECT_EQ(id_from_file_name(".md"), ".md");
  EXPECT_EQ(id_from_file_name("post/2022-04-23-choropleth-map/index.md"), "choropleth-map");
  EXPECT_EQ(id_from_file_name("content/en/blog/2019/_index.md"), "2019");
  EXPECT_EQ(id_from_file_name("index.md"), "index");
  EXPECT_EQ(date_from_file_name("x/2023-1-30-Tukey-CN.md"), "2023-01-30");
  EXPECT_EQ(date_from_file_name("x/notes.md"), "");
}

// --- title ----------------------------------------------------------------------------------

TEST(article_test, title_falls_back_to_the_first_heading_then_the_file_name) {
  EXPECT_EQ(load("---\ntitle: 标题\n---\n# 别的\n").title, "标题");
  EXPECT_EQ(load("intro\n\n## Getting *started* {{< x >}}\n\n# Later\n").title, "Getting started");
  EXPECT_EQ(load("Setext title\n============\n\ntext\n").title, "Setext title");
  EXPECT_EQ(load("just text\n", "notes/2020-01-02-my-note.md").title, "my-note");
}

TEST(article_test, a_number_as_title_is_read_as_text_with_a_warning) {
  const ParsedArticle parsed = parse_article("---\ntitle: 2019\n---\n", "a.md");
  ASSERT_TRUE(parsed.article);
  EXPECT_EQ(parsed.article->title, "2019");
  ASSERT_EQ(codes(parsed), std::vector<std::string>{code::kFieldType});
  EXPECT_EQ(parsed.diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(parsed.diagnostics[0].line, 2);
  EXPECT_EQ(parsed.diagnostics[0].column, 8);
}

TEST(article_test, a_list_where_a_title_belongs_is_a_warning_not_a_loss) {
  const ParsedArticle parsed = parse_article("---\ntitle: [a, b]\n---\nbody\n", "x/post.md");
  ASSERT_TRUE(parsed.article);
  EXPECT_EQ(parsed.article->title, "post");
  ASSERT_EQ(codes(parsed), std::vector<std::string>{code::kFieldType});
  EXPECT_EQ(parsed.diagnostics[0].line, 2);
  EXPECT_EQ(parsed.article->meta["title"], nlohmann::json::array({"a", "b"}))
      << "a value the model could not use stays in meta";
}

// --- author ---------------------------------------------------------------------------------

TEST(article_test, author_comes_from_author_name_or_authors) {
  EXPECT_EQ(load("---\nauthor: 谢益辉\n---\n").author, "谢益辉");
  EXPECT_EQ(load("---\nname: mickeyknox\n---\n").author, "mickeyknox");
  const Article many = load("---\nauthors:\n  - colinmacarthur\n  - carolyn\n---\n");
  EXPECT_EQ(many.author, "colinmacarthur, carolyn");
  EXPECT_EQ(many.authors, (std::vector<std::string>{"colinmacarthur", "carolyn"}));
  EXPECT_EQ(load("---\nauthor: [甲, 乙, 甲]\n---\n").authors,
            (std::vector<std::string>{"甲", "乙"}));
  EXPECT_EQ(load("---\nauthor: {name: Ann}\n---\n").author, "Ann");
  EXPECT_EQ(
      load("---\nauthor: '[Alex Boten](https://github.com/codeboten) (Honeycomb)'\n---\n").author,
      "Alex Boten (Honeycomb)");
  EXPECT_EQ(load("---\nauthor:\n---\n").author, "") << "an empty author is no author";
}

// --- dates ----------------------------------------------------------------------------------

TEST(article_test, dates_in_every_written_form_become_iso_8601_with_offset) {
  const TimeZone utc;
  const TimeZone bj = parse_fixed_time_zone("+08:00").value();
  EXPECT_EQ(normalize_date("2013-07-15 18:10", bj), "2013-07-15T18:10:00+08:00");
  EXPECT_EQ(normalize_date("2013-07-15 18:10", utc), "2013-07-15T18:10:00+00:00");
  EXPECT_EQ(normalize_date("2013/07/15", bj), "2013-07-15T00:00:00+08:00");
  EXPECT_EQ(normalize_date("2013/7/5 8:05", bj), "2013-07-05T08:05:00+08:00");
  EXPECT_EQ(normalize_date("2013.07.15", utc), "2013-07-15T00:00:00+00:00");
  EXPECT_EQ(normalize_date("2013年7月15日 18:10", bj), "2013-07-15T18:10:00+08:00");
  EXPECT_EQ(normalize_date("2005-07-03T21:37:00+08:00", utc), "2005-07-03T21:37:00+08:00")
      << "an explicit offset is kept, not converted";
  EXPECT_EQ(normalize_date("2008-11-30T14:25:39Z", bj), "2008-11-30T14:25:39+00:00");
  EXPECT_EQ(normalize_date("2008-11-30t14:25:39.123456z", bj), "2008-11-30T14:25:39+00:00");
  EXPECT_EQ(normalize_date("2017-03-08 2:05:17 -0400", bj), "2017-03-08T02:05:17-04:00");
  EXPECT_EQ(normalize_date("2001-12-14 21:59:43.10 -5", bj), "2001-12-14T21:59:43-05:00");
  EXPECT_EQ(normalize_date("Mon, 15 Jul 2013 18:10:00 +0800", utc), "2013-07-15T18:10:00+08:00");
  EXPECT_EQ(normalize_date("15 July 2013", bj), "2013-07-15T00:00:00+08:00");
  EXPECT_EQ(normalize_date(" 2024-02-29 ", utc), "2024-02-29T00:00:00+00:00");
}

TEST(article_test, impossible_or_unreadable_dates_are_refused) {
  const TimeZone utc;
  for (const char* bad : {"2013-02-30", "2023-02-29", "2013-13-01", "2013-07-15 25:00",
                          "2013-07-15 18:60", "2013-07-15T18:10+15:00", "yesterday", "2013",
                          "2013-07-15 18:10 banana", "0000-01-01", "24:00:00", ""}) {
    EXPECT_EQ(normalize_date(bad, utc), std::nullopt) << bad;
  }
}

TEST(article_test, an_impossible_date_is_a_warning_and_the_article_has_no_date) {
  const ParsedArticle parsed =
      parse_article("---\ntitle: t\ndate: 2013-02-30\n---\n", "notes/plain.md");
  ASSERT_TRUE(parsed.article);
  EXPECT_EQ(parsed.article->date, "");
  ASSERT_EQ(codes(parsed), std::vector<std::string>{code::kDateInvalid});
  EXPECT_EQ(parsed.diagnostics[0].line, 3);
  EXPECT_EQ(parsed.article->meta["date"], "2013-02-30") << "the raw value stays in meta";
}

TEST(article_test, date_and_updated_come_from_the_generators_keys) {
  EXPECT_EQ(load("---\ntime: 2013-07-15 18:10\n---\n").date, "2013-07-15T18:10:00+00:00");
  EXPECT_EQ(load("---\npublished: 2020-01-02\n---\n").date, "2020-01-02T00:00:00+00:00");
  EXPECT_EQ(load("---\npublishDate: 2020-01-02\n---\n").date, "2020-01-02T00:00:00+00:00");
  const Article both = load("---\ndate: 2020-01-02\nlastmod: 2021-03-04T05:06:07+01:00\n---\n");
  EXPECT_EQ(both.date, "2020-01-02T00:00:00+00:00");
  EXPECT_EQ(both.updated, "2021-03-04T05:06:07+01:00");
  EXPECT_EQ(load("---\nupdated: 2021-03-04\n---\n").date, "2021-03-04T00:00:00+00:00")
      << "the update time is the date of last resort (Hugo's lastmod fallback)";
}

TEST(article_test, a_missing_date_comes_from_the_file_name_or_the_path_field) {
  const ArticleOptions bj = beijing();
  EXPECT_EQ(load("---\ntitle: t\n---\n", "posts/2016-03-04-proxies.md", bj).date,
            "2016-03-04T00:00:00+08:00");
  EXPECT_EQ(load("+++\npath = \"inside-rust/2024/04/09/x\"\n+++\n", "x.md").date,
            "2024-04-09T00:00:00+00:00");
  EXPECT_EQ(load("---\ntitle: t\n---\n", "posts/proxies.md").date, "");
}

TEST(article_test, iana_style_offsets_come_from_the_zone_for_each_date) {
  // A zone whose offset depends on the date, as an IANA zone's does (folio/zoneinfo.h gives
  // the real ones; tests/unit/zoneinfo_test.cc checks those against the tz database).
  ArticleOptions options;
  options.zone.name = "Test/Summer";
  options.zone.offset_at = [](std::int64_t local) {
    return local >= 1'372'636'800 ? 7200 : 3600;  // +02:00 from 2013-07-01
  };
  EXPECT_EQ(load("---\ndate: 2013-06-30 12:00\n---\n", "a.md", options).date,
            "2013-06-30T12:00:00+01:00");
  EXPECT_EQ(load("---\ndate: 2013-07-15 12:00\n---\n", "a.md", options).date,
            "2013-07-15T12:00:00+02:00");
}

TEST(article_test, fixed_zones_parse_in_the_forms_people_write) {
  EXPECT_EQ(parse_fixed_time_zone("+08:00")->fixed_offset_seconds, 8 * 3600);
  EXPECT_EQ(parse_fixed_time_zone("-0530")->fixed_offset_seconds, -(5 * 3600 + 30 * 60));
  EXPECT_EQ(parse_fixed_time_zone("UTC")->fixed_offset_seconds, 0);
  EXPECT_EQ(parse_fixed_time_zone("Z")->fixed_offset_seconds, 0);
  EXPECT_EQ(parse_fixed_time_zone("UTC+8")->fixed_offset_seconds, 8 * 3600);
  EXPECT_FALSE(parse_fixed_time_zone("Asia/Shanghai"));
  EXPECT_FALSE(parse_fixed_time_zone("+25:00"));
}

// --- url, tags, categories, lang, image, draft ---------------------------------------------

TEST(article_test, url_must_be_http_or_https) {
  EXPECT_EQ(load("---\nurl: HTTPS://a.example/x\n---\n").url, "HTTPS://a.example/x");
  const ParsedArticle script = parse_article("---\nurl: javascript:alert(1)\n---\n", "a.md");
  EXPECT_EQ(script.article->url, "");
  EXPECT_EQ(codes(script), std::vector<std::string>{code::kUrlScheme});
  const ParsedArticle hugo_path = parse_article("---\nurl: /about/\n---\n", "a.md");
  EXPECT_EQ(hugo_path.article->url, "");
  EXPECT_TRUE(hugo_path.diagnostics.empty()) << "Hugo's url is the page's own path: no warning";
  EXPECT_EQ(hugo_path.article->meta["url"], "/about/");
}

TEST(article_test, tags_and_categories_are_lists_of_text) {
  const Article a = load("---\ntags: [诗, 'a b', 诗, 3]\ncategories:\n  - COS访谈\n---\n");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"诗", "a b", "3"}));
  EXPECT_EQ(a.categories, (std::vector<std::string>{"COS访谈"}));
  const ParsedArticle text = parse_article("---\ntags: r, 统计\n---\n", "a.md");
  EXPECT_EQ(text.article->tags, (std::vector<std::string>{"r", "统计"}));
  EXPECT_EQ(codes(text), std::vector<std::string>{code::kFieldType}) << "a string as tags";
}

TEST(article_test, lang_and_cover_image) {
  EXPECT_EQ(load("---\nlang: zh-CN\n---\n").lang, "zh-CN");
  EXPECT_EQ(load("---\nlocale: en\n---\n").lang, "en");
  EXPECT_EQ(load("---\nimage: /assets/a.jpg\n---\n").image, "/assets/a.jpg");
  EXPECT_EQ(load("---\ncover:\n  image: https://x/c.png\n---\n").image, "https://x/c.png");
  EXPECT_EQ(load("---\nimages: [a.png, b.png]\n---\n").image, "a.png");
  const ParsedArticle data = parse_article("---\nimage: 'javascript:x'\n---\n", "a.md");
  EXPECT_EQ(data.article->image, "");
  EXPECT_EQ(codes(data), std::vector<std::string>{code::kUrlScheme});
}

TEST(article_test, drafts_are_marked_with_yaml_1_1_words_too) {
  EXPECT_TRUE(load("---\ndraft: true\n---\n").draft);
  EXPECT_TRUE(load("---\ndraft: yes\n---\n").draft) << "Hugo reads yes as true for draft";
  EXPECT_FALSE(load("---\ndraft: no\n---\n").draft);
  EXPECT_FALSE(load("---\ntitle: t\n---\n").draft);
  const ParsedArticle odd = parse_article("---\ndraft: maybe\n---\n", "a.md");
  EXPECT_FALSE(odd.article->draft);
  EXPECT_EQ(codes(odd), std::vector<std::string>{code::kFieldType});
}

// --- summary and reading time ---------------------------------------------------------------

TEST(article_test, summary_is_explicit_or_the_first_paragraph) {
  EXPECT_EQ(load("---\nsummary: 短\ndescription: d\n---\n").summary, "短");
  EXPECT_EQ(load("---\ndescription: <p>In &ldquo;the&rdquo; *movies*</p>\n---\n").summary,
            "In \u201Cthe\u201D movies");
  const Article derived = load(
      "# Title\n\n![alt](x.png)\n\n<div>html</div>\n\nFirst **real**\n"
      "paragraph {{< ref x >}}.\n\nSecond.\n");
  EXPECT_EQ(derived.summary, "First real paragraph .");
  EXPECT_EQ(load("Intro one.\n\nIntro two.\n\n<!--more-->\n\nRest.\n").summary,
            "Intro one. Intro two.")
      << "Hugo's <!--more--> divider marks the summary";
  const Article meta = load("---\nsummary: s\nexcerpt: e\n---\n");
  EXPECT_EQ(meta.meta["excerpt"], "e") << "an alternative not used stays in meta";
}

TEST(article_test, summaries_are_cut_at_a_character_boundary_cjk_aware) {
  std::string han;
  for (int i = 0; i < 200; ++i) han += "汉";
  const std::string cut = cut_summary(han, 21);
  EXPECT_EQ(cut, "汉汉汉汉汉汉汉汉汉汉…") << "CJK counts two columns; the cut never splits one";
  EXPECT_EQ(cut_summary("The quick brown fox jumps", 16), "The quick brown…")
      << "Latin text is cut after a word";
  EXPECT_EQ(cut_summary("Supercalifragilistic", 10), "Supercali…");
  EXPECT_EQ(cut_summary("short", 240), "short");
  EXPECT_EQ(cut_summary("虎嗅注：今天的移动观察", 9), "虎嗅注：…");
}

TEST(article_test, reading_time_counts_cjk_characters_and_latin_words_separately) {
  const Article a = load("微信和OTT的矛盾 in the market.\n\n```\ncode here\n```\n");
  EXPECT_EQ(a.cjk_chars, 6u);
  EXPECT_EQ(a.latin_words, 6u);  // OTT, in, the, market, code, here
  EXPECT_EQ(a.reading_minutes, 1);
  std::string long_text;
  for (int i = 0; i < 1000; ++i) long_text += "字";
  for (int i = 0; i < 275; ++i) long_text += " word";
  EXPECT_EQ(load(long_text).reading_minutes, 3) << "1000/500 + 275/275";
  EXPECT_EQ(load("---\ntitle: t\n---\n").reading_minutes, 0);
}

// --- meta -----------------------------------------------------------------------------------

TEST(article_test, every_other_field_is_kept_typed_in_meta) {
  const Article a = load(
      "---\nforum_id: 423626\nweight: -2.5\nhero: true\nzip: 02134\ntoc: yes\nempty:\n"
      "quoted: '42'\nlist: [1, two]\nnested: {a: {b: c}}\nbig: 99999999999999999999\n---\n");
  EXPECT_EQ(a.meta["forum_id"], 423626);
  EXPECT_EQ(a.meta["weight"], -2.5);
  EXPECT_EQ(a.meta["hero"], true);
  EXPECT_EQ(a.meta["zip"], "02134") << "leading zeros are kept as text";
  EXPECT_EQ(a.meta["toc"], "yes") << "YAML 1.2: yes is text outside known boolean fields";
  EXPECT_TRUE(a.meta["empty"].is_null());
  EXPECT_EQ(a.meta["quoted"], "42");
  EXPECT_EQ(a.meta["list"], nlohmann::json::parse(R"([1, "two"])"));
  EXPECT_EQ(a.meta["nested"]["a"]["b"], "c");
  EXPECT_EQ(a.meta["big"], "99999999999999999999");
}

TEST(article_test, yaml_merge_keys_and_anchors_are_resolved) {
  const Article a = load(
      "---\nbase: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  y: 3\nparams:\n  eventUrl: &u >-\n"
      "    https://e.example/\n  blogPostURL: *u\n---\n");
  EXPECT_EQ(a.meta["merged"], nlohmann::json::parse(R"({"x": 1, "y": 3})"));
  EXPECT_EQ(a.meta["params"]["blogPostURL"], "https://e.example/");
}

TEST(article_test, a_repeated_key_keeps_the_last_value_with_a_warning) {
  const ParsedArticle parsed =
      parse_article("---\nexpirydate: 2020-01-01\nexpirydate: 2021-01-01\n---\n", "a.md");
  ASSERT_TRUE(parsed.article);
  EXPECT_EQ(parsed.article->meta["expirydate"], "2021-01-01");
  ASSERT_EQ(codes(parsed), std::vector<std::string>{code::kDuplicateKey});
  EXPECT_EQ(parsed.diagnostics[0].line, 3);
}

// --- TOML -----------------------------------------------------------------------------------

TEST(article_test, toml_front_matter_between_plus_lines) {
  const ParsedArticle parsed = parse_article(
      "+++\npath = \"2024/04/09/Rust-1.77.2\"\ntitle = \"Announcing Rust 1.77.2\"\n"
      "authors = [\"The Rust Security Response WG\"]\ndate = 2024-04-10T08:00:00Z\n"
      "[extra]\nrelease = true\n+++\n\nThe Rust team...\n",
      "content/Rust-1.77.2.md");
  ASSERT_TRUE(parsed.article);
  EXPECT_TRUE(parsed.diagnostics.empty());
  const Article& a = *parsed.article;
  EXPECT_EQ(a.title, "Announcing Rust 1.77.2");
  EXPECT_EQ(a.author, "The Rust Security Response WG");
  EXPECT_EQ(a.date, "2024-04-10T08:00:00+00:00");
  EXPECT_EQ(a.id, "Rust-1.77.2");
  EXPECT_EQ(a.meta["extra"]["release"], true);
  EXPECT_EQ(a.meta["path"], "2024/04/09/Rust-1.77.2");
  EXPECT_EQ(a.markdown, "\nThe Rust team...\n");
}

TEST(article_test, toml_errors_point_into_the_file) {
  const ParsedArticle parsed = parse_article("+++\ntitle = \"ok\"\nbad = [1,\n+++\nbody\n", "a.md");
  EXPECT_FALSE(parsed.article);
  ASSERT_EQ(codes(parsed), std::vector<std::string>{code::kFrontMatterSyntax});
  EXPECT_GE(parsed.diagnostics[0].line, 3);
  const ParsedArticle unclosed = parse_article("+++\ntitle = \"x\"\n", "a.md");
  EXPECT_EQ(codes(unclosed), std::vector<std::string>{code::kFrontMatterUnterminated});
}

// --- encodings and line ends ----------------------------------------------------------------

TEST(article_test, crlf_and_bom_are_accepted) {
  const ParsedArticle parsed =
      parse_article("\xEF\xBB\xBF---\r\ntitle: 标题\r\nname: 作者\r\n---\r\n正文\r\n", "a.md");
  ASSERT_TRUE(parsed.article);
  EXPECT_EQ(parsed.article->title, "标题");
  EXPECT_EQ(parsed.article->author, "作者");
  EXPECT_EQ(parsed.article->markdown, "正文\r\n");
}

TEST(article_test, blank_lines_before_the_front_matter_are_accepted) {
  const ParsedArticle parsed = parse_article("\n\n---\ntitle: late\n---\nbody\n", "a.md");
  ASSERT_TRUE(parsed.article);
  EXPECT_EQ(parsed.article->title, "late");
  const ParsedArticle bad = parse_article("\n\n---\ntitle: [x\n---\n", "a.md");
  ASSERT_FALSE(bad.diagnostics.empty());
  EXPECT_GE(bad.diagnostics[0].line, 4) << "lines count from the file's start";
}

TEST(article_test, utf16_with_a_byte_order_mark_is_converted_with_a_warning) {
  const std::string utf8 = "---\ntitle: 标题\n---\n正文\n";
  for (const bool big : {false, true}) {
    std::string utf16 = big ? "\xFE\xFF" : "\xFF\xFE";
    for (std::size_t pos = 0; pos < utf8.size();) {
      const char32_t cp = next_code_point(utf8, pos);
      const auto unit = static_cast<unsigned>(cp);
      const char hi = static_cast<char>(unit >> 8);
      const char lo = static_cast<char>(unit & 0xFF);
      utf16 += big ? std::string{hi, lo} : std::string{lo, hi};
    }
    const ParsedArticle parsed = parse_article(utf16, "a.md");
    ASSERT_TRUE(parsed.article) << big;
    EXPECT_EQ(parsed.article->title, "标题");
    EXPECT_EQ(parsed.article->markdown, "正文\n");
    EXPECT_EQ(codes(parsed), std::vector<std::string>{code::kInputUtf16});
  }
  const ParsedArticle odd = parse_article(std::string("\xFF\xFE\x00\xD8", 4), "a.md");
  EXPECT_FALSE(odd.article) << "an unpaired surrogate";
  EXPECT_EQ(codes(odd), std::vector<std::string>{code::kInputUtf16});
}

TEST(article_test, nul_bytes_mean_a_binary_file_and_are_reported_where_they_are) {
  const ParsedArticle parsed =
      parse_article(std::string("---\ntitle: x\n---\nab\0cd", 21), "image.md");
  EXPECT_FALSE(parsed.article);
  ASSERT_EQ(codes(parsed), std::vector<std::string>{code::kInputBinary});
  EXPECT_EQ(parsed.diagnostics[0].line, 4);
  EXPECT_EQ(parsed.diagnostics[0].column, 3);
}

TEST(article_test, invalid_utf8_is_reported_with_its_position) {
  const ParsedArticle parsed = parse_article("---\ntitle: 好\n---\n微\xFF\n", "a.md");
  EXPECT_FALSE(parsed.article);
  ASSERT_EQ(codes(parsed), std::vector<std::string>{code::kUtf8Invalid});
  EXPECT_EQ(parsed.diagnostics[0].line, 4);
  EXPECT_EQ(parsed.diagnostics[0].column, 2);
}

// --- broken front matter ----------------------------------------------------------------------

TEST(article_test, unterminated_front_matter_is_an_error_at_the_fence) {
  const ParsedArticle parsed = parse_article("---\ntitle: x\nbody", "a.md");
  EXPECT_FALSE(parsed.article);
  ASSERT_EQ(codes(parsed), std::vector<std::string>{code::kFrontMatterUnterminated});
  EXPECT_EQ(parsed.diagnostics[0].line, 1);
}

TEST(article_test, yaml_errors_point_into_the_file) {
  const ParsedArticle parsed =
      parse_article("---\ntitle: ok\nname: [unclosed\n---\nbody\n", "a.md");
  EXPECT_FALSE(parsed.article);
  ASSERT_EQ(codes(parsed), std::vector<std::string>{code::kFrontMatterSyntax});
  EXPECT_GE(parsed.diagnostics[0].line, 3) << format_diagnostic(parsed.diagnostics[0]);
  EXPECT_EQ(format_diagnostic(parsed.diagnostics[0]).rfind("a.md:", 0), 0u);
}

// yaml-cpp 0.7 gives `\N` and `\_` as single Latin-1 bytes (found by fuzz_article).
TEST(article_test, yaml_nel_and_no_break_space_escapes_are_utf8_in_values_and_keys) {
  const ParsedArticle parsed =
      parse_article("---\ntitle: \"a\\Nb\\_c\"\n\"k\\N\": \"\\_\"\n---\n", "a.md");
  ASSERT_TRUE(parsed.article);
  EXPECT_EQ(parsed.article->title, "a b c");  // white space, shown as spaces
  EXPECT_EQ(parsed.article->meta.at("k\u0085"), "\u00A0");
}

TEST(article_test, an_unknown_escape_of_a_non_ascii_character_names_the_whole_character) {
  const ParsedArticle parsed = parse_article("---\ntitle: \"a\\é \\中\"\n---\n", "a.md");
  EXPECT_FALSE(parsed.article);
  ASSERT_EQ(codes(parsed), std::vector<std::string>{code::kFrontMatterSyntax});
  EXPECT_EQ(parsed.diagnostics[0].message, "unknown escape character: é");
}

TEST(article_test, a_file_name_that_is_not_utf8_is_an_error_not_an_article) {
  const ParsedArticle parsed = parse_article("---\ntitle: ok\n---\n", "caf\xE9.md");
  EXPECT_FALSE(parsed.article);
  EXPECT_EQ(codes(parsed), std::vector<std::string>{code::kUtf8Invalid});
}

TEST(article_test, a_list_instead_of_a_map_is_skipped) {
  const ParsedArticle parsed = parse_article("---\n- a\n- b\n---\n", "a.md");
  EXPECT_FALSE(parsed.article);
  EXPECT_EQ(codes(parsed), std::vector<std::string>{code::kFrontMatterNotMap});
  EXPECT_TRUE(parse_article("---\n---\nbody\n", "a.md").article) << "empty front matter is fine";
}

// --- limits ---------------------------------------------------------------------------------

TEST(article_test, an_alias_bomb_stops_at_the_value_budget) {
  // Nine levels of nine aliases: 9^9 (387 million) values if expanded. yaml-cpp 0.7 parses it
  // into a small graph; folio counts values while converting and stops at 100,000.
  std::string bomb = "---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 9; ++level) {
    const std::string prev = "*a" + std::to_string(level - 1);
    bomb += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
    for (int i = 0; i < 9; ++i) bomb += (i ? ", " : "") + prev;
    bomb += "]\n";
  }
  bomb += "---\nbody\n";
  const ParsedArticle parsed = parse_article(bomb, "bomb.md");
  EXPECT_FALSE(parsed.article);
  EXPECT_EQ(codes(parsed), std::vector<std::string>{code::kFrontMatterTooManyValues});

  ArticleOptions small;
  small.limits.max_front_matter_values = 10;
  EXPECT_FALSE(
      parse_article("---\nl: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n---\n", "a.md", small).article);
  EXPECT_TRUE(parse_article("---\nl: [1, 2, 3, 4, 5, 6, 7, 8]\n---\n", "a.md", small).article);
}

TEST(article_test, deep_nesting_is_refused) {
  std::string deep = "---\nx: " + std::string(100, '[') + std::string(100, ']') + "\n---\n";
  EXPECT_EQ(codes(parse_article(deep, "a.md")),
            std::vector<std::string>{code::kFrontMatterTooDeep});
  std::string deeper = "---\nx: " + std::string(5000, '[') + std::string(5000, ']') + "\n---\n";
  EXPECT_EQ(codes(parse_article(deeper, "a.md")),
            std::vector<std::string>{code::kFrontMatterTooDeep})
      << "past yaml-cpp's own guard the parser stops before the stack does";
  std::string toml = "+++\nx = " + std::string(100, '[') + std::string(100, ']') + "\n+++\n";
  const ParsedArticle parsed_toml = parse_article(toml, "a.md");
  EXPECT_FALSE(parsed_toml.article);
}

TEST(article_test, file_and_front_matter_sizes_are_limited) {
  ArticleOptions small;
  small.limits.max_file_bytes = 100;
  small.limits.max_front_matter_bytes = 20;
  EXPECT_EQ(codes(parse_article(std::string(101, 'a'), "a.md", small)),
            std::vector<std::string>{code::kInputTooLarge});
  EXPECT_EQ(codes(parse_article("---\ntitle: " + std::string(30, 'x') + "\n---\n", "a.md", small)),
            std::vector<std::string>{code::kFrontMatterTooLarge});
}

// --- the artifact ---------------------------------------------------------------------------

TEST(article_test, only_an_exact_concatenation_of_following_paragraphs_is_dropped) {
  const std::string p1(60, 'a');
  const std::string p2(60, 'b');
  std::string md = p1 + " " + p2 + "\n\n" + p1 + "\n\n" + p2 + "\n";
  EXPECT_EQ(drop_concatenated_paragraphs(md), 1);
  EXPECT_EQ(md, p1 + "\n\n" + p2 + "\n");

  std::string resembles = p1 + " " + p2 + "!\n\n" + p1 + "\n\n" + p2 + "\n";
  EXPECT_EQ(drop_concatenated_paragraphs(resembles), 0) << "one character more: kept";
  std::string one = p1 + "\n\n" + p1 + "\n";
  EXPECT_EQ(drop_concatenated_paragraphs(one), 0) << "a repeated paragraph is not a run-on one";
  std::string short_refrain = "ab\n\na\n\nb\n";
  EXPECT_EQ(drop_concatenated_paragraphs(short_refrain), 0) << "shorter than 80 bytes";
  std::string code = "```\n" + p1 + p2 + "\n```\n\n" + p1 + "\n\n" + p2 + "\n";
  EXPECT_EQ(drop_concatenated_paragraphs(code), 0) << "code is never compared";
}

}  // namespace
}  // namespace folio
