// folio: build a static site from article files, and render, show and search from the shell.
// Exit codes: 0 ok, 1 a problem with the input, 2 a usage error.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include <folio/article.h>
#include <folio/corpus.h>
#include <folio/render.h>

#include "cli.h"

namespace {

using folio::Diagnostic;
using nlohmann::json;

constexpr int kExitOk = 0;
constexpr int kExitInput = 1;
constexpr int kExitUsage = 2;

constexpr char kUsage[] = R"(usage: folio <command> [options]

commands:
  build <dir|file>... -o <site> [--report <file.json>]
                           read articles, write <site>/corpus.json and the web viewer
  render <file.md|->       print a Markdown body (or an article's body) as safe HTML
  show <site> <id>         print one article of a built site as HTML
  search <site> <query> [--json] [--limit N]
                           search a built site the way the browser does

options:
  -h, --help               this text (also `folio <command> --help`)
  --version                print folio's version

exit codes: 0 ok, 1 a problem with the input, 2 a usage error
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
  return json{{"source", d.source},
              {"line", d.line},
              {"column", d.column},
              {"code", d.code},
              {"message", d.message},
              {"severity", d.severity == folio::Severity::error ? "error" : "warning"}};
}

int cmd_build(const std::vector<std::string>& args) {
  std::vector<std::string> inputs;
  std::string out_dir;
  std::string report_path;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-o" || arg == "--output" || arg == "--report") {
      if (i + 1 >= args.size()) return usage_error(arg + " needs a value");
      (arg == "--report" ? report_path : out_dir) = args[++i];
    } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
      return usage_error("build: unknown option " + arg);
    } else {
      inputs.push_back(arg);
    }
  }
  if (inputs.empty()) return usage_error("build: no input files or directories");
  if (out_dir.empty()) return usage_error("build: -o <site> is required");

  std::vector<Diagnostic> diagnostics;
  const std::vector<folio::cli::SourceFile> files =
      folio::cli::collect_sources(inputs, diagnostics);
  folio::Corpus corpus;
  json report_articles = json::array();
  for (const auto& file : files) {
    std::string text;
    if (!folio::cli::read_file(file.path, text)) {
      diagnostics.push_back({folio::Severity::error, file.source, 0, 0, folio::code::kIoUnreadable,
                             "cannot read the file"});
      continue;
    }
    folio::ParsedArticle parsed = folio::parse_article(text, file.source);
    diagnostics.insert(diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
    if (!parsed.article) continue;
    const std::string id = parsed.article->id;
    const std::string title = parsed.article->title;
    if (folio::add_unique(corpus, std::move(*parsed.article), diagnostics)) {
      report_articles.push_back(json{{"id", id}, {"source", file.source}, {"title", title}});
    }
  }
  print_diagnostics(diagnostics);

  const std::string error = folio::cli::write_site(out_dir, corpus);
  if (!error.empty()) {
    std::cerr << "folio: " << error << '\n';
    return kExitInput;
  }
  json skipped = json::array();
  json warnings = json::array();
  for (const Diagnostic& d : diagnostics) {
    (d.severity == folio::Severity::error ? skipped : warnings).push_back(diagnostic_json(d));
  }
  if (!report_path.empty()) {
    const json report{{"articles", report_articles}, {"skipped", skipped}, {"warnings", warnings}};
    if (!folio::cli::write_file(report_path, report.dump(2) + "\n")) {
      std::cerr << "folio: cannot write " << report_path << '\n';
      return kExitInput;
    }
  }
  std::cerr << "folio: " << corpus.articles.size() << " articles, " << skipped.size()
            << " skipped, " << warnings.size() << " warnings -> " << out_dir << '\n';
  return kExitOk;
}

int cmd_render(const std::vector<std::string>& args) {
  if (args.size() != 1) return usage_error("render: expects one file, or - for stdin");
  std::string text;
  if (args[0] == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else if (!folio::cli::read_file(args[0], text)) {
    std::cerr << args[0] << ":0:0: " << folio::code::kIoUnreadable << ": cannot read the file\n";
    return kExitInput;
  }
  // A file with front matter renders its body; plain Markdown renders as it is.
  folio::ParsedArticle parsed = folio::parse_article(text, args[0]);
  print_diagnostics(parsed.diagnostics);
  if (!parsed.article) return kExitInput;
  std::cout << folio::render_html(parsed.article->markdown);
  return kExitOk;
}

bool load_library(const std::string& site, std::optional<folio::Library>& library) {
  folio::LoadedCorpus loaded = folio::cli::load_site(site);
  print_diagnostics(loaded.diagnostics);
  if (!loaded.ok) return false;
  library.emplace(std::move(loaded.corpus));
  return true;
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
    } else if (args[i] == "--limit") {
      if (i + 1 >= args.size()) return usage_error("--limit needs a number");
      try {
        std::size_t used = 0;
        const long long limit = std::stoll(args[++i], &used);
        if (used != args[i].size() || limit < 0) throw std::invalid_argument("negative");
        options.limit = static_cast<std::size_t>(limit);
      } catch (const std::exception&) {
        return usage_error("--limit needs a whole number, not '" + args[i] + "'");
      }
    } else {
      positional.push_back(args[i]);
    }
  }
  if (positional.size() != 2) return usage_error("search: expects <site> <query>");
  std::optional<folio::Library> library;
  if (!load_library(positional[0], library)) return kExitInput;
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
