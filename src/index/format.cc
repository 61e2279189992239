// Writes and validates the index file. The layout is specified in src/index/FORMAT.md; that file
// and this one change together, and tests/unit/index_format_test.cc pins the bytes.
#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include <folio/error.h>
#include <folio/text.h>

#include "index_data.h"

namespace folio {
namespace {

constexpr std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}
constexpr auto kCrcTable = make_crc_table();

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}
void put_u64(std::string& out, std::uint64_t v) {
  put_u32(out, static_cast<std::uint32_t>(v));
  put_u32(out, static_cast<std::uint32_t>(v >> 32));
}
void put_varint(std::string& out, std::uint32_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}
void put_section(std::string& out, const char (&tag)[5], const std::string& body) {
  out.append(tag, 4);
  put_u32(out, static_cast<std::uint32_t>(body.size()));
  out += body;
}

struct Posting {
  std::string bytes;  // per document: (doc delta << 1 | single), [count], position deltas
  std::uint32_t last_doc = 0;
};

class StringPool {
 public:
  StringRef add(const std::string& text) {
    const auto [it, inserted] = refs_.try_emplace(text);
    if (inserted) {
      it->second = {static_cast<std::uint32_t>(bytes_.size()),
                    static_cast<std::uint32_t>(text.size())};
      bytes_ += text;
    }
    return it->second;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
  std::map<std::string, StringRef> refs_;
};

void put_ref(std::string& out, StringRef ref) {
  put_u32(out, ref.offset);
  put_u32(out, ref.length);
}

// Every distinct term of the corpus once, numbered in order of first sight, with its postings
// so far. One hash lookup per token, and none of the per-document maps of strings that made
// most of `folio build`'s time (perf: 25 % in unordered_map lookups, 14 % in malloc).
// Most tokens are CJK (bigrams): they are looked up by their two code points packed in one
// integer, in an open-addressing table (no string built, no node to chase: perf had 28 % of
// the build in unordered_map<string> lookups); words go through a map of strings.
class TermTable {
 public:
  std::uint32_t word(const std::string& term) {
    const auto [it, added] = words_.try_emplace(term, static_cast<std::uint32_t>(names_.size()));
    if (added) add(term);
    return it->second;
  }
  std::uint32_t cjk(char32_t first, char32_t second) {  // second = 0: the character alone
    const std::uint64_t key = (static_cast<std::uint64_t>(first) << 32) | second;
    if ((cjk_used_ + 1) * 2 > cjk_slots_.size()) grow();
    for (std::size_t slot = slot_of(key);; slot = (slot + 1) & (cjk_slots_.size() - 1)) {
      Slot& s = cjk_slots_[slot];
      if (s.id == kEmpty) {
        s = {key, static_cast<std::uint32_t>(names_.size())};
        ++cjk_used_;
        std::string term;
        append_utf8(term, first);
        if (second != 0) append_utf8(term, second);
        add(term);
        return s.id;
      }
      if (s.key == key) return s.id;
    }
  }
  std::size_t size() const { return names_.size(); }
  const std::string& name(std::uint32_t id) const { return names_[id]; }
  Posting& posting(std::uint32_t id) { return postings_[id]; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t id = kEmpty;
  };
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  std::size_t slot_of(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & (cjk_slots_.size() - 1);
  }
  void grow() {
    std::vector<Slot> old = std::move(cjk_slots_);
    cjk_slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    for (const Slot& s : old) {
      if (s.id == kEmpty) continue;
      std::size_t slot = slot_of(s.key);
      while (cjk_slots_[slot].id != kEmpty) slot = (slot + 1) & (cjk_slots_.size() - 1);
      cjk_slots_[slot] = s;
    }
  }
  void add(const std::string& term) {
    names_.push_back(term);
    postings_.emplace_back();
  }
  std::unordered_map<std::string, std::uint32_t> words_;
  std::vector<Slot> cjk_slots_;
  std::size_t cjk_used_ = 0;
  std::vector<std::string> names_;
  std::vector<Posting> postings_;
};

// (term id, position) of each token of one document.
using Occurrences = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// Adds the tokens of `text` at positions from `position` on; returns the positions used.
// `checkpoints`: gets the byte offset in `text` of every kCheckpointTokens-th token.
std::uint32_t add_field(std::string_view text, std::uint32_t position, TermTable& table,
                        Occurrences& occurrences,
                        std::vector<std::uint32_t>* checkpoints = nullptr) {
  const NormalizedText normalized = normalize_with_offsets(text);
  const std::vector<Token> tokens = tokenize(normalized.chars);
  const std::u32string& chars = normalized.chars;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    // The same terms as token_term: a CJK character and the next when that is CJK too.
    const std::uint32_t id =
        token.cjk
            ? table.cjk(chars[token.begin],
                        token.end < chars.size() && is_cjk(chars[token.end]) ? chars[token.end] : 0)
            : table.word(token_term(chars, token));
    occurrences.emplace_back(id, position + static_cast<std::uint32_t>(i));
    if (checkpoints != nullptr && i > 0 && i % kCheckpointTokens == 0) {
      checkpoints->push_back(normalized.source_begin[token.begin]);
    }
  }
  return static_cast<std::uint32_t>(tokens.size());
}

