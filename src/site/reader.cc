// Reads a sharded site from disk the way folio.js reads it over HTTP: the entry, the manifest
// and the index head first, then only the pieces a call needs (src/site/FORMAT.md).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include <folio/error.h>
#include <folio/site.h>

namespace folio {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::uint32_t read_u32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

bool is_data_name(const json& name) {
  static const std::regex plain("[a-z]+-[0-9a-f]{20}\\.bin");
  return name.is_string() && std::regex_match(name.get<std::string>(), plain);
}

bool names_valid(const json& list) {
  return list.is_array() && std::all_of(list.begin(), list.end(), is_data_name);
}

// The site's JSON files come from whoever hosts it: corpus.json's nesting limit holds for them
// too, since copying or printing a value recurses once per level (kCorpusMaxDepth;
// site_test.site_files_past_corpus_json_limits_are_refused).
bool too_deep(const std::string& text) { return json_past_depth(text) != text.size(); }

std::string too_deep_message() {
  return "arrays and objects nested deeper than " + std::to_string(kCorpusMaxDepth) + " levels";
}

}  // namespace

struct SiteOnDisk::State {
  fs::path data;
  json manifest;
  std::optional<ShardedLibrary> library;
  std::uint64_t bytes_read = 0;
  CorpusRenderSettings render;
  std::size_t pack_articles = 1;
  std::map<std::uint32_t, std::vector<std::uint32_t>> pack_offsets;

  // `length` bytes at `offset` of data/<name>; the whole file when length is 0.
  std::string read(const std::string& name, std::uint64_t offset = 0, std::uint64_t length = 0) {
    const fs::path path = data / name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SiteDataError(path.string(), code::kIoUnreadable, "missing");
    in.seekg(0, std::ios::end);
    const std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
    // Offsets and lengths come from the site's own files (a pack header names up to 4 GiB):
    // check them against the file before allocating (site_test.a_pack_header_pointing_past_…).
    if (offset > size || length > size - offset) {
      throw SiteDataError(path.string(), code::kIndexCorrupt,
                          std::to_string(length) + " bytes at " + std::to_string(offset) +
                              " lie past the end of the file (" + std::to_string(size) + " bytes)");
    }
    if (length == 0) length = size - offset;
    std::string bytes(length, '\0');
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(bytes.data(), static_cast<std::streamsize>(length));
    if (!in) throw SiteDataError(path.string(), code::kIoUnreadable, "truncated");
    bytes_read += bytes.size();
    return bytes;
  }

  std::string inflate(const std::string& name, const std::string& bytes) {
    std::optional<std::string> text = zlib_inflate(bytes);
    if (!text) {
      throw SiteDataError((data / name).string(), code::kIndexCorrupt, "not zlib data");
    }
    return std::move(*text);
  }

  void load_shard(std::uint32_t shard) {
    const SearchIndex& index = library->index();
    const PieceLocation at = index.shard_location(shard);
    const std::string& name = index.files().at(at.file);
    std::optional<IndexError> problem =
        library->index().add_shard(shard, inflate(name, read(name, at.offset, at.length)));
    if (problem) {
      throw SiteDataError((data / name).string(), problem->code, problem->message);
    }
  }

