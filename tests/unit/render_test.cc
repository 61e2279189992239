#include <gtest/gtest.h>

#include <folio/render.h>

namespace folio {
namespace {

TEST(render_test, paragraphs_and_github_tables_render) {
  EXPECT_EQ(render_html("微信\n\n运营商\n"), "<p>微信</p>\n<p>运营商</p>\n");
  const std::string table = render_html("| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_NE(table.find("<table>"), std::string::npos);
  EXPECT_NE(table.find("<td>2</td>"), std::string::npos);
}

TEST(render_test, raw_html_is_shown_as_text_never_as_markup) {
  const std::string html =
      render_html("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)>\n");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos) << html;
}

TEST(render_test, plain_text_drops_markup_and_keeps_blocks_apart) {
  EXPECT_EQ(render_plain_text("# 标题\n\n**微信**与[运营商](http://x)\n第二行\n\n- a\n- b\n"),
            "标题\n微信与运营商 第二行\na\nb");
}

}  // namespace
}  // namespace folio
