// Article loading end to end: parse_article (encoding checks, front matter, the article model,
// the scraping-artifact filter, body facts and summaries), then the article's JSON form as
// corpus.json and folio.js receive it. Must never throw, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <folio/article.h>
#include <folio/corpus.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  folio::ArticleOptions options;
  options.zone = *folio::parse_fixed_time_zone("+08:00");
  const folio::ParsedArticle parsed =
      folio::parse_article(text, "_posts/2013-07-15-fuzz.md", options);
  if (!parsed.article) {
    bool has_error = false;
    for (const folio::Diagnostic& d : parsed.diagnostics) {
      has_error |= d.severity != folio::Severity::warning;
    }
    if (!has_error) std::abort();  // a skipped source must say why (error or note)
    return 0;
  }
  const folio::Article& article = *parsed.article;
  if (article.id.empty()) std::abort();  // every article gets an id
  folio::article_json(article);
  folio::Corpus corpus;
  corpus.articles.push_back(article);
  const std::string json = folio::corpus_to_json(corpus);
  // What the builder wrote, the loader reads back.
  const folio::LoadedCorpus loaded = folio::corpus_from_json(json);
  if (!loaded.ok || loaded.corpus.articles.size() != 1) std::abort();
  return 0;
}
