#include <nlohmann/json.hpp>
#include <stdexcept>

#include <folio/corpus.h>

#include "article_json.h"

namespace folio {

using nlohmann::json;

namespace detail {

SearchDocument search_metadata(const Article& article) {
  SearchDocument document;
  document.id = article.id;
  document.title = article.title;
  document.author = article.author;
  document.tags = article.tags;
  document.date = article.date;
  return document;
}

}  // namespace detail

SearchDocument search_document(const Article& article) {
  SearchDocument document = detail::search_metadata(article);
  document.body = render_plain_text(article.markdown);
  return document;
}

std::uint64_t corpus_fingerprint(const Corpus& corpus) {
  std::uint64_t hash = fnv1a64("folio-corpus-fingerprint-1");
  const auto field = [&hash](std::string_view text) {
    // Length first, so ("ab","c") and ("a","bc") differ.
    hash = fnv1a64(std::to_string(text.size()) + ":", hash);
    hash = fnv1a64(text, hash);
  };
  for (const Article& a : corpus.articles) {
    field(a.id);
    field(a.title);
    field(std::to_string(a.tags.size()));
    field(a.author);
    field(a.date);
    for (const std::string& tag : a.tags) field(tag);
    field(a.markdown);
  }
  return hash;
}

namespace {

std::vector<SearchDocument> search_documents(const Corpus& corpus) {
  std::vector<SearchDocument> documents;
  documents.reserve(corpus.articles.size());
  for (const Article& article : corpus.articles) documents.push_back(search_document(article));
  return documents;
}

SearchIndex build_index(const Corpus& corpus) {
  IndexError problem;
  std::optional<SearchIndex> index = SearchIndex::load(encode_corpus_index(corpus), &problem);
  if (!index)
    throw std::logic_error("folio: a freshly encoded index is invalid: " + problem.message);
  return std::move(*index);
}

}  // namespace

std::string encode_corpus_index(const Corpus& corpus) {
  return encode_search_index(search_documents(corpus), corpus_fingerprint(corpus));
}

Library::Library(Corpus corpus) : corpus_(std::move(corpus)), index_(build_index(corpus_)) {}

Library::Library(Corpus corpus, std::string index_bytes, std::vector<Diagnostic>& diagnostics)
    : corpus_(std::move(corpus)) {
  IndexError problem;
  std::optional<SearchIndex> loaded = SearchIndex::load(std::move(index_bytes), &problem);
  if (loaded && loaded->fingerprint() != corpus_fingerprint(corpus_)) {
    problem = {code::kIndexStale, "the search index was built for other articles; rebuilding it"};
    loaded.reset();
  }
  if (loaded) {
    index_ = std::move(*loaded);
    index_from_file_ = true;
    return;
  }
  diagnostics.push_back({Severity::warning, kSearchIndexFileName, 0, 0, problem.code,
                         problem.message + " (the index is built from the corpus instead)"});
  index_ = build_index(corpus_);
}

const Article* Library::find(std::string_view id) const {
  for (const Article& article : corpus_.articles) {
    if (article.id == id) return &article;
  }
  return nullptr;
}

RenderOptions render_options_for(const CorpusRenderSettings& settings) {
  RenderOptions options;
  options.base_url = settings.base_url;
  options.cjk_friendly_emphasis = settings.cjk_emphasis;
  return options;
}

RenderOptions Library::render_options() const { return render_options_for(corpus_.render); }

std::optional<std::string> Library::render(std::string_view id) const {
  return render(id, render_options());
}

std::optional<std::string> Library::render(std::string_view id,
                                           const RenderOptions& options) const {
  const Article* article = find(id);
  if (!article) return std::nullopt;
  return render_html(article->markdown, options);
}

namespace {

// The end of the first blank line at or after `from`, or npos.
std::size_t blank_line_after(std::string_view markdown, std::size_t from) {
  for (std::size_t pos = markdown.find('\n', from); pos != std::string_view::npos;
       pos = markdown.find('\n', pos + 1)) {
    std::size_t next = pos + 1;
    while (next < markdown.size() && (markdown[next] == ' ' || markdown[next] == '\t')) ++next;
    if (next < markdown.size() && markdown[next] == '\n') return next + 1;
  }
  return std::string_view::npos;
}

}  // namespace

// The plain text of a prefix of the body, cut at a blank line. Blocks before a blank line are
// complete there, so they render to the same text as in the whole article, with one exception:
// a link reference definition further down ("[x]: url") changes how "[x]" reads before it. A
// body with "]:" anywhere is therefore always rendered whole.
BodyPrefix detail::plain_text_prefix(std::string_view markdown, std::size_t min_bytes) {
  if (min_bytes < markdown.size() && markdown.find("]:") == std::string_view::npos) {
    const std::size_t cut = blank_line_after(markdown, min_bytes);
    if (cut != std::string_view::npos && cut < markdown.size()) {
      return {render_plain_text(markdown.substr(0, cut)), false};
    }
  }
  return {render_plain_text(markdown), true};
}

SearchResult Library::search(std::string_view query, const SearchOptions& options) const {
  const auto metadata = [this](std::size_t doc) {
    return doc < corpus_.articles.size() ? detail::search_metadata(corpus_.articles[doc])
                                         : SearchDocument{};
  };
  const auto body = [this](std::size_t doc, std::size_t min_bytes) {
    return doc < corpus_.articles.size()
               ? detail::plain_text_prefix(corpus_.articles[doc].markdown, min_bytes)
               : BodyPrefix{};
  };
  return index_.search(query, options, metadata, body);
}

namespace {

json article_metadata(const Article& a) { return detail::article_metadata_json(a); }

// Replacement instead of an exception: the text was validated as UTF-8 when loaded, and a
// stray byte must never cost the caller the whole answer.
std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string articles_summary_json(const Library& library) {
  json list = json::array();
  for (const Article& a : library.articles()) list.push_back(article_metadata(a));
  return dump(list);
}

std::string article_json(const Article& article) {
  json metadata = article_metadata(article);
  metadata["meta"] = article.meta;
  return dump(metadata);
}

std::string search_result_json(const SearchResult& result) {
  json hits = json::array();
  for (const SearchHit& hit : result.hits) {
    hits.push_back(json{{"id", hit.id},
                        {"title", hit.title},
                        {"date", hit.date},
                        {"author", hit.author},
                        {"tags", hit.tags},
                        {"snippet", hit.snippet},
                        {"score", hit.score}});
  }
  const auto facet = [](const std::vector<FacetCount>& counts) {
    json list = json::array();
    for (const FacetCount& c : counts) list.push_back(json{{"value", c.value}, {"count", c.count}});
    return list;
  };
  return dump(json{{"total", result.total},
                   {"offset", result.offset},
                   {"limit", result.limit},
                   {"hits", std::move(hits)},
                   {"facets",
                    {{"author", facet(result.facets.author)},
                     {"year", facet(result.facets.year)},
                     {"tag", facet(result.facets.tag)}}}});
}

std::string rendered_document_json(const RenderedDocument& document) {
  json toc = json::array();
  for (const TocEntry& entry : document.toc) {
    toc.push_back(json{{"level", entry.level}, {"id", entry.id}, {"text", entry.text}});
  }
  return dump(json{{"html", document.html}, {"toc", std::move(toc)}});
}

}  // namespace folio
