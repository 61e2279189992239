// Native query latency over a built site, for scripts/measure-search.mjs (not a test: timings
// never assert anything in ctest). Usage: search_latency <site> <queries.txt> [rounds] [ids]
// ("ids": without snippets).
// Prints one JSON line: {"load_ms", "p50_ms", "p95_ms", "queries", "rounds"}; each query's time
// is its median over the rounds, and each search computes the first page (20 hits) with
// snippets, as the viewer asks for it.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <folio/corpus.h>
#include <folio/render.h>

namespace {

std::size_t checksum_sink = 0;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  std::string bytes(static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg())), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: search_latency <site> <queries.txt> [rounds]\n";
    return 2;
  }
  const std::string site = argv[1];
  const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 7;
  folio::SearchOptions options;
  options.snippets = !(argc > 4 && std::string(argv[4]) == "ids");
  std::vector<std::string> queries;
  std::istringstream lines(slurp(argv[2]));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) queries.push_back(line);
  }
  const auto start = std::chrono::steady_clock::now();
  folio::LoadedCorpus loaded = folio::corpus_from_json(slurp(site + "/corpus.json"));
  std::vector<folio::Diagnostic> diagnostics;
  const folio::Library library(std::move(loaded.corpus), slurp(site + "/folio-index.bin"),
                               diagnostics);
  const double load_ms = ms_since(start);
  if (std::getenv("FOLIO_VERBOSE")) {
    std::size_t bytes = 0;
    const auto t = std::chrono::steady_clock::now();
    for (const folio::Article& a : library.articles()) {
      bytes += a.markdown.size();
      checksum_sink += folio::render_plain_text(a.markdown).size();
    }
    std::cerr << "render_plain_text: " << static_cast<double>(bytes) / 1e3 / ms_since(t)
              << " MB/s\n";
  }
  if (!library.index_from_file()) {
    std::cerr << "search_latency: the site's index was not usable\n";
    return 1;
  }
  // Every round asks each query once, in turn: the index keeps the last query's ranking, and
  // asking one query several times in a row timed that cache (0.85 us p50 on zh-yihui).
  std::vector<std::vector<double>> times(queries.size());
  std::size_t checksum = 0;
  for (int r = 0; r < rounds; ++r) {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      const auto t = std::chrono::steady_clock::now();
      checksum += library.search(queries[q], options).total;
      times[q].push_back(ms_since(t));
    }
  }
  std::vector<double> medians;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    std::sort(times[q].begin(), times[q].end());
    medians.push_back(times[q][times[q].size() / 2]);
    if (std::getenv("FOLIO_VERBOSE")) std::cerr << medians.back() << '\t' << queries[q] << '\n';
  }
  std::sort(medians.begin(), medians.end());
  const auto at = [&](double q) {
    return medians.empty()
               ? 0.0
               : medians[std::min(
                     medians.size() - 1,
                     static_cast<std::size_t>(q * static_cast<double>(medians.size())))];
  };
  std::cout << "{\"load_ms\":" << load_ms << ",\"p50_ms\":" << at(0.5) << ",\"p95_ms\":" << at(0.95)
            << ",\"queries\":" << queries.size() << ",\"rounds\":" << rounds
            << ",\"matches\":" << checksum << "}\n";
  return 0;
}
