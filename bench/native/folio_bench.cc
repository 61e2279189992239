// folio-bench: the native side of bench/ (not a user-facing program). The CLI answers one query
// per process, so its time is mostly loading the site; this program loads a site once and times
// what the WASM module's callers get from the same Library class, natively:
//
//   folio-bench search <site> <queries.json> <builds> <passes> <limit>
//   folio-bench render <site> <passes>
//
// queries.json is [{"text": "…"}, …] (bench/lib/queries.mjs). Output is one JSON object on
// stdout: milliseconds per load (corpus.json + folio-index.bin, as `folio search` and the
// browser load a site), per pass and query without snippets (ids and metadata, what the peers
// return) and with them (what a search box shows), every hit's id for the recall pass; or the
// body bytes and milliseconds per render pass. It uses only the public headers (folio/corpus.h,
// folio/render.h), as the WASM binding does.
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <folio/corpus.h>
#include <folio/index.h>
#include <folio/render.h>

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The site's folio-index.bin, or "" when it has none (the Library then builds the index).
std::string read_index(const std::string& site) {
  const std::string path = site + "/" + folio::kSearchIndexFileName;
  return std::ifstream(path) ? read_all(path) : std::string();
}

folio::Corpus load_corpus(const std::string& site) {
  folio::LoadedCorpus loaded = folio::corpus_from_json(read_all(site + "/corpus.json"));
  if (!loaded.ok) throw std::runtime_error(site + "/corpus.json is not a usable corpus");
  return std::move(loaded.corpus);
}

// Peak resident memory of this process (Linux), so the report can set it beside Node's heaps.
long peak_rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

std::size_t to_count(const std::string& text) { return static_cast<std::size_t>(std::stoul(text)); }

int search(const std::string& site, const std::string& queries_path, std::size_t builds,
           std::size_t passes, std::size_t limit) {
  std::vector<std::string> queries;
  for (const json& q : json::parse(read_all(queries_path))) {
    queries.push_back(q.at("text").get<std::string>());
  }
  json out;
  out["build"] = json::array();
  std::optional<folio::Library> library;
  std::size_t articles = 0;
  bool index_from_file = false;
  for (std::size_t b = 0; b < builds; ++b) {
    library.reset();
    std::vector<folio::Diagnostic> diagnostics;
    const Clock::time_point start = Clock::now();
    library.emplace(load_corpus(site), read_index(site), diagnostics);
    out["build"].push_back(ms_since(start));
    articles = library->articles().size();
    index_from_file = library->index_from_file();
  }
  out["index_from_file"] = index_from_file;
  std::size_t sink = 0;  // keeps the optimiser from dropping a search whose result is unused
  const auto time_passes = [&](const folio::SearchOptions& page) {
    for (const std::string& q : queries) sink += library->search(q, page).total;  // warm-up
    json all = json::array();
    for (std::size_t p = 0; p < passes; ++p) {
      json times = json::array();
      for (const std::string& q : queries) {
        const Clock::time_point start = Clock::now();
        sink += library->search(q, page).hits.size();
        times.push_back(ms_since(start));
      }
      all.push_back(times);
    }
    return all;
  };
  folio::SearchOptions ids_only;
  ids_only.limit = limit;
  ids_only.snippets = false;
  out["passes"] = time_passes(ids_only);
  folio::SearchOptions with_snippets;
  with_snippets.limit = limit;
  out["passes_snippets"] = time_passes(with_snippets);
  folio::SearchOptions everything;
  everything.limit = articles > 0 ? articles : 1;
  everything.snippets = false;
  out["results"] = json::array();
  for (const std::string& q : queries) {
    json ids = json::array();
    for (const folio::SearchHit& hit : library->search(q, everything).hits) ids.push_back(hit.id);
    out["results"].push_back(ids);
  }
  out["checksum"] = sink;
  out["peak_rss_kb"] = peak_rss_kb();
  std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  return 0;
}

int render(const std::string& site, std::size_t passes) {
  const folio::Corpus corpus = load_corpus(site);
  std::size_t bytes = 0;
  for (const folio::Article& a : corpus.articles) bytes += a.markdown.size();
  std::size_t sink = 0;
  for (const folio::Article& a : corpus.articles) sink += folio::render_html(a.markdown).size();
  json times = json::array();
  for (std::size_t p = 0; p < passes; ++p) {
    const Clock::time_point start = Clock::now();
    for (const folio::Article& a : corpus.articles) sink += folio::render_html(a.markdown).size();
    times.push_back(ms_since(start));
  }
  std::cout << json{{"bytes", bytes},
                    {"documents", corpus.articles.size()},
                    {"passes", times},
                    {"checksum", sink}}
                   .dump()
            << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 6 && args[0] == "search") {
      return search(args[1], args[2], to_count(args[3]), to_count(args[4]), to_count(args[5]));
    }
    if (args.size() == 3 && args[0] == "render") return render(args[1], to_count(args[2]));
  } catch (const std::exception& e) {
    std::cerr << "folio-bench: " << e.what() << '\n';
    return 1;
  }
  std::cerr << "usage: folio-bench search <site> <queries.json> <builds> <passes> <limit>\n"
               "       folio-bench render <site> <passes>\n";
  return 2;
}
