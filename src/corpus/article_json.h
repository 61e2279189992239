// The article model's fields as JSON, shared by corpus.json (corpus.cc) and the metadata the CLI
// and folio.js return (library.cc), so both always carry the same fields (internal).
#pragma once

#include <nlohmann/json.hpp>

#include <folio/article.h>

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

}  // namespace folio::detail
