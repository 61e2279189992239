// The article model's fields as JSON, shared by corpus.json (corpus.cc) and the metadata the CLI
// and folio.js return (library.cc), so both always carry the same fields (internal).
#pragma once

#include <nlohmann/json.hpp>

#include <folio/article.h>
#include <folio/corpus.h>
#include <folio/index.h>

namespace folio::detail {

// Every model field except `layout`, `meta` and `markdown`.
inline nlohmann::json article_metadata_json(const Article& a) {
  return nlohmann::json{{"id", a.id},
                        {"title", a.title},
                        {"author", a.author},
                        {"authors", a.authors},
                        {"date", a.date},
                        {"updated", a.updated},
                        {"url", a.url},
                        {"tags", a.tags},
                        {"categories", a.categories},
                        {"summary", a.summary},
                        {"lang", a.lang},
                        {"image", a.image},
                        {"draft", a.draft},
                        {"reading_minutes", a.reading_minutes},
                        {"cjk_chars", a.cjk_chars},
                        {"latin_words", a.latin_words},
                        {"source", a.source}};
}

// The whole corpus.json entry of an article: metadata, layout, meta and Markdown.
inline nlohmann::json article_entry_json(const Article& a) {
  nlohmann::json entry = article_metadata_json(a);
  entry["layout"] = a.layout;
  entry["meta"] = a.meta;
  entry["markdown"] = a.markdown;
  return entry;
}

// One corpus.json entry (or a sharded site's article record) as an article; false with the
// first problem found ("missing \"id\"", "\"tags\" must be an array of strings") otherwise,
// and its code in `problem_code` when given: corpus.too_large for Markdown past
// kCorpusMaxMarkdownBytes, else corpus.article.
bool article_from_json(const nlohmann::json& entry, Article& article, std::string& problem,
                       const char** problem_code = nullptr);

// The plain text of a prefix of a body, for snippets (library.cc).
BodyPrefix plain_text_prefix(std::string_view markdown, std::size_t min_bytes);

// corpus.json's "render" object (null when every setting is the default), and back; a value of
// the wrong kind is left out with a warning.
nlohmann::json render_settings_json(const CorpusRenderSettings& settings);
CorpusRenderSettings render_settings_from_json(const nlohmann::json& settings,
                                               std::string_view source,
                                               std::vector<Diagnostic>& diagnostics);

// What search shows of an article besides its text.
SearchDocument search_metadata(const Article& article);

}  // namespace folio::detail
