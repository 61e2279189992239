// The corpus loader (corpus.json, src/corpus/FORMAT.md): any JSON-ish text from a stranger's
// host. Whatever loads must list, describe, render and search like a real corpus, as the WASM
// module does with it (src/bind/library_glue.cc).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include <folio/corpus.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  folio::LoadedCorpus loaded = folio::corpus_from_json(json);
  if (!loaded.ok) {
    if (loaded.diagnostics.empty()) std::abort();  // an unusable file must say why
    return 0;
  }
  const folio::Library library(std::move(loaded.corpus));
  // What folio.js and the CLI hand on must parse back as JSON: valid UTF-8, every string
  // escaped (the article crash was a string that was neither, on its way to corpus.json).
  const auto parses = [](const std::string& text) {
    if (!nlohmann::json::accept(text)) std::abort();
  };
  parses(folio::articles_summary_json(library));
  std::size_t rendered = 0;
  for (const folio::Article& article : library.articles()) {
    parses(folio::article_json(article));
    if (rendered++ < 4 && !library.render(article.id)) std::abort();  // listed, so findable
  }
  parses(folio::search_result_json(library.search("a 的")));
  parses(folio::search_result_json(library.search("year:2013 -tag:x")));
  return 0;
}
