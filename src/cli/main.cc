// folio: build a static site from article files, and render, show and search from the shell.
// Exit codes: 0 ok, 1 a problem with the input, 2 a usage error.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include <folio/article.h>
#include <folio/corpus.h>
#include <folio/render.h>
#include <folio/text.h>
#include <folio/zoneinfo.h>

#include "cli.h"

namespace {

using folio::Diagnostic;
using nlohmann::json;

constexpr int kExitOk = 0;
constexpr int kExitInput = 1;
constexpr int kExitUsage = 2;

constexpr char kUsage[] = R"(usage: folio <command> [options]

commands:
  build <dir|file>... -o <site> [--report <file.json>] [--timezone <zone>] [--drafts]
        [--strict] [--base-url URL] [--cjk-emphasis]
                           read articles, write <site>/corpus.json and the web viewer;
                           --timezone: the zone of dates written without one (+08:00, UTC,
                           Asia/Shanghai; default: folio.yaml's `timezone`, else UTC);
                           --drafts: include `draft: true` articles; --strict: exit 1 when
                           any file was skipped or warned about; --base-url, --cjk-emphasis:
                           how the site renders its articles (as for render)
  render <file.md|-> [--trusted|--safe] [--commonmark] [--no-front-matter] [--base-url URL]
         [--cjk-emphasis] [--json]
                           print a Markdown body (or an article's body) as safe HTML;
                           --trusted writes raw HTML as CommonMark says (your own text only),
                           --commonmark: no GitHub extensions and exactly the spec's HTML,
                           --json: {"html", "toc": [{"level", "id", "text"}]}
  show <site> <id>         print one article of a built site as HTML
  search <site> <query> [--json] [--limit N] [--offset N] [--sort relevance|newest|oldest]
         [--prefix] [--no-snippets]
                           search a built site the way the browser does (its folio-index.bin
                           when present); --prefix: the last word may be unfinished

options:
  -h, --help               this text (also `folio <command> --help`)
  --version                print folio's version

exit codes: 0 ok (build: the site was written; skips are reported), 1 a problem with the
input (build --strict: anything skipped or warned), 2 a usage error
)";

int usage_error(const std::string& message) {
  std::cerr << "folio: " << message << "\n\n" << kUsage;
  return kExitUsage;
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    std::cerr << folio::format_diagnostic(d) << '\n';
  }
}

bool wants_help(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "-h" || arg == "--help") return true;
  }
  return false;
}

json diagnostic_json(const Diagnostic& d) {
  return json{{"source", d.source},   {"line", d.line},
              {"column", d.column},   {"code", d.code},
              {"message", d.message}, {"severity", folio::severity_name(d.severity)}};
}

