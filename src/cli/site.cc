#include <cstdlib>
#include <filesystem>

#include "cli.h"

namespace folio::cli {
namespace fs = std::filesystem;

namespace {

// The runtime is the web shell (web/) and the WASM build (folio-core.js + .wasm). FOLIO_WEB_DIR
// and FOLIO_WASM_DIR override where this binary was told at build time they live.
std::string runtime_dir(const char* env, const char* fallback) {
  const char* value = std::getenv(env);
  return value && *value ? value : fallback;
}

const char* const kWasmFiles[] = {"folio-core.js", "folio-core.wasm"};

}  // namespace

std::string write_site(const std::string& site_dir, const Corpus& corpus) {
  const fs::path web = runtime_dir("FOLIO_WEB_DIR", FOLIO_DEFAULT_WEB_DIR);
  const fs::path wasm = runtime_dir("FOLIO_WASM_DIR", FOLIO_DEFAULT_WASM_DIR);
  if (!fs::is_regular_file(web / "index.html")) {
    return "the web shell is missing: no " + (web / "index.html").string() +
           " (set FOLIO_WEB_DIR to folio's web/ folder)";
  }
  for (const char* name : kWasmFiles) {
    if (!fs::is_regular_file(wasm / name)) {
      return "the WASM runtime is missing: no " + (wasm / name).string() +
             " (run `make wasm`, or set FOLIO_WASM_DIR)";
    }
  }
  std::error_code ec;
  fs::create_directories(site_dir, ec);
  if (ec) return "cannot create " + site_dir + ": " + ec.message();
  fs::copy(web, site_dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
  if (ec) return "cannot copy the web shell into " + site_dir + ": " + ec.message();
  for (const char* name : kWasmFiles) {
    fs::copy_file(wasm / name, fs::path(site_dir) / name, fs::copy_options::overwrite_existing, ec);
    if (ec) return "cannot copy " + std::string(name) + ": " + ec.message();
  }
  if (!write_file((fs::path(site_dir) / "corpus.json").string(), corpus_to_json(corpus))) {
    return "cannot write " + (fs::path(site_dir) / "corpus.json").string();
  }
  // The search index, so the browser loads it instead of indexing every article itself.
  const fs::path index = fs::path(site_dir) / kSearchIndexFileName;
  if (!write_file(index.string(), encode_corpus_index(corpus))) {
    return "cannot write " + index.string();
  }
  return {};
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
