// A corpus: the articles of a site, their JSON form (corpus.json, documented in
// src/corpus/FORMAT.md) and a Library that renders and searches them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <folio/article.h>
#include <folio/error.h>
#include <folio/index.h>
#include <folio/render.h>

namespace folio {

// Version 2 (folio 2): `date` became ISO 8601 with an offset, and the article model's fields were
// added. Readers accept versions 1 and 2 and refuse any other by name.
inline constexpr int kCorpusFormatVersion = 2;
inline constexpr int kCorpusFormatOldestReadable = 1;
inline constexpr char kCorpusFormatName[] = "folio-corpus";
// Limits of what a corpus.json may ask of its reader (README.md, "Limits"). Copying, printing
// and freeing JSON values recurse once per level, so a hand-made file nested 200,000 deep would
// exhaust the stack (fuzz_corpus_json); folio writes at most 68 levels (front matter's 64 in
// `meta`, plus the file's own 4). An article's markdown is held to the source-file limit.
inline constexpr int kCorpusMaxDepth = 100;                       // corpus.too_deep
inline constexpr std::size_t kCorpusMaxMarkdownBytes = 8u << 20;  // corpus.too_large

// The offset of the first '[' or '{' in JSON text that opens a level deeper than `max_depth`, or
// text.size() when none does (brackets inside strings do not count; the text need not be valid
// JSON). Every reader of JSON from strangers asks this before parsing: corpus.json, and a sharded
// site's entry, manifest, id pieces and article records (src/site/reader.cc, ShardedLibrary).
std::size_t json_past_depth(std::string_view text, int max_depth = kCorpusMaxDepth);

// How a site's articles render, chosen by its builder (`folio build --base-url --cjk-emphasis`).
// Never trusted mode: corpus.json comes from whoever hosts it (README.md, "Trusted mode").
struct CorpusRenderSettings {
  std::string base_url;       // relative link/image URLs resolve against it; "" = as written
  bool cjk_emphasis = false;  // CJK-friendly emphasis (commonmark-spec#650)
};

// What the site says about itself (`folio build --title/--lang`, folio.yaml). Written to
// corpus.json as "site" only when one of them is set.
struct SiteInfo {
  std::string title;  // the site's name
  std::string lang;   // its language, a BCP 47 tag ("zh", "en", "zh-Hant")
  bool empty() const { return title.empty() && lang.empty(); }
};

// The RenderOptions a site's settings give (safe mode, always).
RenderOptions render_options_for(const CorpusRenderSettings& settings);

struct Corpus {
  std::vector<Article> articles;
  CorpusRenderSettings render;
  SiteInfo site;
  // How the site is searched (`folio build --stem english`): corpus.json "search", and the
  // index header's flags, so an index the browser builds itself searches the same way.
  SearchIndexSettings search;
};

struct LoadedCorpus {
  Corpus corpus;
  std::vector<Diagnostic> diagnostics;  // bad entries are reported and skipped, the rest load
  bool ok = true;                       // false when the file as a whole was unusable
  int version = 0;                      // the file's format version, when it has one
};

std::string corpus_to_json(const Corpus& corpus);
LoadedCorpus corpus_from_json(std::string_view json, std::string_view source = "corpus.json");

// Adds `article` unless its id is taken; a duplicate is reported and dropped, so ids stay unique.
// One scan per call: for one article at a time (corpus_from_json keeps its own id table).
bool add_unique(Corpus& corpus, Article article, std::vector<Diagnostic>& diagnostics);

// Builds a corpus from parsed articles, keeping every article and every id unique: an id already
// taken gets the article's date ("monthly-2019-02-01") when the dates differ, else the first
// folder where the two paths differ ("zh-traces" beside content/en/...), else a number
// ("traces-2"). A clash of ids the front matter gave (`id`, `slug`, a url number) is reported as
// article.duplicate_id (warning); clashes of file-name ids (translations, index.md files) are
// expected and silent.
class CorpusBuilder {
 public:
  // The id the article got.
  std::string add(Article article, std::vector<Diagnostic>& diagnostics);
  const Corpus& corpus() const { return corpus_; }
  Corpus take() { return std::move(corpus_); }
  void set_render_settings(CorpusRenderSettings settings) { corpus_.render = std::move(settings); }
  void set_search_settings(SearchIndexSettings settings) { corpus_.search = settings; }

 private:
  Corpus corpus_;
  std::unordered_map<std::string, std::size_t> holders_;  // id -> index in corpus_.articles
};

// What search indexes of an article: its metadata and the plain text of its rendered body.
SearchDocument search_document(const Article& article);

// Identifies a corpus's searchable content (FNV-1a 64 over each article's id, title, author,
// date and Markdown): an index file is used only with the corpus it was built from.
std::uint64_t corpus_fingerprint(const Corpus& corpus);

// The search index file (folio-index.bin) for `corpus`.
std::string encode_corpus_index(const Corpus& corpus);

// A loaded corpus, ready to list, render and search. Native CLI and WASM module use this same
// class, so both give the same answers.
class Library {
 public:
  // Builds the search index in memory (what the browser does when a site has no index file).
  explicit Library(Corpus corpus);
  // Uses `index_bytes` (folio-index.bin) when it is a valid index of this very corpus; otherwise
  // adds a warning (index.format, index.corrupt, index.stale) and builds the index itself.
  Library(Corpus corpus, std::string index_bytes, std::vector<Diagnostic>& diagnostics);

  // True when the index came from the file rather than being built here.
  bool index_from_file() const { return index_from_file_; }
  const SearchIndex& search_index() const { return index_; }

  const std::vector<Article>& articles() const { return corpus_.articles; }
  const SiteInfo& site() const { return corpus_.site; }
  const Article* find(std::string_view id) const;
  // The corpus's render settings applied to the default RenderOptions.
  RenderOptions render_options() const;
  // With the corpus's settings (render_options()), or with explicit options.
  std::optional<std::string> render(std::string_view id) const;
  std::optional<std::string> render(std::string_view id, const RenderOptions& options) const;
  SearchResult search(std::string_view query, const SearchOptions& options = {}) const;

 private:
  Corpus corpus_;
  SearchIndex index_;
  bool index_from_file_ = false;
};

// JSON shapes shared by `folio ... --json` and folio.js, so the CLI and the browser agree.
// [{id,title,author,authors,date,updated,url,tags,categories,summary,lang,image,draft,
//   reading_minutes,cjk_chars,latin_words,source}]
std::string articles_summary_json(const Library& library);
std::string article_json(const Article& article);  // one article's metadata, with `meta`
// {total, offset, limit, hits:[{id,title,date,author,tags,snippet,score}],
//  facets:{author:[{value,count}], year:[...], tag:[...]}}
std::string search_result_json(const SearchResult& result);
std::string rendered_document_json(
    const RenderedDocument& document);  // {html, toc:[{level,id,text}]}

}  // namespace folio
