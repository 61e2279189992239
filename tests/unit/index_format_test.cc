// The index file format (src/index/FORMAT.md): pinned bytes, determinism, and a loader that
// refuses every damaged file with a code instead of reading out of bounds.
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include <folio/error.h>
#include <folio/index.h>

#include "index/index_data.h"

namespace folio {
namespace {

const char kGolden[] = FOLIO_SOURCE_DIR "/tests/golden/search-index-v1.hex";

std::vector<SearchDocument> golden_documents() {
  return {
      {"17254",
       "“OTT破冰”是个伪命题",
       "mickeyknox",
       {"电信", "OTT"},
       "2013-07-15 18:10",
       "運營商与微信矛盾\n不可调和。"},
      {"two", "Static Site", "", {}, "2014", "ＯＴＴ iPhone5s 3G"},
  };
}

std::string hex(const std::string& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    out += digits[b >> 4];
    out += digits[b & 15];
    out += (i % 32 == 31) ? '\n' : ' ';
  }
  if (!out.empty() && out.back() == ' ') out.back() = '\n';
  return out;
}

void put_u32(std::string& bytes, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// Recomputes the checksum so a test reaches the structural checks behind it. It covers what
// follows the header and is the header's last four bytes: 40 for a version 1 file, 48 for a head.
void reseal(std::string& bytes, std::size_t header_size = 40) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = header_size; i < bytes.size(); ++i) {
    c ^= static_cast<unsigned char>(bytes[i]);
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  put_u32(bytes, header_size - 4, c ^ 0xFFFFFFFFu);
}

TEST(index_format_test, bytes_are_pinned_by_the_golden_file) {
  const std::string actual = hex(encode_search_index(golden_documents(), 0x0123456789abcdefull));
  if (std::getenv("FOLIO_UPDATE_GOLDEN")) {
    std::ofstream(kGolden, std::ios::binary) << actual;
  }
  std::ifstream in(kGolden, std::ios::binary);
  ASSERT_TRUE(in) << kGolden << " is missing";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str())
      << "The index bytes changed. If that is intended, bump kSearchIndexFormatVersion when old "
         "readers would misread the new bytes, update src/index/FORMAT.md, and regenerate with "
         "FOLIO_UPDATE_GOLDEN=1 ctest -R index_format";
}

TEST(index_format_test, encoding_is_deterministic_and_round_trips) {
  const std::string a = encode_search_index(golden_documents(), 7);
  EXPECT_EQ(a, encode_search_index(golden_documents(), 7));
  std::optional<SearchIndex> index = SearchIndex::load(a);
  ASSERT_TRUE(index);
  EXPECT_EQ(index->size(), 2u);
  EXPECT_EQ(index->fingerprint(), 7u);
  const std::vector<SearchDocument> docs = golden_documents();
  const auto provider = [&](std::size_t d) { return docs.at(d); };
  EXPECT_EQ(index->search("运营商", {}, provider).hits.at(0).id, "17254");
  EXPECT_EQ(index->search("ott", {}, provider).total, 2u);
}

