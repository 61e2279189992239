// Full-text search over title and body. Queries and documents pass through the same
// normalisation (folio/text.h), natively and in WASM.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace folio {

struct SearchDocument {
  std::string id;
  std::string title;
  std::string date;  // ISO-like text; newer first on equal scores
  std::string body;  // plain text (render_plain_text), not Markdown
};

struct SearchOptions {
  std::size_t limit = 20;
  std::size_t offset = 0;
};

struct SearchHit {
  std::string id;
  std::string title;
  std::string snippet;  // escaped plain text; matches wrapped in <mark>, nothing else is markup
  double score = 0;
};

struct SearchResult {
  std::size_t total = 0;
  std::vector<SearchHit> hits;
};

class SearchIndex {
 public:
  void add(SearchDocument document);
  std::size_t size() const { return documents_.size(); }

  // Terms are AND-ed. A term containing CJK matches as a substring of the normalised text; a
  // Latin/digit edge of a term must sit on a word boundary ("OTT" does not match "BOTTLE").
  SearchResult search(std::string_view query, const SearchOptions& options = {}) const;

 private:
  struct Entry {
    SearchDocument document;
    std::string title_key;  // normalize_for_search(title)
    std::string body_key;   // normalize_for_search(body)
  };
  std::vector<Entry> documents_;
};

// Splits a query into normalised terms: white space separates, "double quotes" keep a phrase.
std::vector<std::string> parse_query_terms(std::string_view query);

}  // namespace folio