int cmd_build(const std::vector<std::string>& args) {
  std::vector<std::string> inputs;
  std::string out_dir;
  std::string report_path;
  std::string timezone;
  bool include_drafts = false;
  bool strict = false;
  folio::CorpusRenderSettings render_settings;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--base-url") {
      if (i + 1 >= args.size()) return usage_error("--base-url needs a URL");
      render_settings.base_url = args[++i];
      if (!folio::is_valid_base_url(render_settings.base_url)) {
        return usage_error("--base-url needs an absolute http(s) URL, not '" +
                           render_settings.base_url + "'");
      }
    } else if (arg == "--cjk-emphasis") {
      render_settings.cjk_emphasis = true;
    } else if (arg == "-o" || arg == "--output" || arg == "--report" || arg == "--timezone") {
      if (i + 1 >= args.size()) return usage_error(arg + " needs a value");
      (arg == "--report" ? report_path : arg == "--timezone" ? timezone : out_dir) = args[++i];
    } else if (arg == "--drafts") {
      include_drafts = true;
    } else if (arg == "--strict") {
      strict = true;
    } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
      return usage_error("build: unknown option " + arg);
    } else {
      inputs.push_back(arg);
    }
  }
  if (inputs.empty()) return usage_error("build: no input files or directories");
  if (out_dir.empty()) return usage_error("build: -o <site> is required");

  std::vector<Diagnostic> diagnostics;
  // The corpus's zone: --timezone, else folio.yaml's `timezone`, else UTC.
  const folio::cli::BuildConfig config = folio::cli::read_build_config(inputs, diagnostics);
  if (!config.ok) {
    print_diagnostics(diagnostics);
    return usage_error("build: " + config.source + " cannot be used");
  }
  folio::ArticleOptions options;
  if (!timezone.empty() || !config.timezone.empty()) {
    std::string why;
    const std::string& name = timezone.empty() ? config.timezone : timezone;
    std::optional<folio::TimeZone> zone = folio::load_time_zone(name, &why);
    if (!zone) {
      if (timezone.empty()) {
        print_diagnostics({{folio::Severity::error, config.source, config.timezone_line,
                            config.timezone_column, folio::code::kConfigTimeZone, why}});
      }
      return usage_error("build: --timezone: " + why);
    }
    options.zone = std::move(*zone);
  }

  const std::vector<folio::cli::SourceFile> files =
      folio::cli::collect_sources(inputs, diagnostics);
  folio::CorpusBuilder builder;
  json report_articles = json::array();
  int dropped_paragraphs = 0;
  for (const auto& file : files) {
    std::string text;
    const long long size = folio::cli::file_size(file.path);
    if (size > static_cast<long long>(options.limits.max_file_bytes)) {
      diagnostics.push_back({folio::Severity::error, file.source, 0, 0, folio::code::kInputTooLarge,
                             "the file is " + std::to_string(size) + " bytes; the limit is " +
                                 std::to_string(options.limits.max_file_bytes)});
      continue;
    }
    if (size < 0 || !folio::cli::read_file(file.path, text)) {
      diagnostics.push_back({folio::Severity::error, file.source, 0, 0, folio::code::kIoUnreadable,
                             "cannot read the file"});
      continue;
    }
    folio::ParsedArticle parsed = folio::parse_article(text, file.source, options);
    diagnostics.insert(diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
    if (!parsed.article) continue;
    if (parsed.article->draft && !include_drafts) {
      diagnostics.push_back({folio::Severity::note, file.source, 0, 0, folio::code::kDraft,
                             "a draft; left out (build with --drafts to include drafts)"});
      continue;
    }
    const std::string title = parsed.article->title;
    const std::string date = parsed.article->date;
    const int dropped = parsed.article->dropped_paragraphs;
    dropped_paragraphs += dropped;
    const std::string id = builder.add(std::move(*parsed.article), diagnostics);
    report_articles.push_back(json{{"id", id},
                                   {"source", file.source},
                                   {"title", title},
                                   {"date", date},
                                   {"dropped_paragraphs", dropped}});
  }
  print_diagnostics(diagnostics);

  builder.set_render_settings(render_settings);
  const folio::Corpus& corpus = builder.corpus();
  const std::string error = folio::cli::write_site(out_dir, corpus);
  if (!error.empty()) {
    std::cerr << "folio: " << error << '\n';
    return kExitInput;
  }
  // `skipped` holds every source that is not in `articles`: errors and left-out drafts (notes),
  // so articles + skipped accounts for every file read.
  json skipped = json::array();
  json warnings = json::array();
  std::size_t errors = 0;
  std::size_t drafts = 0;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == folio::Severity::warning) {
      warnings.push_back(diagnostic_json(d));
    } else {
      skipped.push_back(diagnostic_json(d));
      (d.severity == folio::Severity::error ? errors : drafts) += 1;
    }
  }
  if (!report_path.empty()) {
    const json counts{{"files", files.size()},
                      {"articles", corpus.articles.size()},
                      {"skipped", skipped.size()},
                      {"errors", errors},
                      {"drafts", drafts},
                      {"warnings", warnings.size()},
                      {"dropped_paragraphs", dropped_paragraphs}};
    const json report{{"articles", report_articles},
                      {"skipped", skipped},
                      {"warnings", warnings},
                      {"counts", counts},
                      {"timezone", options.zone.name}};
    if (!folio::cli::write_file(report_path, report.dump(2) + "\n")) {
      std::cerr << "folio: cannot write " << report_path << '\n';
      return kExitInput;
    }
  }
  std::cerr << "folio: " << corpus.articles.size() << " articles, " << errors << " skipped, "
            << drafts << " drafts left out, " << warnings.size() << " warnings, "
            << dropped_paragraphs << " duplicate paragraphs dropped -> " << out_dir << '\n';
  if (strict && (errors > 0 || !warnings.empty())) {
    std::cerr << "folio: --strict: the site was written, but " << errors << " skipped and "
              << warnings.size() << " warnings make this build fail\n";
    return kExitInput;
  }
  return kExitOk;
}

int cmd_render(const std::vector<std::string>& args) {
  std::string input;
  bool front_matter = true;
  bool as_json = false;
  folio::RenderOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--trusted") {
      options.trusted = true;
    } else if (arg == "--safe") {
      options.trusted = false;  // overrides a FOLIO_TRUSTED_HTML build's default
    } else if (arg == "--commonmark") {
      options.extensions = folio::kCommonMarkOnly;
      options.reader_extras = false;
    } else if (arg == "--no-front-matter") {
      front_matter = false;
    } else if (arg == "--cjk-emphasis") {
      options.cjk_friendly_emphasis = true;
    } else if (arg == "--json") {
      as_json = true;
    } else if (arg == "--base-url") {
      if (i + 1 >= args.size()) return usage_error("--base-url needs a URL");
      options.base_url = args[++i];
      if (!folio::is_valid_base_url(options.base_url)) {
        return usage_error("--base-url needs an absolute http(s) URL, not '" + options.base_url +
                           "'");
      }
    } else if (!input.empty() || (arg.size() > 1 && arg[0] == '-')) {
      return usage_error("render: unexpected argument " + arg);
    } else {
      input = arg;
    }
  }
  if (input.empty()) return usage_error("render: expects one file, or - for stdin");
  std::string text;
  if (input == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else if (!folio::cli::read_file(input, text)) {
    std::cerr << input << ":0:0: " << folio::code::kIoUnreadable << ": cannot read the file\n";
    return kExitInput;
  }
  // A file with front matter renders its body; plain Markdown renders as it is.
  std::size_t bad = 0;
  if (!front_matter && !folio::is_valid_utf8(text, &bad)) {
    const std::size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
    const std::size_t line =
        1 + std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n');
    const std::size_t column =
        bad - (line_start == std::string::npos || bad == 0 ? 0 : line_start + 1) + 1;
    std::cerr << input << ":" << line << ":" << column << ": " << folio::code::kUtf8Invalid
              << ": the file is not valid UTF-8\n";
    return kExitInput;
  }
  if (front_matter) {
    folio::ParsedArticle parsed = folio::parse_article(text, input);
    print_diagnostics(parsed.diagnostics);
    if (!parsed.article) return kExitInput;
    text = std::move(parsed.article->markdown);
  }
  const folio::RenderedDocument document = folio::render_document(text, options);
  if (as_json) {
    std::cout << folio::rendered_document_json(document) << '\n';
  } else {
    std::cout << document.html;
  }
  return kExitOk;
}

