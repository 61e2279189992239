// The renderer's parts on their own (URL policy, tokenizer, allowlist, slugs, CJK pre-pass) and
// md4c's pathological inputs, checked by the shape of the output, never by time.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <folio/render.h>

#include "render/cjk_emphasis.h"
#include "render/heading_ids.h"
#include "render/html_tokenizer.h"
#include "render/raw_html.h"
#include "render/url.h"

namespace folio {
namespace {

using render_detail::UrlKind;

std::string repeat(std::string_view text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

RenderOptions trusted_plain() {
  RenderOptions options;
  options.trusted = true;
  options.reader_extras = false;
  return options;
}

TEST(render_test, paragraphs_and_github_tables_render) {
  EXPECT_EQ(render_html("微信\n\n运营商\n"), "<p>微信</p>\n<p>运营商</p>\n");
  const std::string table = render_html("| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_NE(table.find("<table>"), std::string::npos);
  EXPECT_NE(table.find("<td>2</td>"), std::string::npos);
}

TEST(render_test, raw_html_outside_the_allowlist_is_shown_as_text_never_as_markup) {
  const std::string html =
      render_html("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> <iframe src=x>\n");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("<iframe"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos) << html;
  EXPECT_NE(html.find("<img src=\"x\" loading=\"lazy\">"), std::string::npos) << html;
}

TEST(render_test, trusted_mode_writes_raw_html_as_written) {
  RenderOptions options;
  options.trusted = true;
  EXPECT_EQ(render_html("<script>alert(1)</script>\n", options), "<script>alert(1)</script>\n");
}

TEST(render_test, the_default_is_safe_unless_the_build_says_otherwise) {
  EXPECT_EQ(RenderOptions{}.trusted, kTrustedHtmlByDefault);
#ifndef FOLIO_TRUSTED_HTML
  EXPECT_FALSE(kTrustedHtmlByDefault);
#endif
}

// A soft line break between Chinese characters joins them (a wrapped line of one sentence,
// tests/spec/search.txt "A line wrapped inside a Chinese sentence is one run"); between Latin
// words it stays a space.
TEST(render_test, plain_text_drops_markup_and_keeps_blocks_apart) {
  EXPECT_EQ(render_plain_text("# 标题\n\n**微信**与[运营商](http://x)\n第二行\n\n- a\n- b\n"),
            "标题\n微信与运营商第二行\na\nb");
  EXPECT_EQ(render_plain_text("static\nsite 微\nx"), "static site 微 x");
}

TEST(render_test, the_table_of_contents_lists_every_heading_in_order) {
  const RenderedDocument document = render_document("# A\n\ntext\n\n## B *b*\n\n### A\n");
  ASSERT_EQ(document.toc.size(), 3u);
  EXPECT_EQ(document.toc[0].level, 1);
  EXPECT_EQ(document.toc[0].id, "a");
  EXPECT_EQ(document.toc[1].text, "B b");
  EXPECT_EQ(document.toc[2].id, "a-1");
  EXPECT_NE(document.html.find("<h3 id=\"a-1\">A</h3>"), std::string::npos);
}

TEST(render_test, render_html_into_appends_documents_one_after_another) {
  std::string out = "<!-- before -->";
  render_html_into(out, "a", RenderOptions{});
  render_html_into(out, "*b*", RenderOptions{});
  EXPECT_EQ(out, "<!-- before --><p>a</p>\n<p><em>b</em></p>\n");
}

TEST(render_test, utf16_output_has_the_same_text_as_utf8) {
  std::u16string out = u"<";
  append_utf16(out,
               "ab\xE4\xB8\xAD\xF0\x9F\x8E\x89\xC3\xA9"
               "12345678\xFF!");
  EXPECT_EQ(out, u"<ab\u4E2D\U0001F389\u00E912345678\uFFFD!");
  // Bad sequences where the three-byte shortcut applies give one U+FFFD per byte, as UTF-8 does.
  std::u16string bad;
  append_utf16(bad, "\xE4\x41\xED\xA0\x80\xE4\xB8");  // lead then ASCII, a surrogate, truncated
  EXPECT_EQ(bad, u"\uFFFDA\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD");
}

// md4c 0.4.8 reads the byte after its input (fuzz_render found two places under ASan; the
// inputs are in fuzz/regressions/render/). In a view into a longer text, as renderMany's
// documents are in the WASM module's one input buffer, that byte decided whether a last line "1"
// is a list item, and "[a](b" followed by ")" became a link whose end lay past the input: with
// Debian's libmd4c the native render then crashed (SIGSEGV).
TEST(render_test, the_byte_after_the_markdown_never_changes_the_html) {
  const std::string list = "1.";
  EXPECT_EQ(render_html(std::string_view(list).substr(0, 1)), "<p>1</p>\n");
  EXPECT_EQ(render_html(std::string_view("a\n\n1.").substr(0, 4)), "<p>a</p>\n<p>1</p>\n");
  const std::string link = "[a](b)";
  EXPECT_EQ(render_html(std::string_view(link).substr(0, 5)), "<p>[a](b</p>\n");
  EXPECT_EQ(render_plain_text(std::string_view(link).substr(0, 5)), "[a](b");
}

TEST(url_test, schemes_are_judged_after_cleaning_as_a_browser_would) {
  const auto kind = [](std::string url) { return render_detail::clean_and_classify_url(url); };
  EXPECT_EQ(kind("https://example.com/"), UrlKind::web);
  EXPECT_EQ(kind("HTTP://example.com/"), UrlKind::web);
  EXPECT_EQ(kind("mailto:a@example.com"), UrlKind::mailto);
  EXPECT_EQ(kind("/a/b"), UrlKind::relative);
  EXPECT_EQ(kind("a/b:c"), UrlKind::relative);
  EXPECT_EQ(kind(""), UrlKind::relative);
  EXPECT_EQ(kind("#x"), UrlKind::fragment);
  EXPECT_EQ(kind("//host/x"), UrlKind::network);
  EXPECT_EQ(kind("javascript:alert(1)"), UrlKind::blocked);
  EXPECT_EQ(kind(" \x01javascript:alert(1)"), UrlKind::blocked);
  EXPECT_EQ(kind("java\tscr\nipt:alert(1)"), UrlKind::blocked);
  EXPECT_EQ(kind("java\x01script:alert(1)"), UrlKind::blocked);
  EXPECT_EQ(kind("%6Aavascript:alert(1)"), UrlKind::blocked);
  EXPECT_EQ(kind("data:text/html,x"), UrlKind::blocked);
  EXPECT_EQ(kind("vbscript:x"), UrlKind::blocked);
  EXPECT_EQ(kind("\xEF\xBD\x8A"
                 "avascript:x"),
            UrlKind::blocked);  // full-width j
  std::string cleaned = "\t https://a.example/\n ";
  render_detail::clean_and_classify_url(cleaned);
  EXPECT_EQ(cleaned, "https://a.example/");
}

TEST(url_test, relative_references_resolve_as_rfc_3986_says) {
  // RFC 3986 section 5.4.1, with an http base.
  const std::string base = "http://a/b/c/d;p?q";
  const std::pair<const char*, const char*> cases[] = {
      {"g", "http://a/b/c/g"},      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},    {"/g", "http://a/g"},
      {"//g", "http://g"},          {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},  {"#s", "#s"},
      {"g#s", "http://a/b/c/g#s"},  {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},       {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},        {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},     {"../..", "http://a/"},
      {"../../g", "http://a/g"},    {"../../../g", "http://a/g"},
      {"/./g", "http://a/g"},       {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},    {"g..", "http://a/b/c/g.."},
      {"./../g", "http://a/b/g"},   {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"}, {"g;x=1/../y", "http://a/b/c/y"},
  };
  for (const auto& [reference, expected] : cases) {
    EXPECT_EQ(render_detail::resolve_url(base, reference), expected) << reference;
  }
  EXPECT_EQ(render_detail::resolve_url("https://host", "x"), "https://host/x");
  EXPECT_FALSE(is_valid_base_url("javascript:alert(1)//"));
  EXPECT_FALSE(is_valid_base_url("/relative/"));
  EXPECT_FALSE(is_valid_base_url("https:///no-host"));
  EXPECT_TRUE(is_valid_base_url("https://example.com"));
}

TEST(tokenizer_test, attributes_follow_the_html_standard) {
  render_detail::HtmlTokenizer tokenizer(
      "<A HREF='x' title=\"a>b\" data-x=1 checked/><!-- c --></a x><?pi?></ y>text<3");
  render_detail::HtmlToken token;
  ASSERT_TRUE(tokenizer.next(token));
  EXPECT_EQ(token.kind, render_detail::HtmlToken::Kind::start_tag);
  EXPECT_EQ(token.name, "a");
  ASSERT_EQ(token.attributes.size(), 4u);
  EXPECT_EQ(token.attributes[0].name, "href");
  EXPECT_EQ(token.attributes[1].value, "a>b");
  EXPECT_EQ(token.attributes[2].value, "1");
  EXPECT_FALSE(token.attributes[3].has_value);
  EXPECT_TRUE(token.self_closing);
  ASSERT_TRUE(tokenizer.next(token));
  EXPECT_EQ(token.kind, render_detail::HtmlToken::Kind::comment);
  ASSERT_TRUE(tokenizer.next(token));
  EXPECT_EQ(token.kind, render_detail::HtmlToken::Kind::end_tag);
  ASSERT_TRUE(tokenizer.next(token));
  EXPECT_EQ(token.kind, render_detail::HtmlToken::Kind::bogus);
  ASSERT_TRUE(tokenizer.next(token));
  EXPECT_EQ(token.kind, render_detail::HtmlToken::Kind::bogus);  // "</ y>"
  ASSERT_TRUE(tokenizer.next(token));
  EXPECT_EQ(token.kind, render_detail::HtmlToken::Kind::text);
  EXPECT_EQ(token.source, "text<3");
  EXPECT_FALSE(tokenizer.next(token));
}

TEST(tokenizer_test, an_unclosed_tag_or_attribute_is_incomplete) {
  for (const char* html : {"<a href=\"x", "<a", "<a href=x", "<!DOCTYPE"}) {
    render_detail::HtmlTokenizer tokenizer(html);
    render_detail::HtmlToken token;
    ASSERT_TRUE(tokenizer.next(token)) << html;
    EXPECT_EQ(token.kind, render_detail::HtmlToken::Kind::incomplete) << html;
  }
}

TEST(raw_html_test, raw_nesting_deeper_than_the_limit_is_text) {
  const std::string html = render_html(repeat("<span>", 1000) + "x\n");
  EXPECT_EQ(count(html, "<span>"), 128u);
  EXPECT_EQ(count(html, "</span>"), 128u);
  EXPECT_EQ(count(html, "&lt;span&gt;"), 872u);
}

TEST(raw_html_test, the_readme_lists_exactly_the_allowlist) {
  // README.md's table under "### Raw HTML in articles" is the documented contract: one row per
  // group of elements, the allowed attributes in the same row. This keeps it and the code equal.
  std::ifstream in(FOLIO_SOURCE_DIR "/README.md", std::ios::binary);
  ASSERT_TRUE(in);
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const std::size_t section = readme.find("### Raw HTML in articles");
  ASSERT_NE(section, std::string::npos);
  std::vector<std::string> rows;
  std::istringstream lines(readme.substr(section, readme.find("\n## ", section) - section));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| `", 0) == 0) rows.push_back(line);
  }
  const auto row_of = [&](std::string_view tag) -> const std::string* {
    const std::string quoted = "`" + std::string(tag) + "`";
    for (const std::string& row : rows) {
      if (row.substr(0, row.find(" | ", 2)).find(quoted) != std::string::npos) return &row;
    }
    return nullptr;
  };
  std::size_t documented = 0;
  for (const std::string& row : rows) {
    const std::string first_cell = row.substr(0, row.find(" | ", 2));
    for (std::size_t at = first_cell.find('`'); at != std::string::npos;
         at = first_cell.find('`', first_cell.find('`', at + 1) + 1)) {
      ++documented;
    }
  }
  EXPECT_EQ(documented, render_detail::allowed_tags().size()) << "tags in the README's table";
  for (const std::string_view tag : render_detail::allowed_tags()) {
    EXPECT_NE(row_of(tag), nullptr) << tag << " is allowed but not in README.md";
  }
  for (const auto& allowed : render_detail::allowed_attributes()) {
    if (allowed.tag == "*") {
      const std::string global = readme.substr(section, 2000);
      EXPECT_NE(global.find("`" + std::string(allowed.attribute) + "`"), std::string::npos);
      continue;
    }
    const std::string* row = row_of(allowed.tag);
    ASSERT_NE(row, nullptr) << allowed.tag;
    EXPECT_NE(row->find("`" + std::string(allowed.attribute) + "`"), std::string::npos)
        << allowed.tag << " " << allowed.attribute << " is allowed but not in its README row";
  }
}

TEST(heading_id_test, slugs_keep_every_script_and_drop_punctuation) {
  EXPECT_EQ(render_detail::slugify("Hello, World!"), "hello-world");
  EXPECT_EQ(render_detail::slugify("微信与运营商：矛盾？"), "微信与运营商矛盾");
  EXPECT_EQ(render_detail::slugify("  a -- b  "), "a-b");
  EXPECT_EQ(render_detail::slugify("Ｒｕｓｔ１"), "rust1");
  EXPECT_EQ(render_detail::slugify("二〇二〇年々"), "二〇二〇年々");
  EXPECT_EQ(render_detail::slugify("Привет мир"), "Привет-мир");
  EXPECT_EQ(render_detail::slugify("🎉🎉"), "section");
  EXPECT_EQ(render_detail::slugify("snake_case"), "snake_case");
}

TEST(heading_id_test, twenty_thousand_equal_headings_get_distinct_ids) {
  const RenderedDocument document = render_document(repeat("## a\n", 20000) + "## a-19999\n");
  ASSERT_EQ(document.toc.size(), 20001u);
  EXPECT_EQ(document.toc[19999].id, "a-19999");
  EXPECT_EQ(document.toc[20000].id, "a-19999-1");
}

TEST(cjk_emphasis_test, sentinels_never_reach_the_output) {
  RenderOptions options;
  options.cjk_friendly_emphasis = true;
  std::string markdown;
  for (int i = 0; i < 200; ++i)
    markdown += "**真，**她 [**链，**接](/u \"**题，**目\") `**码，**` ";
  markdown += "\n\n## **标，**题\n\n<b title=\"**属，**性\">x</b>\n";
  for (const bool trusted : {false, true}) {
    options.trusted = trusted;
    const RenderedDocument document = render_document(markdown, options);
    EXPECT_EQ(document.html.find(render_detail::kOtherSentinel), std::string::npos);
    EXPECT_EQ(document.html.find(render_detail::kPunctuationSentinel), std::string::npos);
    ASSERT_EQ(document.toc.size(), 1u);
    EXPECT_EQ(document.toc[0].text, "标，题");
    EXPECT_EQ(count(document.html, "<strong>真，</strong>她"), 200u);
  }
}

// md4c 0.4.8's test/pathological_tests.py, with its regular expressions written out as the
// exact output they describe. Each runs in safe mode with reader extras and in trusted mode.
struct Pathological {
  const char* name;
  std::string markdown;
  std::string html;
};

std::vector<Pathological> pathological_inputs() {
  std::string lists;
  std::string lists_html = "<ul>\n";
  for (int x = 0; x < 1000; ++x) lists += repeat("  ", static_cast<std::size_t>(x)) + "* a\n";
  lists_html += repeat("<li>a<ul>\n", 999) + "<li>a</li>\n</ul>\n" + repeat("</li>\n</ul>\n", 999);
  std::string backticks;
  for (int x = 1; x < 1000; ++x) backticks += "e" + repeat("`", static_cast<std::size_t>(x));
  std::string references;
  for (int x = 1; x < 20000 * 16; ++x) references += "[" + std::to_string(x) + "]: u\n";
  references += repeat("[0] ", 20000);
  return {
      {"nested strong emph", repeat("*a **a ", 65000) + "b" + repeat(" a** a*", 65000),
       "<p>" + repeat("<em>a <strong>a ", 65000) + "b" + repeat(" a</strong> a</em>", 65000) +
           "</p>\n"},
      {"many emph closers with no openers", repeat("a_ ", 65000),
       "<p>" + repeat("a_ ", 64999) + "a_</p>\n"},
      {"many emph openers with no closers", repeat("_a ", 65000),
       "<p>" + repeat("_a ", 64999) + "_a</p>\n"},
      {"many link closers with no openers", repeat("a]", 65000),
       "<p>" + repeat("a]", 65000) + "</p>\n"},
      {"many link openers with no closers", repeat("[a", 65000),
       "<p>" + repeat("[a", 65000) + "</p>\n"},
      {"mismatched openers and closers", repeat("*a_ ", 50000),
       "<p>" + repeat("*a_ ", 49999) + "*a_</p>\n"},
      {"openers and closers multiple of 3", "a**b" + repeat("c* ", 50000),
       "<p>a**b" + repeat("c* ", 49999) + "c*</p>\n"},
      {"link openers and emph closers", repeat("[ a_", 50000),
       "<p>" + repeat("[ a_", 50000) + "</p>\n"},
      {"hard link/emph case", "**x [a*b**c*](d)", "<p>**x <a href=\"d\">a<em>b**c</em></a></p>\n"},
      {"nested brackets", repeat("[", 50000) + "a" + repeat("]", 50000),
       "<p>" + repeat("[", 50000) + "a" + repeat("]", 50000) + "</p>\n"},
      {"nested block quotes", repeat("> ", 50000) + "a",
       repeat("<blockquote>\n", 50000) + "<p>a</p>\n" + repeat("</blockquote>\n", 50000)},
      {"backticks", backticks, ""},  // shape checked below: <p>, then only e and `, then </p>
      {"many links", repeat("[t](/u) ", 50000),
       "<p>" + repeat("<a href=\"/u\">t</a> ", 49999) + "<a href=\"/u\">t</a></p>\n"},
      {"many references", references, ""},  // shape checked below
      {"deeply nested lists", lists, lists_html},
      {"many html openers and closers", repeat("<>", 50000),
       "<p>" + repeat("&lt;&gt;", 50000) + "</p>\n"},
      {"many html proc. inst. openers", "x" + repeat("<?", 50000),
       "<p>x" + repeat("&lt;?", 50000) + "</p>\n"},
      {"many html CDATA openers", "x" + repeat("<![CDATA[", 50000),
       "<p>x" + repeat("&lt;![CDATA[", 50000) + "</p>\n"},
      {"many backticks and escapes", repeat("\\``", 50000), "<p>" + repeat("``", 50000) + "</p>\n"},
      {"many broken link titles", repeat("[ (](", 50000),
       "<p>" + repeat("[ (](", 50000) + "</p>\n"},
      {"broken thematic break", repeat("* ", 50000) + "a",
       "<ul>\n" + repeat("<li><ul>\n", 49999) + "<li>a</li>\n</ul>\n" +
           repeat("</li>\n</ul>\n", 49999)},
      // folio's own: raw HTML nesting and emphasis runs beside CJK punctuation.
      {"deep raw html nesting", repeat("<b><i>", 50000), ""},
      {"many delimiter runs beside CJK punctuation", repeat("**，", 50000), ""},
  };
}

TEST(pathological_test, md4c_pathological_inputs_give_the_expected_shape) {
  RenderOptions cjk;
  cjk.cjk_friendly_emphasis = true;
  for (const Pathological& input : pathological_inputs()) {
    for (const RenderOptions& options : {RenderOptions{}, trusted_plain(), cjk}) {
      const std::string html = render_html(input.markdown, options);
      const std::string name = std::string(input.name) + (options.trusted ? " (trusted)" : "");
      if (!input.html.empty()) {
        EXPECT_EQ(html.size(), input.html.size()) << name;
        EXPECT_TRUE(html == input.html) << name << ": output differs from md4c's expected shape";
      } else if (std::string_view(input.name) == "backticks") {
        ASSERT_GE(html.size(), 8u) << name;
        EXPECT_EQ(html.substr(0, 3), "<p>") << name;
        EXPECT_EQ(html.substr(html.size() - 5), "</p>\n") << name;
        EXPECT_EQ(html.find_first_not_of("e`", 3), html.size() - 5) << name;
      } else if (std::string_view(input.name) == "many references") {
        EXPECT_EQ(count(html, "[0] "), 19999u) << name;
      } else if (std::string_view(input.name) == "deep raw html nesting") {
        // Safe mode keeps 128 levels and shows the rest as text; trusted mode copies it.
        EXPECT_EQ(count(html, "<b>") + count(html, "&lt;b&gt;"), 50000u) << name;
        if (!options.trusted) {
          EXPECT_EQ(count(html, "<b>") + count(html, "<i>"), 128u) << name;
        }
      } else {
        EXPECT_EQ(count(html, "，"), 50000u) << name;
      }
    }
  }
}

}  // namespace
}  // namespace folio
