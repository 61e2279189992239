// The files of a built site: corpus.json, the web shell (web/) and the WASM runtime, gathered
// in memory so the same set can be written to a folder or packed into one HTML file.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <vector>

#include <folio/text.h>

#include <folio/site.h>

#include "cli.h"

namespace folio::cli {
namespace fs = std::filesystem;

namespace {

// The runtime is the web shell (web/) and the WASM build: folio-core.js + .wasm, and for a
// sharded site folio-site and folio-render too (src/CMakeLists.txt says what each holds).
// FOLIO_WEB_DIR and FOLIO_WASM_DIR override where this binary was told at build time they live.
std::string runtime_dir(const char* env, const char* fallback) {
  const char* value = std::getenv(env);
  return value && *value ? value : fallback;
}

const char* const kWasmFiles[] = {"folio-core.js",   "folio-core.wasm", "folio-site.js",
                                  "folio-site.wasm", "folio-render.js", "folio-render.wasm"};
// One corpus.json is read by folio-core alone (the first two), and a single-file page would
// carry the others for nothing; a sharded site ships them all.
std::vector<const char*> wasm_files(bool sharded) {
  return {std::begin(kWasmFiles), std::begin(kWasmFiles) + (sharded ? std::size(kWasmFiles) : 2)};
}

}  // namespace

std::string set_page_title_and_lang(const std::string& html, const std::string& title,
                                    const std::string& lang) {
  std::string out = html;
  if (!title.empty()) {
    const std::size_t open = out.find("<title>");
    const std::size_t close = open == std::string::npos ? open : out.find("</title>", open);
    if (close != std::string::npos) {
      out.replace(open + 7, close - open - 7, html_escape(title));
    }
  }
  if (!lang.empty()) {
    const std::size_t tag = out.find("<html");
    if (tag != std::string::npos) {
      const std::size_t end = out.find('>', tag);
      const std::size_t attr = out.find(" lang=\"", tag);
      if (attr != std::string::npos && attr < end) {
        const std::size_t value = attr + 7;
        out.replace(value, out.find('"', value) - value, html_escape(lang));
      } else if (end != std::string::npos) {
        out.insert(tag + 5, " lang=\"" + html_escape(lang) + "\"");
      }
    }
  }
  return out;
}

std::string set_viewer_layout(const std::string& html, bool sharded) {
  const std::size_t tag = html.find("<folio-viewer");
  if (tag == std::string::npos) return html;
  const std::size_t name_end = tag + std::string_view("<folio-viewer").size();
  const std::size_t end = html.find('>', name_end);
  if (end == std::string::npos) return html;
  const std::size_t given = html.find(" layout=", name_end);
  if (given != std::string::npos && given < end) return html;
  std::string out = html;
  out.insert(name_end, sharded ? " layout=\"sharded\"" : " layout=\"single\"");
  return out;
}

std::string site_files(const std::string& corpus_json, const std::string& index,
                       const SiteOptions& options, SiteFiles& files) {
  const fs::path web = runtime_dir("FOLIO_WEB_DIR", FOLIO_DEFAULT_WEB_DIR);
  const fs::path wasm = runtime_dir("FOLIO_WASM_DIR", FOLIO_DEFAULT_WASM_DIR);
  if (!fs::is_regular_file(web / "index.html")) {
    return "the web shell is missing: no " + (web / "index.html").string() +
           " (set FOLIO_WEB_DIR to folio's web/ folder)";
  }
  const std::vector<const char*> shipped = wasm_files(options.sharded);
  for (const char* name : shipped) {
    if (!fs::is_regular_file(wasm / name)) {
      return "the WASM runtime is missing: no " + (wasm / name).string() +
             " (run `make wasm`, or set FOLIO_WASM_DIR)";
    }
  }
  std::error_code ec;
  for (fs::recursive_directory_iterator it(web, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string name = fs::relative(it->path(), web, ec).generic_string();
    if (!read_file(it->path().string(), files[name])) return "cannot read " + it->path().string();
  }
  if (ec) return "cannot read the web shell in " + web.string() + ": " + ec.message();
  for (const char* name : shipped) {
    if (!read_file((wasm / name).string(), files[name])) {
      return "cannot read " + (wasm / name).string();
    }
  }
  files["index.html"] = set_viewer_layout(
      set_page_title_and_lang(files["index.html"], options.title, options.lang), options.sharded);
  files["corpus.json"] = corpus_json;
  // The search index, so the browser loads it instead of indexing every article itself.
  files[kSearchIndexFileName] = index;
  return {};
}

std::string write_site_files(const std::string& site_dir, const SiteFiles& files) {
  std::error_code ec;
  fs::create_directories(site_dir, ec);
  if (ec) return "cannot create " + site_dir + ": " + ec.message();
  for (const auto& [name, bytes] : files) {
    const fs::path path = fs::path(site_dir) / name;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return "cannot create " + path.parent_path().string() + ": " + ec.message();
    if (!write_file(path.string(), bytes)) return "cannot write " + path.string();
  }
  return {};
}

bool is_sharded_site(const std::string& site) {
  fs::path path = site;
  if (fs::is_directory(path)) path /= "corpus.json";
  // An entry is a few hundred bytes; a corpus of that size is small enough to look at too.
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  std::string text;
  return !ec && size <= 64 * 1024 && read_file(path.string(), text) && is_site_entry(text);
}

std::optional<std::string> read_site_index(const std::string& site) {
  fs::path path = site;
  if (!fs::is_directory(path)) path = path.parent_path();
  std::string bytes;
  if (!read_file((path / kSearchIndexFileName).string(), bytes)) return std::nullopt;
  return bytes;
}

LoadedCorpus load_site(const std::string& site) {
  fs::path path = site;
  if (fs::is_directory(path)) path /= "corpus.json";
  std::string text;
  if (!read_file(path.string(), text)) {
    LoadedCorpus out;
    out.ok = false;
    out.diagnostics.push_back(
        {Severity::error, path.string(), 0, 0, code::kIoUnreadable, "cannot read the corpus"});
    return out;
  }
  return corpus_from_json(text, path.string());
}

}  // namespace folio::cli