  void load_record(std::uint32_t doc) {
    const std::uint32_t pack = static_cast<std::uint32_t>(doc / pack_articles);
    const json& names = manifest["packs"]["files"];
    if (pack >= names.size())
      throw SiteDataError(kSiteDataDir, code::kIndexCorrupt,
                          "no pack holds document " + std::to_string(doc));
    const std::string name = names[pack].get<std::string>();
    auto it = pack_offsets.find(pack);
    if (it == pack_offsets.end()) {
      const std::size_t count =
          std::min(pack_articles, library->size() - static_cast<std::size_t>(pack) * pack_articles);
      const std::string header = read(name, 0, 20 + 4 * (count + 1));
      if (header.compare(0, 8, "FOLIOPAK") != 0 || read_u32(header.data() + 8) != 1 ||
          read_u32(header.data() + 12) != pack * pack_articles ||
          read_u32(header.data() + 16) != count) {
        throw SiteDataError((data / name).string(), code::kIndexCorrupt,
                            "not the pack the manifest names");
      }
      std::vector<std::uint32_t> offsets(count + 1);
      for (std::size_t i = 0; i <= count; ++i) offsets[i] = read_u32(header.data() + 20 + 4 * i);
      it = pack_offsets.emplace(pack, std::move(offsets)).first;
    }
    const std::vector<std::uint32_t>& offsets = it->second;
    const std::size_t i = doc - pack * pack_articles;
    if (offsets[i + 1] <= offsets[i]) {
      throw SiteDataError((data / name).string(), code::kIndexCorrupt,
                          "record offsets out of order");
    }
    const std::optional<IndexError> problem = library->add_record(
        doc, inflate(name, read(name, offsets[i], offsets[i + 1] - offsets[i])));
    if (problem) {
      throw SiteDataError((data / name).string(), problem->code, problem->message);
    }
  }
};

SiteOnDisk::SiteOnDisk(std::unique_ptr<State> state) : state_(std::move(state)) {}
SiteOnDisk::~SiteOnDisk() = default;

std::unique_ptr<SiteOnDisk> SiteOnDisk::open(const std::string& dir,
                                             std::vector<Diagnostic>& diagnostics) {
  fs::path root = dir;
  if (!fs::is_directory(root)) root = root.parent_path();
  const fs::path entry_path = root / "corpus.json";
  auto state = std::make_unique<State>();
  const auto fail = [&](const char* code_name, const std::string& message) {
    diagnostics.push_back({Severity::error, entry_path.string(), 0, 0, code_name, message});
    return nullptr;
  };
  try {
    std::ifstream in(entry_path, std::ios::binary);
    if (!in) return fail(code::kIoUnreadable, "cannot read the site's entry");
    const std::string entry_text((std::istreambuf_iterator<char>(in)),
                                 std::istreambuf_iterator<char>());
    if (too_deep(entry_text)) return fail(code::kCorpusTooDeep, too_deep_message());
    const json entry = json::parse(entry_text);
    if (!entry.is_object() || entry.value("format", json()) != kSiteFormatName) {
      return fail(code::kCorpusFormat, "not a sharded site's entry");
    }
    if (entry.value("version", json()) != kSiteFormatVersion) {
      return fail(code::kCorpusFormat, "sharded site version " +
                                           entry.value("version", json()).dump() +
                                           " is not supported (this folio reads " +
                                           std::to_string(kSiteFormatVersion) + ")");
    }
    if (entry.value("data", json()) != std::string(kSiteDataDir) + "/" ||
        !is_data_name(entry.value("manifest", json()))) {
      return fail(code::kCorpusFormat, "the entry names its files in an unknown way");
    }
    if (const auto render = entry.find("render"); render != entry.end()) {
      state->render =
          render_settings_from_json_text(render->dump(), entry_path.string(), diagnostics);
    }
    state->data = root / kSiteDataDir;
    const std::string manifest_name = entry["manifest"].get<std::string>();
    const std::string manifest_text = state->inflate(manifest_name, state->read(manifest_name));
    if (too_deep(manifest_text)) {
      return fail(code::kCorpusTooDeep, manifest_name + ": " + too_deep_message());
    }
    state->manifest = json::parse(manifest_text);
    const json& m = state->manifest;
    if (!m.is_object() || m.value("version", json()) != kSiteFormatVersion ||
        !is_data_name(m.value("head", json())) || !m.contains("packs") ||
        !names_valid(m["packs"].value("files", json())) ||
        !m["packs"].value("articles", json()).is_number_unsigned() ||
        m["packs"]["articles"].get<std::size_t>() == 0 || !m.contains("ids") ||
        !names_valid(m["ids"].value("files", json())) ||
        !m["ids"].value("first", json()).is_array() ||
        m["ids"]["first"].size() != m["ids"]["files"].size()) {
      return fail(code::kCorpusFormat, "the manifest " + manifest_name + " is not usable");
    }
    state->pack_articles = m["packs"]["articles"].get<std::size_t>();
    const std::string head_name = m["head"].get<std::string>();
    if (entry.contains("head") && entry["head"] != head_name) {
      return fail(code::kCorpusFormat,
                  "the entry and the manifest " + manifest_name + " name different heads");
    }
    if (entry.contains("first_page")) {
      const json& list_files = m.contains("list") ? m["list"].value("files", json()) : json();
      if (!list_files.is_array() || list_files.empty() || entry["first_page"] != list_files[0]) {
        return fail(code::kCorpusFormat, "the entry and the manifest " + manifest_name +
                                             " name different first list pages");
      }
    }
    IndexError problem;
    state->library =
        ShardedLibrary::open(state->inflate(head_name, state->read(head_name)), &problem);
    if (!state->library) return fail(problem.code.c_str(), head_name + ": " + problem.message);
    if (state->library->size() > state->pack_articles * m["packs"]["files"].size()) {
      return fail(code::kCorpusFormat, "the packs do not hold every article");
    }
  } catch (const std::exception& e) {
    return fail(code::kCorpusFormat, e.what());
  }
  return std::unique_ptr<SiteOnDisk>(new SiteOnDisk(std::move(state)));
}

