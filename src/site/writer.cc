// Writes a sharded site (src/site/FORMAT.md). The corpus is walked once, newest article first,
// in batches of one pack: threads analyze the batch's articles for the index and compress their
// records, then add them to the index in order (one postings part per task), and this thread
// writes the pack, so only the postings and the metadata grow with the corpus; every other byte
// goes to disk as it is made. Every step that costs seconds at 100k articles runs on every core
// (issue 8: a build under 2 minutes on 2 cores); the bytes never depend on the thread count.
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <numeric>
#include <regex>
#include <set>
#include <thread>

#include <folio/site.h>

#include "sha256.h"

namespace folio {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// The files of data/, each named by its kind and the start of its SHA-256.
class DataFiles {
 public:
  DataFiles(fs::path dir, SiteStats& stats) : dir_(std::move(dir)), stats_(stats) {}

  // Writes `bytes` (unless an identical file is there) and returns its name.
  std::string write(const char* kind, const std::string& bytes) {
    std::string name = std::string(kind) + "-" + site::sha256_hex(bytes).substr(0, 20) + ".bin";
    const fs::path path = dir_ / name;
    std::error_code ec;
    if (!(fs::is_regular_file(path, ec) && fs::file_size(path, ec) == bytes.size())) {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out) throw std::runtime_error("cannot write " + path.string());
    }
    if (written_.insert(name).second) {
      ++stats_.files;
      stats_.bytes += bytes.size();
    }
    return name;
  }

  // Removes what an earlier build left in data/ and this one did not write.
  void remove_others() const {
    static const std::regex ours("(manifest|head|list|ids|terms|pack)-[0-9a-f]{20}\\.bin");
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
      const std::string name = entry.path().filename().string();
      if (std::regex_match(name, ours) && written_.count(name) == 0) fs::remove(entry.path(), ec);
    }
  }

 private:
  fs::path dir_;
  SiteStats& stats_;
  std::set<std::string> written_;
};

// Runs body(i) for i in [begin, end) on `threads` threads.
template <typename Body>
void parallel_for(std::size_t begin, std::size_t end, unsigned threads, Body body) {
  std::atomic<std::size_t> next{begin};
  std::exception_ptr failure;
  std::mutex failure_lock;
  const auto work = [&] {
    try {
      for (std::size_t i = next++; i < end; i = next++) body(i);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_lock);
      failure = std::current_exception();
      next = end;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

std::string hex64(std::uint64_t v) {
  static const char digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 15];
  return out;
}

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void write_text(const fs::path& path, const std::string& text) {
  const fs::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
  }
  fs::rename(temporary, path);  // readers see the old entry or the new one, never half of one
}

}  // namespace

std::string zlib_compress(std::string_view data, int level) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()),
                level) != Z_OK) {
    throw std::runtime_error("zlib: compression failed");
  }
  out.resize(size);
  return out;
}

std::optional<std::string> zlib_inflate(std::string_view data, std::size_t limit) {
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) return std::nullopt;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  int status = Z_OK;
  while (status == Z_OK) {
    const std::size_t used = out.size();
    if (used >= limit) break;
    out.resize(std::min(limit, used + std::max<std::size_t>(data.size() * 4, 1 << 16)));
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    stream.avail_out = static_cast<uInt>(out.size() - used);
    status = inflate(&stream, Z_NO_FLUSH);
    out.resize(out.size() - stream.avail_out);
    if (status == Z_BUF_ERROR && stream.avail_in == 0) break;
  }
  const bool done = status == Z_STREAM_END && stream.avail_in == 0;
  inflateEnd(&stream);
  if (!done) return std::nullopt;
  return out;
}

bool is_site_entry(std::string_view text) {
  try {
    const json entry = json::parse(text.begin(), text.end());
    return entry.is_object() && entry.value("format", json()) == kSiteFormatName;
  } catch (const json::exception&) {
    return false;
  }
}

void remove_sharded_files(const std::string& dir) {
  SiteStats ignored;
  const fs::path data = fs::path(dir) / kSiteDataDir;
  std::error_code ec;
  if (!fs::is_directory(data, ec)) return;
  DataFiles(data, ignored).remove_others();
  if (fs::is_empty(data, ec)) fs::remove(data, ec);
}

