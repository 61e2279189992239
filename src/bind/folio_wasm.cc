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

// Rendering crosses the JS/WASM boundary as UTF-8 bytes, not as Embind std::string values:
// Embind 3.1.6 converts those with per-character JS loops (lengthBytesUTF8 + stringToUTF8 in,
// a NUL scan + UTF8ToString out), which cost more than md4c's parse. folio.js instead encodes
// into inputBuffer() with TextEncoder.encodeInto and decodes the returned view with one
// TextDecoder call. A view into WASM memory is valid only until the next allocation, so
// folio.js decodes it at once.
std::string g_input;
std::vector<std::uint32_t> g_input_offsets;  // renderBatch: document boundaries in g_input
std::string g_output;
std::vector<std::uint32_t> g_output_offsets;  // renderBatch: document boundaries in g_output
std::u16string g_output16;                    // g_output as UTF-16 (kUtf16)

emscripten::val bytes_view(const std::string& bytes) {
  return emscripten::val(emscripten::typed_memory_view(
      bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data())));
}

// folio.js's render options as one integer (web/folio.js, renderFlags) plus the base URL.
enum RenderFlag : int {
  kTrusted = 1,         // explicit opt-in by the calling code (renderMarkdown only)
  kSafe = 2,            // force safe mode in a FOLIO_TRUSTED_HTML build
  kCommonMark = 4,      // no GitHub extensions, no reader extras
  kCjkEmphasis = 8,     // commonmark-spec#650
  kNoExtras = 16,       // no heading ids, rel or loading attributes
  kToc = 32,            // answer {html, toc} as JSON instead of the HTML alone
  kNoCjkEmphasis = 64,  // renderView: turn off a corpus's cjkEmphasis setting
  kUtf16 = 128,         // answer UTF-16 (a Uint16Array view) rather than UTF-8 bytes
};

// The output buffer as folio.js asked for it: UTF-8 bytes, or UTF-16 code units, which V8 and
// Blink turn into a string about twice as fast when the text is mostly CJK.
emscripten::val output_view(int flags) {
  if (!(flags & kUtf16)) return bytes_view(g_output);
  g_output16.clear();
  folio::append_utf16(g_output16, g_output);
  return emscripten::val(emscripten::typed_memory_view(
      g_output16.size(), reinterpret_cast<const std::uint16_t*>(g_output16.data())));
}

folio::RenderOptions render_options(int flags, const std::string& base_url,
                                    folio::RenderOptions options = {}) {
  if (flags & kTrusted) options.trusted = true;
  if (flags & kSafe) options.trusted = false;
  if (flags & kCommonMark) {
    options.extensions = folio::kCommonMarkOnly;
    options.reader_extras = false;
  }
  if (flags & kNoExtras) options.reader_extras = false;
  if (flags & kCjkEmphasis) options.cjk_friendly_emphasis = true;
  if (flags & kNoCjkEmphasis) options.cjk_friendly_emphasis = false;
  if (!base_url.empty()) options.base_url = base_url;
  return options;
}

void render_into_output(std::string_view markdown, const folio::RenderOptions& options, int flags) {
  g_output.clear();
  if (flags & kToc) {
    g_output = folio::rendered_document_json(folio::render_document(markdown, options));
  } else {
    folio::render_html_into(g_output, markdown, options);
  }
}

// A view of `size` writable bytes. The buffer only grows: resizing down and up again would
// zero-fill the difference on every call.
emscripten::val input_buffer(std::size_t size) {
  if (g_input.size() < size) g_input.resize(size);
  return emscripten::val(
      emscripten::typed_memory_view(size, reinterpret_cast<std::uint8_t*>(g_input.data())));
}

emscripten::val input_offsets(std::size_t count) {
  g_input_offsets.resize(count);
  return emscripten::val(emscripten::typed_memory_view(count, g_input_offsets.data()));
}

// Renders the first `used` bytes of the input buffer; answers a view of the HTML (or JSON).
emscripten::val render_input(std::size_t used, int flags, const std::string& base_url) {
  try {
    render_into_output(std::string_view(g_input.data(), std::min(used, g_input.size())),
                       render_options(flags, base_url), flags);
  } catch (const std::exception&) {
    g_output.clear();
  }
  return output_view(flags);
}

// Renders `count` documents at once: document i is input bytes [offsets[i], offsets[i+1]) of the
// input buffer, its HTML output bytes [outputOffsets()[i], outputOffsets()[i+1]).
emscripten::val render_batch(std::size_t count, int flags, const std::string& base_url) {
  g_output.clear();
  g_output_offsets.assign(1, 0);
  const folio::RenderOptions options = render_options(flags & ~kToc, base_url);
  for (std::size_t i = 0; i < count && i + 1 < g_input_offsets.size(); ++i) {
    const std::uint32_t begin = std::min<std::uint32_t>(g_input_offsets[i], g_input.size());
    const std::uint32_t end =
        std::max(begin, std::min<std::uint32_t>(g_input_offsets[i + 1], g_input.size()));
    try {
      folio::render_html_into(g_output, std::string_view(g_input.data() + begin, end - begin),
                              options);
    } catch (const std::exception&) {
      g_output.resize(g_output_offsets.back());
    }
    g_output_offsets.push_back(static_cast<std::uint32_t>(g_output.size()));
  }
  return bytes_view(g_output);  // UTF-8: for one large batch it decoded faster than UTF-16
}

emscripten::val output_offsets() {
  return emscripten::val(
      emscripten::typed_memory_view(g_output_offsets.size(), g_output_offsets.data()));
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
    g_output.clear();
    try {
      const folio::Article* article = library_ ? library_->find(id) : nullptr;
      // The corpus's own settings (folio build --base-url/--cjk-emphasis) unless JS overrides.
      if (article != nullptr) {
        render_into_output(article->markdown,
                           render_options(flags & ~kTrusted, base_url, library_->render_options()),
                           flags);
      }
    } catch (const std::exception&) {
      g_output.clear();
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
      .function("renderView", &LibraryHandle::render_view)
      .function("search", &LibraryHandle::search);
  emscripten::class_<ShardedHandle>("ShardedLibrary")
      .constructor<>()
      .function("open", &ShardedHandle::open)
      .function("search", &ShardedHandle::search)
      .function("addShard", &ShardedHandle::add_shard)
      .function("addRecord", &ShardedHandle::add_record)
      .function("trim", &ShardedHandle::trim);
  emscripten::function("renderMarkdown", &render_markdown);
  emscripten::function("inputBuffer", &input_buffer);
  emscripten::function("inputOffsets", &input_offsets);
  emscripten::function("renderInput", &render_input);
  emscripten::function("renderBatch", &render_batch);
  emscripten::function("outputOffsets", &output_offsets);
  emscripten::function("version", &version);
}
