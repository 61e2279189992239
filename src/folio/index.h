// Full-text search: a positional inverted index over title, author, tags and body text, stored
// as a compact binary file (format: src/index/FORMAT.md) that the native CLI writes and the
// WASM module reads in place. Documents and queries pass through the same normalisation and
// tokenizer (folio/text.h), natively and in WASM, so both give the same answers and scores.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace folio {

inline constexpr std::uint32_t kSearchIndexFormatVersion = 1;
// Version 2 splits the index into a head (documents, string pool, shard table) and shards that
// each hold the dictionary and postings of one range of terms (src/index/FORMAT.md).
inline constexpr std::uint32_t kShardedIndexFormatVersion = 2;
inline constexpr char kSearchIndexFileName[] = "folio-index.bin";

struct SearchDocument {
  std::string id;
  std::string title;
  std::string author;
  std::vector<std::string> tags;
  std::string date;  // ISO-like ("2013-07-15 18:10"); newer first on equal scores
  std::string body;  // plain text (render_plain_text), not Markdown
};

enum class SearchSort {
  relevance,  // score, then newest first
  newest,     // date, newest first
  oldest,     // date, oldest first
};

struct SearchOptions {
  std::size_t limit = 20;
  std::size_t offset = 0;
  // The last Latin word of the query also matches words it begins (search while typing),
  // unless the query ends with a space.
  bool prefix = false;
  SearchSort sort = SearchSort::relevance;
  // Snippets need each shown article's text: off, hits carry everything else (ids, metadata,
  // scores, facets) at a small fraction of the cost, for callers that only count or list.
  bool snippets = true;
  // English stemming of bare query words ("phones" also finds "phone"); unset: the index's
  // setting (SearchIndexSettings::stem_english, chosen by whoever built the site).
  std::optional<bool> stem;
};

// Site-wide search settings, stored in the index header's flags (src/index/FORMAT.md).
struct SearchIndexSettings {
  // Queries stem bare English words by default. The index holds exact words either way: a
  // stemmed query matches every word of the same stem, a "quoted" word stays exact.
  bool stem_english = false;
  // Where every 64th body token starts in the body's text (src/index/FORMAT.md, SKIP), so a
  // snippet scans from near its match instead of from the start of a long article. Off only
  // for tests that compare against the scan from the start.
  bool snippet_checkpoints = true;
};

struct SearchHit {
  std::size_t doc = 0;  // the document's number in the index (corpus order)
  std::string id;
  std::string title;
  std::string author;
  std::string date;
  std::vector<std::string> tags;
  std::string snippet;  // escaped plain text; matches wrapped in <mark>, nothing else is markup
  double score = 0;
};

struct FacetCount {
  std::string value;
  std::size_t count = 0;
};

struct SearchFacets {
  std::vector<FacetCount> author;  // most frequent first, then by value; at most kMaxFacetValues
  std::vector<FacetCount> year;    // newest year first
  std::vector<FacetCount> tag;
};
inline constexpr std::size_t kMaxFacetValues = 100;

struct SearchResult {
  // A sharded index answers only when every shard the query needs was added: otherwise these
  // are the shards to add (SearchIndex::add_shard) before asking again, and nothing else is set.
  std::vector<std::uint32_t> missing_shards;
  std::size_t total = 0;  // every matching article; hits holds one page of them
  std::size_t offset = 0;
  std::size_t limit = 0;
  std::vector<SearchHit> hits;
  SearchFacets facets;  // over all `total` matches, not just this page
};

// One parsed query (the language is described in assets/posts/*search-syntax*.md).
struct QueryToken {
  enum class Kind : std::uint8_t {
    term,         // exactly this index term (a word or a CJK bigram)
    char_prefix,  // any term starting with this CJK character (it may end a CJK run)
    word_prefix,  // any word starting with this text (search while typing)
  };
  Kind kind = Kind::term;
  std::string text;          // normalised UTF-8
  std::string stem;          // when set: also every English word with this stem (stemmed mode)
  std::uint32_t offset = 0;  // position relative to the group's first token
};

// Tokens that must occur at consecutive positions: a word, a CJK run, or a "quoted phrase".
struct QueryGroup {
  std::vector<QueryToken> tokens;
  std::uint32_t span = 0;  // positions the group covers (a CJK run of n covers n)
  std::u32string text;     // the normalised characters, for brute-force checks
  bool cjk_run = false;    // a bare CJK run (exact substring)
  bool phrase = false;     // from "quotes", or words joined by punctuation (`2.0`, `node.js`)
  bool prefix = false;     // its last word may be a prefix
};

