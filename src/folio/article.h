// Article sources (front matter + Markdown body) to the article model.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <folio/error.h>

namespace folio {

struct Article {
  std::string id;        // stable and unique in a corpus: explicit `id`/`slug`, else the number
                         // ending `url`, else the file name without a Jekyll date prefix
  std::string title;     // `title`, else the file name
  std::string author;    // `author` | `name`
  std::string date;      // `date` | `time`, as written (ISO 8601 normalisation: folio 2)
  std::string url;       // the original link
  std::string layout;    // Jekyll's `layout`, kept for round trips
  std::string source;    // the input path as given
  std::string markdown;  // the body, front matter removed
};

struct ParsedArticle {
  std::optional<Article> article;       // empty when the source had to be skipped
  std::vector<Diagnostic> diagnostics;  // warnings (article loaded) or the error (skipped)
};

// Parses one article source. `source` names it in diagnostics and seeds the fallback id/title.
ParsedArticle parse_article(std::string_view text, std::string_view source);

// The id a source gets from its file name when the front matter names none:
// "_posts/2013-07-15-ott.md" -> "ott".
std::string id_from_file_name(std::string_view source);

}  // namespace folio