IndexBuilder::TaskRunner thread_task_runner(unsigned threads) {
  return [threads](std::size_t count, const std::function<void(std::size_t)>& task) {
    parallel_for(0, count, threads, task);
  };
}

std::string write_sharded_site(const std::string& dir, Corpus corpus, const SiteOptions& options,
                               SiteStats* stats_out) {
  return write_sharded_site(dir, std::move(corpus), {}, options, stats_out);
}

std::string write_sharded_site(const std::string& dir, Corpus corpus,
                               std::vector<SearchDocument> documents, const SiteOptions& options,
                               SiteStats* stats_out) {
  SiteStats stats;
  const unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const IndexBuilder::TaskRunner run = thread_task_runner(threads);
  // Documents that do not match the articles one to one are not used (they are made again).
  if (documents.size() != corpus.articles.size()) documents.clear();
  try {
    // The list's order, newest first (the date as search sorts it; ties keep corpus order), is
    // the documents' order everywhere: list pages, packs and the index.
    const std::size_t n = corpus.articles.size();
    std::vector<std::uint64_t> keys(n);
    for (std::size_t i = 0; i < n; ++i) keys[i] = date_key(corpus.articles[i].date);
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return keys[a] > keys[b]; });
    const CorpusRenderSettings render = corpus.render;
    Corpus sorted;
    sorted.render = render;
    sorted.search = corpus.search;
    sorted.articles.reserve(n);
    for (const std::size_t i : order) sorted.articles.push_back(std::move(corpus.articles[i]));
    corpus = Corpus{};
    const std::vector<Article>& articles = sorted.articles;
    const std::uint64_t fingerprint = corpus_fingerprint(sorted);

    const fs::path data = fs::path(dir) / kSiteDataDir;
    fs::create_directories(data);
    DataFiles files(data, stats);
    stats.articles = n;

    // Packs of article records; the index grows as each batch is added.
    // The head's flag and the shards' stem keys make a sharded search stem exactly when the
    // single-file index of the same corpus would (tests/js/a-sharded-site-fetches-...).
    IndexBuilder builder(sorted.search);
    json pack_names = json::array();
    const std::size_t per_pack = std::max<std::size_t>(1, options.pack_articles);
    std::vector<IndexBuilder::Analyzed> analyzed;
    std::vector<std::string> records;
    for (std::size_t begin = 0; begin < n; begin += per_pack) {
      const std::size_t end = std::min(n, begin + per_pack);
      // resize, not assign: the last batch's analyses are freed by the threads that replace them.
      analyzed.resize(end - begin);
      records.resize(end - begin);
      parallel_for(begin, end, threads, [&](std::size_t i) {
        if (documents.empty()) {
          analyzed[i - begin] = IndexBuilder::analyze(search_document(articles[i]));
        } else {
          SearchDocument document = std::move(documents[order[i]]);
          analyzed[i - begin] = IndexBuilder::analyze(document);
        }
        records[i - begin] = zlib_compress(article_record_json(articles[i]));
      });
      builder.add(analyzed, run);
      std::string pack("FOLIOPAK", 8);
      put_u32(pack, 1);
      put_u32(pack, static_cast<std::uint32_t>(begin));
      put_u32(pack, static_cast<std::uint32_t>(end - begin));
      std::uint32_t offset = static_cast<std::uint32_t>(20 + 4 * (end - begin + 1));
      for (const std::string& record : records) {
        put_u32(pack, offset);
        offset += static_cast<std::uint32_t>(record.size());
      }
      put_u32(pack, offset);
      for (const std::string& record : records) pack += record;
      pack_names.push_back(files.write("pack", pack));
    }
    analyzed.clear();
    records.clear();
    stats.packs = pack_names.size();

    // List pages: the summaries the list view shows, a page at a time.
    json list_names = json::array();
    const std::size_t per_page = std::max<std::size_t>(1, options.list_page_articles);
    std::vector<std::string> pages((n + per_page - 1) / per_page);
    parallel_for(0, pages.size(), threads, [&](std::size_t p) {
      const std::size_t begin = p * per_page;
      std::string page = "[";
      for (std::size_t i = begin; i < std::min(n, begin + per_page); ++i) {
        if (i > begin) page += ',';
        page += article_summary_json(articles[i]);
      }
      page += ']';
      pages[p] = zlib_compress(page, 9);
    });
    for (const std::string& page : pages) list_names.push_back(files.write("list", page));
    std::vector<std::string>().swap(pages);
    stats.list_pages = list_names.size();

    // Id lookup pieces: [id, document] pairs sorted by the ids' bytes.
    std::vector<std::pair<std::string_view, std::uint32_t>> ids(n);
    for (std::size_t i = 0; i < n; ++i) ids[i] = {articles[i].id, static_cast<std::uint32_t>(i)};
    std::sort(ids.begin(), ids.end());
    json id_names = json::array();
    json id_first = json::array();
    const std::size_t per_piece = std::max<std::size_t>(1, options.ids_per_piece);
    for (std::size_t begin = 0; begin < n; begin += per_piece) {
      json piece = json::array();
      for (std::size_t i = begin; i < std::min(n, begin + per_piece); ++i) {
        piece.push_back(json::array({ids[i].first, ids[i].second}));
      }
      id_first.push_back(ids[begin].first);
      id_names.push_back(files.write("ids", zlib_compress(dump(piece), 9)));
    }
    stats.id_pieces = id_names.size();

    // Index shards, compressed one by one and grouped into terms files.
    std::vector<IndexShard> shard_table;
    std::vector<PieceLocation> where;
    std::vector<std::string> terms_names;
    std::string terms_file;
    const auto flush_terms = [&] {
      if (terms_file.empty()) return;
      terms_names.push_back(files.write("terms", terms_file));
      terms_file.clear();
    };
    const auto compress_shard = [](IndexShard& shard) { shard.bytes = zlib_compress(shard.bytes); };
    builder.encode_shards(
        fingerprint, options.shard_bytes,
        [&](IndexShard shard) {
          std::string packed = std::move(shard.bytes);
          if (!terms_file.empty() && terms_file.size() + packed.size() > options.terms_file_bytes) {
            flush_terms();
          }
          where.push_back({static_cast<std::uint32_t>(terms_names.size()),
                           static_cast<std::uint32_t>(terms_file.size()),
                           static_cast<std::uint32_t>(packed.size())});
          terms_file += packed;
          shard.bytes.clear();
          shard_table.push_back(std::move(shard));
        },
        run, compress_shard);
    flush_terms();
    builder.release_postings();
    stats.shards = shard_table.size();
    stats.terms_files = terms_names.size();
    const std::string head =
        zlib_compress(builder.encode_head(fingerprint, shard_table, where, terms_names), 9);
    stats.head_bytes = head.size();
    const std::string head_name = files.write("head", head);

    const json manifest{{"format", "folio-site-manifest"},
                        {"version", kSiteFormatVersion},
                        {"articles", n},
                        {"fingerprint", hex64(fingerprint)},
                        {"head", head_name},
                        {"list", {{"articles", per_page}, {"files", list_names}}},
                        {"packs", {{"articles", per_pack}, {"files", pack_names}}},
                        {"ids", {{"first", id_first}, {"files", id_names}}}};
    const std::string manifest_name = files.write("manifest", zlib_compress(dump(manifest), 9));
    json entry{{"format", kSiteFormatName},
               {"version", kSiteFormatVersion},
               {"generator", std::string("folio ") + FOLIO_VERSION},
               {"articles", n},
               {"data", std::string(kSiteDataDir) + "/"},
               {"manifest", manifest_name},
               // Named here too, so a reader fetches it beside the manifest, not after it: one
               // round trip less before the first query (issue 8).
               {"head", head_name}};
    // So is the first list page: one round trip less before the first list paint (issue 8).
    if (!list_names.empty()) entry["first_page"] = list_names.front();
    // The same "render" object as corpus.json's: how the viewer renders the articles.
    if (json settings = json::parse(render_settings_json_text(render)); !settings.is_null()) {
      entry["render"] = std::move(settings);
    }
    const std::string entry_text = entry.dump(1, '\t') + "\n";
    write_text(fs::path(dir) / "corpus.json", entry_text);
    ++stats.files;
    stats.bytes += entry_text.size();
    files.remove_others();
  } catch (const std::exception& e) {
    return std::string("cannot write the sharded site: ") + e.what();
  }
  if (stats_out) *stats_out = stats;
  return {};
}

}  // namespace folio
