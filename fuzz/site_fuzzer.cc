// The sharded site readers (src/site/FORMAT.md): a stranger's site, every file of it mutated at
// once (the input is a whole site, fuzz/site_input.h). Two readers take it in turn:
// - the browser's: ShardedLibrary, which the WASM module opens on the index head folio.js
//   fetched, then hands the index shards and article records each search asks for
//   (src/bind/sharded_glue.cc, ShardedHandle);
// - the native one: SiteOnDisk (`folio search`/`folio show` on a sharded site), which reads the
//   entry, the manifest, the head, id pieces, pack headers and the records and shards inside
//   packs and terms files from disk.
// Random bytes almost never carry the right CRC-32, so a head and every shard are "resealed"
// with their true payload length and CRC, as a deliberate forger would. Every refusal must carry
// one of the codes FORMAT.md documents, and a search must finish once it has what it asked for.
#include <malloc.h>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <folio/error.h>
#include <folio/sharded_library.h>
#include <folio/site.h>

#include "index/index_data.h"
#include "site_input.h"

namespace {

namespace fs = std::filesystem;

// What the site's input gives, by name (site_input.h).
struct Site {
  std::vector<std::pair<std::string_view, std::string_view>> files;  // corpus.json, data/...
  std::string_view head;                                             // the first data/head-
  std::map<std::uint32_t, std::string_view> shards;
  std::map<std::uint32_t, std::string_view> records;
};

Site read_input(std::string_view input) {
  Site site;
  for (const auto& [name, bytes] : folio_fuzz::site_parts(input)) {
    std::uint32_t number = 0;
    const auto numbered = [&, name = name](std::string_view prefix) {
      if (name.substr(0, prefix.size()) != prefix) return false;
      const char* end = name.data() + name.size();
      return std::from_chars(name.data() + prefix.size(), end, number).ptr == end;
    };
    if (numbered("shard ")) {
      site.shards.emplace(number, bytes);
    } else if (numbered("record ")) {
      site.records.emplace(number, bytes);
    } else {
      if (site.head.empty() && name.substr(0, 10) == "data/head-") site.head = bytes;
      site.files.emplace_back(name, bytes);
    }
  }
  return site;
}

void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

// The payload length and CRC-32 a head (version 2) or a shard would need to pass the checksum.
std::string resealed(std::string_view piece, std::size_t header_size, std::size_t length_at) {
  std::string bytes(piece);
  if (bytes.size() >= header_size) {
    put_u32(bytes, length_at, static_cast<std::uint32_t>(bytes.size() - header_size));
    put_u32(bytes, length_at + 4, folio::crc32(std::string_view(bytes).substr(header_size)));
  }
  return bytes;
}

bool is_one_of(const std::string& code, std::initializer_list<const char*> codes) {
  for (const char* c : codes) {
    if (code == c) return true;
  }
  return false;
}

// Snippets (which read each hit's record and tokenize its body) are most of a search's time, so
// only some queries ask for them: the rest reach more executions a second.
struct Query {
  const char* text;
  bool prefix;
  bool snippets;
  folio::SearchSort sort;
  std::size_t offset;
};
constexpr Query kQueries[] = {
    {"运营商 微信", false, true, folio::SearchSort::relevance, 0},
    {"happiness \"static site\"", false, true, folio::SearchSort::relevance, 0},
    {"微", true, false, folio::SearchSort::newest, 1},
    {"-tag:web ott 电梯", false, false, folio::SearchSort::oldest, 0},
    {"author:jane year:2010..2030 s", true, false, folio::SearchSort::relevance, 0},
};

folio::SearchOptions options_for(const Query& query) {
  folio::SearchOptions options;
  options.limit = 3;
  options.offset = query.offset;
  options.prefix = query.prefix;
  options.snippets = query.snippets;
  options.sort = query.sort;
  return options;
}

void check_result(const folio::SearchResult& result, std::size_t documents, std::size_t limit) {
  if (result.hits.size() > limit) std::abort();  // more hits than asked for
  for (const folio::SearchHit& hit : result.hits) {
    if (hit.doc >= documents) std::abort();  // a hit outside the index
  }
}

// One search the way folio.js runs it: add what the library says it needs, ask again. Nothing
// when a piece is missing or refused (the query fails in the browser too).
std::optional<folio::SearchResult> search_library(folio::ShardedLibrary& library, const Site& site,
                                                  const Query& query) {
  const folio::SearchOptions options = options_for(query);
  folio::ShardedLibrary::Needs needs;
  // Each round adds everything the last one asked for: shards, then the records of the hits.
  for (int round = 0; round < 8; ++round) {
    folio::SearchResult result = library.search(query.text, options, needs);
    if (needs.empty()) {
      check_result(result, library.size(), options.limit);
      return result;
    }
    for (const std::uint32_t shard : needs.shards) {
      if (shard >= library.index().shard_count()) std::abort();  // a shard the head lacks
      const auto it = site.shards.find(shard);
      if (it == site.shards.end()) return std::nullopt;
      const std::optional<folio::IndexError> problem =
          library.index().add_shard(shard, resealed(it->second, folio::kShardHeaderSize, 28));
      if (problem) {
        if (!is_one_of(problem->code, {folio::code::kIndexFormat, folio::code::kIndexCorrupt,
                                       folio::code::kIndexStale})) {
          std::abort();
        }
        return std::nullopt;
      }
    }
    for (const std::uint32_t doc : needs.records) {
      if (doc >= library.size()) std::abort();  // a record of a document the site lacks
      const auto it = site.records.find(doc);
      if (it == site.records.end()) return std::nullopt;
      if (const auto problem = library.add_record(doc, it->second)) {
        if (!is_one_of(problem->code, {folio::code::kCorpusArticle, folio::code::kCorpusTooDeep,
                                       folio::code::kCorpusTooLarge})) {
          std::abort();
        }
        return std::nullopt;
      }
    }
  }
  std::abort();  // the search kept asking although it was given everything it asked for
}

void fuzz_library(const Site& site) {
  folio::IndexError error;
  std::optional<folio::ShardedLibrary> library =
      folio::ShardedLibrary::open(resealed(site.head, folio::kShardedHeadHeaderSize, 40), &error);
  if (!library) {
    if (!is_one_of(error.code, {folio::code::kIndexFormat, folio::code::kIndexCorrupt})) {
      std::abort();
    }
    return;
  }
  const std::optional<folio::SearchResult> first = search_library(*library, site, kQueries[0]);
  for (std::size_t i = 1; i < std::size(kQueries); ++i) search_library(*library, site, kQueries[i]);
  // A long session trims what it keeps (ShardedHandle::trim); asking again fetches it again and
  // must give the same answer.
  library->trim(1, 0);
  const std::optional<folio::SearchResult> again = search_library(*library, site, kQueries[0]);
  if (first && again && (first->total != again->total || first->hits.size() != again->hits.size()))
    std::abort();
}

// A folder of this input's own (several -jobs share the machine), in memory when /dev/shm is
// there, removed when the input is done: libFuzzer ends a run without static destructors, so a
// folder kept for the whole process was left behind by every run.
struct SiteDir {
  fs::path path;
  SiteDir() {
    std::error_code ignored;
    const fs::path base =
        fs::is_directory("/dev/shm", ignored) ? fs::path("/dev/shm") : fs::temp_directory_path();
    std::string name = (base / "folio-fuzz-site-XXXXXX").string();
    if (!mkdtemp(name.data())) std::abort();
    path = name;
  }
  SiteDir(const SiteDir&) = delete;
  SiteDir& operator=(const SiteDir&) = delete;
  ~SiteDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

bool plain_name(std::string_view name) {
  if (name.empty() || name.size() > 100 || name[0] == '.') return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
      return false;
  }
  return true;
}

void write_site(const Site& site, const fs::path& root) {
  fs::create_directory(root / "data");
  for (const auto& [name, bytes] : site.files) {
    std::string contents(bytes);
    fs::path path;
    if (name == "corpus.json") {
      path = root / "corpus.json";
    } else if (name.substr(0, 5) == "data/" && plain_name(name.substr(5))) {
      const std::string_view file = name.substr(5);
      path = root / "data" / std::string(file);
      if (file.substr(0, 5) == "head-")
        contents = resealed(contents, folio::kShardedHeadHeaderSize, 40);
      for (const std::string_view zlib_file : {"manifest-", "head-", "ids-", "list-"}) {
        if (file.substr(0, zlib_file.size()) == zlib_file) {
          contents = folio::zlib_compress(contents, 1);
          break;
        }
      }
    } else {
      continue;
    }
    std::ofstream(path, std::ios::binary) << contents;
  }
}

// What SiteOnDisk's calls throw when a piece is damaged names the code of the problem.
void check_thrown(const std::exception& e) {
  const std::string_view what = e.what();
  for (const char* code :
       {folio::code::kIndexFormat, folio::code::kIndexCorrupt, folio::code::kIndexStale,
        folio::code::kCorpusArticle, folio::code::kCorpusTooDeep, folio::code::kCorpusTooLarge,
        folio::code::kCorpusFormat, folio::code::kIoUnreadable}) {
    if (what.find(code) != std::string_view::npos) return;
  }
  std::fprintf(stderr, "fuzz_site: a refusal without a code: %s\n", e.what());
  std::abort();
}

void fuzz_disk(const Site& site) {
  const SiteDir dir;
  const fs::path& root = dir.path;
  write_site(site, root);
  std::vector<folio::Diagnostic> diagnostics;
  const std::unique_ptr<folio::SiteOnDisk> opened =
      folio::SiteOnDisk::open(root.string(), diagnostics);
  if (!opened) {
    if (diagnostics.empty() || diagnostics.back().severity != folio::Severity::error ||
        !is_one_of(
            diagnostics.back().code,
            {folio::code::kCorpusFormat, folio::code::kCorpusTooDeep, folio::code::kIoUnreadable,
             folio::code::kIndexFormat, folio::code::kIndexCorrupt})) {
      std::abort();  // a refusal must say why, with a documented code
    }
    return;
  }
  opened->render_options();
  std::vector<std::string> ids = {"2026-11-01-ye-ban-de-dian-ti", "zz"};
  for (const Query& query : {kQueries[2], kQueries[3]}) {
    try {
      const folio::SearchResult result = opened->search(query.text, options_for(query));
      check_result(result, opened->size(), options_for(query).limit);
      for (const folio::SearchHit& hit : result.hits) ids.push_back(hit.id);
    } catch (const std::exception& e) {
      check_thrown(e);
    }
  }
  for (const std::string& id : ids) {
    try {
      const std::optional<std::uint32_t> doc = opened->find(id);
      if (doc && *doc >= opened->size()) std::abort();  // find named a document the site lacks
      if (doc) opened->article(*doc);
    } catch (const std::exception& e) {
      check_thrown(e);
    }
  }
  try {
    if (opened->size() > 0) opened->article(static_cast<std::uint32_t>(opened->size() - 1));
  } catch (const std::exception& e) {
    check_thrown(e);
  }
}

}  // namespace

// Each input inflates and frees buffers of 64 KiB and more; glibc gave that memory back to the
// kernel every time (brk, then a TLB flush on every core), which took a fifth of the run. A high
// trim threshold keeps it (ASan's allocator ignores mallopt).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Site site = read_input(std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz_library(site);
  fuzz_disk(site);
  return 0;
}