bool load_library(const std::string& site, std::optional<folio::Library>& library,
                  bool with_index = false) {
  folio::LoadedCorpus loaded = folio::cli::load_site(site);
  print_diagnostics(loaded.diagnostics);
  if (!loaded.ok) return false;
  std::optional<std::string> index;
  if (with_index) index = folio::cli::read_site_index(site);
  if (index) {
    std::vector<Diagnostic> diagnostics;
    library.emplace(std::move(loaded.corpus), std::move(*index), diagnostics);
    print_diagnostics(diagnostics);
  } else {
    library.emplace(std::move(loaded.corpus));
  }
  return true;
}

bool parse_count(const std::string& text, std::size_t& into) {
  try {
    std::size_t used = 0;
    const long long value = std::stoll(text, &used);
    if (used != text.size() || value < 0) return false;
    into = static_cast<std::size_t>(value);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

int cmd_show(const std::vector<std::string>& args) {
  if (args.size() != 2) return usage_error("show: expects <site> <id>");
  std::optional<folio::Library> library;
  if (!load_library(args[0], library)) return kExitInput;
  const std::optional<std::string> html = library->render(args[1]);
  if (!html) {
    std::cerr << "folio: no article with id '" << args[1] << "' in " << args[0] << '\n';
    return kExitInput;
  }
  std::cout << *html;
  return kExitOk;
}

int cmd_search(const std::vector<std::string>& args) {
  std::vector<std::string> positional;
  bool as_json = false;
  folio::SearchOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--json") {
      as_json = true;
    } else if (args[i] == "--limit" || args[i] == "--offset") {
      const std::string flag = args[i];
      if (i + 1 >= args.size()) return usage_error(flag + " needs a number");
      if (!parse_count(args[++i], flag == "--limit" ? options.limit : options.offset)) {
        return usage_error(flag + " needs a whole number, not '" + args[i] + "'");
      }
    } else if (args[i] == "--sort") {
      const std::string value = i + 1 < args.size() ? args[++i] : "";
      if (value == "relevance") {
        options.sort = folio::SearchSort::relevance;
      } else if (value == "newest" || value == "date") {
        options.sort = folio::SearchSort::newest;
      } else if (value == "oldest") {
        options.sort = folio::SearchSort::oldest;
      } else {
        return usage_error("--sort takes relevance, newest or oldest, not '" + value + "'");
      }
    } else if (args[i] == "--prefix") {
      options.prefix = true;
    } else if (args[i] == "--no-snippets") {
      options.snippets = false;
    } else if (args[i].size() > 1 && args[i][0] == '-' && args[i].rfind("--", 0) == 0) {
      return usage_error("search: unknown option " + args[i]);
    } else {
      positional.push_back(args[i]);
    }
  }
  if (positional.size() != 2) return usage_error("search: expects <site> <query>");
  std::optional<folio::Library> library;
  if (!load_library(positional[0], library, true)) return kExitInput;
  const folio::SearchResult result = library->search(positional[1], options);
  if (as_json) {
    std::cout << folio::search_result_json(result) << '\n';
    return kExitOk;
  }
  std::cout << result.total << (result.total == 1 ? " result\n" : " results\n");
  for (const folio::SearchHit& hit : result.hits) {
    std::cout << hit.id << '\t' << hit.title << "\n    " << hit.snippet << '\n';
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("no command given");
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "--version") {
    std::cout << "folio " << FOLIO_VERSION << " (corpus format " << folio::kCorpusFormatVersion
              << ")\n";
    return kExitOk;
  }
  if (wants_help(args)) {
    std::cout << kUsage;
    return kExitOk;
  }
  try {
    if (command == "build") return cmd_build(args);
    if (command == "render") return cmd_render(args);
    if (command == "show") return cmd_show(args);
    if (command == "search") return cmd_search(args);
  } catch (const std::exception& e) {
    std::cerr << "folio: internal error: " << e.what() << '\n';
    return kExitInput;
  }
  return usage_error("unknown command '" + command + "'");
}