TEST(index_format_test, a_wrong_signature_or_version_is_a_format_error_naming_both_versions) {
  IndexError error;
  EXPECT_FALSE(SearchIndex::load("not an index", &error));
  EXPECT_EQ(error.code, code::kIndexFormat);
  std::string bytes = encode_search_index(golden_documents(), 1);
  put_u32(bytes, 8, 3);
  EXPECT_FALSE(SearchIndex::load(bytes, &error));
  EXPECT_EQ(error.code, code::kIndexFormat);
  EXPECT_NE(error.message.find("version 3"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("reads 1 and 2"), std::string::npos) << error.message;
}

// Flag bit 0 (FORMAT.md, "Flags"): only the header differs, queries stem by default, a query
// can turn it off; any other bit is refused, so an older reader refuses a stemmed site's index.
TEST(index_format_test, the_stem_flag_changes_only_the_header_and_the_default_of_queries) {
  const std::string plain = encode_search_index(golden_documents(), 1);
  const std::string stemmed = encode_search_index(golden_documents(), 1, {true});
  ASSERT_EQ(plain.size(), stemmed.size());
  EXPECT_EQ(plain.substr(16), stemmed.substr(16));
  EXPECT_EQ(stemmed[12], '\x03');  // and bit 1: snippet checkpoints (SKIP)
  EXPECT_EQ(plain[12], '\x02');
  std::optional<SearchIndex> index = SearchIndex::load(stemmed);
  ASSERT_TRUE(index);
  EXPECT_TRUE(index->settings().stem_english);
  EXPECT_FALSE(SearchIndex::load(plain)->settings().stem_english);
  const std::vector<SearchDocument> docs = golden_documents();
  const auto provider = [&](std::size_t d) { return docs.at(d); };
  EXPECT_EQ(index->search("sites", {}, provider).total, 1u);  // "Static Site"
  SearchOptions exact;
  exact.stem = false;
  EXPECT_EQ(index->search("sites", exact, provider).total, 0u);
  EXPECT_EQ(index->search("\"sites\"", {}, provider).total, 0u);
  std::string unknown = stemmed;
  put_u32(unknown, 12, 7);
  IndexError error;
  EXPECT_FALSE(SearchIndex::load(unknown, &error));
  EXPECT_EQ(error.code, code::kIndexFormat);
}

// Issue 8, session 14: BM25 normalises a body by a one-byte code of its length, so a head can store
// the code alone (FORMAT.md, "Body lengths"): exact below 16, never more than 1/8 above the length
// it stands for, and a code for every 32-bit length.
TEST(index_format_test, a_body_length_code_stands_for_a_length_at_most_an_eighth_below) {
  std::uint32_t previous_code = 0;
  const auto check = [&](std::uint32_t length) {
    const std::uint32_t code = body_length_code(length);
    ASSERT_LE(code, kMaxBodyLengthCode) << length;
    ASSERT_GE(code, previous_code) << length;  // longer bodies never get a smaller code
    previous_code = code;
    ASSERT_LE(body_length_floor(code), length) << length;
    ASSERT_GE(body_length_ceiling(code), length) << length;
    ASSERT_LE(length - body_length_floor(code), length / 8) << length;
    if (length < 16) {
      ASSERT_EQ(body_length_floor(code), length);
    }
  };
  for (std::uint32_t length = 0; length < (1u << 20); ++length) check(length);
  for (std::uint64_t length = 1u << 20; length <= 0xFFFFFFFFu; length += 4093) {
    check(static_cast<std::uint32_t>(length));
  }
  check(0xFFFFFFFFu);
  EXPECT_EQ(body_length_code(0xFFFFFFFFu), kMaxBodyLengthCode);
  EXPECT_EQ(body_length_ceiling(kMaxBodyLengthCode), 0xFFFFFFFFu);
}

// A head (version 2) stores each body length as that code, one byte per document, and refuses
// a byte that is no code.
TEST(index_format_test, a_head_stores_one_byte_per_body_and_refuses_a_byte_that_is_no_code) {
  std::vector<SearchDocument> docs;
  const std::uint32_t lengths[] = {0, 3, 15, 16, 17, 100, 1000, 5000};
  for (const std::uint32_t length : lengths) {
    std::string body;
    for (std::uint32_t i = 0; i < length; ++i) body += "w" + std::to_string(i % 7) + " ";
    docs.push_back({std::to_string(length), "t", "", {}, "2014", body});
  }
  IndexBuilder builder;
  for (const SearchDocument& doc : docs) builder.add(IndexBuilder::analyze(doc));
  std::vector<IndexShard> shards;
  builder.encode_shards(7, 1 << 20, [&](IndexShard shard) { shards.push_back(std::move(shard)); });
  const std::vector<PieceLocation> where(shards.size(), PieceLocation{0, 0, 1});
  const std::string head = builder.encode_head(7, shards, where, {"terms-0.bin"});
  EXPECT_EQ(read_u32(head.data() + 12) & kFlagBodyLengthCodes, kFlagBodyLengthCodes);
  const std::size_t docv = head.find("DOCV");
  ASSERT_NE(docv, std::string::npos);
  const std::size_t docv_end = docv + 8 + read_u32(head.data() + docv + 4);
  const std::string codes = head.substr(docv_end - std::size(lengths), std::size(lengths));
  for (std::size_t i = 0; i < std::size(lengths); ++i) {
    EXPECT_EQ(static_cast<unsigned char>(codes[i]), body_length_code(lengths[i])) << lengths[i];
  }
  ASSERT_TRUE(SearchIndex::load(head));
  std::string bad = head;
  bad[docv_end - 1] = static_cast<char>(kMaxBodyLengthCode + 1);
  reseal(bad, 48);
  IndexError error;
  EXPECT_FALSE(SearchIndex::load(bad, &error));
  EXPECT_EQ(error.code, code::kIndexCorrupt) << error.message;
}

// Shards written one after another into their files (the site writer's layout) are located
// without offsets (FORMAT.md, "Shards back to back"); any other layout keeps them.
TEST(index_format_test, shards_back_to_back_are_located_without_offsets_and_others_with_them) {
  IndexBuilder builder;
  for (int d = 0; d < 40; ++d) {
    builder.add(IndexBuilder::analyze(
        {std::to_string(d), "t" + std::to_string(d), "", {}, "2014", "运营商 微信 ott 3g"}));
  }
  std::vector<IndexShard> shards;
  builder.encode_shards(7, 64, [&](IndexShard shard) { shards.push_back(std::move(shard)); });
  ASSERT_GE(shards.size(), 6u);
  std::vector<PieceLocation> packed;
  std::uint32_t offset = 0;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const std::uint32_t file = static_cast<std::uint32_t>(i / 3) * 2;  // files 1, 3, ... unused
    if (!packed.empty() && packed.back().file != file) offset = 0;
    packed.push_back({file, offset, 10 + static_cast<std::uint32_t>(i)});
    offset += packed.back().length;
  }
  std::vector<PieceLocation> gapped = packed;
  gapped.back().offset += 1;
  const std::vector<std::string> files(2 * shards.size(), "terms-0.bin");
  for (const bool back_to_back : {true, false}) {
    const std::vector<PieceLocation>& where = back_to_back ? packed : gapped;
    const std::string head = builder.encode_head(7, shards, where, files);
    EXPECT_EQ(read_u32(head.data() + 12) & kFlagShardsBackToBack,
              back_to_back ? kFlagShardsBackToBack : 0u);
    std::optional<SearchIndex> index = SearchIndex::load(head);
    ASSERT_TRUE(index);
    for (std::uint32_t i = 0; i < shards.size(); ++i) {
      const PieceLocation at = index->shard_location(i);
      EXPECT_EQ(at.file, where[i].file) << i;
      EXPECT_EQ(at.offset, where[i].offset) << i;
      EXPECT_EQ(at.length, where[i].length) << i;
    }
  }
  // A step past the last file is refused.
  const std::vector<std::string> too_few(files.begin(), files.begin() + packed.back().file);
  IndexError error;
  EXPECT_FALSE(SearchIndex::load(builder.encode_head(7, shards, packed, too_few), &error));
  EXPECT_EQ(error.code, code::kIndexCorrupt) << error.message;
}

