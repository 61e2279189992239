// Internal to the index layer: the layout constants of the index file (src/index/FORMAT.md) and
// the loaded view of it that search reads.
#pragma once

#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <folio/index.h>

namespace folio {

inline constexpr char kIndexMagic[8] = {'F', 'O', 'L', 'I', 'O', 'I', 'D', 'X'};
inline constexpr std::size_t kIndexHeaderSize = 40;
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
// SKIP holds the byte offset, in the body's plain text, of every this-many-th body token.
inline constexpr std::uint32_t kCheckpointTokens = 64;
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
};

struct SearchIndex::Data {
  std::string bytes;
  std::uint64_t fingerprint = 0;
  std::uint32_t flags = 0;
  std::uint32_t doc_count = 0;
  std::uint32_t term_count = 0;
  std::string_view strings;
  std::vector<DocRecord> docs;
  std::vector<StringRef> tags;
  std::uint32_t block_count = 0;
  const char* block_table = nullptr;  // block_count entries: blob offset, postings offset
  std::string_view term_blob;
  std::string_view postings;
  std::string_view skip_table;  // doc_count u32 offsets into skip_blob (empty without SKIP)
  std::string_view skip_blob;
  double average_span[kFieldCount] = {0, 0, 0, 0};
  // English stem -> the postings of every English word (term) with that stem. Made from the
  // dictionary on the first stemmed query (stems_of), not stored in the file.
  mutable std::once_flag stems_made;
  mutable std::unordered_map<std::string, std::vector<std::string_view>> stems;

  std::string_view str(StringRef ref) const { return strings.substr(ref.offset, ref.length); }
};

struct TermEntry {
  std::string term;
  std::uint32_t index = 0;  // the term's number in sorted order
  std::string_view postings;
};

// Walks the dictionary in sorted order from the start of a block. Every read is bounds-checked;
// a damaged dictionary ends the walk (ok() turns false) instead of reading past it.
class TermCursor {
 public:
  TermCursor(const SearchIndex::Data& d, std::uint32_t block);
  bool next(TermEntry& entry);
  bool ok() const { return ok_; }
  std::size_t blob_offset() const { return pos_; }

 private:
  const SearchIndex::Data& d_;
  std::size_t pos_ = 0;
  std::uint32_t index_ = 0;
  std::uint32_t postings_ = 0;
  std::string term_;
  bool ok_ = true;
};

// Positions `entry` on the first term >= `key` and returns the cursor to continue from; false
// when every term is smaller.
bool seek_term(const SearchIndex::Data& d, std::string_view key, TermEntry& entry,
               std::optional<TermCursor>& cursor);

}  // namespace folio