IndexError error(const char* code, std::string message) { return {code, std::move(message)}; }

}  // namespace

std::uint32_t crc32(std::string_view data) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (const char ch : data) c = kCrcTable[(c ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::uint64_t fnv1a64(std::string_view data, std::uint64_t hash) {
  for (const char ch : data) {
    hash ^= static_cast<unsigned char>(ch);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::string encode_search_index(const std::vector<SearchDocument>& documents,
                                std::uint64_t fingerprint, const SearchIndexSettings& settings) {
  StringPool strings;
  std::string docs;
  std::string tags;
  std::uint32_t tag_count = 0;
  TermTable table;
  Occurrences occurrences;
  std::vector<std::uint32_t> checkpoints;
  std::string skip_table;
  std::string skip_blob;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    const SearchDocument& doc = documents[d];
    occurrences.clear();
    // Fields follow each other in one position space, one unused position apart, so no phrase
    // or CJK run matches across two fields (or two tags).
    std::uint32_t span[kFieldCount] = {0, 0, 0, 0};
    std::uint32_t position = 0;
    span[kTitle] = add_field(doc.title, position, table, occurrences);
    position += span[kTitle] + 1;
    span[kAuthor] = add_field(doc.author, position, table, occurrences);
    position += span[kAuthor] + 1;
    const std::uint32_t tags_start = position;
    for (std::size_t t = 0; t < doc.tags.size(); ++t) {
      if (t > 0) ++position;
      position += add_field(doc.tags[t], position, table, occurrences);
    }
    span[kTags] = position - tags_start;
    position += 1;
    checkpoints.clear();
    span[kBody] = add_field(doc.body, position, table, occurrences, &checkpoints);
    put_u32(skip_table, static_cast<std::uint32_t>(skip_blob.size()));
    put_varint(skip_blob, static_cast<std::uint32_t>(checkpoints.size()));
    std::uint32_t previous_offset = 0;
    for (const std::uint32_t offset : checkpoints) {
      put_varint(skip_blob, offset - previous_offset);
      previous_offset = offset;
    }

    put_u64(docs, date_key(doc.date));
    put_ref(docs, strings.add(doc.author));
    put_u32(docs, tag_count);
    put_u32(docs, static_cast<std::uint32_t>(doc.tags.size()));
    for (const std::uint32_t s : span) put_u32(docs, s);
    for (const std::string& tag : doc.tags) put_ref(tags, strings.add(tag));
    tag_count += static_cast<std::uint32_t>(doc.tags.size());

    const auto doc_number = static_cast<std::uint32_t>(d);
    // By term, then position: each term's positions in this document, ascending.
    std::sort(occurrences.begin(), occurrences.end());
    for (std::size_t i = 0; i < occurrences.size();) {
      const std::uint32_t term = occurrences[i].first;
      std::size_t end = i + 1;
      while (end < occurrences.size() && occurrences[end].first == term) ++end;
      Posting& posting = table.posting(term);
      // Most (term, document) pairs occur once (a third of all bigrams are hapaxes): a flag bit
      // in the delta saves their count byte.
      const bool single = end - i == 1;
      put_varint(posting.bytes, (doc_number - posting.last_doc) << 1 | (single ? 1u : 0u));
      posting.last_doc = doc_number;
      if (!single) put_varint(posting.bytes, static_cast<std::uint32_t>(end - i));
      std::uint32_t previous = 0;
      for (; i < end; ++i) {
        put_varint(posting.bytes, occurrences[i].second - previous);
        previous = occurrences[i].second;
      }
    }
  }

  std::vector<std::uint32_t> sorted(table.size());
  for (std::uint32_t t = 0; t < sorted.size(); ++t) sorted[t] = t;
  std::sort(sorted.begin(), sorted.end(), [&table](std::uint32_t a, std::uint32_t b) {
    return table.name(a) < table.name(b);  // bytewise: std::string compares as unsigned char
  });
  // Front-coded dictionary: per term (shared prefix length, suffix length, suffix, postings
  // length); a block table gives each block's start and its first postings offset.
  std::string blocks;
  std::string blob;
  std::string posting_bytes;
  std::string_view previous;
  for (std::size_t t = 0; t < sorted.size(); ++t) {
    const std::string& term = table.name(sorted[t]);
    std::size_t shared = 0;
    if (t % kTermsPerBlock == 0) {
      put_u32(blocks, static_cast<std::uint32_t>(blob.size()));
      put_u32(blocks, static_cast<std::uint32_t>(posting_bytes.size()));
    } else {
      while (shared < previous.size() && shared < term.size() && previous[shared] == term[shared]) {
        ++shared;
      }
    }
    put_varint(blob, static_cast<std::uint32_t>(shared));
    put_varint(blob, static_cast<std::uint32_t>(term.size() - shared));
    blob.append(term, shared, std::string::npos);
    const std::string& bytes = table.posting(sorted[t]).bytes;
    put_varint(blob, static_cast<std::uint32_t>(bytes.size()));
    posting_bytes += bytes;
    previous = term;
  }

  std::string payload;
  put_section(payload, "STRS", strings.bytes());
  put_section(payload, "DOCS", docs);
  put_section(payload, "TAGS", tags);
  put_section(payload, "TERM", blocks + blob);
  put_section(payload, "POST", posting_bytes);
  if (settings.snippet_checkpoints) put_section(payload, "SKIP", skip_table + skip_blob);

  std::string out(kIndexMagic, sizeof kIndexMagic);
  put_u32(out, kSearchIndexFormatVersion);
  put_u32(out, (settings.stem_english ? kFlagStemEnglish : 0u) |
                   (settings.snippet_checkpoints ? kFlagSnippetCheckpoints : 0u));
  put_u64(out, fingerprint);
  put_u32(out, static_cast<std::uint32_t>(documents.size()));
  put_u32(out, static_cast<std::uint32_t>(sorted.size()));
  put_u32(out, static_cast<std::uint32_t>(payload.size()));
  put_u32(out, crc32(payload));
  return out + payload;
}

namespace {

// Reads the next section of the payload; false when its tag or length does not fit.
bool take_section(std::string_view& rest, const char* tag, std::string_view& body) {
  if (rest.size() < 8 || std::memcmp(rest.data(), tag, 4) != 0) return false;
  const std::uint32_t length = read_u32(rest.data() + 4);
  if (length > rest.size() - 8) return false;
  body = rest.substr(8, length);
  rest.remove_prefix(8 + static_cast<std::size_t>(length));
  return true;
}

bool ref_fits(StringRef ref, std::string_view pool) {
  return ref.offset <= pool.size() && ref.length <= pool.size() - ref.offset;
}

std::optional<IndexError> validate(SearchIndex::Data& d) {
  const std::string_view all = d.bytes;
  if (all.size() < kIndexHeaderSize || std::memcmp(all.data(), kIndexMagic, 8) != 0) {
    return error(code::kIndexFormat, "not a folio search index (no FOLIOIDX signature)");
  }
  const std::uint32_t version = read_u32(all.data() + 8);
  if (version != kSearchIndexFormatVersion) {
    return error(code::kIndexFormat, "search index format version " + std::to_string(version) +
                                         " is not supported (this folio reads " +
                                         std::to_string(kSearchIndexFormatVersion) + ")");
  }
  d.flags = read_u32(all.data() + 12);
  if ((d.flags & ~kKnownFlags) != 0) {
    return error(code::kIndexFormat, "unknown index flags " + std::to_string(d.flags) +
                                         " (this folio knows " + std::to_string(kKnownFlags) + ")");
  }
  d.fingerprint = read_u64(all.data() + 16);
  d.doc_count = read_u32(all.data() + 24);
  d.term_count = read_u32(all.data() + 28);
  const std::uint32_t payload_size = read_u32(all.data() + 32);
  if (payload_size != all.size() - kIndexHeaderSize) {
    return error(code::kIndexCorrupt, "the index is " + std::to_string(all.size()) +
                                          " bytes, its header says " +
                                          std::to_string(payload_size + kIndexHeaderSize));
  }
  std::string_view rest = all.substr(kIndexHeaderSize);
  if (crc32(rest) != read_u32(all.data() + 36)) {
    return error(code::kIndexCorrupt, "checksum mismatch: the index file is damaged");
  }
  std::string_view docs;
  std::string_view tags;
  std::string_view terms;
  std::string_view skip;
  if (!take_section(rest, "STRS", d.strings) || !take_section(rest, "DOCS", docs) ||
      !take_section(rest, "TAGS", tags) || !take_section(rest, "TERM", terms) ||
      !take_section(rest, "POST", d.postings) ||
      ((d.flags & kFlagSnippetCheckpoints) != 0 && !take_section(rest, "SKIP", skip)) ||
      !rest.empty()) {
    return error(code::kIndexCorrupt, "sections missing, out of order or of the wrong size");
  }
  if (docs.size() != static_cast<std::size_t>(d.doc_count) * kDocRecordSize ||
      tags.size() % kStringRefSize != 0) {
    return error(code::kIndexCorrupt, "document or tag table of the wrong size");
  }
  d.tags.resize(tags.size() / kStringRefSize);
  for (std::size_t i = 0; i < d.tags.size(); ++i) {
    d.tags[i] = {read_u32(tags.data() + i * 8), read_u32(tags.data() + i * 8 + 4)};
    if (!ref_fits(d.tags[i], d.strings)) return error(code::kIndexCorrupt, "tag out of bounds");
  }
  d.docs.resize(d.doc_count);
  std::uint64_t span_sum[kFieldCount] = {0, 0, 0, 0};
  for (std::uint32_t i = 0; i < d.doc_count; ++i) {
    const char* p = docs.data() + static_cast<std::size_t>(i) * kDocRecordSize;
    DocRecord& doc = d.docs[i];
    doc.date = read_u64(p);
    doc.author = {read_u32(p + 8), read_u32(p + 12)};
    doc.tags_begin = read_u32(p + 16);
    doc.tags_count = read_u32(p + 20);
    std::uint64_t position = 0;
    for (int f = 0; f < kFieldCount; ++f) {
      doc.span[f] = read_u32(p + 24 + 4 * f);
      doc.start[f] = static_cast<std::uint32_t>(std::min<std::uint64_t>(position, 0xFFFFFFFFu));
      position += static_cast<std::uint64_t>(doc.span[f]) + 1;
      span_sum[f] += doc.span[f];
    }
    if (position > 0x7FFFFFFFu || !ref_fits(doc.author, d.strings) ||
        doc.tags_begin > d.tags.size() || doc.tags_count > d.tags.size() - doc.tags_begin) {
      return error(code::kIndexCorrupt, "document " + std::to_string(i) + " is out of bounds");
    }
  }
  for (int f = 0; f < kFieldCount; ++f) {
    d.average_span[f] =
        d.doc_count == 0 ? 0 : static_cast<double>(span_sum[f]) / static_cast<double>(d.doc_count);
  }
  if ((d.flags & kFlagSnippetCheckpoints) != 0) {
    // SKIP: a u32 per document where its list starts, then the lists back to back, each
    // `varint count` (at most one per 64 body tokens) and that many positive offset deltas.
    const std::size_t table_size = static_cast<std::size_t>(d.doc_count) * 4;
    if (skip.size() < table_size) return error(code::kIndexCorrupt, "SKIP table truncated");
    d.skip_table = skip.substr(0, table_size);
    d.skip_blob = skip.substr(table_size);
    const auto* base = reinterpret_cast<const unsigned char*>(d.skip_blob.data());
    std::size_t expected = 0;
    for (std::uint32_t i = 0; i < d.doc_count; ++i) {
      VarintReader in{base + expected, base + d.skip_blob.size()};
      const std::uint32_t count = in.next();
      bool ok = in.ok &&
                read_u32(d.skip_table.data() + 4 * static_cast<std::size_t>(i)) == expected &&
                count <= d.docs[i].span[kBody] / kCheckpointTokens;
      std::uint64_t offset = 0;
      for (std::uint32_t j = 0; ok && j < count; ++j) {
        const std::uint32_t step = in.next();
        offset += step;
        ok = in.ok && step > 0 && offset <= 0xFFFFFFFFu;
      }
      if (!ok) {
        return error(code::kIndexCorrupt,
                     "snippet checkpoints of document " + std::to_string(i) + " are damaged");
      }
      expected = static_cast<std::size_t>(in.pos - base);
    }
    if (expected != d.skip_blob.size()) {
      return error(code::kIndexCorrupt, "SKIP does not end where its last list does");
    }
  }
  d.block_count = (d.term_count + kTermsPerBlock - 1) / kTermsPerBlock;
  const std::size_t table_size = static_cast<std::size_t>(d.block_count) * kBlockEntrySize;
  if (terms.size() < table_size) return error(code::kIndexCorrupt, "term block table truncated");
  d.block_table = terms.data();
  d.term_blob = terms.substr(table_size);
  // One walk through the whole dictionary: blocks where the table says, terms strictly
  // ascending, postings back to back to the end of POST, each list decoding to its end.
  TermCursor cursor(d, 0);
  TermEntry entry;
  std::string previous;
  std::size_t postings_end = 0;
  for (std::uint32_t t = 0; t < d.term_count; ++t) {
    if (t % kTermsPerBlock == 0) {
      const char* block = d.block_table + (t / kTermsPerBlock) * kBlockEntrySize;
      if (read_u32(block) != cursor.blob_offset() || read_u32(block + 4) != postings_end) {
        return error(code::kIndexCorrupt, "term block " + std::to_string(t / kTermsPerBlock) +
                                              " is not where the block table says");
      }
    }
    if (!cursor.next(entry) || entry.term.empty() || (t > 0 && !(previous < entry.term))) {
      return error(code::kIndexCorrupt,
                   "term " + std::to_string(t) + " is damaged or out of order");
    }
    previous = entry.term;
    postings_end += entry.postings.size();
    const std::string_view list = entry.postings;
    VarintReader in{reinterpret_cast<const unsigned char*>(list.data()),
                    reinterpret_cast<const unsigned char*>(list.data() + list.size())};
    std::uint64_t doc = 0;
    for (bool first = true; in.ok && in.pos < in.end; first = false) {
      const std::uint32_t head = in.next();
      const std::uint32_t delta = head >> 1;
      doc += delta;
      const std::uint32_t positions = (head & 1) ? 1 : in.next();
      if ((!first && delta == 0) || doc >= d.doc_count || positions == 0) {
        in.ok = false;
        break;
      }
      const DocRecord& record = d.docs[static_cast<std::size_t>(doc)];
      const std::uint64_t limit =
          static_cast<std::uint64_t>(record.start[kBody]) + record.span[kBody];
      std::uint64_t position = 0;
      for (std::uint32_t j = 0; in.ok && j < positions; ++j) {
        const std::uint32_t step = in.next();
        position += step;
        if ((j > 0 && step == 0) || position >= limit) in.ok = false;
      }
    }
    if (!in.ok || list.empty()) {
      return error(code::kIndexCorrupt, "postings of term " + std::to_string(t) + " are damaged");
    }
  }
  if (cursor.blob_offset() != d.term_blob.size() || postings_end != d.postings.size()) {
    return error(code::kIndexCorrupt, "the dictionary does not cover its data exactly");
  }
  return std::nullopt;
}

}  // namespace

TermCursor::TermCursor(const SearchIndex::Data& d, std::uint32_t block) : d_(d) {
  if (block >= d.block_count) {
    index_ = d.term_count;
    return;
  }
  const char* entry = d.block_table + block * kBlockEntrySize;
  pos_ = read_u32(entry);
  postings_ = read_u32(entry + 4);
  index_ = block * kTermsPerBlock;
  ok_ = pos_ <= d.term_blob.size() && postings_ <= d.postings.size();
}

bool TermCursor::next(TermEntry& entry) {
  if (!ok_ || index_ >= d_.term_count) return false;
  const auto* base = reinterpret_cast<const unsigned char*>(d_.term_blob.data());
  VarintReader in{base + pos_, base + d_.term_blob.size()};
  const std::uint32_t shared = in.next();
  const std::uint32_t suffix = in.next();
  if (!in.ok || shared > term_.size() || (index_ % kTermsPerBlock == 0 && shared != 0) ||
      suffix > static_cast<std::size_t>(in.end - in.pos)) {
    ok_ = false;
    return false;
  }
  term_.resize(shared);
  term_.append(reinterpret_cast<const char*>(in.pos), suffix);
  in.pos += suffix;
  const std::uint32_t length = in.next();
  if (!in.ok || length > d_.postings.size() - postings_) {
    ok_ = false;
    return false;
  }
  entry.term = term_;
  entry.index = index_++;
  entry.postings = d_.postings.substr(postings_, length);
  postings_ += length;
  pos_ = static_cast<std::size_t>(in.pos - base);
  return true;
}

bool seek_term(const SearchIndex::Data& d, std::string_view key, TermEntry& entry,
               std::optional<TermCursor>& cursor) {
  // The last block whose first term is <= key (or the first block).
  std::uint32_t low = 0;
  std::uint32_t high = d.block_count;
  while (high - low > 1) {
    const std::uint32_t mid = low + (high - low) / 2;
    TermCursor probe(d, mid);
    TermEntry first;
    if (probe.next(first) && first.term <= key) {
      low = mid;
    } else {
      high = mid;
    }
  }
  cursor.emplace(d, low);
  while (cursor->next(entry)) {
    if (entry.term >= key) return true;
  }
  return false;
}

SearchIndex::SearchIndex() : data_(std::make_unique<Data>()) {}
SearchIndex::~SearchIndex() = default;
SearchIndex::SearchIndex(SearchIndex&&) noexcept = default;
SearchIndex& SearchIndex::operator=(SearchIndex&&) noexcept = default;

std::optional<SearchIndex> SearchIndex::load(std::string bytes, IndexError* error_out) {
  SearchIndex index;
  index.data_->bytes = std::move(bytes);
  if (std::optional<IndexError> problem = validate(*index.data_)) {
    if (error_out) *error_out = std::move(*problem);
    return std::nullopt;
  }
  return index;
}

SearchIndex SearchIndex::build(std::vector<SearchDocument> documents, std::uint64_t fingerprint,
                               const SearchIndexSettings& settings) {
  IndexError problem;
  std::optional<SearchIndex> index =
      load(encode_search_index(documents, fingerprint, settings), &problem);
  if (!index)
    throw std::logic_error("folio: a freshly encoded index is invalid: " + problem.message);
  index->documents_ = std::move(documents);
  return std::move(*index);
}

std::size_t SearchIndex::size() const { return data_->doc_count; }
std::uint64_t SearchIndex::fingerprint() const { return data_->fingerprint; }
SearchIndexSettings SearchIndex::settings() const {
  SearchIndexSettings settings;
  settings.stem_english = (data_->flags & kFlagStemEnglish) != 0;
  settings.snippet_checkpoints = (data_->flags & kFlagSnippetCheckpoints) != 0;
  return settings;
}
const std::string& SearchIndex::bytes() const { return data_->bytes; }

}  // namespace folio
