// A corpus: the articles of a site, their JSON form (corpus.json, documented in
// src/corpus/FORMAT.md) and a Library that renders and searches them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <folio/article.h>
#include <folio/error.h>
#include <folio/index.h>
#include <folio/render.h>

namespace folio {

inline constexpr int kCorpusFormatVersion = 1;
inline constexpr char kCorpusFormatName[] = "folio-corpus";

struct Corpus {
  std::vector<Article> articles;
};

struct LoadedCorpus {
  Corpus corpus;
  std::vector<Diagnostic> diagnostics;  // bad entries are reported and skipped, the rest load
  bool ok = true;                       // false when the file as a whole was unusable
};

std::string corpus_to_json(const Corpus& corpus);
LoadedCorpus corpus_from_json(std::string_view json, std::string_view source = "corpus.json");

// Adds `article` unless its id is taken; a duplicate is reported and dropped, so ids stay unique.
bool add_unique(Corpus& corpus, Article article, std::vector<Diagnostic>& diagnostics);

// A loaded corpus, ready to list, render and search. Native CLI and WASM module use this same
// class, so both give the same answers.
class Library {
 public:
  explicit Library(Corpus corpus);

  const std::vector<Article>& articles() const { return corpus_.articles; }
  const Article* find(std::string_view id) const;
  std::optional<std::string> render(std::string_view id, const RenderOptions& options = {}) const;
  SearchResult search(std::string_view query, const SearchOptions& options = {}) const;

 private:
  Corpus corpus_;
  SearchIndex index_;
};

// JSON shapes shared by `folio ... --json` and folio.js, so the CLI and the browser agree.
std::string articles_summary_json(const Library& library);  // [{id,title,author,date,url}]
std::string article_json(const Article& article);           // one article's metadata
std::string search_result_json(
    const SearchResult& result);  // {total, hits:[{id,title,snippet,score}]}

}  // namespace folio