std::size_t SiteOnDisk::size() const { return state_->library->size(); }
ShardedLibrary& SiteOnDisk::library() { return *state_->library; }
std::uint64_t SiteOnDisk::bytes_read() const { return state_->bytes_read; }

RenderOptions SiteOnDisk::render_options() const { return render_options_for(state_->render); }

SearchResult SiteOnDisk::search(std::string_view query, const SearchOptions& options) {
  ShardedLibrary::Needs needs;
  for (;;) {
    SearchResult result = state_->library->search(query, options, needs);
    if (needs.empty()) return result;
    for (const std::uint32_t shard : needs.shards) state_->load_shard(shard);
    for (const std::uint32_t doc : needs.records) state_->load_record(doc);
  }
}

std::optional<std::uint32_t> SiteOnDisk::find(std::string_view id) {
  const json& first = state_->manifest["ids"]["first"];
  // The last piece whose first id is <= id.
  std::size_t low = 0;
  std::size_t high = first.size();
  while (high - low > 1) {
    const std::size_t mid = low + (high - low) / 2;
    if (first[mid].is_string() && first[mid].get<std::string>() <= id) {
      low = mid;
    } else {
      high = mid;
    }
  }
  if (first.empty()) return std::nullopt;
  const std::string name = state_->manifest["ids"]["files"][low].get<std::string>();
  const std::string piece_text = state_->inflate(name, state_->read(name));
  if (too_deep(piece_text)) {
    throw SiteDataError((state_->data / name).string(), code::kCorpusTooDeep, too_deep_message());
  }
  json piece;
  try {
    piece = json::parse(piece_text);
  } catch (const json::exception& e) {
    // parse_error, and out_of_range 406 for a number past a double's range ("1e400"): a damaged
    // piece, reported with its code like the entry and manifest, not as an internal error
    // (fuzz_site; site_test.an_id_piece_that_is_not_json_is_refused_with_a_code).
    throw SiteDataError((state_->data / name).string(), code::kCorpusFormat,
                        std::string("not JSON: ") + e.what());
  }
  for (const json& pair : piece) {
    if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[0] == id &&
        pair[1].is_number_unsigned() && pair[1].get<std::size_t>() < size()) {
      return pair[1].get<std::uint32_t>();
    }
  }
  return std::nullopt;
}

const Article* SiteOnDisk::article(std::uint32_t doc) {
  if (doc >= size()) return nullptr;
  if (!state_->library->record(doc)) state_->load_record(doc);
  return state_->library->record(doc);
}

}  // namespace folio
