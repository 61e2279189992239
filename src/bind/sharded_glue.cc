// The WASM module's surface: glue only. Every function forwards to the core and returns JSON
// text or HTML; web/folio.js is the public API over it and owns every handle made here.
// A C++ exception must never reach JS (in Emscripten 3.1.6 JS would see a bare pointer,
// toolchain.md pitfall 10), so each entry point catches and answers with {"error": ...}.
// This file: a sharded site's search (ShardedLibrary), in folio-core and folio-site.
#include <emscripten/bind.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include <folio/sharded_library.h>

#include "glue_json.h"

namespace {

using folio_bind::error_json;
using folio_bind::json;
using folio_bind::search_options;

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

EMSCRIPTEN_BINDINGS(folio_sharded) {
  emscripten::class_<ShardedHandle>("ShardedLibrary")
      .constructor<>()
      .function("open", &ShardedHandle::open)
      .function("search", &ShardedHandle::search)
      .function("addShard", &ShardedHandle::add_shard)
      .function("addRecord", &ShardedHandle::add_record)
      .function("trim", &ShardedHandle::trim);
}
