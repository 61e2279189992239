// The input of fuzz_site (site_fuzzer.cc): a whole sharded site (src/site/FORMAT.md) as one byte
// string, so libFuzzer mutates every file of it at once. fuzz_seed_tool --site writes such inputs
// from a site write_sharded_site made; the fuzzer reads them. Both use this header.
//
// An input is a run of parts, each `@@folio <name>\n` followed by its bytes, up to the next
// `@@folio ` or the end. Files stored compressed are given inflated wherever a whole file is one
// zlib stream, because mutating compressed bytes almost only ever breaks the stream:
//   corpus.json   the entry, as on disk
//   data/<name>   a file of data/: manifest-, head-, ids- and list- files inflated (the fuzzer
//                 reseals a head's length and CRC-32, then compresses them), pack- and terms-
//                 files as on disk (records and shards compressed inside, at the offsets their
//                 headers and the head give)
//   shard <i>     index shard i, inflated: what folio.js hands the WASM module's addShard
//   record <d>    document d's record, a corpus.json article entry: what addRecord is given
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace folio_fuzz {

inline constexpr std::string_view kPartMarker = "@@folio ";

inline std::string site_part(std::string_view name, std::string_view bytes) {
  std::string part(kPartMarker);
  part.append(name).append("\n").append(bytes);
  return part;
}

// The parts of `input` as (name, bytes); anything before the first marker is ignored.
inline std::vector<std::pair<std::string_view, std::string_view>> site_parts(
    std::string_view input) {
  std::vector<std::pair<std::string_view, std::string_view>> parts;
  std::size_t at = input.find(kPartMarker);
  while (at != std::string_view::npos) {
    const std::size_t name_at = at + kPartMarker.size();
    const std::size_t name_end = input.find('\n', name_at);
    if (name_end == std::string_view::npos) break;
    const std::size_t next = input.find(kPartMarker, name_end + 1);
    const std::size_t end = next == std::string_view::npos ? input.size() : next;
    parts.emplace_back(input.substr(name_at, name_end - name_at),
                       input.substr(name_end + 1, end - name_end - 1));
    at = next;
  }
  return parts;
}

}  // namespace folio_fuzz
