// folio: build a static site from article files, and render, show and search from the shell.
// Exit codes: 0 ok, 1 a problem with the input, 2 a usage error.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include <folio/article.h>
#include <folio/corpus.h>
#include <folio/render.h>
#include <folio/site.h>
#include <folio/text.h>
#include <folio/zoneinfo.h>

#include "cli.h"

namespace {

using folio::Diagnostic;
using nlohmann::json;

using folio::cli::kExitInput;
using folio::cli::kExitOk;
using folio::cli::kExitUsage;
using folio::cli::terminal_safe;

// The command being run, for messages.
std::string current_command = "folio";

int usage_error(const std::string& message) {
  std::cerr << current_command << ": " << message << "\nTry '" << current_command
            << " --help' for its options.\n";
  return kExitUsage;
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    std::cerr << terminal_safe(folio::format_diagnostic(d)) << '\n';
  }
}

bool wants_help(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "-h" || arg == "--help") return true;
  }
  return false;
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
      return usage_error("unexpected argument " + arg);
    } else {
      input = arg;
    }
  }
  if (input.empty()) return usage_error("expects one file, or - for stdin");
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
  std::vector<std::string> positional;
  bool as_json = false;
  for (const std::string& arg : args) {
    if (arg == "--json") {
      as_json = true;
    } else if (arg.size() > 1 && arg[0] == '-') {
      return usage_error("unknown option " + arg);
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2) return usage_error("expects <site> <id>");
  std::optional<folio::Library> library;
  std::unique_ptr<folio::SiteOnDisk> sharded;
  const folio::Article* article = nullptr;
  std::optional<std::string> html;
  if (folio::cli::is_sharded_site(positional[0])) {
    // A sharded site (src/site/FORMAT.md): one id piece and one record are read.
    std::vector<folio::Diagnostic> diagnostics;
    sharded = folio::SiteOnDisk::open(positional[0], diagnostics);
    print_diagnostics(diagnostics);
    if (!sharded) return kExitInput;
    const std::optional<std::uint32_t> doc = sharded->find(positional[1]);
    article = doc ? sharded->article(*doc) : nullptr;
    if (article) html = folio::render_html(article->markdown, sharded->render_options());
  } else {
    if (!load_library(positional[0], library)) return kExitInput;
    article = library->find(positional[1]);
    html = library->render(positional[1]);
  }
  if (!article || !html) {
    std::cerr << "folio show: no article with id '" << positional[1] << "' in " << positional[0]
              << '\n';
    return kExitInput;
  }
  if (as_json) {
    // The metadata folio.js's article(id) gives, and the HTML its render(id) gives.
    json out = json::parse(folio::article_json(*article));
    out["html"] = *html;
    std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    return kExitOk;
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
    } else if (args[i] == "--stem" || args[i] == "--no-stem") {
      options.stem = args[i] == "--stem";
    } else if (args[i].size() > 1 && args[i][0] == '-' && args[i].rfind("--", 0) == 0) {
      return usage_error("unknown option " + args[i]);
    } else {
      positional.push_back(args[i]);
    }
  }
  if (positional.size() != 2) return usage_error("expects <site> <query>");
  folio::SearchResult result;
  if (folio::cli::is_sharded_site(positional[0])) {
    std::vector<folio::Diagnostic> diagnostics;
    std::unique_ptr<folio::SiteOnDisk> site = folio::SiteOnDisk::open(positional[0], diagnostics);
    print_diagnostics(diagnostics);
    if (!site) return kExitInput;
    result = site->search(positional[1], options);
  } else {
    std::optional<folio::Library> library;
    if (!load_library(positional[0], library, true)) return kExitInput;
    result = library->search(positional[1], options);
  }
  if (as_json) {
    std::cout << folio::search_result_json(result) << '\n';
    return kExitOk;
  }
  std::cout << result.total << (result.total == 1 ? " result\n" : " results\n");
  for (const folio::SearchHit& hit : result.hits) {
    std::cout << terminal_safe(hit.id) << '\t' << terminal_safe(hit.title) << "\n    "
              << terminal_safe(hit.snippet) << '\n';
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << folio::cli::kOverview;
    return kExitUsage;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "-h" || command == "--help" || command == "help") {
    const char* help = args.empty() ? nullptr : folio::cli::command_help(args.front());
    std::cout << (help ? help : folio::cli::kOverview);
    return kExitOk;
  }
  if (command == "--version" || command == "version") {
    std::cout << "folio " << FOLIO_VERSION << " (corpus format " << folio::kCorpusFormatVersion
              << ")\n";
    return kExitOk;
  }
  const char* help = folio::cli::command_help(command);
  if (!help) {
    std::cerr << "folio: unknown command '" << command << "'\n\n" << folio::cli::kOverview;
    return kExitUsage;
  }
  current_command = "folio " + command;
  if (wants_help(args)) {
    std::cout << help;
    return kExitOk;
  }
  try {
    if (command == "build") return folio::cli::cmd_build(args);
    if (command == "check") return folio::cli::cmd_check(args);
    if (command == "render") return cmd_render(args);
    if (command == "show") return cmd_show(args);
    if (command == "search") return cmd_search(args);
  } catch (const folio::SiteDataError& e) {
    std::cerr << terminal_safe(e.what()) << '\n';
    return kExitInput;
  } catch (const std::exception& e) {
    std::cerr << "folio: internal error: " << terminal_safe(e.what()) << '\n';
    return kExitInput;
  }
  return kExitUsage;
}