TEST(index_format_test, every_truncation_and_every_flipped_byte_is_refused) {
  const std::string good = encode_search_index(golden_documents(), 1);
  for (std::size_t size = 0; size < good.size(); ++size) {
    IndexError error;
    EXPECT_FALSE(SearchIndex::load(good.substr(0, size), &error)) << size;
    EXPECT_FALSE(error.code.empty());
  }
  for (std::size_t i = 40; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x5A);
    IndexError error;
    EXPECT_FALSE(SearchIndex::load(bad, &error)) << i;
    EXPECT_EQ(error.code, code::kIndexCorrupt) << i;
  }
}

// Damage behind a valid checksum (a hostile file, not a broken download): the structural checks
// refuse it, or it loads and every query stays inside the bytes.
TEST(index_format_test, resealed_damage_is_refused_or_harmless) {
  const std::string good = encode_search_index(golden_documents(), 1);
  const std::vector<SearchDocument> docs = golden_documents();
  const auto provider = [&](std::size_t d) { return d < docs.size() ? docs[d] : SearchDocument{}; };
  std::mt19937 random(42);
  std::size_t refused = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string bad = good;
    const std::size_t at = 40 + random() % (good.size() - 40);
    bad[at] = static_cast<char>(random() & 0xFF);
    if (round % 3 == 0) bad[40 + random() % (good.size() - 40)] = static_cast<char>(0xFF);
    reseal(bad);
    IndexError error;
    std::optional<SearchIndex> index = SearchIndex::load(bad, &error);
    if (!index) {
      EXPECT_EQ(error.code, code::kIndexCorrupt);
      ++refused;
      continue;
    }
    for (const char* q : {"运营商", "ott", "o", "微", "static site", "tag:电信", "year:2013"}) {
      SearchOptions options;
      options.prefix = true;
      index->search(q, options, provider);
    }
  }
  EXPECT_GT(refused, 1000u);
}

}  // namespace
}  // namespace folio
