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
  bool phrase = false;     // from "quotes"
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

  // `documents` gives each hit's metadata; `bodies` its text, when given (else the body of
  // what `documents` returns).
  SearchResult search(std::string_view query, const SearchOptions& options,
                      const DocumentProvider& documents, const BodySource& bodies = {}) const;
  // For an index made by build(): its own documents provide the text.
  SearchResult search(std::string_view query, const SearchOptions& options = {}) const;

  struct Data;

 private:
  std::unique_ptr<Data> data_;
  std::vector<SearchDocument> documents_;  // only for build()
};

}  // namespace folio
