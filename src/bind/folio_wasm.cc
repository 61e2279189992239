// The WASM module's surface: glue only. Every function forwards to the core and returns JSON
// text or HTML; web/folio.js is the public API over it and owns every handle made here.
// A C++ exception must never reach JS (in Emscripten 3.1.6 JS would see a bare pointer,
// toolchain.md pitfall 10), so each entry point catches and answers with {"error": ...}.
#include <emscripten/bind.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include <folio/article.h>
#include <folio/corpus.h>
#include <folio/render.h>

namespace {

using nlohmann::json;

std::string error_json(const std::string& code, const std::string& message) {
  return json{{"error", {{"code", code}, {"message", message}}}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

std::string diagnostics_json(const std::vector<folio::Diagnostic>& diagnostics) {
  json list = json::array();
  for (const folio::Diagnostic& d : diagnostics) {
    list.push_back(json{{"text", folio::format_diagnostic(d)}, {"code", d.code}});
  }
  return list.dump(-1, ' ', false, json::error_handler_t::replace);
}

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
      return "{\"ok\":" + std::string(loaded.ok ? "true" : "false") + ",\"index\":\"" +
             (from_file ? "file" : "built") +
             "\",\"diagnostics\":" + diagnostics_json(loaded.diagnostics) + "}";
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

  // sort: 0 relevance, 1 newest, 2 oldest.
  std::string search(const std::string& query, int limit, int offset, int sort, bool prefix) const {
    try {
      folio::SearchOptions options;
      options.limit = static_cast<std::size_t>(limit < 0 ? 0 : limit);
      options.offset = static_cast<std::size_t>(offset < 0 ? 0 : offset);
      options.sort = sort == 1   ? folio::SearchSort::newest
                     : sort == 2 ? folio::SearchSort::oldest
                                 : folio::SearchSort::relevance;
      options.prefix = prefix;
      if (!library_) return folio::search_result_json(folio::SearchResult{});
      return folio::search_result_json(library_->search(query, options));
    } catch (const std::exception& e) {
      return error_json("internal", e.what());
    }
  }

 private:
  std::optional<folio::Library> library_;
};

std::string render_markdown(const std::string& markdown) {
  try {
    return folio::render_html(markdown);
  } catch (const std::exception&) {
    return {};
  }
}

std::string version() { return FOLIO_VERSION; }

}  // namespace

EMSCRIPTEN_BINDINGS(folio) {
  emscripten::class_<LibraryHandle>("Library")
      .constructor<>()
      .function("load", &LibraryHandle::load)
      .function("articles", &LibraryHandle::articles)
      .function("article", &LibraryHandle::article)
      .function("has", &LibraryHandle::has)
      .function("render", &LibraryHandle::render)
      .function("search", &LibraryHandle::search);
  emscripten::function("renderMarkdown", &render_markdown);
  emscripten::function("version", &version);
}
