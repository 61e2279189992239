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
  std::string bytes;  // (doc delta, count, position deltas) per document
  std::uint32_t doc_count = 0;
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

// Adds the tokens of `text` at positions from `position` on; returns the positions used.
std::uint32_t add_field(std::string_view text, std::uint32_t position,
                        std::unordered_map<std::string, std::vector<std::uint32_t>>& terms) {
  const NormalizedText normalized = normalize_with_offsets(text);
  const std::vector<Token> tokens = tokenize(normalized.chars);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    terms[token_term(normalized.chars, tokens[i])].push_back(position +
                                                             static_cast<std::uint32_t>(i));
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
                                std::uint64_t fingerprint) {
  StringPool strings;
  std::string docs;
  std::string tags;
  std::uint32_t tag_count = 0;
  std::unordered_map<std::string, Posting> postings;
  std::unordered_map<std::string, std::vector<std::uint32_t>> terms;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    const SearchDocument& doc = documents[d];
    terms.clear();
    // Fields follow each other in one position space, one unused position apart, so no phrase
    // or CJK run matches across two fields (or two tags).
    std::uint32_t span[kFieldCount] = {0, 0, 0, 0};
    std::uint32_t position = 0;
    span[kTitle] = add_field(doc.title, position, terms);
    position += span[kTitle] + 1;
    span[kAuthor] = add_field(doc.author, position, terms);
    position += span[kAuthor] + 1;
    const std::uint32_t tags_start = position;
    for (std::size_t t = 0; t < doc.tags.size(); ++t) {
      if (t > 0) ++position;
      position += add_field(doc.tags[t], position, terms);
    }
    span[kTags] = position - tags_start;
    position += 1;
    span[kBody] = add_field(doc.body, position, terms);

    put_u64(docs, date_key(doc.date));
    put_ref(docs, strings.add(doc.author));
    put_u32(docs, tag_count);
    put_u32(docs, static_cast<std::uint32_t>(doc.tags.size()));
    for (const std::uint32_t s : span) put_u32(docs, s);
    for (const std::string& tag : doc.tags) put_ref(tags, strings.add(tag));
    tag_count += static_cast<std::uint32_t>(doc.tags.size());

    const auto doc_number = static_cast<std::uint32_t>(d);
    for (auto& [term, positions] : terms) {
      Posting& posting = postings[term];
      put_varint(posting.bytes, doc_number - posting.last_doc);
      posting.last_doc = doc_number;
      ++posting.doc_count;
      put_varint(posting.bytes, static_cast<std::uint32_t>(positions.size()));
      std::uint32_t previous = 0;
      for (const std::uint32_t p : positions) {  // ascending: fields were added in order
        put_varint(posting.bytes, p - previous);
        previous = p;
      }
    }
  }

  std::vector<const std::pair<const std::string, Posting>*> sorted;
  sorted.reserve(postings.size());
  for (const auto& entry : postings) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
    return a->first < b->first;  // bytewise: std::string compares as unsigned char
  });
  std::string table;
  std::string term_bytes;
  std::string posting_bytes;
  for (const auto* entry : sorted) {
    put_u32(table, static_cast<std::uint32_t>(term_bytes.size()));
    put_u32(table, static_cast<std::uint32_t>(posting_bytes.size()));
    term_bytes += entry->first;
    put_varint(posting_bytes, entry->second.doc_count);
    // The first document's delta is from 0, i.e. its number.
    posting_bytes += entry->second.bytes;
  }
  put_u32(table, static_cast<std::uint32_t>(term_bytes.size()));
  put_u32(table, static_cast<std::uint32_t>(posting_bytes.size()));

  std::string payload;
  put_section(payload, "STRS", strings.bytes());
  put_section(payload, "DOCS", docs);
  put_section(payload, "TAGS", tags);
  put_section(payload, "TERM", table + term_bytes);
  put_section(payload, "POST", posting_bytes);

  std::string out(kIndexMagic, sizeof kIndexMagic);
  put_u32(out, kSearchIndexFormatVersion);
  put_u32(out, 0);  // flags: none defined in version 1
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
  if (read_u32(all.data() + 12) != 0) return error(code::kIndexFormat, "unknown index flags");
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
  if (!take_section(rest, "STRS", d.strings) || !take_section(rest, "DOCS", docs) ||
      !take_section(rest, "TAGS", tags) || !take_section(rest, "TERM", terms) ||
      !take_section(rest, "POST", d.postings) || !rest.empty()) {
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
  const std::size_t table_size = (static_cast<std::size_t>(d.term_count) + 1) * kTermEntrySize;
  if (terms.size() < table_size) return error(code::kIndexCorrupt, "term table truncated");
  d.term_table = terms.data();
  d.term_bytes = terms.substr(table_size);
  const std::uint32_t last_term = read_u32(d.term_table + d.term_count * kTermEntrySize);
  const std::uint32_t last_posting = read_u32(d.term_table + d.term_count * kTermEntrySize + 4);
  if (last_term != d.term_bytes.size() || last_posting != d.postings.size() ||
      read_u32(d.term_table) != 0 || read_u32(d.term_table + 4) != 0) {
    return error(code::kIndexCorrupt, "term table does not cover its data");
  }
  // Offsets strictly ascending from 0 to the sizes checked above: every range is in bounds.
  for (std::uint32_t t = 0; t < d.term_count; ++t) {
    const char* entry = d.term_table + t * kTermEntrySize;
    if (read_u32(entry + 8) <= read_u32(entry) || read_u32(entry + 12) <= read_u32(entry + 4)) {
      return error(code::kIndexCorrupt, "term " + std::to_string(t) + " is empty or misplaced");
    }
  }
  std::string_view previous;
  for (std::uint32_t t = 0; t < d.term_count; ++t) {
    const std::string_view term = d.term(t);
    if (t > 0 && !(previous < term)) {
      return error(code::kIndexCorrupt, "terms are not in strictly ascending order");
    }
    previous = term;
    const std::string_view list = d.posting(t);
    VarintReader in{reinterpret_cast<const unsigned char*>(list.data()),
                    reinterpret_cast<const unsigned char*>(list.data() + list.size())};
    const std::uint32_t count = in.next();
    std::uint64_t doc = 0;
    for (std::uint32_t k = 0; in.ok && k < count; ++k) {
      const std::uint32_t delta = in.next();
      doc += delta;
      if ((k > 0 && delta == 0) || doc >= d.doc_count) {
        in.ok = false;
        break;
      }
      const DocRecord& record = d.docs[static_cast<std::size_t>(doc)];
      const std::uint64_t limit =
          static_cast<std::uint64_t>(record.start[kBody]) + record.span[kBody];
      const std::uint32_t positions = in.next();
      std::uint64_t position = 0;
      for (std::uint32_t j = 0; in.ok && j < positions; ++j) {
        const std::uint32_t step = in.next();
        position += step;
        if ((j > 0 && step == 0) || position >= limit) in.ok = false;
      }
      if (positions == 0) in.ok = false;
    }
    if (!in.ok || count == 0 || in.pos != in.end) {
      return error(code::kIndexCorrupt, "postings of term " + std::to_string(t) + " are damaged");
    }
  }
  return std::nullopt;
}

}  // namespace

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

SearchIndex SearchIndex::build(std::vector<SearchDocument> documents, std::uint64_t fingerprint) {
  IndexError problem;
  std::optional<SearchIndex> index = load(encode_search_index(documents, fingerprint), &problem);
  if (!index)
    throw std::logic_error("folio: a freshly encoded index is invalid: " + problem.message);
  index->documents_ = std::move(documents);
  return std::move(*index);
}

std::size_t SearchIndex::size() const { return data_->doc_count; }
std::uint64_t SearchIndex::fingerprint() const { return data_->fingerprint; }
const std::string& SearchIndex::bytes() const { return data_->bytes; }

}  // namespace folio
