// `folio build` and `folio check`: find the articles, parse them on every core, merge the results
// in input order (so the output never depends on which thread finished first), then write the
// site, its single-file form and the report, and say what happened.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>

#include <folio/article.h>
#include <folio/corpus.h>
#include <folio/render.h>
#include <folio/site.h>
#include <folio/zoneinfo.h>

#include "cli.h"
#include "terminal.h"

namespace folio::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// ---- options -------------------------------------------------------------------------------

struct Flags {
  std::vector<std::string> inputs;
  std::string output;
  std::string single_file;
  std::string report;
  std::string config;
  std::optional<std::string> timezone;
  std::optional<std::string> title;
  std::optional<std::string> lang;
  std::optional<std::string> base_url;
  std::optional<bool> drafts;
  std::optional<bool> list_pages;
  std::optional<bool> cjk_emphasis;
  std::optional<std::string> stem;  // --stem english|none: the site's English stemming
  bool strict = false;
  std::string layout = "auto";  // auto | single | sharded (src/site/FORMAT.md)
  unsigned jobs = 0;            // 0: one per core
  Verbosity verbosity = Verbosity::normal;
};

int usage(const std::string& command, const std::string& message) {
  std::cerr << "folio " << command << ": " << message << "\nTry 'folio " << command
            << " --help' for its options.\n";
  return kExitUsage;
}

// Parses build/check arguments; returns -1 when they are fine, else the exit code.
int parse_flags(const std::string& command, const std::vector<std::string>& args, Flags& flags) {
  const bool building = command == "build";
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::optional<std::string> attached;  // --flag=value
    if (arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos) {
      attached = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
    }
    const auto value = [&](std::string& into) {
      if (attached) {
        into = *attached;
        return true;
      }
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    const auto optional_value = [&](std::optional<std::string>& into) {
      std::string text;
      if (!value(text)) return false;
      into = text;
      return true;
    };
    bool ok = true;
    if (building && (arg == "-o" || arg == "--output")) {
      ok = value(flags.output);
    } else if (building && arg == "--single-file") {
      ok = value(flags.single_file);
    } else if (building && arg == "--layout") {
      ok = value(flags.layout);
      if (ok && flags.layout != "auto" && flags.layout != "single" && flags.layout != "sharded") {
        return usage(command, "--layout takes auto, single or sharded, not '" + flags.layout + "'");
      }
    } else if (arg == "--report") {
      ok = value(flags.report);
    } else if (arg == "--config") {
      ok = value(flags.config);
    } else if (arg == "--timezone") {
      ok = optional_value(flags.timezone);
    } else if (building && arg == "--title") {
      ok = optional_value(flags.title);
    } else if (building && (arg == "--lang" || arg == "--language")) {
      ok = optional_value(flags.lang);
    } else if (building && arg == "--base-url") {
      ok = optional_value(flags.base_url);
    } else if (building && arg == "--stem") {
      ok = optional_value(flags.stem);
      if (ok && *flags.stem != "english" && *flags.stem != "none") {
        return usage(command, "--stem needs english or none, not '" + *flags.stem + "'");
      }
    } else if (arg == "-j" || arg == "--jobs") {
      std::string text;
      ok = value(text);
      if (ok) {
        char* end = nullptr;
        const long n = std::strtol(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0' || n < 1 || n > 256) {
          return usage(command,
                       "--jobs needs a number of threads from 1 to 256, not '" + text + "'");
        }
        flags.jobs = static_cast<unsigned>(n);
      }
    } else if (attached) {
      return usage(command, arg + " takes no value");
    } else if (building && arg == "--sharded") {
      flags.layout = "sharded";
    } else if (arg == "--drafts") {
      flags.drafts = true;
    } else if (arg == "--list-pages") {
      flags.list_pages = true;
    } else if (building && arg == "--cjk-emphasis") {
      flags.cjk_emphasis = true;
    } else if (arg == "--strict") {
      flags.strict = true;
    } else if (arg == "-q" || arg == "--quiet") {
      flags.verbosity = Verbosity::quiet;
    } else if (arg == "-v" || arg == "--verbose") {
      flags.verbosity = Verbosity::verbose;
    } else if (arg.size() > 1 && arg[0] == '-') {
      return usage(command, "unknown option " + arg);
    } else {
      flags.inputs.push_back(arg);
    }
    if (!ok) return usage(command, arg + " needs a value");
  }
  if (flags.inputs.empty()) return usage(command, "no input files or folders given");
  return -1;
}

