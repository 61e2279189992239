// A sharded site's articles and search (layout: src/site/FORMAT.md), loaded piece by piece: the
// caller fetches what a call says it needs (index shards, article records) and asks again. The
// WASM module uses it with pieces fetched over HTTP by folio.js; `folio search` and `folio show`
// with pieces read from disk; both give the answers a Library gives for the same articles.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <folio/article.h>
#include <folio/corpus.h>
#include <folio/index.h>

namespace folio {

class ShardedLibrary {
 public:
  // `head` is the index head (src/index/FORMAT.md, version 2), already inflated.
  static std::optional<ShardedLibrary> open(std::string head, IndexError* error = nullptr);

  std::size_t size() const { return index_.size(); }
  std::uint64_t fingerprint() const { return index_.fingerprint(); }
  SearchIndex& index() { return index_; }
  const SearchIndex& index() const { return index_; }

  // What a call could not answer without: index shards and article records (by document
  // number, which is the article's place in the site's list, newest first).
  struct Needs {
    std::vector<std::uint32_t> shards;
    std::vector<std::uint32_t> records;
    bool empty() const { return shards.empty() && records.empty(); }
  };

  // The answer Library::search gives, once `needs` comes back empty; until then the result is
  // incomplete and `needs` says what to add. Records are needed only for the hits shown.
  SearchResult search(std::string_view query, const SearchOptions& options, Needs& needs);

  // Document `doc`'s record: its corpus.json entry (src/corpus/FORMAT.md) as JSON text. Returns
  // the problem when the record is not a usable article (then nothing is kept): corpus.too_deep
  // or corpus.too_large past corpus.json's limits (kCorpusMaxDepth), else corpus.article.
  std::optional<IndexError> add_record(std::uint32_t doc, std::string_view json);
  const Article* record(std::uint32_t doc);

  // Keeps at most `max_records` records and `max_shard_bytes` of shards, least recently used
  // first out, so a long session stays within a fixed amount of memory.
  void trim(std::size_t max_records, std::size_t max_shard_bytes);

 private:
  explicit ShardedLibrary(SearchIndex index) : index_(std::move(index)) {}

  struct Record {
    Article article;
    std::uint64_t last_used = 0;
  };
  SearchIndex index_;
  std::unordered_map<std::uint32_t, Record> records_;
  std::uint64_t clock_ = 0;
};

// The JSON a sharded site stores per article: its record (the corpus.json entry, Markdown
// included) and its summary in a list page (the fields of folio.js's articles()).
std::string article_record_json(const Article& article);
std::string article_summary_json(const Article& article);

// A site's render settings as corpus.json's "render" object ("null" when all are the default),
// and back (a value of the wrong kind is left out with a warning naming `source`).
std::string render_settings_json_text(const CorpusRenderSettings& settings);
CorpusRenderSettings render_settings_from_json_text(std::string_view json, std::string_view source,
                                                    std::vector<Diagnostic>& diagnostics);

}  // namespace folio