struct ParsedQuery {
  std::vector<QueryGroup> include;      // all must match
  std::vector<QueryGroup> exclude;      // none may match
  std::vector<std::u32string> authors;  // author: values, normalised (an article matches any)
  std::vector<std::u32string> tags;     // tag: values, normalised (an article matches any)
  std::vector<std::u32string> exclude_authors;  // -author:
  std::vector<std::u32string> exclude_tags;     // -tag:
  std::uint64_t date_from = 0;                  // yyyymmddhhmmss, inclusive; 0 = open
  std::uint64_t date_to = 0;                    // inclusive; 0 = open
};

// `stem`: bare English words (and the word being typed) also match every word of their stem;
// words in "quotes" stay exact.
ParsedQuery parse_query(std::string_view query, bool prefix = false, bool stem = false);

// "2013-07-15 18:10" -> 20130715181000; 0 when the text does not start with a year.
std::uint64_t date_key(std::string_view date);

// What a search needs of a document it shows (the index keeps no text but its terms).
using DocumentProvider = std::function<SearchDocument(std::size_t doc)>;

// The plain text of a document's body for its snippet: all of it (`complete`), or a prefix
// that holds at least what the first `min_source_bytes` bytes of its source render to. A
// snippet rarely needs more than the first kilobyte, and rendering a whole long article for
// it was most of a query's time in WASM.
struct BodyPrefix {
  std::string text;
  bool complete = true;
};
using BodySource = std::function<BodyPrefix(std::size_t doc, std::size_t min_source_bytes)>;

// The index file's bytes for `documents` (in that order). Deterministic: equal input gives
// equal bytes. `fingerprint` identifies the corpus the index belongs to.
std::string encode_search_index(const std::vector<SearchDocument>& documents,
                                std::uint64_t fingerprint,
                                const SearchIndexSettings& settings = {});

// One shard of a version 2 index: the terms from `first_term` on (to the next shard's first).
struct IndexShard {
  std::string first_term;
  std::uint32_t term_count = 0;
  std::string bytes;
};

// Where a piece of a sharded site is stored: `length` bytes at `offset` of file number `file`
// (src/site/FORMAT.md); the index keeps these for the caller, which fetches the bytes.
struct PieceLocation {
  std::uint32_t file = 0;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

// Builds an index one document at a time, so a large corpus never needs every document's text
// at once: each document's text can be dropped as soon as add() returns.
class IndexBuilder {
 public:
  // `settings`: the flags both encodings carry; with stem_english the shards (version 2) also
  // hold a stem key per English stem (src/index/FORMAT.md).
  explicit IndexBuilder(const SearchIndexSettings& settings = {});
  ~IndexBuilder();
  IndexBuilder(const IndexBuilder&) = delete;
  IndexBuilder& operator=(const IndexBuilder&) = delete;

  // Document numbers follow the order of the calls.
  void add(const SearchDocument& document);

  // What add() keeps of a document, computed apart so that several threads can analyze
  // documents while one adds them in order.
  // Flat: a document's terms cost no allocation each (one vector per term made malloc and free
  // a fifth of a single-file build's CPU, perf on zh-yihui, issue 5's build target).
  struct Analyzed {
    // Term t (in the order first met) is term_text[term_ends[t - 1], term_ends[t]) (from 0 for
    // t = 0); its positions, ascending, are positions[position_ends[t - 1], position_ends[t]).
    std::string term_text;
    std::vector<std::uint32_t> term_ends;
    std::vector<std::uint32_t> positions;
    std::vector<std::uint32_t> position_ends;
    // std::hash of each term, found here on the analyzing thread so that add(batch, run) neither
    // hashes a term once per postings part nor again to find its postings.
    std::vector<std::size_t> term_hashes;
    std::size_t term_count() const { return term_ends.size(); }
    std::string_view term(std::size_t t) const {
      const std::uint32_t begin = t == 0 ? 0 : term_ends[t - 1];
      return std::string_view(term_text).substr(begin, term_ends[t] - begin);
    }
    std::uint32_t span[4] = {0, 0, 0, 0};
    std::uint64_t date = 0;
    std::string author;
    std::vector<std::string> tags;
    std::vector<std::uint32_t> checkpoints;  // SKIP: body bytes of body tokens 64, 128, ...
  };
  static Analyzed analyze(const SearchDocument& document);
  void add(const Analyzed& document);
  std::size_t size() const;

  // Runs task(0) .. task(count - 1) in any order, possibly at once, and returns when all are
  // done. The builder splits its heavy steps into such tasks and a caller with threads (the site
  // writer) runs them in parallel; the index library starts no thread itself (the WASM module
  // has none). Every task writes its own data, so the bytes never depend on the schedule.
  using TaskRunner =
      std::function<void(std::size_t count, const std::function<void(std::size_t)>& task)>;
  // Adds `batch` in order, as add() one by one would. The postings are kept in parts by term
  // hash and each part is one task: on one thread this step was a fifth of a sharded 10k build's
  // CPU (perf, issue 8's build time).
  void add(const std::vector<Analyzed>& batch, const TaskRunner& run);

