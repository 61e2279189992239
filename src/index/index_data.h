// Internal to the index layer: the layout constants of the index file (src/index/FORMAT.md) and
// the loaded view of it that search reads.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <folio/index.h>

namespace folio {

inline constexpr char kIndexMagic[8] = {'F', 'O', 'L', 'I', 'O', 'I', 'D', 'X'};
inline constexpr char kShardMagic[8] = {'F', 'O', 'L', 'I', 'O', 'S', 'H', 'D'};
inline constexpr std::size_t kIndexHeaderSize = 40;        // version 1
inline constexpr std::size_t kShardedHeadHeaderSize = 48;  // version 2: the head
inline constexpr std::size_t kShardHeaderSize = 36;        // version 2: one shard
inline constexpr std::size_t kDocRecordSize = 40;
inline constexpr std::size_t kStringRefSize = 8;
inline constexpr std::size_t kBlockEntrySize = 8;
// Terms are front-coded in blocks of this many; a block's first term is stored whole, so a
// binary search over blocks finds a term's block and a scan of at most this many decodes it.
inline constexpr std::uint32_t kTermsPerBlock = 32;
// Header flags (FORMAT.md): a reader refuses any bit it does not know.
inline constexpr std::uint32_t kFlagStemEnglish = 1;
inline constexpr std::uint32_t kFlagSnippetCheckpoints = 2;  // a SKIP section follows POST
inline constexpr std::uint32_t kKnownFlags = kFlagStemEnglish | kFlagSnippetCheckpoints;
// Version 2 heads only: DOCV's dates are a day and a rank within the day (FORMAT.md, "Dates in
// a head"): the same order and the same day filters in about a tenth of the bytes.
inline constexpr std::uint32_t kFlagDayRankedDates = 4;
// Version 2 heads only: DOCV's body spans are one-byte length codes (FORMAT.md, "Body
// lengths"): the body's span was 43 % of a 100k-article head (issue 8, session 14).
inline constexpr std::uint32_t kFlagBodyLengthCodes = 8;
// Version 2 heads only: the shards lie back to back in their files, in order, so SHRD gives each
// one's file as a step from the previous shard's and no offset (FORMAT.md, "Shards back to
// back"): offsets were a third of SHRD after compression (issue 8, session 14).
inline constexpr std::uint32_t kFlagShardsBackToBack = 16;
inline constexpr std::uint32_t kKnownHeadFlags =
    kFlagStemEnglish | kFlagDayRankedDates | kFlagBodyLengthCodes | kFlagShardsBackToBack;
// A date key is yyyymmddhhmmss: the day is key / kKeysPerDay; a key's time of day is below
// 240000, so a rank below that keeps a day's keys inside the day's bounds.
inline constexpr std::uint64_t kKeysPerDay = 1000000;
inline constexpr std::uint64_t kMaxDayRank = 235959;
inline constexpr std::uint64_t kMaxDay = 99999999;  // yyyymmdd, as date_key reads digits
// SKIP holds the byte offset, in the body's plain text, of every this-many-th body token.
inline constexpr std::uint32_t kCheckpointTokens = 64;
// The shards of a stemmed version 2 index hold, for each English stem, a term made of this byte
// and the stem whose postings are those of every word with the stem (FORMAT.md, "Stem keys").
// Terms are runs of letters, marks and digits, so no word starts with a control character.
inline constexpr char kStemKeyByte = '\x01';
inline std::string stem_key(std::string_view stem) {
  std::string key(1, kStemKeyByte);
  key.append(stem);
  return key;
}
// BM25 normalises a body by its length as a one-byte code (FORMAT.md, "Body lengths"): exact
// below 16, above that the length's top bit and the three bits after it, so the length a code
// stands for (its floor) is at most 1/8 below the true one. Both layouts rank by the floor, so a
// head can store the code alone and still give the single file's scores.
inline constexpr std::uint32_t kMaxBodyLengthCode = 16 + 27 * 8 + 7;  // a 32-bit length
inline std::uint32_t body_length_code(std::uint32_t length) {
  if (length < 16) return length;
  int top = 31;
  while ((length >> top) == 0) --top;
  return 16 + static_cast<std::uint32_t>(top - 4) * 8 + ((length >> (top - 3)) & 7);
}
// The smallest and the largest length with this code (code <= kMaxBodyLengthCode; the floor is
// defined one code further, so the largest is the next code's floor minus one).
inline std::uint64_t body_length_floor(std::uint32_t code) {
  if (code < 16) return code;
  const std::uint32_t top = (code - 16) / 8 + 4;
  return static_cast<std::uint64_t>(8 + (code - 16) % 8) << (top - 3);
}
inline std::uint64_t body_length_ceiling(std::uint32_t code) {
  return body_length_floor(code + 1) - 1;
}
inline constexpr int kFieldCount = 4;  // title, author, tags, body, in position order
enum Field : int { kTitle = 0, kAuthor = 1, kTags = 2, kBody = 3 };

inline std::uint32_t read_u32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
inline std::uint64_t read_u64(const char* p) {
  return static_cast<std::uint64_t>(read_u32(p)) |
         (static_cast<std::uint64_t>(read_u32(p + 4)) << 32);
}

std::uint32_t crc32(std::string_view data);

// A bounds-checked LEB128 reader: past the end it reports failure instead of reading on.
// next() reads at most 32 bits, next64() at most 64.
struct VarintReader {
  const unsigned char* pos;
  const unsigned char* end;
  bool ok = true;
  std::uint32_t next() {
    std::uint32_t value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos >= end) {
        ok = false;
        return 0;
      }
      const unsigned char byte = *pos++;
      if (shift == 28 && (byte & 0x70) != 0) {
        ok = false;  // more than 32 bits
        return 0;
      }
      value |= static_cast<std::uint32_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    ok = false;
    return 0;
  }
  std::uint64_t next64() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (pos >= end) {
        ok = false;
        return 0;
      }
      const unsigned char byte = *pos++;
      if (shift == 63 && (byte & 0x7E) != 0) {
        ok = false;  // more than 64 bits
        return 0;
      }
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    ok = false;
    return 0;
  }
};

