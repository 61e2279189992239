// The WASM module's surface: glue only. Every function forwards to the core and returns JSON
// text or HTML; web/folio.js is the public API over it and owns every handle made here.
// A C++ exception must never reach JS (in Emscripten 3.1.6 JS would see a bare pointer,
// toolchain.md pitfall 10), so each entry point catches and answers with {"error": ...}.
// This file: one corpus.json (Library), in folio-core only (src/CMakeLists.txt says which module
// has which glue).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <optional>
#include <string>

#include <folio/corpus.h>
#include <folio/render.h>

#include "glue_json.h"
#include "render_glue.h"

namespace {

using folio_bind::diagnostics_json;
using folio_bind::error_json;
using folio_bind::json;
using folio_bind::kTrusted;
using folio_bind::output_view;
using folio_bind::render_into_output;
using folio_bind::render_options;
using folio_bind::search_options;

class LibraryHandle {
 public:
  // {"ok": bool, "diagnostics": [...]}: a corpus with bad entries still loads its good ones.
  // `index` is folio-index.bin's bytes, or empty: the index is then built here. A bad or stale
  // index is reported among the diagnostics (a warning) and replaced by a built one.
  std::string load(const std::string& corpus_json, const std::string& index) {
    try {
      folio::LoadedCorpus loaded = folio::corpus_from_json(corpus_json);
      if (loaded.ok && index.empty()) {
        library_.emplace(std::move(loaded.corpus));
      } else if (loaded.ok) {
        library_.emplace(std::move(loaded.corpus), index, loaded.diagnostics);
      }
      const bool from_file = library_ && library_->index_from_file();
      // What the site says about itself (corpus.json "site"): folio.js's site().
      const folio::SiteInfo site = library_ ? library_->site() : folio::SiteInfo{};
      const nlohmann::json site_json{{"title", site.title}, {"lang", site.lang}};
      return "{\"ok\":" + std::string(loaded.ok ? "true" : "false") + ",\"index\":\"" +
             (from_file ? "file" : "built") +
             "\",\"diagnostics\":" + diagnostics_json(loaded.diagnostics) + ",\"site\":" +
             site_json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "}";
    } catch (const std::exception& e) {
      return error_json("internal", e.what());
    }
  }

  std::string articles() const {
    if (!library_) return "[]";
    return folio::articles_summary_json(*library_);
  }

  // One article's metadata with its `meta` (front-matter fields outside the model), or "null".
  std::string article(const std::string& id) const {
    try {
      const folio::Article* found = library_ ? library_->find(id) : nullptr;
      return found ? folio::article_json(*found) : "null";
    } catch (const std::exception& e) {
      return error_json("internal", e.what());
    }
  }

  // folio.js asks `has` first, so an empty render is never mistaken for a missing article.
  bool has(const std::string& id) const { return library_ && library_->find(id) != nullptr; }

  std::string render(const std::string& id) const {
    try {
      if (!library_) return {};
      return library_->render(id).value_or(std::string());
    } catch (const std::exception&) {
      return {};
    }
  }

  // The article's HTML (or {html, toc} JSON with kToc) as a view of the output buffer; the
  // caller has checked `has` first. kTrusted is ignored: a corpus comes from strangers, and only
  // a FOLIO_TRUSTED_HTML build renders its articles trusted.
  emscripten::val render_view(const std::string& id, int flags, const std::string& base_url) const {
    folio_bind::output_buffer().clear();
    try {
      const folio::Article* article = library_ ? library_->find(id) : nullptr;
      // The corpus's own settings (folio build --base-url/--cjk-emphasis) unless JS overrides.
      if (article != nullptr) {
        render_into_output(article->markdown,
                           render_options(flags & ~kTrusted, base_url, library_->render_options()),
                           flags);
      }
    } catch (const std::exception&) {
      folio_bind::output_buffer().clear();
    }
    return output_view(flags);
  }

  // As search_options.
  std::string search(const std::string& query, int limit, int offset, int sort, bool prefix,
                     bool snippets, int stem) const {
    try {
      if (!library_) return folio::search_result_json(folio::SearchResult{});
      return folio::search_result_json(
          library_->search(query, search_options(limit, offset, sort, prefix, snippets, stem)));
    } catch (const std::exception& e) {
      return error_json("internal", e.what());
    }
  }

 private:
  std::optional<folio::Library> library_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(folio_library) {
  emscripten::class_<LibraryHandle>("Library")
      .constructor<>()
      .function("load", &LibraryHandle::load)
      .function("articles", &LibraryHandle::articles)
      .function("article", &LibraryHandle::article)
      .function("has", &LibraryHandle::has)
      .function("render", &LibraryHandle::render)
      .function("renderView", &LibraryHandle::render_view)
      .function("search", &LibraryHandle::search);
}
