#include <nlohmann/json.hpp>

#include <folio/corpus.h>

#include "article_json.h"

namespace folio {

using nlohmann::json;

Library::Library(Corpus corpus) : corpus_(std::move(corpus)) {
  for (const Article& article : corpus_.articles) {
    index_.add(SearchDocument{article.id, article.title, article.date,
                              render_plain_text(article.markdown)});
  }
}

const Article* Library::find(std::string_view id) const {
  for (const Article& article : corpus_.articles) {
    if (article.id == id) return &article;
  }
  return nullptr;
}

std::optional<std::string> Library::render(std::string_view id,
                                           const RenderOptions& options) const {
  const Article* article = find(id);
  if (!article) return std::nullopt;
  return render_html(article->markdown, options);
}

SearchResult Library::search(std::string_view query, const SearchOptions& options) const {
  return index_.search(query, options);
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
    hits.push_back(
        json{{"id", hit.id}, {"title", hit.title}, {"snippet", hit.snippet}, {"score", hit.score}});
  }
  return dump(json{{"total", result.total}, {"hits", std::move(hits)}});
}

}  // namespace folio