struct StringRef {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

struct DocRecord {
  std::uint64_t date = 0;
  StringRef author;
  std::uint32_t tags_begin = 0;
  std::uint32_t tags_count = 0;
  std::uint32_t span[kFieldCount] = {0, 0, 0, 0};
  std::uint32_t start[kFieldCount] = {0, 0, 0, 0};  // derived: first position of each field
  // The body length BM25 uses: body_length_floor of the body span's code. A head with
  // kFlagBodyLengthCodes stores only the code; span[kBody] is then the code's ceiling.
  std::uint32_t body_norm = 0;
};

// One sorted run of terms and their postings (the TERM and POST sections): the whole
// dictionary of a version 1 file, or one shard of a version 2 index.
struct Dictionary {
  std::string bytes;  // a shard's own bytes (version 2); views below point into them
  std::uint32_t term_count = 0;
  std::uint32_t block_count = 0;
  const char* block_table = nullptr;  // block_count entries: blob offset, postings offset
  std::string_view term_blob;
  std::string_view postings;
};

// A shard as the head describes it, and its dictionary once added (version 1: one slot that
// holds the file's own dictionary and is always there).
struct ShardSlot {
  std::string first_term;  // "" for version 1
  std::uint32_t term_count = 0;
  std::uint32_t file = 0;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  std::unique_ptr<Dictionary> dict;
  std::uint64_t last_used = 0;
};

struct SearchIndex::Data {
  std::string bytes;
  std::uint32_t version = 0;
  std::uint64_t fingerprint = 0;
  std::uint32_t flags = 0;
  std::uint32_t doc_count = 0;
  std::uint32_t term_count = 0;
  std::string_view strings;
  std::vector<DocRecord> docs;
  std::vector<StringRef> tags;
  std::vector<ShardSlot> shards;
  std::vector<std::string> files;  // version 2: the files shards are stored in
  std::size_t shard_bytes = 0;     // bytes of the shards added and not dropped
  std::uint64_t clock = 0;         // for last_used
  std::string_view skip_table;     // doc_count u32 offsets into skip_blob (empty without SKIP)
  std::string_view skip_blob;
  double average_span[kFieldCount] = {0, 0, 0, 0};
  // Version 1: English stem -> the postings of every English word (term) with that stem. Made
  // from the dictionary on the first stemmed query (stem_group), not stored in the file.
  mutable std::once_flag stems_made;
  // The last query's ranking, reused when the same query is asked again (a sharded reader asks
  // twice: for the records its hits need, then with them; paging asks once per page).
  mutable std::mutex last_ranking_mutex;
  mutable std::shared_ptr<SearchIndex::Ranking> last_ranking;
  mutable std::unordered_map<std::string, std::vector<std::string_view>> stems;

  std::string_view str(StringRef ref) const { return strings.substr(ref.offset, ref.length); }
};

// A stemmed sharded index: a stemmed word is its stem key's postings (version 2 with the stem
// flag). A single file is grouped by stem when queried instead; an unstemmed head cannot stem,
// since a stem's forms may lie in any shard.
inline bool stems_by_key(const SearchIndex::Data& d) {
  return d.version == kShardedIndexFormatVersion && (d.flags & kFlagStemEnglish) != 0;
}

// The shard whose range holds `key`: the last one whose first term is <= key (0 when none).
std::uint32_t shard_for(const SearchIndex::Data& d, std::string_view key);

struct TermEntry {
  std::string term;
  std::uint32_t index = 0;  // the term's number in sorted order
  std::string_view postings;
};

// Walks the dictionary in sorted order from the start of a block. Every read is bounds-checked;
// a damaged dictionary ends the walk (ok() turns false) instead of reading past it.
class TermCursor {
 public:
  TermCursor(const Dictionary& d, std::uint32_t block);
  bool next(TermEntry& entry);
  bool ok() const { return ok_; }
  std::size_t blob_offset() const { return pos_; }

 private:
  const Dictionary& d_;
  std::size_t pos_ = 0;
  std::uint32_t index_ = 0;
  std::uint32_t postings_ = 0;
  std::string term_;
  bool ok_ = true;
};

// Positions `entry` on the first term >= `key` and returns the cursor to continue from; false
// when every term is smaller.
bool seek_term(const Dictionary& d, std::string_view key, TermEntry& entry,
               std::optional<TermCursor>& cursor);

// Calls `visit` for every term that starts with `prefix`, in order, across shards; a shard not
// added yet ends the walk (callers ask for the shards a query needs first: shards_for).
void for_each_term_with_prefix(const SearchIndex::Data& d, std::string_view prefix,
                               const std::function<void(const TermEntry&)>& visit);
// The postings of exactly `term`, or an empty view.
std::string_view find_term(const SearchIndex::Data& d, std::string_view term);

}  // namespace folio
