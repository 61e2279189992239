// The sharded site layout (src/site/FORMAT.md, issue 8): a site written by write_sharded_site and
// read back piece by piece answers every query exactly as the single-file Library does, a query
// reads only the shards of its terms, the output is deterministic and its file count bounded, and
// damaged pieces are refused with the index's error codes. Corpus: ../shared/corpora/zh-yihui
// (the test fails, never skips, when it is missing).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include <folio/article.h>
#include <folio/corpus.h>
#include <folio/site.h>

#include "support/markdown_folder.h"

namespace folio {
namespace {

namespace fs = std::filesystem;

const Corpus& yihui() {
  static const Corpus corpus = [] {
    const fs::path dir = fs::path(FOLIO_SHARED_DIR) / "corpora" / "zh-yihui";
    CorpusBuilder builder;
    std::vector<Diagnostic> ignored;
    for (Article& article : test_support::read_markdown_articles(dir)) {
      if (!article.draft) builder.add(std::move(article), ignored);
    }
    return builder.take();
  }();
  return corpus;
}

// Small pieces, so that even this corpus has many shards, packs and terms files.
SiteOptions small_pieces() {
  SiteOptions options;
  options.list_page_articles = 100;
  options.pack_articles = 64;
  options.shard_bytes = 8 * 1024;
  options.terms_file_bytes = 256 * 1024;
  options.ids_per_piece = 256;
  options.threads = 2;
  return options;
}

// One folder per process, removed when it exits: other checkouts' test runs on the same machine
// share the temp folder, and a shared name made one run write into the folder another had just
// emptied (`make test` failed with "cannot write .../data/pack-....bin" while another ran).
fs::path fresh_dir(const std::string& name) {
  struct Cleanup {
    std::vector<fs::path> dirs;
    ~Cleanup() {
      std::error_code ignored;
      for (const fs::path& dir : dirs) fs::remove_all(dir, ignored);
    }
  };
  static Cleanup cleanup;
  const fs::path dir =
      fs::temp_directory_path() / ("folio-site-test-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  cleanup.dirs.push_back(dir);
  return dir;
}

std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    out[fs::relative(entry.path(), dir).string()] = bytes.str();
  }
  return out;
}

std::unique_ptr<SiteOnDisk> open_site(const fs::path& dir) {
  std::vector<Diagnostic> diagnostics;
  std::unique_ptr<SiteOnDisk> site = SiteOnDisk::open(dir.string(), diagnostics);
  for (const Diagnostic& d : diagnostics) ADD_FAILURE() << d.code << ": " << d.message;
  return site;
}

TEST(site_test, a_sharded_site_answers_every_query_as_the_single_file_library_does) {
  const fs::path dir = fresh_dir("same-answers");
  SiteStats stats;
  ASSERT_EQ(write_sharded_site(dir.string(), yihui(), small_pieces(), &stats), "");
  EXPECT_GT(stats.shards, 50u);
  EXPECT_GT(stats.terms_files, 2u);
  const Library library(yihui());
  std::unique_ptr<SiteOnDisk> site = open_site(dir);
  ASSERT_TRUE(site);
  ASSERT_EQ(site->size(), yihui().articles.size());
  // CJK runs of every length (one character is a range that may span shards), Latin words and
  // prefixes, phrases, exclusions, filters, facets and sorting.
  const char* const queries[] = {"统计",
                                 "统",
                                 "R语言",
                                 "knitr",
                                 "k",
                                 "图 书",
                                 "\"R Markdown\"",
                                 "latex -beamer",
                                 "year:2013 图",
                                 "tag:信",
                                 "author:谢益辉",
                                 "中国",
                                 "zzzzqqq",
                                 ""};
  // Sorting is an option, not query text (an earlier draft searched for "sort:oldest 中国").
  for (const char* query : queries) {
    for (const bool prefix : {false, true}) {
      for (const SearchSort sort :
           {SearchSort::relevance, SearchSort::newest, SearchSort::oldest}) {
        SearchOptions options;
        options.prefix = prefix;
        options.sort = sort;
        options.limit = 15;
        EXPECT_EQ(search_result_json(site->search(query, options)),
                  search_result_json(library.search(query, options)))
            << "query '" << query << "' prefix " << prefix << " sort " << static_cast<int>(sort);
      }
    }
  }
  // Deep links: every id finds its own article.
  for (std::size_t i = 0; i < yihui().articles.size(); i += 97) {
    const Article& expected = yihui().articles[i];
    const std::optional<std::uint32_t> doc = site->find(expected.id);
    ASSERT_TRUE(doc) << expected.id;
    const Article* article = site->article(*doc);
    ASSERT_TRUE(article);
    EXPECT_EQ(article->id, expected.id);
    EXPECT_EQ(article->markdown, expected.markdown);
  }
  EXPECT_FALSE(site->find("no-such-article"));
}

// Issue 8, session 6: a head stores each date as its day and its rank among that day's distinct
// times (src/index/FORMAT.md, "Dates in a head"). Articles sharing a day, sharing a time, with no
// date, and a day whose "time" date_key reads past 23:59:59 (the head then keeps whole keys) sort,
// filter and facet as the single-file library's.
TEST(site_test, dates_that_share_a_day_sort_and_filter_as_the_single_file_library_does) {
  const char* const same_day[] = {"2013-07-15 18:10",
                                  "2013-07-15 09:05",
                                  "2013-07-15 23:59:59",
                                  "2013-07-15 09:05",
                                  "2013-07-15",
                                  "2013-07-16 00:00",
                                  "2013-07-14 23:59",
                                  "",
                                  "2013-07-15T12:00:00+08:00"};
  for (const bool odd_time : {false, true}) {
    Corpus corpus = yihui();
    for (std::size_t i = 0; i < std::size(same_day); ++i) corpus.articles[i * 7].date = same_day[i];
    if (odd_time) corpus.articles[3].date = "2013-07-15 99:00";
    const fs::path dir = fresh_dir(odd_time ? "dates-odd" : "dates");
    ASSERT_EQ(write_sharded_site(dir.string(), corpus, small_pieces()), "");
    const Library library(corpus);
    std::unique_ptr<SiteOnDisk> site = open_site(dir);
    ASSERT_TRUE(site);
    for (const char* query : {"", "date:2013-07-15", "date:2013-07-14..2013-07-16",
                              "date:..2013-07-15", "year:2013", "的"}) {
      for (const SearchSort sort :
           {SearchSort::relevance, SearchSort::newest, SearchSort::oldest}) {
        SearchOptions options;
        options.limit = 40;
        options.sort = sort;
        EXPECT_EQ(search_result_json(site->search(query, options)),
                  search_result_json(library.search(query, options)))
            << "query '" << query << "' sort " << static_cast<int>(sort) << " odd time "
            << odd_time;
      }
    }
  }
}

// Issue 5 (stemming) on issue 8's layout: the forms of a stem may lie in any shard, so a site
// built with --stem english stores stem keys (src/index/FORMAT.md); a stemmed query reads the
// shard of its stem key and answers as the single-file library of the same corpus does.
TEST(site_test, a_stemmed_sharded_site_answers_as_the_stemmed_single_file_library_does) {
  const fs::path dir = fresh_dir("stemmed");
  Corpus corpus = yihui();
  corpus.search.stem_english = true;
  ASSERT_EQ(write_sharded_site(dir.string(), corpus, small_pieces()), "");
  const Library library(corpus);
  std::unique_ptr<SiteOnDisk> site = open_site(dir);
  ASSERT_TRUE(site);
  ASSERT_TRUE(site->library().index().settings().stem_english);
  // A stemmed word needs one shard, its stem key's, not every shard of English words.
  EXPECT_EQ(site->library().index().shards_for("documents", false, true).size(), 1u);
  // Words whose stem finds more than the word (issue-5.md: packages 27 / 10 on zh-yihui), a
  // quoted word (exact), a stem with a CJK run, an exclusion, and the word being typed.
  const char* const queries[] = {"packages",     "documents",     "running",     "graphics",
                                 "\"packages\"", "统计 packages", "r -packages", "packag"};
  bool stem_finds_more = false;
  for (const char* query : queries) {
    for (const bool prefix : {false, true}) {
      for (const std::optional<bool> stem : {std::optional<bool>{}, std::optional<bool>{false}}) {
        SearchOptions options;
        options.prefix = prefix;
        options.limit = 15;
        options.stem = stem;
        const SearchResult sharded = site->search(query, options);
        EXPECT_EQ(search_result_json(sharded), search_result_json(library.search(query, options)))
            << "query '" << query << "' prefix " << prefix << " stem " << stem.value_or(true);
        if (!stem) {
          options.stem = false;
          stem_finds_more |= sharded.total > library.search(query, options).total;
        }
      }
    }
  }
  EXPECT_TRUE(stem_finds_more);
}

TEST(site_test, a_query_reads_only_the_shards_of_its_terms) {
  const fs::path dir = fresh_dir("only-needed");
  SiteStats stats;
  ASSERT_EQ(write_sharded_site(dir.string(), yihui(), small_pieces(), &stats), "");
  std::unique_ptr<SiteOnDisk> site = open_site(dir);
  ASSERT_TRUE(site);
  const std::uint64_t opened = site->bytes_read();
  const SearchIndex& index = site->library().index();
  const std::vector<std::uint32_t> needed = index.shards_for("统计 knitr", false);
  EXPECT_EQ(needed.size(), 2u);
  SearchOptions options;
  options.limit = 5;
  site->search("统计 knitr", options);
  std::size_t loaded = 0;
  for (std::uint32_t s = 0; s < index.shard_count(); ++s) loaded += index.has_shard(s) ? 1 : 0;
  EXPECT_EQ(loaded, needed.size());
  // The shards read plus at most five records (one pack header each), far below the site.
  EXPECT_LT(site->bytes_read() - opened, stats.bytes / 20);
}

TEST(site_test, the_same_corpus_gives_the_same_files_and_few_of_them) {
  const fs::path a = fresh_dir("determinism-a");
  const fs::path b = fresh_dir("determinism-b");
  SiteOptions one_thread = small_pieces();
  one_thread.threads = 1;
  SiteStats stats;
  ASSERT_EQ(write_sharded_site(a.string(), yihui(), small_pieces(), &stats), "");
  ASSERT_EQ(write_sharded_site(b.string(), yihui(), one_thread), "");
  const auto files = files_of(a);
  EXPECT_EQ(files, files_of(b));
  EXPECT_EQ(files.size(), stats.files);
  const std::size_t n = yihui().articles.size();
  // entry + manifest + head + list pages + packs + id pieces + terms files
  EXPECT_EQ(stats.files, 3 + (n + 99) / 100 + (n + 63) / 64 + (n + 255) / 256 + stats.terms_files);
  for (const auto& [name, bytes] : files) {
    if (name == "corpus.json") continue;
    // data/<kind>-<first 20 hex digits of the SHA-256 of the bytes>.bin: immutable, cacheable
    EXPECT_EQ(name.rfind("data/", 0), 0u) << name;
    EXPECT_NE(name.find('-'), std::string::npos) << name;
  }
}

// `folio build` hands the writer the search documents its reader threads made, and the writer
// adds each batch's postings on several threads (issue 8's build time); neither may change a
// byte, with or without English stem keys (their own task).
TEST(site_test, documents_made_beforehand_and_any_thread_count_give_the_same_files) {
  for (const bool stem : {false, true}) {
    Corpus corpus = yihui();
    corpus.search.stem_english = stem;
    std::vector<SearchDocument> documents;
    for (const Article& article : corpus.articles) documents.push_back(search_document(article));
    const std::string name = stem ? "stem" : "plain";
    const fs::path a = fresh_dir("documents-a-" + name);
    const fs::path b = fresh_dir("documents-b-" + name);
    SiteOptions one_thread = small_pieces();
    one_thread.threads = 1;
    SiteOptions three_threads = small_pieces();
    three_threads.threads = 3;
    ASSERT_EQ(write_sharded_site(a.string(), corpus, one_thread), "");
    ASSERT_EQ(write_sharded_site(b.string(), corpus, std::move(documents), three_threads), "");
    const auto files = files_of(a);
    EXPECT_GT(files.size(), 30u);
    EXPECT_EQ(files, files_of(b)) << name;
  }
}

// folio build encodes the single-file index on its threads (issue 5's build target): whatever
// the thread count, and for the stemmed index too, the bytes are those of the one-thread path.
TEST(site_test, a_single_file_index_built_on_threads_has_the_bytes_of_one_thread) {
  std::vector<SearchDocument> documents;
  for (const Article& article : yihui().articles) documents.push_back(search_document(article));
  for (const bool stem : {false, true}) {
    SearchIndexSettings settings;
    settings.stem_english = stem;
    const std::string one = encode_search_index(documents, 42, settings);
    EXPECT_GT(one.size(), 1000000u);
    for (const unsigned threads : {1u, 2u, 3u}) {
      EXPECT_EQ(encode_search_index(documents, 42, settings, thread_task_runner(threads)), one)
          << threads << " threads, stem " << stem;
    }
  }
}

TEST(site_test, damaged_or_foreign_pieces_are_refused_with_the_index_error_codes) {
  const fs::path dir = fresh_dir("damaged");
  ASSERT_EQ(write_sharded_site(dir.string(), yihui(), small_pieces()), "");
  std::unique_ptr<SiteOnDisk> site = open_site(dir);
  ASSERT_TRUE(site);
  // One flipped byte in the middle of the shard the query needs.
  const SearchIndex& index = site->library().index();
  const std::vector<std::uint32_t> needed = index.shards_for("统计", false);
  ASSERT_EQ(needed.size(), 1u);
  const PieceLocation at = index.shard_location(needed[0]);
  {
    std::fstream file(dir / "data" / index.files().at(at.file),
                      std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(at.offset + at.length / 2);
    const char byte = static_cast<char>(file.get());
    file.seekp(at.offset + at.length / 2);
    file.put(static_cast<char>(byte ^ 0x20));
  }
  try {
    site->search("统计", SearchOptions{});
    ADD_FAILURE() << "a damaged shard was used";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_TRUE(message.find("index.corrupt") != std::string::npos) << message;
  }

  std::ofstream(dir / "corpus.json") << R"({"format": "folio-site", "version": 9})";
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(SiteOnDisk::open(dir.string(), diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, code::kCorpusFormat);
  EXPECT_NE(diagnostics[0].message.find("version 9"), std::string::npos);
}

// A small site for the limit tests: three articles, one pack, one id piece.
fs::path small_site(const std::string& name) {
  const fs::path dir = fresh_dir(name);
  Corpus corpus;
  for (const char* id : {"a", "b", "c"}) {
    Article article;
    article.id = id;
    article.title = std::string("title ") + id;
    article.date = "2024-01-0" + std::to_string(id[0] - 'a' + 1) + "T00:00:00Z";
    article.markdown = std::string("text ") + id;
    corpus.articles.push_back(std::move(article));
  }
  EXPECT_EQ(write_sharded_site(dir.string(), std::move(corpus), SiteOptions{}), "");
  return dir;
}

fs::path data_file(const fs::path& dir, const std::string& kind) {
  for (const auto& entry : fs::directory_iterator(dir / "data")) {
    if (entry.path().filename().string().rfind(kind + "-", 0) == 0) return entry.path();
  }
  ADD_FAILURE() << "no " << kind << " file in " << dir;
  return {};
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

const std::string kTooDeep = std::string(200000, '[') + std::string(200000, ']');

// A sharded site's entry, manifest, id pieces and records come from whoever hosts it, as
// corpus.json does: the same limits hold (kCorpusMaxDepth, kCorpusMaxMarkdownBytes). Before they
// did, each of these overflowed the stack (a copy or dump of the value recurses once per level).
TEST(site_test, site_files_past_corpus_json_limits_are_refused) {
  const fs::path dir = small_site("limits");
  std::unique_ptr<SiteOnDisk> site = open_site(dir);
  ASSERT_TRUE(site);
  ShardedLibrary& library = site->library();

  const auto record = [](const std::string& meta, const std::string& markdown) {
    return R"({"id":"a","markdown":")" + markdown + R"(","meta":{"m":)" + meta + "}}";
  };
  std::optional<IndexError> problem = library.add_record(0, record(kTooDeep, "x"));
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->code, code::kCorpusTooDeep);
  EXPECT_FALSE(library.add_record(0, record("[[1]]", std::string(kCorpusMaxMarkdownBytes, 'x'))));
  problem = library.add_record(0, record("1", std::string(kCorpusMaxMarkdownBytes + 1, 'x')));
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->code, code::kCorpusTooLarge);
  problem = library.add_record(0, R"({"id": 1})");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->code, code::kCorpusArticle);

  // The manifest, its packs' file list nested past the limit (same name: the reader trusts it).
  const fs::path manifest_file = data_file(dir, "manifest");
  const std::optional<std::string> manifest = zlib_inflate(read_file(manifest_file));
  ASSERT_TRUE(manifest);
  std::smatch head;
  ASSERT_TRUE(std::regex_search(*manifest, head, std::regex(R"re("head":\s*"([^"]+)")re")));
  std::ofstream(manifest_file, std::ios::binary)
      << zlib_compress(R"({"version":1,"head":")" + head[1].str() +
                       R"(","packs":{"articles":256,"files":)" + kTooDeep + "}}");
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(SiteOnDisk::open(dir.string(), diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, code::kCorpusTooDeep);

  // The entry, its "render" nested past the limit.
  std::string entry = read_file(dir / "corpus.json");
  entry.insert(entry.find('{') + 1, R"("render":)" + kTooDeep + ",");
  std::ofstream(dir / "corpus.json", std::ios::binary) << entry;
  diagnostics.clear();
  EXPECT_FALSE(SiteOnDisk::open(dir.string(), diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, code::kCorpusTooDeep);
}

// A pack header names record offsets up to 4 GiB; the reader checks them against the file before
// it allocates (it used to make a zeroed 4 GiB string first, then fail to read).
TEST(site_test, a_pack_header_pointing_past_its_file_is_refused_before_any_allocation) {
  const fs::path dir = small_site("pack-offsets");
  const fs::path pack = data_file(dir, "pack");
  {
    std::fstream file(pack, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(24);  // the end of record 0: the second offset
    file.write("\xF0\xFF\xFF\xFF", 4);
  }
  std::unique_ptr<SiteOnDisk> site = open_site(dir);
  ASSERT_TRUE(site);
  try {
    site->article(0);
    ADD_FAILURE() << "a record past the end of its pack was read";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("index.corrupt"), std::string::npos) << message;
    EXPECT_NE(message.find("past the end of the file"), std::string::npos) << message;
  }
}

// An id piece comes from the site's host too: one that is not JSON is the site's problem, named
// with its code (it used to escape as nlohmann's parse_error, which `folio show` reported as an
// internal error; found by fuzz_site).
TEST(site_test, an_id_piece_that_is_not_json_is_refused_with_a_code) {
  const fs::path dir = small_site("id-piece");
  std::ofstream(data_file(dir, "ids"), std::ios::binary) << zlib_compress(R"([["a",0],["b")");
  std::unique_ptr<SiteOnDisk> site = open_site(dir);
  ASSERT_TRUE(site);
  try {
    site->find("a");
    ADD_FAILURE() << "an id piece that is not JSON was used";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("corpus.format: not JSON"), std::string::npos) << message;
  }
}

// The entry names the head and the first list page so a browser fetches them beside the manifest
// (issue 8); an entry that names other files than the manifest's is a site that cannot be trusted.
TEST(site_test, the_entry_names_the_manifests_head_and_first_page_and_others_are_refused) {
  const fs::path dir = small_site("entry-head");
  const std::string head_name = data_file(dir, "head").filename().string();
  const std::string page_name = data_file(dir, "list").filename().string();
  const std::string entry = read_file(dir / "corpus.json");
  EXPECT_NE(entry.find("\"head\": \"" + head_name + "\""), std::string::npos) << entry;
  EXPECT_NE(entry.find("\"first_page\": \"" + page_name + "\""), std::string::npos) << entry;
  ASSERT_TRUE(open_site(dir));

  // The entry with one name replaced: refused as corpus.format, with `words` in its message.
  const auto expect_refused = [&](const std::string& name, const std::string& other,
                                  const std::string& words) {
    std::ofstream(dir / "corpus.json", std::ios::trunc)
        << std::regex_replace(entry, std::regex(name), other);
    std::vector<Diagnostic> diagnostics;
    EXPECT_FALSE(SiteOnDisk::open(dir.string(), diagnostics));
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].code, code::kCorpusFormat);
    EXPECT_NE(diagnostics[0].message.find(words), std::string::npos) << diagnostics[0].message;
  };
  expect_refused(page_name, data_file(dir, "pack").filename().string(),
                 "different first list pages");
  expect_refused(head_name, "head-0123456789abcdef0123.bin", "name different heads");
}

TEST(site_test, a_single_file_build_removes_the_sharded_files_it_replaces) {
  const fs::path dir = fresh_dir("replace");
  ASSERT_EQ(write_sharded_site(dir.string(), yihui(), small_pieces()), "");
  ASSERT_TRUE(fs::is_directory(dir / "data"));
  std::ofstream(dir / "data" / "notes.txt") << "not ours";
  remove_sharded_files(dir.string());
  EXPECT_EQ(files_of(dir / "data").size(), 1u);  // only the file folio did not write
}

}  // namespace
}  // namespace folio
