// Sharded sites (layout: src/site/FORMAT.md): what `folio build` writes for a large corpus, and
// how the native CLI reads one from disk. The browser reads the same files through folio.js.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <folio/corpus.h>
#include <folio/sharded_library.h>

namespace folio {

inline constexpr char kSiteFormatName[] = "folio-site";
inline constexpr int kSiteFormatVersion = 1;
inline constexpr char kSiteDataDir[] = "data";
// `folio build --layout auto` shards a corpus past either of these.
inline constexpr std::size_t kShardedAutoArticles = 5000;
inline constexpr std::size_t kShardedAutoMarkdownBytes = 64u << 20;

// A sharded site's file that cannot be used: what() is "<file>: <code>: <message>" (codes from
// folio/error.h). The files come from the site's host, so this is bad input, never an internal
// error: `folio show`/`search` print it as it is and exit 1 (site_test, cli tests).
class SiteDataError : public std::runtime_error {
 public:
  SiteDataError(const std::string& file, std::string_view code, const std::string& message)
      : std::runtime_error(file + ": " + std::string(code) + ": " + message) {}
};

// How a corpus is cut into files. The defaults keep a first query under a megabyte and a
// 300,000-article site under a few thousand files (bench/README.md, "Scale").
struct SiteOptions {
  std::size_t list_page_articles = 200;    // summaries per list page (one page paints the list)
  std::size_t pack_articles = 256;         // article records per pack file
  std::size_t shard_bytes = 24 * 1024;     // dictionary + postings per index shard, before zlib
  std::size_t terms_file_bytes = 2 << 20;  // compressed shards per terms file
  std::size_t ids_per_piece = 2048;        // ids per id-lookup piece
  unsigned threads = 0;                    // 0: every core
};

struct SiteStats {
  std::size_t articles = 0;
  std::size_t files = 0;  // in data/, plus the entry
  std::uint64_t bytes = 0;
  std::size_t list_pages = 0;
  std::size_t packs = 0;
  std::size_t shards = 0;
  std::size_t terms_files = 0;
  std::size_t id_pieces = 0;
  std::uint64_t head_bytes = 0;  // compressed
};

// Writes `corpus` as a sharded site into `dir`: the entry corpus.json and data/ (files of an
// earlier build that this one does not use are removed). Articles are listed newest first.
// Deterministic: the same corpus and options give the same bytes. "" or the error.
std::string write_sharded_site(const std::string& dir, Corpus corpus, const SiteOptions& options,
                               SiteStats* stats = nullptr);
// The same, given what the index keeps of each article: `documents[i]` is
// search_document(corpus.articles[i]) (the CLI makes them on its reader threads, so the writer
// does not render every article's plain text again). The same bytes as the call above.
std::string write_sharded_site(const std::string& dir, Corpus corpus,
                               std::vector<SearchDocument> documents, const SiteOptions& options,
                               SiteStats* stats = nullptr);

// An IndexBuilder::TaskRunner that runs the tasks on `threads` threads, the caller's among them
// (the first exception a task throws is thrown again once all have stopped).
IndexBuilder::TaskRunner thread_task_runner(unsigned threads);

// Removes data/ files of a sharded build (after a single-file build replaced it).
void remove_sharded_files(const std::string& dir);

// True when `json` is a sharded site's entry ({"format": "folio-site", ...}).
bool is_site_entry(std::string_view json);

// zlib (RFC 1950) as the site's files store it.
std::string zlib_compress(std::string_view data, int level = 6);
// Refuses (nullopt) damaged data and anything that would inflate past `limit` bytes.
std::optional<std::string> zlib_inflate(std::string_view data, std::size_t limit = 256u << 20);

// A sharded site on disk, read the way folio.js reads it over HTTP.
class SiteOnDisk {
 public:
  // `dir` holds corpus.json (the entry) and data/.
  static std::unique_ptr<SiteOnDisk> open(const std::string& dir,
                                          std::vector<Diagnostic>& diagnostics);
  ~SiteOnDisk();

  std::size_t size() const;
  SearchResult search(std::string_view query, const SearchOptions& options);
  // The document number of `id`, if the site has it.
  std::optional<std::uint32_t> find(std::string_view id);
  const Article* article(std::uint32_t doc);
  // The site's render settings (its entry's "render"), as Library::render_options().
  RenderOptions render_options() const;
  ShardedLibrary& library();
  // Bytes read from disk so far (compressed, as a browser would download them).
  std::uint64_t bytes_read() const;

  struct State;

 private:
  explicit SiteOnDisk(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace folio
