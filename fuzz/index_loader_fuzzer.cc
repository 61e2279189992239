// The index loader (folio-index.bin, src/index/FORMAT.md): any bytes, as served by a stranger's
// host, truncated or corrupted. Random bytes almost never carry the right CRC-32, which would
// stop the fuzzer at the checksum, so each input is loaded twice: as it is, and "resealed" with
// its true payload length and CRC, as a deliberate forger would. Whatever load() accepts must
// then answer queries without reading outside the bytes (ASan watches).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <folio/error.h>
#include <folio/index.h>

#include "index/index_data.h"

namespace {

void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

void load_and_query(std::string bytes) {
  folio::IndexError error;
  std::optional<folio::SearchIndex> index = folio::SearchIndex::load(std::move(bytes), &error);
  if (!index) {
    if (error.code != folio::code::kIndexFormat && error.code != folio::code::kIndexCorrupt) {
      std::abort();  // every refusal carries one of the two codes
    }
    return;
  }
  // The documents behind an index come from corpus.json; here they are whatever the index says
  // plus made-up text, and a provider asked for a document that does not exist answers empty.
  const std::size_t count = index->size();
  const auto provider = [count](std::size_t doc) {
    if (doc >= count) std::abort();  // search asked for a document the index does not have
    return folio::SearchDocument{"d", "Title ott", "author", {"tag"}, "2013", "body 微信 ott"};
  };
  for (const char* query : {"运营商", "ott", "o", "微", "a b", "\"static site\"", "tag:电信",
                            "-ott x", "year:2013", "author:jane", "date:2013-07..2014"}) {
    folio::SearchOptions options;
    options.prefix = true;
    index->search(query, options, provider);
  }
  folio::SearchOptions newest;
  newest.sort = folio::SearchSort::newest;
  index->search("year:1..9999", newest, provider);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  load_and_query(bytes);
  if (bytes.size() >= folio::kIndexHeaderSize) {
    put_u32(bytes, 32, static_cast<std::uint32_t>(bytes.size() - folio::kIndexHeaderSize));
    put_u32(bytes, 36, folio::crc32(std::string_view(bytes).substr(folio::kIndexHeaderSize)));
    load_and_query(std::move(bytes));
  }
  return 0;
}
