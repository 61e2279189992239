// Not a fuzz target: writes seeds for the fuzzers from the Markdown files given, as `folio build`
// would write them (scripts/fuzz.sh calls it). A tool of its own because the CLI's build also
// needs the WASM runtime, which a fuzz run does not.
//   fuzz_seed_tool OUT_DIR FILE.md...               corpus.json and folio-index.bin
//   fuzz_seed_tool --site OUT_FILE [--head HEAD_FILE] [--stem] FILE.md...
//       a sharded site cut into small pieces, as one fuzz_site input (fuzz/site_input.h);
//       --head: its index head too, inflated, as a fuzz_index_loader seed (SearchIndex::load
//       reads heads: without one among its seeds that target only ever mutated version 1 files);
//       --stem: stemmed English (a head with stem keys) and render settings in the entry
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <folio/article.h>
#include <folio/corpus.h>
#include <folio/index.h>
#include <folio/site.h>

#include "site_input.h"

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::uint32_t read_u32(const std::string& bytes, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes.at(at + i));
  return v;
}

std::string inflated(const std::string& bytes) {
  std::optional<std::string> text = folio::zlib_inflate(bytes);
  if (!text) {
    std::cerr << "fuzz_seed_tool: the site has a file that does not inflate\n";
    std::exit(1);
  }
  return std::move(*text);
}

// The site write_sharded_site makes of `corpus`, with pieces small enough that a few articles
// give several packs, id pieces, shards and terms files, as one input of the site fuzzer.
int write_site_input(const std::string& out_file, const std::string& head_file,
                     folio::Corpus corpus) {
  std::string dir = (fs::temp_directory_path() / "folio-seed-site-XXXXXX").string();
  if (!mkdtemp(dir.data())) return 1;
  folio::SiteOptions options;
  options.list_page_articles = 2;
  options.pack_articles = 2;
  options.shard_bytes = 1024;
  options.terms_file_bytes = 2048;
  options.ids_per_piece = 2;
  options.threads = 1;
  const std::string problem = folio::write_sharded_site(dir, std::move(corpus), options);
  if (!problem.empty()) {
    std::cerr << "fuzz_seed_tool: " << problem << '\n';
    return 1;
  }
  const fs::path data = fs::path(dir) / "data";
  std::string input =
      folio_fuzz::site_part("corpus.json", read_file(fs::path(dir) / "corpus.json"));
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(data)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::string head;
  for (const fs::path& path : files) {
    const std::string name = path.filename().string();
    std::string bytes = read_file(path);
    // List pages are read by folio.js alone, never by C++: left out to keep the input small.
    if (name.rfind("list-", 0) == 0) continue;
    if (name.rfind("pack-", 0) != 0 && name.rfind("terms-", 0) != 0) bytes = inflated(bytes);
    if (name.rfind("head-", 0) == 0) head = bytes;
    if (name.rfind("pack-", 0) == 0) {
      // Its records, inflated, as the browser hands them to addRecord.
      const std::uint32_t first = read_u32(bytes, 12);
      const std::uint32_t count = read_u32(bytes, 16);
      for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint32_t begin = read_u32(bytes, 20 + 4 * i);
        const std::uint32_t end = read_u32(bytes, 24 + 4 * i);
        input += folio_fuzz::site_part("record " + std::to_string(first + i),
                                       inflated(bytes.substr(begin, end - begin)));
      }
    }
    input += folio_fuzz::site_part("data/" + name, bytes);
  }
  // Every shard, inflated, as the browser hands them to addShard.
  const std::optional<folio::SearchIndex> index = folio::SearchIndex::load(head);
  if (!index) return 1;
  for (std::uint32_t shard = 0; shard < index->shard_count(); ++shard) {
    const folio::PieceLocation at = index->shard_location(shard);
    const std::string terms = read_file(data / index->files().at(at.file));
    input += folio_fuzz::site_part("shard " + std::to_string(shard),
                                   inflated(terms.substr(at.offset, at.length)));
  }
  fs::remove_all(dir);
  std::ofstream(out_file, std::ios::binary) << input;
  if (!head_file.empty()) std::ofstream(head_file, std::ios::binary) << head;
  std::cout << index->size() << " articles, " << index->shard_count() << " shards, " << input.size()
            << " bytes\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const bool site = !args.empty() && args[0] == "--site";
  if (site) args.erase(args.begin());
  std::string head_file;
  if (site && args.size() > 2 && args[1] == "--head") {
    head_file = args[2];
    args.erase(args.begin() + 1, args.begin() + 3);
  }
  const bool stem = site && args.size() > 1 && args[1] == "--stem";
  if (stem) args.erase(args.begin() + 1);
  if (args.size() < 2) {
    std::cerr << "usage: fuzz_seed_tool OUT_DIR FILE.md...\n"
                 "       fuzz_seed_tool --site OUT_FILE [--head HEAD_FILE] [--stem] FILE.md...\n";
    return 2;
  }
  folio::CorpusBuilder builder;
  std::vector<folio::Diagnostic> diagnostics;
  for (std::size_t i = 1; i < args.size(); ++i) {
    folio::ParsedArticle parsed = folio::parse_article(read_file(args[i]), args[i]);
    if (parsed.article) builder.add(std::move(*parsed.article), diagnostics);
  }
  if (stem) {
    folio::SearchIndexSettings search;
    search.stem_english = true;
    builder.set_search_settings(search);
    folio::CorpusRenderSettings render;
    render.base_url = "https://example.org/";
    render.cjk_emphasis = true;
    builder.set_render_settings(render);
  }
  if (site) return write_site_input(args[0], head_file, builder.take());
  const folio::Corpus corpus = builder.take();
  std::ofstream(args[0] + "/corpus.json", std::ios::binary) << folio::corpus_to_json(corpus);
  std::ofstream(args[0] + "/folio-index.bin", std::ios::binary)
      << folio::encode_corpus_index(corpus);
  std::cout << corpus.articles.size() << " articles\n";
  return 0;
}
