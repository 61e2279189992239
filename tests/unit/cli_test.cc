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

// An ESC in a YAML key ("k\e[31m") reached the terminal in the duplicate-key warning.
TEST(Summary, TerminalSafeShowsControlsBidiAndBadBytesAsEscapes) {
  EXPECT_EQ(terminal_safe("posts/微信 ａ.md: 'title'"), "posts/微信 ａ.md: 'title'");
  EXPECT_EQ(terminal_safe("k\x1b[31mRED"), "k\\x1b[31mRED");
  EXPECT_EQ(terminal_safe("a\tb\nc\x7f"), "a\\x09b\\x0ac\\x7f");
  EXPECT_EQ(terminal_safe("\xc2\x9b"
                          "31m"),
            "\\u009b31m");                                            // C1 CSI
  EXPECT_EQ(terminal_safe("evil\u202Egpj.md"), "evil\\u202egpj.md");  // right-to-left override
  EXPECT_EQ(terminal_safe("caf\xe9.md"), "caf\\xe9.md");
  EXPECT_EQ(terminal_safe("\xe4\xb8"), "\\xe4\\xb8");  // a cut-off character
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

// The viewer starts downloading the module a layout needs before it reads corpus.json.
TEST(Page, TheViewerIsToldTheLayout) {
  const std::string shell = "<body><folio-viewer src=\"corpus.json\" page>x</folio-viewer></body>";
  EXPECT_EQ(
      set_viewer_layout(shell, true),
      "<body><folio-viewer layout=\"sharded\" src=\"corpus.json\" page>x</folio-viewer></body>");
  EXPECT_EQ(
      set_viewer_layout(shell, false),
      "<body><folio-viewer layout=\"single\" src=\"corpus.json\" page>x</folio-viewer></body>");
  // A page that says it already, or has no viewer, is left as it is.
  const std::string told = "<folio-viewer page layout=\"single\"></folio-viewer>";
  EXPECT_EQ(set_viewer_layout(told, true), told);
  EXPECT_EQ(set_viewer_layout("<p>no viewer</p>", true), "<p>no viewer</p>");
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

namespace folio::cli {
namespace {

// ---- the single-file build's module rewriting (js_module.cc) --------------------------------

std::string body(std::string_view source, const std::string& path = "app/m.js") {
  const JsModuleOutput out = transform_module(source, path);
  EXPECT_EQ(out.error, "") << source;
  return out.code;
}

TEST(PackModules, ResolvesPathsInsideTheSiteOnly) {
  EXPECT_EQ(resolve_module_path("app/viewer.js", "./dom.js"), "app/dom.js");
  EXPECT_EQ(resolve_module_path("app/viewer.js", "../folio.js"), "folio.js");
  EXPECT_EQ(resolve_module_path("folio.js", "./folio-core.js?v=1"), "folio-core.js");
  EXPECT_EQ(resolve_module_path("app/x.js", "folio-packed:/corpus.json"), "corpus.json");
  EXPECT_EQ(resolve_module_path("folio.js", "../../etc/passwd"), "");
  EXPECT_EQ(resolve_module_path("folio.js", "https://cdn.example/x.js"), "");
  EXPECT_EQ(resolve_module_path("folio.js", "lodash"), "");
}

TEST(PackModules, ImportsBecomeRequiresAtTheTopAndKeepLines) {
  const std::string code = body(
      "import { el, icon as i } from './dom.js';\n"
      "import Viewer, * as all from \"../viewer.js\"\n"
      "import './side-effect.js';\n"
      "el(i);\n");
  EXPECT_EQ(code,
            "\"use strict\"; const __folio_m0 = __folio_require(\"app/dom.js\"); const { el, "
            "icon: i } = __folio_m0; const __folio_m1 = __folio_require(\"viewer.js\"); const "
            "Viewer = __folio_m1.default; const all = __folio_m1; const __folio_m2 = "
            "__folio_require(\"app/side-effect.js\");\n\n\nel(i);\n");
  const JsModuleOutput out =
      transform_module("import { a } from './a.js'; import('./b.js');", "x.js");
  EXPECT_EQ(out.imports, std::vector<std::string>{"a.js"});
  EXPECT_EQ(out.dynamic_imports, std::vector<std::string>{"b.js"});
}

TEST(PackModules, ExportsBecomeGetters) {
  const std::string code = body(
      "export function f() {}\n"
      "export async function g() {}\n"
      "export class C {}\n"
      "export const a = 1, b = [2, 3];\n"
      "let x = 1;\n"
      "export { x as y, x };\n"
      "export default { f };\n");
  EXPECT_EQ(code.substr(0, code.find('\n')),
            "\"use strict\"; __folio_export({\"f\": () => f, \"g\": () => g, \"C\": () => C, "
            "\"a\": () => a, \"b\": () => b, \"y\": () => x, \"x\": () => x, \"default\": () => "
            "__folio_default});function f() {}");
  EXPECT_NE(code.find("\nconst a = 1, b = [2, 3];\nlet x = 1;\n\nconst __folio_default = { f };"),
            std::string::npos)
      << code;
}

TEST(PackModules, DefaultFunctionsAndClasses) {
  EXPECT_NE(body("export default function named() {}").find("function named() {}"),
            std::string::npos);
  EXPECT_NE(body("export default function () { return 1 }\n(0)")
                .find("const __folio_default = function () { return 1 };\n(0)"),
            std::string::npos);
  EXPECT_NE(body("export default class extends Base { m() {} }")
                .find("const __folio_default = class extends Base { m() {} };"),
            std::string::npos);
}

TEST(PackModules, ReExports) {
  const std::string code = body("export * from './a.js';\nexport { b as c } from './b.js';\n");
  EXPECT_NE(code.find("__folio_export({\"c\": () => __folio_m1[\"b\"]});"), std::string::npos)
      << code;
  EXPECT_NE(code.find("__folio_export(null, __folio_m0);"), std::string::npos) << code;
}

TEST(PackModules, ImportMetaDynamicImportAndAssets) {
  EXPECT_EQ(body("const u = new URL('./folio.css', import.meta.url).href;"),
            "\"use strict\";const u = new URL(__folio_asset(\"app/folio.css\")).href;");
  EXPECT_EQ(body("const base = new URL('.', import.meta.url);"),
            "\"use strict\";const base = new URL('.', __folio_meta.url);");
  EXPECT_EQ(body("const load = () => import('../folio-core.js').then((m) => m.default);"),
            "\"use strict\";const load = () => __folio_import(\"folio-packed:/folio-core.js\")"
            ".then((m) => m.default);");
  EXPECT_EQ(body("import(name)"), "\"use strict\";__folio_import(name)");
}

// folio.js imports folio-render.js, which only a sharded site ships: the single-file page of a
// one-corpus.json site leaves it out, and the import rejects if it ever runs, as the folder's
// would (404). A static import of a missing module is still refused, whichever way it is reached.
TEST(PackModules, a_dynamic_import_the_site_lacks_is_left_to_reject) {
  SiteFiles files;
  files["index.html"] =
      "<!doctype html><html><head><meta charset=\"utf-8\"><script type=\"module\" "
      "src=\"./main.js\">"
      "</script></head><body></body></html>";
  files["main.js"] = "export const later = () => import('./absent.js');\n";
  const PackResult packed = pack_single_file(files);
  EXPECT_EQ(packed.error, "");
  EXPECT_NE(packed.html.find("__folio_import(\"folio-packed:/absent.js\")"), std::string::npos);

  files["main.js"] =
      "import { x } from './absent.js';\nexport const later = () => import('./absent.js');\n";
  EXPECT_NE(pack_single_file(files).error.find("absent.js, which is not in the site"),
            std::string::npos);
  files["main.js"] = "export const later = () => import('./absent.js');\nimport './other.js';\n";
  files["other.js"] = "import { x } from './absent.js';\n";
  EXPECT_NE(pack_single_file(files).error.find("absent.js, which is not in the site"),
            std::string::npos);
}

// Fixed: an exported const's initializer was skipped whole, so its import("…") stayed a real
// dynamic import of the network in the packed page.
TEST(PackModules, ImportsInsideAnExportedInitializer) {
  EXPECT_EQ(
      body("export const later = () => import('./y.js'), here = import.meta.url;"),
      "\"use strict\"; __folio_export({\"later\": () => later, \"here\": () => here});"
      "const later = () => __folio_import(\"folio-packed:/app/y.js\"), here = __folio_meta.url;");
}

TEST(PackModules, LeavesLookalikesAlone) {
  // Methods and properties named import/export, and the words inside strings, templates,
  // regular expressions and comments.
  const std::string source =
      "class A { import() { return 1 } }\n"
      "const o = { export: 1, import: 2 }; o.import; o.export;\n"
      "const s = 'import x from \"y\"'; const t = `export ${o.import} default`;\n"
      "const r = /import\\/export/g; // import { z } from 'z'\n"
      "const d = a / b / c; if (x) { y() } /re/.test(s);\n";
  EXPECT_EQ(body(source), "\"use strict\";" + source);
}

TEST(PackModules, HtmlSafeInsideAScriptElement) {
  EXPECT_EQ(body("const s = '</script>'; const r = /<!--/; // </script> in a comment\nx();"),
            "\"use strict\";const s = '\\x3C/script>'; const r = /\\x3C!--/;  \nx();");
}

TEST(PackModules, UnsupportedSyntaxIsAnErrorWithItsPlace) {
  const auto error = [](std::string_view source) {
    const JsModuleOutput out = transform_module(source, "m.js");
    return std::to_string(out.error_line) + ":" + std::to_string(out.error_column) + " " +
           out.error;
  };
  EXPECT_EQ(error("const a = 1;\nimport x from 'lodash';"),
            "2:15 'lodash' is not a file of the site (only ./ and ../ imports are packed)");
  EXPECT_EQ(error("export const { a } = o;"),
            "1:14 exporting a destructuring pattern is not supported by the single-file build");
  EXPECT_EQ(error("import j from './j.json' with { type: 'json' };"),
            "1:26 import attributes are not supported by the single-file build");
  EXPECT_EQ(error("const s = 'open"), "1:11 a string is not closed");
  EXPECT_EQ(error("f(`x${1}"), "1:9 a template literal is not closed");
}

}  // namespace
}  // namespace folio::cli
