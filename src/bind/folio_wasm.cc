// The WASM module's surface: glue only. Every function forwards to the core and returns JSON
// text or HTML; web/folio.js is the public API over it and owns every handle made here.
// A C++ exception must never reach JS (in Emscripten 3.1.6 JS would see a bare pointer,
// toolchain.md pitfall 10), so each entry point catches and answers with {"error": ...}.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include <folio/article.h>
#include <folio/corpus.h>
#include <folio/render.h>
#include <folio/sharded_library.h>

#include "render_glue.h"

namespace {

using folio_bind::kTrusted;
using folio_bind::output_view;
using folio_bind::render_into_output;
using folio_bind::render_options;
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

// sort: 0 relevance, 1 newest, 2 oldest.
// sort: 0 relevance, 1 newest, 2 oldest; stem: 0 off, 1 on, else the site's setting.
folio::SearchOptions search_options(int limit, int offset, int sort, bool prefix, bool snippets,
                                    int stem) {
  folio::SearchOptions options;
  options.limit = static_cast<std::size_t>(limit < 0 ? 0 : limit);
  options.offset = static_cast<std::size_t>(offset < 0 ? 0 : offset);
  options.sort = sort == 1   ? folio::SearchSort::newest
                 : sort == 2 ? folio::SearchSort::oldest
                             : folio::SearchSort::relevance;
  options.prefix = prefix;
  options.snippets = snippets;
  if (stem == 0 || stem == 1) options.stem = stem == 1;
  return options;
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

// A sharded site (src/site/FORMAT.md): folio.js fetches the pieces a call says it needs and adds
// them, then asks again; this side validates every piece and answers as Library does.
class ShardedHandle {
 public:
  // The index head (already inflated): {"ok": true, "articles": N} or {"error": ...}. Articles
  // opened by id are rendered by folio.js from their records (renderInput), without the head.
  std::string open(const std::string& head) {
    try {
      folio::IndexError problem;
      library_ = folio::ShardedLibrary::open(head, &problem);
      if (!library_) return error_json(problem.code, "index head: " + problem.message);
      return "{\"ok\":true,\"articles\":" + std::to_string(library_->size()) + "}";
    } catch (const std::exception& e) {
      return error_json("internal", e.what());
    }
  }

  // The result JSON, or {"needs": {"shards": [{shard, file, offset, length}], "records": [doc]}}.
  std::string search(const std::string& query, int limit, int offset, int sort, bool prefix,
                     bool snippets, int stem) {
    try {
      if (!library_) return folio::search_result_json(folio::SearchResult{});
      folio::ShardedLibrary::Needs needs;
      const folio::SearchResult result = library_->search(
          query, search_options(limit, offset, sort, prefix, snippets, stem), needs);
      if (needs.empty()) return folio::search_result_json(result);
      json shards = json::array();
      const folio::SearchIndex& index = library_->index();
      for (const std::uint32_t shard : needs.shards) {
        const folio::PieceLocation at = index.shard_location(shard);
        shards.push_back({{"shard", shard},
                          {"file", index.files().at(at.file)},
                          {"offset", at.offset},
                          {"length", at.length}});
      }
      return json{{"needs", {{"shards", shards}, {"records", needs.records}}}}.dump();
    } catch (const std::exception& e) {
      return error_json("internal", e.what());
    }
  }

  // "" when the piece was kept, else {"error": ...}.
  std::string add_shard(int shard, const std::string& bytes) {
    if (!library_ || shard < 0) return error_json("usage", "no sharded index is open");
    const std::optional<folio::IndexError> problem =
        library_->index().add_shard(static_cast<std::uint32_t>(shard), bytes);
    return problem ? error_json(problem->code, problem->message) : std::string();
  }

  std::string add_record(int doc, const std::string& record_json) {
    if (!library_ || doc < 0) return error_json("usage", "no sharded index is open");
    const std::optional<folio::IndexError> problem =
        library_->add_record(static_cast<std::uint32_t>(doc), record_json);
    return problem ? error_json(problem->code, problem->message) : std::string();
  }

  // Keeps at most `records` articles and `shard_bytes` of index shards (least recently used out).
  void trim(int records, int shard_bytes) {
    if (library_) {
      library_->trim(static_cast<std::size_t>(std::max(records, 0)),
                     static_cast<std::size_t>(std::max(shard_bytes, 0)));
    }
  }

 private:
  std::optional<folio::ShardedLibrary> library_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(folio) {
  emscripten::class_<LibraryHandle>("Library")
      .constructor<>()
      .function("load", &LibraryHandle::load)
      .function("articles", &LibraryHandle::articles)
      .function("article", &LibraryHandle::article)
      .function("has", &LibraryHandle::has)
      .function("render", &LibraryHandle::render)
      .function("renderView", &LibraryHandle::render_view)
      .function("search", &LibraryHandle::search);
  emscripten::class_<ShardedHandle>("ShardedLibrary")
      .constructor<>()
      .function("open", &ShardedHandle::open)
      .function("search", &ShardedHandle::search)
      .function("addShard", &ShardedHandle::add_shard)
      .function("addRecord", &ShardedHandle::add_record)
      .function("trim", &ShardedHandle::trim);
}