// ---- the work ------------------------------------------------------------------------------

struct WorkItem {
  enum class Kind { markdown, json_line, corpus_text, corpus_article, left_out };
  Kind kind = Kind::markdown;
  std::size_t file = 0;  // index in the collected sources
  int line = 0;          // JSON Lines: the record's line
  std::string text;      // JSON Lines: the line; corpus.json version 1: the article's text
  std::optional<Article> article;  // corpus.json version 2: the article as loaded
  std::vector<Diagnostic> notes;   // left_out: why
  std::string original_source;     // corpus.json: the article's own `source`
};

struct WorkResult {
  std::optional<Article> article;
  std::optional<SearchDocument> document;  // what the index keeps of it (build only)
  std::vector<Diagnostic> diagnostics;
  unsigned long long bytes = 0;
};

// Runs `process` on every item with `jobs` threads and hands the results to `consume` in item
// order, on the calling thread, as soon as each is ready. `tick` runs while waiting.
template <typename Process, typename Consume, typename Tick>
void run_in_order(std::size_t count, unsigned jobs, Process process, Consume consume, Tick tick) {
  if (jobs <= 1 || count < 2) {
    for (std::size_t i = 0; i < count; ++i) consume(i, process(i));
    return;
  }
  std::vector<std::optional<WorkResult>> results(count);
  std::mutex mutex;
  std::condition_variable ready;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  const auto worker = [&]() {
    for (std::size_t i = next++; i < count && !stop; i = next++) {
      WorkResult result = process(i);
      {
        std::lock_guard<std::mutex> lock(mutex);
        results[i] = std::move(result);
      }
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::min<std::size_t>(jobs, count); ++t) threads.emplace_back(worker);
  try {
    for (std::size_t i = 0; i < count; ++i) {
      std::optional<WorkResult> result;
      {
        std::unique_lock<std::mutex> lock(mutex);
        while (!results[i]) {
          if (!ready.wait_for(lock, std::chrono::milliseconds(100),
                              [&] { return results[i].has_value(); })) {
            lock.unlock();
            tick();
            lock.lock();
          }
        }
        result = std::move(results[i]);
        results[i].reset();
      }
      consume(i, std::move(*result));
    }
  } catch (...) {
    stop = true;
    for (std::thread& t : threads) t.join();
    throw;
  }
  for (std::thread& t : threads) t.join();
}

std::string file_stem(const std::string& relative) {
  const std::string name = fs::path(relative).filename().string();
  const std::size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

json diagnostic_json(const Diagnostic& d) {
  return json{{"source", d.source},   {"line", d.line},
              {"column", d.column},   {"code", d.code},
              {"message", d.message}, {"severity", severity_name(d.severity)}};
}

// An article read twice: the same title, date and body (a file given twice, a record scraped
// twice, a translation folder that only copies the original).
class DuplicateFinder {
 public:
  explicit DuplicateFinder(const Corpus& kept) : kept_(kept) {}

  // The index in `kept` of an earlier copy of `article`, if there is one. Pages without a body
  // (redirect stubs, front matter only) differ by their metadata and are never duplicates.
  std::optional<std::size_t> find(const Article& article) const {
    if (article.markdown.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
    const auto it = seen_.find(key(article));
    if (it == seen_.end()) return std::nullopt;
    for (const std::size_t index : it->second) {
      const Article& earlier = kept_.articles[index];
      if (earlier.title == article.title && earlier.date == article.date &&
          earlier.markdown == article.markdown) {
        return index;
      }
    }
    return std::nullopt;
  }
  void add(const Article& article, std::size_t index) { seen_[key(article)].push_back(index); }

 private:
  static std::size_t key(const Article& a) {
    const std::hash<std::string_view> hash;
    return hash(a.title) ^ (hash(a.date) * 31) ^ (hash(a.markdown) * 1009);
  }
  const Corpus& kept_;
  std::unordered_map<std::size_t, std::vector<std::size_t>> seen_;
};

struct Counts {
  std::size_t files = 0;
  std::size_t records = 0;  // JSON Lines records and corpus.json entries
  std::size_t errors = 0;
  std::size_t drafts = 0;
  std::size_t list_pages = 0;
  std::size_t duplicates = 0;
  std::size_t warnings = 0;
  std::size_t renamed_ids = 0;
  int dropped_paragraphs = 0;
  unsigned long long bytes_read = 0;
};

std::string plural(std::size_t n, const char* one, const char* many) {
  return group_digits(n) + " " + (n == 1 ? one : many);
}

}  // namespace

namespace {

int run(const std::string& command, const std::vector<std::string>& args) {
  const bool building = command == "build";
  Flags flags;
  if (const int code = parse_flags(command, args, flags); code >= 0) return code;
  Terminal terminal(flags.verbosity);

  std::vector<Diagnostic> config_diagnostics;
  const BuildConfig config = read_build_config(flags.inputs, flags.config, config_diagnostics);
  for (const Diagnostic& d : config_diagnostics) terminal.diagnostic(d);
  if (!config.ok) return usage(command, config.source + " cannot be used");

  // Settings: the flag, else folio.yaml, else the default.
  const auto pick = [](const std::optional<std::string>& flag, const Setting& setting) {
    return flag ? *flag : setting.value;
  };
  const bool drafts = flags.drafts.value_or(config.drafts.value_or(false));
  const bool list_pages = flags.list_pages.value_or(config.list_pages.value_or(false));
  if (building) {
    if (flags.output.empty() && config.output.given) flags.output = config.output.value;
    if (flags.single_file.empty() && config.single_file.given) {
      flags.single_file = config.single_file.value;
    }
    if (flags.output.empty() && flags.single_file.empty()) {
      return usage(command, "say where to write: -o <site folder> or --single-file <file.html>");
    }
    if (flags.layout == "sharded" && !flags.single_file.empty()) {
      return usage(command,
                   "--single-file holds the whole corpus in one page: not with --layout sharded");
    }
  }
  SiteInfo site;
  site.title = pick(flags.title, config.title);
  site.lang = pick(flags.lang, config.lang);
  // How the site renders its articles (corpus.json "render", README "Rendering").
  CorpusRenderSettings render;
  render.base_url = pick(flags.base_url, config.base_url);
  render.cjk_emphasis = flags.cjk_emphasis.value_or(config.cjk_emphasis.value_or(false));
  if (!render.base_url.empty() && !is_valid_base_url(render.base_url)) {
    if (!flags.base_url && config.base_url.given) {
      terminal.diagnostic({Severity::error, config.source, config.base_url.line,
                           config.base_url.column, code::kConfigValue,
                           "base_url must be an absolute http(s) URL"});
    }
    return usage(command,
                 "--base-url needs an absolute http(s) URL, not '" + render.base_url + "'");
  }

  ArticleOptions options;
  const std::string zone_name = pick(flags.timezone, config.timezone);
  if (!zone_name.empty()) {
    std::string why;
    std::optional<TimeZone> zone = load_time_zone(zone_name, &why);
    if (!zone) {
      if (!flags.timezone) {
        terminal.diagnostic({Severity::error, config.source, config.timezone.line,
                             config.timezone.column, code::kConfigTimeZone, why});
      }
      return usage(command, "--timezone: " + why);
    }
    options.zone = std::move(*zone);
  }
  const unsigned jobs =
      flags.jobs ? flags.jobs : std::max(1u, std::min(16u, std::thread::hardware_concurrency()));

  // ---- find the sources ----
  const auto t_start = std::chrono::steady_clock::now();
  std::vector<Diagnostic> listing;
  CollectedSources sources = collect_sources(flags.inputs, listing);
  bool missing_input = false;
  for (const Diagnostic& d : listing) {
    terminal.diagnostic(d);
    missing_input = missing_input || std::find(flags.inputs.begin(), flags.inputs.end(),
                                               d.source) != flags.inputs.end();
  }
  if (missing_input) {
    terminal.line("folio " + command + ": nothing was written: an input is missing",
                  Verbosity::quiet);
    return kExitInput;
  }
  for (const InputRoot& root : sources.roots) {
    if (root.layout == Layout::file) continue;
    std::string folders;
    for (const std::string& f : root.folders) folders += (folders.empty() ? "" : ", ") + f + "/";
    terminal.line("reading " + root.input + " as a " + layout_name(root.layout) + " site (" +
                      (folders.empty() ? "nothing to read" : folders) + ")",
                  Verbosity::verbose);
  }

  // ---- the work items, in a stable order ----
  Counts counts;
  counts.files = sources.files.size();
  std::vector<WorkItem> items;
  items.reserve(sources.files.size());
  for (std::size_t f = 0; f < sources.files.size(); ++f) {
    const SourceFile& file = sources.files[f];
    WorkItem item;
    item.file = f;
    if (file.kind == SourceKind::markdown) {
      if (file.list_page && !list_pages) {
        item.kind = WorkItem::Kind::left_out;
        item.notes.push_back({Severity::note, file.source, 0, 0, code::kListPage,
                              "a Hugo list page; left out (--list-pages includes them)"});
      } else if (file.in_drafts_folder && !drafts) {
        item.kind = WorkItem::Kind::left_out;
        item.notes.push_back({Severity::note, file.source, 0, 0, code::kDraft,
                              "in a drafts folder; left out (--drafts includes drafts)"});
      }
      items.push_back(std::move(item));
      continue;
    }
    std::string text;
    if (!read_file(file.path, text)) {
      item.kind = WorkItem::Kind::left_out;
      item.notes.push_back(
          {Severity::error, file.source, 0, 0, code::kIoUnreadable, "cannot read the file"});
      items.push_back(std::move(item));
      continue;
    }
    counts.bytes_read += text.size();
    if (file.kind == SourceKind::json_lines) {
      for (auto& [line, record] : split_json_lines(text)) {
        WorkItem record_item;
        record_item.kind = WorkItem::Kind::json_line;
        record_item.file = f;
        record_item.line = line;
        record_item.text = std::move(record);
        items.push_back(std::move(record_item));
        ++counts.records;
      }
      continue;
    }
    LoadedCorpus loaded = corpus_from_json(text, file.source);
    if (!loaded.diagnostics.empty() || !loaded.ok) {
      item.kind = WorkItem::Kind::left_out;
      item.notes = std::move(loaded.diagnostics);
      items.push_back(std::move(item));
    }
    for (Article& article : loaded.corpus.articles) {
      WorkItem entry;
      entry.file = f;
      entry.original_source = article.source;
      if (loaded.version < 2) {
        entry.kind = WorkItem::Kind::corpus_text;
        entry.text = version1_article_text(article);
      } else {
        entry.kind = WorkItem::Kind::corpus_article;
        entry.article = std::move(article);
      }
      items.push_back(std::move(entry));
      ++counts.records;
    }
  }

  // ---- parse on every core ----
  const auto process = [&](std::size_t i) {
    WorkItem& item = items[i];
    const SourceFile& file = sources.files[item.file];
    WorkResult result;
    switch (item.kind) {
      case WorkItem::Kind::left_out:
        result.diagnostics = std::move(item.notes);
        break;
      case WorkItem::Kind::markdown: {
        const long long size = file_size(file.path);
        if (size > static_cast<long long>(options.limits.max_file_bytes)) {
          result.diagnostics.push_back({Severity::error, file.source, 0, 0, code::kInputTooLarge,
                                        "the file is " + std::to_string(size) +
                                            " bytes; the limit is " +
                                            std::to_string(options.limits.max_file_bytes)});
          break;
        }
        std::string text;
        if (size < 0 || !read_file(file.path, text)) {
          result.diagnostics.push_back(
              {Severity::error, file.source, 0, 0, code::kIoUnreadable, "cannot read the file"});
          break;
        }
        result.bytes = text.size();
        ParsedArticle parsed = parse_article(text, file.source, options);
        result.diagnostics = std::move(parsed.diagnostics);
        result.article = std::move(parsed.article);
        break;
      }
      case WorkItem::Kind::json_line: {
        result.bytes = item.text.size() + 1;
        const std::string source = file.source;
        if (item.text.size() > options.limits.max_file_bytes) {
          result.diagnostics.push_back({Severity::error, source, item.line, 1, code::kInputTooLarge,
                                        "the record is " + std::to_string(item.text.size()) +
                                            " bytes; the limit is " +
                                            std::to_string(options.limits.max_file_bytes)});
          break;
        }
        JsonLinesRecord record =
            json_lines_record(item.text, source, item.line, file_stem(file.relative));
        if (record.error) {
          result.diagnostics.push_back(*record.error);
          break;
        }
        ParsedArticle parsed = parse_article(record.text, source, options);
        // The record's front matter is line 2 of its text, column for column.
        for (Diagnostic& d : parsed.diagnostics) {
          d.column = d.line == 2 ? d.column : 0;
          d.line = item.line;
          d.source = source;
        }
        result.diagnostics = std::move(parsed.diagnostics);
        if (parsed.article) {
          Article& a = *parsed.article;
          if (!a.explicit_id) {
            if (a.title == a.id) a.title = record.id_fallback;
            a.id = record.id_fallback;
          }
        }
        result.article = std::move(parsed.article);
        break;
      }
      case WorkItem::Kind::corpus_text: {
        ParsedArticle parsed = parse_article(item.text, file.source, options);
        for (Diagnostic& d : parsed.diagnostics) {
          d.source = file.source;
          d.line = 0;
          d.column = 0;
          d.message = "'" + item.original_source + "': " + d.message;
        }
        result.diagnostics = std::move(parsed.diagnostics);
        if (parsed.article) parsed.article->source = item.original_source;
        result.article = std::move(parsed.article);
        break;
      }
      case WorkItem::Kind::corpus_article:
        result.article = std::move(item.article);
        break;
    }
    item.text.clear();
    item.text.shrink_to_fit();
    // The search index's share of the work (the body's plain text) is done here, on every
    // core, rather than after the merge on one.
    if (building && result.article) result.document = search_document(*result.article);
    return result;
  };

  CorpusBuilder builder;
  DuplicateFinder duplicates(builder.corpus());
  std::vector<Diagnostic> diagnostics = std::move(listing);
  json report_articles = json::array();
  std::vector<std::string> relative_sources;  // corpus.json's `source`, in corpus order
  std::vector<std::string> shown_sources;     // the report's `source`, in corpus order
  std::vector<SearchDocument> documents;      // the index's documents, in corpus order
  std::size_t done = 0;
  const auto emit = [&](Diagnostic d) {
    terminal.diagnostic(d);
    diagnostics.push_back(std::move(d));
  };
  const auto consume = [&](std::size_t i, WorkResult result) {
    const WorkItem& item = items[i];
    const SourceFile& file = sources.files[item.file];
    counts.bytes_read += result.bytes;
    for (Diagnostic& d : result.diagnostics) emit(std::move(d));
    ++done;
    terminal.progress("reading", done, items.size(), counts.bytes_read);
    if (!result.article) return;
    Article& article = *result.article;
    const bool from_file = item.kind == WorkItem::Kind::markdown;
    const bool from_line = item.kind == WorkItem::Kind::json_line;
    const std::string line_suffix = from_line ? ":" + std::to_string(item.line) : "";
    const std::string shown = from_file || from_line ? file.source + line_suffix : article.source;
    if (file.in_drafts_folder) article.draft = true;
    if (article.draft && !drafts) {
      emit({Severity::note, shown, 0, 0, code::kDraft,
            "a draft; left out (--drafts includes drafts)"});
      return;
    }
    if (const std::optional<std::size_t> earlier = duplicates.find(article)) {
      emit({Severity::note, shown, 0, 0, code::kDuplicateArticle,
            "the same title, date and text as " + shown_sources[*earlier] + "; kept once"});
      return;
    }
    // corpus.json keeps the path inside the folder given, never one that depends on where the
    // build ran; diagnostics and the report keep the path as given.
    relative_sources.push_back(from_file || from_line ? file.relative + line_suffix
                                                      : article.source);
    shown_sources.push_back(shown);
    if (from_file || from_line) article.source = shown;
    const std::string title = article.title;
    const std::string date = article.date;
    const int dropped = article.dropped_paragraphs;
    const std::string wanted = article.id;
    counts.dropped_paragraphs += dropped;
    std::vector<Diagnostic> added;
    const std::string id = builder.add(std::move(article), added);
    for (Diagnostic& d : added) emit(std::move(d));
    duplicates.add(builder.corpus().articles.back(), builder.corpus().articles.size() - 1);
    if (id != wanted) ++counts.renamed_ids;
    if (result.document) {
      result.document->id = id;
      documents.push_back(std::move(*result.document));
    }
    report_articles.push_back(json{{"id", id},
                                   {"source", shown},
                                   {"title", title},
                                   {"date", date},
                                   {"dropped_paragraphs", dropped}});
    terminal.line("  " + terminal_safe(shown) + " -> " + terminal_safe(id), Verbosity::verbose);
  };
  const auto t_parse = std::chrono::steady_clock::now();
  run_in_order(items.size(), jobs, process, consume,
               [&] { terminal.progress("reading", done, items.size(), counts.bytes_read); });
  terminal.progress("reading", done, items.size(), counts.bytes_read, true);
  Corpus corpus = builder.take();
  for (std::size_t i = 0; i < corpus.articles.size(); ++i) {
    corpus.articles[i].source = relative_sources[i];
  }
  corpus.site = site;
  corpus.render = render;
  corpus.search.stem_english = flags.stem.value_or("none") == "english";
  const auto t_merged = std::chrono::steady_clock::now();

  // ---- count ----
  json skipped = json::array();
  json warnings = json::array();
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::warning) {
      warnings.push_back(diagnostic_json(d));
      ++counts.warnings;
      continue;
    }
    skipped.push_back(diagnostic_json(d));
    if (d.severity == Severity::error) {
      ++counts.errors;
    } else if (d.code == code::kListPage) {
      ++counts.list_pages;
    } else if (d.code == code::kDuplicateArticle) {
      ++counts.duplicates;
    } else {
      ++counts.drafts;
    }
  }

  // ---- write ----
  SiteFiles files;
  std::string single_html;
  double json_seconds = 0;
  double index_seconds = 0;
  const std::size_t article_count = corpus.articles.size();
  std::size_t markdown_bytes = 0;
  for (const Article& a : corpus.articles) markdown_bytes += a.markdown.size();
  // Past these one corpus.json takes seconds to download and parse; a sharded site opens with a
  // few kilobytes whatever its size (src/site/FORMAT.md). --single-file always holds everything.
  const bool sharded = building && !flags.output.empty() && flags.single_file.empty() &&
                       (flags.layout == "sharded" ||
                        (flags.layout == "auto" && (article_count > kShardedAutoArticles ||
                                                    markdown_bytes > kShardedAutoMarkdownBytes)));
  SiteStats site_stats;
  if (sharded) {
    terminal.progress("writing", 0, 1, 0, true, false);
    // The viewer and the runtime as for a single-file layout, then the entry and data/.
    std::string error = site_files("", "", SiteOptions{site.title, site.lang, true}, files);
    files.erase("corpus.json");
    files.erase(kSearchIndexFileName);
    if (error.empty()) error = write_site_files(flags.output, files);
    const auto t_index = std::chrono::steady_clock::now();
    if (error.empty()) {
      folio::SiteOptions pieces;
      pieces.threads = jobs;
      // The reader threads already made every article's search document (its plain text): the
      // writer only analyzes them instead of rendering every article a second time.
      error = write_sharded_site(flags.output, std::move(corpus), std::move(documents), pieces,
                                 &site_stats);
    }
    index_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t_index).count();
    std::error_code ec;
    fs::remove(fs::path(flags.output) / kSearchIndexFileName, ec);  // a single-file build's
    terminal.clear_progress();
    if (!error.empty()) {
      terminal.line("folio build: " + error, Verbosity::quiet);
      return kExitInput;
    }
  } else if (building) {
    // Steps, not bytes: the search index and corpus.json (together), the site folder, the
    // single file. zh-cosx spends seconds in each, so the bar says which one is running.
    const std::size_t steps =
        1 + (flags.output.empty() ? 0 : 1) + (flags.single_file.empty() ? 0 : 1);
    std::size_t step = 0;
    terminal.progress("writing", step, steps, 0, true, false);
    // corpus.json and the search index are independent: one thread each.
    std::string corpus_json;
    std::exception_ptr json_failed;
    std::thread json_thread;
    const auto dump = [&] {
      try {
        const auto t_json = std::chrono::steady_clock::now();
        corpus_json = corpus_to_json(corpus);
        json_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t_json).count();
      } catch (...) {
        json_failed = std::current_exception();
      }
    };
    if (jobs > 1) {
      json_thread = std::thread(dump);
    } else {
      dump();
    }
    std::string index;
    const auto t_index = std::chrono::steady_clock::now();
    try {
      index = encode_search_index(documents, corpus_fingerprint(corpus), corpus.search,
                                  thread_task_runner(jobs));
      index_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t_index).count();
    } catch (...) {
      if (json_thread.joinable()) json_thread.join();
      throw;
    }
    if (json_thread.joinable()) json_thread.join();
    if (json_failed) std::rethrow_exception(json_failed);
    documents.clear();
    terminal.progress("writing", ++step, steps, 0, true, false);
    std::string error =
        site_files(corpus_json, index, SiteOptions{site.title, site.lang, false}, files);
    if (error.empty() && !flags.output.empty()) {
      error = write_site_files(flags.output, files);
      if (error.empty()) remove_sharded_files(flags.output);  // what a sharded build left there
      terminal.progress("writing", ++step, steps, 0, true, false);
    }
    if (error.empty() && !flags.single_file.empty()) {
      PackResult packed = pack_single_file(files);
      error = packed.error;
      single_html = std::move(packed.html);
      const fs::path folder = fs::path(flags.single_file).parent_path();
      std::error_code ec;
      if (error.empty() && !folder.empty()) fs::create_directories(folder, ec);
      if (error.empty() && !write_file(flags.single_file, single_html)) {
        error = "cannot write " + flags.single_file;
      }
    }
    terminal.clear_progress();
    if (!error.empty()) {
      terminal.line("folio build: " + error, Verbosity::quiet);
      return kExitInput;
    }
  }
  const auto t_written = std::chrono::steady_clock::now();

  // ---- the report ----
  if (!flags.report.empty()) {
    json written = json::array();
    if (!flags.output.empty()) {
      for (const auto& [name, bytes] : files) {
        written.push_back(json{{"path", name}, {"bytes", bytes.size()}});
      }
    }
    json inputs = json::array();
    for (const InputRoot& root : sources.roots) {
      inputs.push_back(
          json{{"path", root.input}, {"layout", layout_name(root.layout)}, {"read", root.folders}});
    }
    const json report_counts{{"files", counts.files},
                             {"records", counts.records},
                             {"articles", article_count},
                             {"skipped", skipped.size()},
                             {"errors", counts.errors},
                             {"drafts", counts.drafts},
                             {"list_pages", counts.list_pages},
                             {"duplicates", counts.duplicates},
                             {"warnings", counts.warnings},
                             {"renamed_ids", counts.renamed_ids},
                             {"dropped_paragraphs", counts.dropped_paragraphs}};
    json report{{"articles", report_articles},
                {"skipped", skipped},
                {"warnings", warnings},
                {"counts", report_counts},
                {"timezone", options.zone.name},
                {"inputs", inputs},
                {"site", json{{"title", site.title},
                              {"lang", site.lang},
                              {"base_url", render.base_url},
                              {"cjk_emphasis", render.cjk_emphasis}}}};
    if (building) {
      report["layout"] = sharded ? "sharded" : "single";
      report["written"] = written;
      if (!flags.single_file.empty()) {
        report["single_file"] = json{{"path", flags.single_file}, {"bytes", single_html.size()}};
      }
    }
    if (!write_file(flags.report,
                    report.dump(2, ' ', false, json::error_handler_t::replace) + "\n")) {
      terminal.line("folio " + command + ": cannot write " + flags.report, Verbosity::quiet);
      return kExitInput;
    }
  }

  // ---- the summary ----
  const auto seconds = [](auto from, auto to) {
    return std::chrono::duration<double>(to - from).count();
  };
  const double total_seconds = seconds(t_start, t_written);
  std::string headline = building ? "built " : "checked ";
  headline += plural(article_count, "article", "articles");
  if (building) {
    headline += " into ";
    if (!flags.output.empty()) headline += flags.output + "/";
    if (!flags.output.empty() && !flags.single_file.empty()) headline += " and ";
    if (!flags.single_file.empty()) headline += flags.single_file;
  }
  headline += " in " + format_seconds(total_seconds);
  terminal.line(terminal.bold("folio " + command + ": " + headline));
  const auto row = [&](const std::string& name, const std::string& text) {
    std::string padded = name;
    padded.resize(std::max<std::size_t>(padded.size() + 1, 11), ' ');
    terminal.line("  " + terminal.dim(padded) + text);
  };
  std::string read = plural(counts.files, "file", "files");
  if (counts.records > 0) read += " (" + plural(counts.records, "record", "records") + ")";
  read += ", " + format_bytes(counts.bytes_read) + ", " + std::to_string(jobs) +
          (jobs == 1 ? " thread" : " threads");
  row("read", read);
  const std::size_t left_out = counts.errors + counts.drafts + counts.list_pages;
  if (left_out > 0) {
    std::string why;
    const auto part = [&why](std::size_t n, const std::string& text) {
      if (n == 0) return;
      why += (why.empty() ? "" : ", ") + group_digits(n) + " " + text;
    };
    part(counts.errors, counts.errors == 1 ? "error" : "errors");
    part(counts.drafts, counts.drafts == 1 ? "draft" : "drafts");
    part(counts.list_pages, counts.list_pages == 1 ? "list page" : "list pages");
    std::string hint;
    if (counts.drafts > 0 && !drafts) hint += " --drafts";
    if (counts.list_pages > 0 && !list_pages) hint += " --list-pages";
    row("skipped",
        group_digits(left_out) + ": " + why + (hint.empty() ? "" : " (include with" + hint + ")"));
  }
  if (counts.warnings > 0) {
    std::map<std::string, std::size_t> by_code;
    for (const Diagnostic& d : diagnostics) {
      if (d.severity == Severity::warning) ++by_code[d.code];
    }
    std::string list;
    for (const auto& [name, n] : by_code) {
      list += (list.empty() ? "" : ", ") + group_digits(n) + " " + name;
    }
    row("warnings", group_digits(counts.warnings) + ": " + list);
  }
  if (counts.duplicates + counts.dropped_paragraphs + counts.renamed_ids > 0) {
    std::string text;
    const auto part = [&text](std::size_t n, const char* one, const char* many) {
      if (n == 0) return;
      text += (text.empty() ? "" : ", ") + plural(n, one, many);
    };
    part(counts.duplicates, "duplicate article removed", "duplicate articles removed");
    part(static_cast<std::size_t>(counts.dropped_paragraphs), "repeated paragraph removed",
         "repeated paragraphs removed");
    part(counts.renamed_ids, "id made unique", "ids made unique");
    row("duplicates", text);
  }
  if (building) {
    unsigned long long total = 0;
    unsigned long long runtime = 0;
    for (const auto& [name, bytes] : files) {
      total += bytes.size();
      if (name != "corpus.json" && name != kSearchIndexFileName) runtime += bytes.size();
    }
    std::string text;
    if (sharded) {
      text += plural(files.size() + site_stats.files, "file", "files") + ", " +
              format_bytes(total + site_stats.bytes) + ": sharded (" +
              std::to_string(site_stats.list_pages) + " list pages, " +
              std::to_string(site_stats.packs) + " packs, " + std::to_string(site_stats.shards) +
              " index shards in " + std::to_string(site_stats.terms_files) + " files, " +
              std::to_string(site_stats.id_pieces) + " id pieces), viewer " + format_bytes(runtime);
    } else if (!flags.output.empty()) {
      text += plural(files.size(), "file", "files") + ", " + format_bytes(total) +
              ": corpus.json " + format_bytes(files["corpus.json"].size());
      text += std::string(", ") + kSearchIndexFileName + " " +
              format_bytes(files[kSearchIndexFileName].size());
      text += ", viewer " + format_bytes(runtime);
    }
    if (!flags.single_file.empty()) {
      text += (text.empty() ? "" : "; ") + fs::path(flags.single_file).filename().string() + " " +
              format_bytes(single_html.size());
    }
    row("wrote", text);
  }
  terminal.line("  " + terminal.dim("time       ") + "finding " +
                    format_seconds(seconds(t_start, t_parse)) + ", reading " +
                    format_seconds(seconds(t_parse, t_merged)) + ", writing " +
                    format_seconds(seconds(t_merged, t_written)) +
                    (building ? " (corpus.json " + format_seconds(json_seconds) +
                                    ", search index " + format_seconds(index_seconds) + ")"
                              : std::string()),
                Verbosity::verbose);
  if (article_count == 0 && counts.errors == 0) {
    terminal.line("folio " + command + ": no articles found (README, \"What build reads\")");
  }

  const bool failed_strict = flags.strict && (counts.errors > 0 || counts.warnings > 0);
  if (failed_strict) {
    terminal.line(
        "folio " + command + ": --strict: " + plural(counts.errors, "error", "errors") + " and " +
            plural(counts.warnings, "warning", "warnings") +
            (building ? " make this build fail (the site was written)" : " make this check fail"),
        Verbosity::quiet);
    return kExitInput;
  }
  // check: errors in the input fail it; warnings only with --strict.
  if (!building && counts.errors > 0) return kExitInput;
  return kExitOk;
}

}  // namespace

int cmd_build(const std::vector<std::string>& args) { return run("build", args); }
int cmd_check(const std::vector<std::string>& args) { return run("check", args); }

}  // namespace folio::cli
