// The CLI's pure parts: the numbers and bar of the summary, JSON Lines records and where their
// problems are, and the page settings written into index.html.
#include <gtest/gtest.h>

#include "cli/cli.h"

namespace folio::cli {
namespace {

TEST(Summary, GroupsDigitsByThousands) {
  EXPECT_EQ(group_digits(0), "0");
  EXPECT_EQ(group_digits(999), "999");
  EXPECT_EQ(group_digits(1000), "1,000");
  EXPECT_EQ(group_digits(4042), "4,042");
  EXPECT_EQ(group_digits(1234567), "1,234,567");
}

TEST(Summary, SizesInSiUnits) {
  EXPECT_EQ(format_bytes(0), "0 B");
  EXPECT_EQ(format_bytes(999), "999 B");
  EXPECT_EQ(format_bytes(1000), "1.0 kB");
  EXPECT_EQ(format_bytes(13100), "13.1 kB");
  EXPECT_EQ(format_bytes(402000), "402 kB");
  EXPECT_EQ(format_bytes(999999), "1.0 MB");
  EXPECT_EQ(format_bytes(16100000), "16.1 MB");
  EXPECT_EQ(format_bytes(2500000000ull), "2.5 GB");
}

TEST(Summary, Seconds) {
  EXPECT_EQ(format_seconds(0.0), "0.00 s");
  EXPECT_EQ(format_seconds(1.234), "1.23 s");
  EXPECT_EQ(format_seconds(12.34), "12.3 s");
  EXPECT_EQ(format_seconds(75), "1 min 15 s");
}

TEST(Summary, DisplayWidthCountsCjkAsTwoColumns) {
  EXPECT_EQ(display_width("reading"), 7);
  EXPECT_EQ(display_width("微信"), 4);
  EXPECT_EQ(display_width("ａｂ"), 4);  // full-width Latin
  EXPECT_EQ(display_width("█░"), 2);
}

TEST(ProgressBar, FitsTheWidthAndFillsInEighths) {
  const std::string half = progress_line("reading", 500, 1000, 0, 0.5, 60, true);
  EXPECT_EQ(display_width(half), 60 - 0) << half;  // the bar takes what the numbers leave
  EXPECT_NE(half.find(" 50%  500/1,000"), std::string::npos) << half;
  EXPECT_EQ(progress_line("reading", 1000, 1000, 0, 0.5, 60, true).find("░"), std::string::npos);
  // ASCII for terminals without UTF-8.
  EXPECT_NE(progress_line("reading", 1, 2, 0, 0.5, 60, false).find("[####"), std::string::npos);
  // A narrow terminal drops the bar, never the numbers.
  const std::string narrow = progress_line("reading", 1, 3, 0, 0.5, 20, true);
  EXPECT_EQ(narrow, "reading   33%  1/3");
  EXPECT_LE(display_width(progress_line("reading", 1, 3, 12345678, 3, 200, true)), 200);
}

TEST(ProgressBar, EstimatesTimeLeftOnlyAfterASecond) {
  EXPECT_EQ(progress_line("reading", 10, 100, 0, 0.5, 80, true).find("left"), std::string::npos);
  const std::string later = progress_line("reading", 25, 100, 2000000, 10, 80, true);
  EXPECT_NE(later.find("2.0 MB  0:30 left"), std::string::npos) << later;
}

TEST(JsonLines, SplitsNonEmptyLinesWithTheirNumbers) {
  const auto lines = split_json_lines("\xEF\xBB\xBF{\"a\":1}\r\n\n  \n{\"b\":2}");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], (std::pair<int, std::string>{1, "{\"a\":1}"}));
  EXPECT_EQ(lines[1], (std::pair<int, std::string>{4, "{\"b\":2}"}));
}

TEST(JsonLines, ARecordIsFrontMatterAndBodyWithColumnsKept) {
  const std::string line = R"({"title": "微信", "body": "正文 **粗**", "date": "2013-02-30"})";
  const JsonLinesRecord r = json_lines_record(line, "x.jsonl", 3, "x");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.id_fallback, "x-3");
  // The body leaves the front matter; the date stays at the column it had in the line.
  const std::size_t fm_end = r.text.find("\n---\n");
  const std::string front = r.text.substr(4, fm_end - 4);
  EXPECT_EQ(front.find("body"), std::string::npos) << front;
  EXPECT_EQ(r.text.substr(fm_end + 5), "正文 **粗**\n");
  EXPECT_EQ(r.key_columns.at("date"), 37);
  EXPECT_EQ(display_width(front.substr(0, front.find("\"date\""))), 36 + 2) << front;  // 微信
}

TEST(JsonLines, BadLinesSayWhereAndWhy) {
  const auto error = [](std::string_view line) {
    const JsonLinesRecord r = json_lines_record(line, "x.jsonl", 7, "x");
    EXPECT_TRUE(r.error) << line;
    return r.error ? std::make_pair(r.error->column, r.error->code)
                   : std::make_pair(0, std::string());
  };
  EXPECT_EQ(error("not json"), std::make_pair(1, std::string("jsonl.syntax")));
  EXPECT_EQ(error(R"({"title": tru})"), std::make_pair(11, std::string("jsonl.syntax")));
  EXPECT_EQ(error(R"({"title": "a",})"), std::make_pair(15, std::string("jsonl.syntax")));
  EXPECT_EQ(error(R"({"a": 12 "b": 1})"), std::make_pair(10, std::string("jsonl.syntax")));
  EXPECT_EQ(error("[1, 2]"), std::make_pair(1, std::string("jsonl.record")));
  EXPECT_EQ(error(R"(  {"title": "x", "body": 5})"),
            std::make_pair(18, std::string("jsonl.record")));
  EXPECT_EQ(error(R"({"author": "only"})"), std::make_pair(1, std::string("jsonl.record")));
  const JsonLinesRecord r = json_lines_record("oops", "data/x.jsonl", 7, "x");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(format_diagnostic(*r.error).rfind("data/x.jsonl:7:1: jsonl.syntax: ", 0), 0u);
}

TEST(JsonLines, OtherBodyNamesAndALastBodyMember) {
  for (const char* key : {"markdown", "content", "text"}) {
    const std::string line = std::string(R"({"title": "t", ")") + key + R"(": "hello"})";
    const JsonLinesRecord r = json_lines_record(line, "x.jsonl", 1, "x");
    ASSERT_FALSE(r.error) << line;
    EXPECT_EQ(r.text.substr(r.text.find("\n---\n") + 5), "hello\n") << key;
    EXPECT_EQ(r.text.find(key), std::string::npos) << r.text;
  }
}

TEST(Page, TitleAndLanguageAreSetAndEscaped) {
  const std::string shell =
      "<!doctype html>\n<html lang=\"en\">\n<head><title>folio</title></head></html>";
  EXPECT_EQ(set_page_title_and_lang(shell, "A & <B>", "zh-Hant"),
            "<!doctype html>\n<html lang=\"zh-Hant\">\n<head><title>A &amp; &lt;B&gt;</title>"
            "</head></html>");
  EXPECT_EQ(set_page_title_and_lang(shell, "", ""), shell);
  EXPECT_EQ(set_page_title_and_lang("<html><title>x</title></html>", "", "zh"),
            "<html lang=\"zh\"><title>x</title></html>");
}

}  // namespace
}  // namespace folio::cli