  // Version 1: the whole index in one file.
  std::string encode(std::uint64_t fingerprint) const;
  // The same bytes, its terms sorted as `run`'s tasks.
  std::string encode(std::uint64_t fingerprint, const TaskRunner& run) const;
  // Version 2: the shards, each holding whole terms and about `target_bytes` of dictionary and
  // postings (a term with more postings than that is a shard of its own).
  // Each shard goes to `sink` as soon as it is encoded, so they are never all in memory.
  void encode_shards(std::uint64_t fingerprint, std::size_t target_bytes,
                     const std::function<void(IndexShard)>& sink) const;
  // The same shards, sorted and encoded as `run`'s tasks; `prepare` (if any) runs on the task
  // that encoded a shard (the writer compresses it there), and `sink` gets the shards in order on
  // the calling thread.
  void encode_shards(std::uint64_t fingerprint, std::size_t target_bytes,
                     const std::function<void(IndexShard)>& sink, const TaskRunner& run,
                     const std::function<void(IndexShard&)>& prepare) const;
  // Version 2: the head, once the shards' places are known (`where[i]` for `shards[i]`, whose
  // bytes may have been dropped by then; in
  // `files`, whose names may hold only a-z, 0-9, '.', '-' and '_').
  std::string encode_head(std::uint64_t fingerprint, const std::vector<IndexShard>& shards,
                          const std::vector<PieceLocation>& where,
                          const std::vector<std::string>& files) const;
  // Frees the postings (after the last encode), keeping nothing but the document table.
  void release_postings();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// encode_search_index's bytes, with the documents analyzed, added and sorted as `run`'s tasks:
// `folio build` runs them on its threads (a single-file build was one thread for four fifths of
// its time, issue 5's build target; tests/unit/site_test.cc proves the bytes equal).
std::string encode_search_index(const std::vector<SearchDocument>& documents,
                                std::uint64_t fingerprint, const SearchIndexSettings& settings,
                                const IndexBuilder::TaskRunner& run);

// FNV-1a 64 over `data`, continuing from `hash`; used for corpus fingerprints.
std::uint64_t fnv1a64(std::string_view data, std::uint64_t hash = 0xcbf29ce484222325ull);

struct IndexError {
  std::string code;  // folio::code::kIndex*
  std::string message;
};

class SearchIndex {
 public:
  SearchIndex();
  ~SearchIndex();
  SearchIndex(SearchIndex&&) noexcept;
  SearchIndex& operator=(SearchIndex&&) noexcept;

  // Checks everything (magic, version, checksum, every offset and posting) before accepting
  // the bytes; afterwards queries never read outside them.
  static std::optional<SearchIndex> load(std::string bytes, IndexError* error = nullptr);
  // Encodes and loads `documents`, and serves their text for snippets (tests, small corpora).
  static SearchIndex build(std::vector<SearchDocument> documents, std::uint64_t fingerprint = 0,
                           const SearchIndexSettings& settings = {});

  std::size_t size() const;
  std::uint64_t fingerprint() const;
  SearchIndexSettings settings() const;
  const std::string& bytes() const;

  // Version 2 (a head loaded by load()): the shards are added as the queries need them.
  bool sharded() const;
  std::size_t shard_count() const;
  PieceLocation shard_location(std::uint32_t shard) const;
  const std::vector<std::string>& files() const;
  // The shards `query` needs that are not added yet, in ascending order.
  // `stem`: the query is stemmed (SearchOptions::stem, or the index's setting).
  std::vector<std::uint32_t> shards_for(std::string_view query, bool prefix,
                                        bool stem = false) const;
  bool has_shard(std::uint32_t shard) const;
  // Checks the shard (signature, version, number, fingerprint, checksum, its terms within its
  // range, every posting within the documents) before keeping it; refused shards are not kept.
  std::optional<IndexError> add_shard(std::uint32_t shard, std::string bytes);
  // Drops the least recently used shards until at most `max_bytes` of shards are kept.
  void trim_shards(std::size_t max_bytes);
  std::size_t shard_bytes() const;

  // `documents` gives each hit's metadata; `bodies` its text, when given (else the body of
  // what `documents` returns).
  SearchResult search(std::string_view query, const SearchOptions& options,
                      const DocumentProvider& documents, const BodySource& bodies = {}) const;
  // For an index made by build(): its own documents provide the text.
  SearchResult search(std::string_view query, const SearchOptions& options = {}) const;

  struct Data;
  // A query's ranked matches and facets, before any article is read (search.cc).
  struct Ranking;

 private:
  std::unique_ptr<Data> data_;
  std::vector<SearchDocument> documents_;  // only for build()
};

}  // namespace folio
