// The native program's parts (internal to the CLI). Every part but main.cc is in the folio_cli
// library, so tests/unit/cli_test.cc can test the pure ones.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <folio/corpus.h>
#include <folio/site.h>

namespace folio::cli {

// Exit codes, the same for every command (README "The command-line tool").
inline constexpr int kExitOk = 0;
inline constexpr int kExitInput = 1;  // a problem with the input (or, --strict, a warning)
inline constexpr int kExitUsage = 2;  // a usage error: unknown option, missing argument

// ---- finding the articles (sources.cc) -----------------------------------------------------

enum class SourceKind {
  markdown,     // one article: front matter + Markdown
  json_lines,   // one article per line: {title, author, date, url, body, ...}
  corpus_json,  // folio's own corpus.json (versions 1 and 2)
};

// How a folder given on the command line is read (README, "What build reads").
enum class Layout { file, folder, jekyll, hexo, hugo };
const char* layout_name(Layout layout);

struct SourceFile {
  std::string source;    // the path as the user gave it, or joined onto the folder they gave
  std::string path;      // where to read it
  std::string relative;  // the stable name corpus.json keeps: the path inside the folder given
                         // (or the file's name), never an absolute path
  SourceKind kind = SourceKind::markdown;
  bool in_drafts_folder = false;  // under _drafts/ (Jekyll, Hexo) or drafts/: a draft by place
  bool list_page = false;         // Hugo's _index.md: a section's list page, not an article
};

struct InputRoot {
  std::string input;                 // as given
  Layout layout = Layout::folder;    // how it was read
  std::vector<std::string> folders;  // what was walked, relative to the input ("content", ...)
};

struct CollectedSources {
  std::vector<SourceFile> files;  // in a stable order: inputs as given, each folder sorted
  std::vector<InputRoot> roots;
};

// Expands files and folders into the sources to read. Inputs that do not exist are reported as
// io.unreadable. A file is read by its extension: .jsonl/.ndjson (JSON Lines), .json (a folio
// corpus), anything else as Markdown.
// Drafts folders and list pages are listed too (flagged), so the build can report them.
CollectedSources collect_sources(const std::vector<std::string>& inputs,
                                 std::vector<Diagnostic>& diagnostics);

bool read_file(const std::string& path, std::string& out);

// The size of a file, or -1 when it cannot be read (checked before reading, so a huge file is
// never loaded into memory).
long long file_size(const std::string& path);
bool write_file(const std::string& path, const std::string& content);

// ---- folio.yaml (config.cc) ----------------------------------------------------------------

// A setting and where it was written, so a bad value can be reported at its place.
struct Setting {
  std::string value;
  int line = 0;
  int column = 0;
  bool given = false;
};

// folio.yaml (README "Configuration"): the corpus's settings. Command-line flags win over it.
struct BuildConfig {
  std::string source;   // the folio.yaml read, or empty
  Setting timezone;     // "+08:00", "UTC" or an IANA name
  Setting title;        // the site's title
  Setting lang;         // the site's language (BCP 47: zh, en, zh-Hant)
  Setting base_url;     // absolute http(s) URL that relative links and images resolve against
  Setting output;       // the site folder, relative to folio.yaml's folder
  Setting single_file;  // the single HTML file, relative to folio.yaml's folder
  std::optional<bool> drafts;
  std::optional<bool> list_pages;
  std::optional<bool> cjk_emphasis;  // CJK-friendly emphasis when rendering (README "Rendering")
  bool ok = true;  // false: the file exists but cannot be used (diagnostics say why)
};

// `explicit_path` (--config) when given, else folio.yaml in the first input folder, if any.
BuildConfig read_build_config(const std::vector<std::string>& inputs,
                              const std::string& explicit_path,
                              std::vector<Diagnostic>& diagnostics);

// ---- importing records (imports.cc) --------------------------------------------------------

// One record of a JSON Lines file, as the text parse_article reads (front matter + body): JSON
// is YAML, so the record's fields go through exactly the article model's rules. `error` is set
// (with the 1-based column) when the line is not a usable record.
struct JsonLinesRecord {
  std::string text;         // "---\n{...}\n---\n" + body
  std::string id_fallback;  // "<file stem>-<line>", used when the record names no id
  std::optional<Diagnostic> error;
  std::map<std::string, int> key_columns;  // where each key starts in the line (for warnings)
};
JsonLinesRecord json_lines_record(std::string_view line, const std::string& source, int line_no,
                                  const std::string& stem);

// Splits a JSON Lines file into its non-empty lines: (1-based line number, text).
std::vector<std::pair<int, std::string>> split_json_lines(const std::string& text);

// A version 1 corpus.json entry as the text parse_article reads, so the fields version 1 lacks
// (summary, counts, reading time, ISO dates) come from the article model's own rules.
std::string version1_article_text(const Article& article);

// ---- the site (site.cc) --------------------------------------------------------------------

// What a build writes, as path (relative, '/'-separated) -> bytes, in path order.
using SiteFiles = std::map<std::string, std::string>;

struct SiteOptions {
  std::string title;     // <title> of index.html; empty keeps the shell's
  std::string lang;      // <html lang>; empty keeps the shell's
  bool sharded = false;  // the layout: which WASM modules the site ships, and index.html says
};

// corpus.json, the search index (folio-index.bin), the web shell and the WASM runtime. Returns
// an error message, empty on success.
std::string site_files(const std::string& corpus_json, const std::string& index,
                       const SiteOptions& options, SiteFiles& files);
// Writes the files under `site_dir` (creating folders). Returns an error message or empty.
std::string write_site_files(const std::string& site_dir, const SiteFiles& files);

// Sets <html lang> and <title> of an HTML page (the shell's index.html). Pure.
std::string set_page_title_and_lang(const std::string& html, const std::string& title,
                                    const std::string& lang);

// Writes layout="single" or "sharded" on the page's <folio-viewer> (unless it has a layout), so
// the viewer starts downloading the WASM module that layout needs before it reads corpus.json
// (web/folio.js firstModule). Pure.
std::string set_viewer_layout(const std::string& html, bool sharded);

// True when <site>/corpus.json is a sharded site's entry rather than a corpus.
bool is_sharded_site(const std::string& site);

// Reads <site>/corpus.json (or the given .json file).
LoadedCorpus load_site(const std::string& site);

// The bytes of <site>/folio-index.bin (beside the given .json file), if there is one.
std::optional<std::string> read_site_index(const std::string& site);
// ---- one HTML file (pack.cc, js_module.cc) ------------------------------------------------

// The site as one self-contained HTML page (README "One file"): every module inlined as a
// function, every other file as data, fetches and workers answered from inside the page.
struct PackResult {
  std::string html;
  std::string error;  // empty on success
};
PackResult pack_single_file(const SiteFiles& files);

// One ES module rewritten as the body of a function of the packed page (js_module.cc).
struct JsModuleOutput {
  std::string code;                          // the function body
  std::vector<std::string> imports;          // modules it imports (resolved site paths)
  std::vector<std::string> dynamic_imports;  // import("literal") targets (resolved)
  std::vector<std::string> assets;           // new URL("literal", import.meta.url) targets
  std::string error;                         // empty on success
  int error_line = 0;
  int error_column = 0;
};
JsModuleOutput transform_module(std::string_view source, const std::string& path);

// "app/viewer.js" + "../folio.js" -> "folio.js"; empty when it leaves the site.
std::string resolve_module_path(const std::string& from, const std::string& specifier);

// ---- terminal output (terminal.cc) ---------------------------------------------------------

// 1234567 -> "1,234,567"
std::string group_digits(unsigned long long n);
// 1536 -> "1.5 kB", 5242880 -> "5.2 MB" (SI units, as file managers show sizes)
std::string format_bytes(unsigned long long bytes);
// 0.42 -> "0.42 s", 75 -> "1 min 15 s"
std::string format_seconds(double seconds);
// The progress line: "label [#####-----]  45%  450/1,000 files  1.2 MB  0:03 left", at most
// `width` columns. `unicode` picks block characters over ASCII.
std::string progress_line(const std::string& label, std::size_t done, std::size_t total,
                          unsigned long long bytes, double elapsed_seconds, int width,
                          bool unicode);
// Columns a UTF-8 string takes on a terminal (CJK and full-width characters count two).
int display_width(std::string_view text);
// `text` (a file name, a front matter key, a title: a stranger's bytes) as the terminal may show
// it: control characters (C0, DEL, C1), bidirectional controls and bytes that are not UTF-8
// become visible escapes (`\x1b`, `\u202e`, `\xff`), so an article cannot recolour, retitle
// or reorder the user's terminal (an ESC in a YAML key reached it in the duplicate-key warning).
std::string terminal_safe(std::string_view text);

// ---- commands ------------------------------------------------------------------------------

int cmd_build(const std::vector<std::string>& args);
int cmd_check(const std::vector<std::string>& args);

// Per-command help (help.cc); nullptr for an unknown command.
const char* command_help(const std::string& command);
extern const char kOverview[];

}  // namespace folio::cli
