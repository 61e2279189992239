// Render throughput of the native core, for before/after measurements (never a test: speed goals
// live in bench/, GUIDE.md). Usage:
//   build/native/bin/render_speed [--runs N] <dir|file.md>...
// Reads every *.md below the arguments, takes each article's body (front matter removed), renders
// all bodies once per run with folio (safe mode, the default options) and with md4c-html (the
// renderer folio replaced, GitHub dialect, raw HTML off), and prints the median MB/s of Markdown
// consumed by each. Time is this thread's CPU time, so other processes on a shared machine
// disturb it less than wall-clock time would.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <folio/article.h>
#include <folio/render.h>

#include "support/md4c_reference.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  int runs = 5;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (fs::is_directory(arg)) {
      for (const auto& entry : fs::recursive_directory_iterator(arg)) {
        if (entry.is_regular_file() && entry.path().extension() == ".md") {
          files.push_back(entry.path());
        }
      }
    } else {
      files.emplace_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> bodies;
  std::size_t bytes = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    folio::ParsedArticle parsed = folio::parse_article(text.str(), file.string());
    bodies.push_back(parsed.article ? parsed.article->markdown : text.str());
    bytes += bodies.back().size();
  }
  if (bodies.empty()) {
    std::fprintf(stderr, "usage: render_speed [--runs N] <dir|file.md>...\n");
    return 2;
  }
  const auto cpu_seconds = [] {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
  };
  const auto measure = [&](const char* name, auto&& render) {
    std::vector<double> seconds;
    std::size_t out_bytes = 0;
    for (int run = 0; run < runs; ++run) {
      const double start = cpu_seconds();
      out_bytes = 0;
      for (const std::string& body : bodies) out_bytes += render(body);
      seconds.push_back(cpu_seconds() - start);
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    const double mb_in = static_cast<double>(bytes) / 1e6;
    std::printf(
        "%-28s %zu documents, %.1f MB -> %.1f MB HTML; median of %d runs %.3f s CPU = %.1f MB/s\n",
        name, bodies.size(), mb_in, static_cast<double>(out_bytes) / 1e6, runs, median,
        mb_in / median);
  };
  measure("folio (safe, GitHub):",
          [](const std::string& body) { return folio::render_html(body).size(); });
  measure("md4c-html (GitHub, NOHTML):", [](const std::string& body) {
    return folio::test_support::md4c_html(body, folio::kGithubDialect, false).size();
  });
  return 0;
}
