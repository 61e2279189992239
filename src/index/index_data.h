// Internal to the index layer: the layout constants of the index file (src/index/FORMAT.md) and
// the loaded view of it that search reads.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <folio/index.h>

namespace folio {

inline constexpr char kIndexMagic[8] = {'F', 'O', 'L', 'I', 'O', 'I', 'D', 'X'};
inline constexpr std::size_t kIndexHeaderSize = 40;
inline constexpr std::size_t kDocRecordSize = 40;
inline constexpr std::size_t kStringRefSize = 8;
inline constexpr std::size_t kTermEntrySize = 8;
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
  std::uint32_t doc_count = 0;
  std::uint32_t term_count = 0;
  std::string_view strings;
  std::vector<DocRecord> docs;
  std::vector<StringRef> tags;
  const char* term_table = nullptr;  // (term_count + 1) entries
  std::string_view term_bytes;
  std::string_view postings;
  double average_span[kFieldCount] = {0, 0, 0, 0};

  std::string_view str(StringRef ref) const { return strings.substr(ref.offset, ref.length); }
  std::string_view term(std::uint32_t t) const {
    const std::uint32_t from = read_u32(term_table + t * kTermEntrySize);
    const std::uint32_t to = read_u32(term_table + (t + 1) * kTermEntrySize);
    return term_bytes.substr(from, to - from);
  }
  std::string_view posting(std::uint32_t t) const {
    const std::uint32_t from = read_u32(term_table + t * kTermEntrySize + 4);
    const std::uint32_t to = read_u32(term_table + (t + 1) * kTermEntrySize + 4);
    return postings.substr(from, to - from);
  }
};

}  // namespace folio
