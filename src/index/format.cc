// Writes and validates the index file. The layout is specified in src/index/FORMAT.md; that file
// and this one change together, and tests/unit/index_format_test.cc pins the bytes.
#include <algorithm>
#include <array>
#include <deque>
#include <functional>
#include <iterator>
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

// Open addressing over a power-of-two table of entry numbers, each entry's hash kept beside it:
// a lookup touches the slot and its entry, where std::unordered_map walked a bucket, the node
// before and the node (a sixth of a single-file build's CPU was that walk, perf on zh-yihui,
// issue 5's build target). `Value` must be default-constructible.
template <typename Value>
class TermTable {
 public:
  using Entry = std::pair<std::string, Value>;

  // The entry of `term` (whose std::hash is `hash`), added when new.
  Value& at(std::string_view term, std::size_t hash) {
    if ((entries_.size() + 1) * 4 > slots_.size() * 3) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const std::uint32_t slot = slots_[i];
      if (slot == 0) {
        hashes_.push_back(hash);
        entries_.emplace_back(std::string(term), Value{});
        slots_[i] = static_cast<std::uint32_t>(entries_.size());
        return entries_.back().second;
      }
      if (hashes_[slot - 1] == hash && entries_[slot - 1].first == term) {
        return entries_[slot - 1].second;
      }
    }
  }
  std::size_t size() const { return entries_.size(); }
  const std::vector<std::size_t>& hashes() const { return hashes_; }
  // A deque: entries never move, so pointers to them stay valid as the table grows.
  const std::deque<Entry>& entries() const { return entries_; }
  void release() {
    std::vector<std::uint32_t>().swap(slots_);
    std::vector<std::size_t>().swap(hashes_);
    std::deque<Entry>().swap(entries_);
  }

 private:
  void grow() {
    std::vector<std::uint32_t> slots(slots_.empty() ? 64 : slots_.size() * 2, 0);
    const std::size_t mask = slots.size() - 1;
    for (std::uint32_t e = 0; e < entries_.size(); ++e) {
      std::size_t i = hashes_[e] & mask;
      while (slots[i] != 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    slots_.swap(slots);
  }

  std::vector<std::uint32_t> slots_;  // entry number + 1; 0: empty
  std::vector<std::size_t> hashes_;   // by entry number
  std::deque<Entry> entries_;
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

// A document's distinct terms, numbered in the order first met, and every occurrence.
struct DocumentTerms {
  TermTable<std::uint32_t> numbers;  // term -> its number + 1 (0: just added)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> occurrences;  // (number, position)

  void add(std::string_view term, std::uint32_t position) {
    const std::size_t hash = std::hash<std::string_view>()(term);
    std::uint32_t& number = numbers.at(term, hash);
    if (number == 0) number = static_cast<std::uint32_t>(numbers.size());
    occurrences.emplace_back(number - 1, position);
  }
};

// Adds the tokens of `text` at positions from `position` on; returns the positions used.
// `checkpoints`: gets the byte offset in `text` of every kCheckpointTokens-th token.
std::uint32_t add_field(std::string_view text, std::uint32_t position, DocumentTerms& terms,
                        std::vector<std::uint32_t>* checkpoints = nullptr) {
  std::uint32_t count = 0;
  scan_terms(text, [&](std::string_view term, std::uint32_t begin) {
    terms.add(term, position + count);
    if (checkpoints != nullptr && count > 0 && count % kCheckpointTokens == 0) {
      checkpoints->push_back(begin);
    }
    ++count;
  });
  return count;
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

namespace {

void append_posting(Posting& posting, std::uint32_t doc_number, const std::uint32_t* begin,
                    const std::uint32_t* end) {
  // Most (term, document) pairs occur once (a third of all bigrams are hapaxes): a flag bit in
  // the delta saves their count byte.
  const auto count = static_cast<std::uint32_t>(end - begin);
  const bool single = count == 1;
  put_varint(posting.bytes, (doc_number - posting.last_doc) << 1 | (single ? 1u : 0u));
  posting.last_doc = doc_number;
  if (!single) put_varint(posting.bytes, count);
  std::uint32_t previous = 0;
  for (const std::uint32_t* p = begin; p != end; ++p) {  // ascending: fields were added in order
    put_varint(posting.bytes, *p - previous);
    previous = *p;
  }
}

// The postings are kept in this many maps, a term's by its hash, so that add(batch, run) can
// fill them at once; the encodings merge them back into one byte order, so the number never
// shows in the output. Eight keeps 2-16 threads busy when parts differ in size.
constexpr std::size_t kPostingParts = 8;

std::size_t posting_part(std::size_t term_hash) { return term_hash % kPostingParts; }

using PostingTable = TermTable<Posting>;
using SortedTerm = const PostingTable::Entry*;

void run_in_turn(std::size_t count, const std::function<void(std::size_t)>& task) {
  for (std::size_t i = 0; i < count; ++i) task(i);
}

}  // namespace

struct IndexBuilder::State {
  SearchIndexSettings settings;
  StringPool strings;
  std::string docs;  // version 1 DOCS records
  std::string tags;  // version 1 TAGS references
  std::uint32_t tag_count = 0;
  std::uint32_t doc_count = 0;
  std::array<PostingTable, kPostingParts> postings;
  std::string skip_table;  // SKIP (version 1): where each document's checkpoints start
  std::string skip_blob;
  // With stem_english, for the shards (version 2) only: stem key -> the union of the postings
  // of every English word with that stem (FORMAT.md, "Stem keys"), and each word's stem.
  PostingTable stem_postings;
  std::unordered_map<std::string, std::string> stem_of;

  // Terms in byte order (std::string compares as unsigned char); stem keys too when asked.
  // Each map is sorted as a task of its own, then the lists are merged pairwise (a merge of
  // two lists is a task too); terms are unique, so any schedule gives the same order.
  std::vector<SortedTerm> sorted(bool with_stem_keys, const TaskRunner& run = run_in_turn) const {
    std::vector<const PostingTable*> maps;
    for (const auto& part : postings) maps.push_back(&part);
    if (with_stem_keys) maps.push_back(&stem_postings);
    const auto less = [](SortedTerm a, SortedTerm b) { return a->first < b->first; };
    std::vector<std::vector<SortedTerm>> lists(maps.size());
    run(maps.size(), [&](std::size_t i) {
      lists[i].reserve(maps[i]->size());
      for (const auto& entry : maps[i]->entries()) lists[i].push_back(&entry);
      std::sort(lists[i].begin(), lists[i].end(), less);
    });
    while (lists.size() > 1) {
      std::vector<std::vector<SortedTerm>> merged((lists.size() + 1) / 2);
      run(merged.size(), [&](std::size_t i) {
        if (2 * i + 1 == lists.size()) {
          merged[i] = std::move(lists[2 * i]);
          return;
        }
        const std::vector<SortedTerm>& a = lists[2 * i];
        const std::vector<SortedTerm>& b = lists[2 * i + 1];
        merged[i].reserve(a.size() + b.size());
        std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(merged[i]), less);
        std::vector<SortedTerm>().swap(lists[2 * i]);
        std::vector<SortedTerm>().swap(lists[2 * i + 1]);
      });
      lists = std::move(merged);
    }
    return std::move(lists.front());
  }

  // The document's own records (everything but its postings); returns its number.
  std::uint32_t add_record(const Analyzed& doc) {
    put_u64(docs, doc.date);
    put_ref(docs, strings.add(doc.author));
    put_u32(docs, tag_count);
    put_u32(docs, static_cast<std::uint32_t>(doc.tags.size()));
    for (const std::uint32_t v : doc.span) put_u32(docs, v);
    for (const std::string& tag : doc.tags) put_ref(tags, strings.add(tag));
    tag_count += static_cast<std::uint32_t>(doc.tags.size());

    put_u32(skip_table, static_cast<std::uint32_t>(skip_blob.size()));
    put_varint(skip_blob, static_cast<std::uint32_t>(doc.checkpoints.size()));
    std::uint32_t previous_offset = 0;
    for (const std::uint32_t offset : doc.checkpoints) {
      put_varint(skip_blob, offset - previous_offset);
      previous_offset = offset;
    }
    return doc_count++;
  }

  // The document's postings in part `part` only.
  void add_postings(const Analyzed& doc, std::uint32_t doc_number, std::size_t part) {
    for (std::size_t t = 0; t < doc.term_count(); ++t) {
      const std::size_t hash = doc.term_hashes[t];
      if (posting_part(hash) != part) continue;
      append_posting(postings[part].at(doc.term(t), hash), doc_number, positions_begin(doc, t),
                     doc.positions.data() + doc.position_ends[t]);
    }
  }

  static const std::uint32_t* positions_begin(const Analyzed& doc, std::size_t t) {
    return doc.positions.data() + (t == 0 ? 0 : doc.position_ends[t - 1]);
  }

  // The positions of every English word of the document, by the stem key of the word.
  void add_stems(const Analyzed& doc, std::uint32_t doc_number) {
    std::map<std::string, std::vector<std::uint32_t>> by_stem;
    for (std::size_t t = 0; t < doc.term_count(); ++t) {
      const std::string_view term = doc.term(t);
      if (!is_english_word(term)) continue;
      auto [known, added] = stem_of.try_emplace(std::string(term));
      if (added) known->second = stem_key(english_stem(term));
      std::vector<std::uint32_t>& into = by_stem[known->second];
      into.insert(into.end(), positions_begin(doc, t), doc.positions.data() + doc.position_ends[t]);
    }
    for (auto& [key, positions] : by_stem) {
      // Each position holds one word, so the forms' positions never coincide.
      std::sort(positions.begin(), positions.end());
      append_posting(stem_postings.at(key, std::hash<std::string_view>()(key)), doc_number,
                     positions.data(), positions.data() + positions.size());
    }
  }
};

IndexBuilder::IndexBuilder(const SearchIndexSettings& settings)
    : state_(std::make_unique<State>()) {
  state_->settings = settings;
}
IndexBuilder::~IndexBuilder() = default;

std::size_t IndexBuilder::size() const { return state_->doc_count; }

IndexBuilder::Analyzed IndexBuilder::analyze(const SearchDocument& doc) {
  Analyzed out;
  DocumentTerms terms;
  // Fields follow each other in one position space, one unused position apart, so no phrase
  // or CJK run matches across two fields (or two tags).
  std::uint32_t position = 0;
  out.span[kTitle] = add_field(doc.title, position, terms);
  position += out.span[kTitle] + 1;
  out.span[kAuthor] = add_field(doc.author, position, terms);
  position += out.span[kAuthor] + 1;
  const std::uint32_t tags_start = position;
  for (std::size_t t = 0; t < doc.tags.size(); ++t) {
    if (t > 0) ++position;
    position += add_field(doc.tags[t], position, terms);
  }
  out.span[kTags] = position - tags_start;
  position += 1;
  out.span[kBody] = add_field(doc.body, position, terms, &out.checkpoints);
  // Each term's positions together, in the order met (ascending): a counting sort by number.
  // The order of the terms does not matter: each has postings of its own.
  const std::size_t count = terms.numbers.size();
  out.term_ends.reserve(count);
  out.term_hashes.reserve(count);
  for (const auto& [term, number] : terms.numbers.entries()) {
    out.term_text += term;
    out.term_ends.push_back(static_cast<std::uint32_t>(out.term_text.size()));
  }
  out.term_hashes.assign(terms.numbers.hashes().begin(), terms.numbers.hashes().end());
  out.position_ends.assign(count, 0);
  for (const auto& occurrence : terms.occurrences) ++out.position_ends[occurrence.first];
  std::uint32_t total = 0;
  for (std::uint32_t& end : out.position_ends) {
    total += end;
    end = total - end;  // for now: where the term's positions start
  }
  out.positions.resize(terms.occurrences.size());
  for (const auto& [number, at] : terms.occurrences) {
    out.positions[out.position_ends[number]++] = at;
  }
  out.date = date_key(doc.date);
  out.author = doc.author;
  out.tags = doc.tags;
  return out;
}

void IndexBuilder::add(const SearchDocument& doc) { add(analyze(doc)); }

void IndexBuilder::add(const Analyzed& doc) {
  State& s = *state_;
  const std::uint32_t doc_number = s.add_record(doc);
  for (std::size_t part = 0; part < kPostingParts; ++part) s.add_postings(doc, doc_number, part);
  if (s.settings.stem_english) s.add_stems(doc, doc_number);
}

void IndexBuilder::add(const std::vector<Analyzed>& batch, const TaskRunner& run) {
  State& s = *state_;
  const std::uint32_t first = s.doc_count;
  for (const Analyzed& doc : batch) s.add_record(doc);
  // One task per part, and one for the stem keys (their own maps): no two tasks touch the same
  // map, and each adds the batch's documents in order.
  run(kPostingParts + (s.settings.stem_english ? 1 : 0), [&](std::size_t task) {
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const auto doc_number = static_cast<std::uint32_t>(first + i);
      if (task == kPostingParts) {
        s.add_stems(batch[i], doc_number);
      } else {
        s.add_postings(batch[i], doc_number, task);
      }
    }
  });
}

namespace {

// Front-coded dictionary: per term (shared prefix length, suffix length, suffix, postings
// length); a block table gives each block's start and its first postings offset.
void encode_dictionary(const SortedTerm* begin, const SortedTerm* end, std::string& term_section,
                       std::string& posting_bytes) {
  std::string blocks;
  std::string blob;
  std::string_view previous;
  for (const SortedTerm* it = begin; it != end; ++it) {
    const std::string& term = (*it)->first;
    std::size_t shared = 0;
    if ((it - begin) % kTermsPerBlock == 0) {
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
    put_varint(blob, static_cast<std::uint32_t>((*it)->second.bytes.size()));
    posting_bytes += (*it)->second.bytes;
    previous = term;
  }
  term_section = blocks + blob;
}

}  // namespace

std::string IndexBuilder::encode(std::uint64_t fingerprint) const {
  return encode(fingerprint, run_in_turn);
}

std::string IndexBuilder::encode(std::uint64_t fingerprint, const TaskRunner& run) const {
  const State& s = *state_;
  // The single file has no stem keys: a reader groups its whole dictionary by stem instead.
  const std::vector<SortedTerm> sorted = s.sorted(false, run);
  std::string term_section;
  std::string posting_bytes;
  encode_dictionary(sorted.data(), sorted.data() + sorted.size(), term_section, posting_bytes);

  std::string payload;
  put_section(payload, "STRS", s.strings.bytes());
  put_section(payload, "DOCS", s.docs);
  put_section(payload, "TAGS", s.tags);
  put_section(payload, "TERM", term_section);
  put_section(payload, "POST", posting_bytes);
  if (s.settings.snippet_checkpoints) put_section(payload, "SKIP", s.skip_table + s.skip_blob);

  std::string out(kIndexMagic, sizeof kIndexMagic);
  put_u32(out, kSearchIndexFormatVersion);
  put_u32(out, (s.settings.stem_english ? kFlagStemEnglish : 0u) |
                   (s.settings.snippet_checkpoints ? kFlagSnippetCheckpoints : 0u));
  put_u64(out, fingerprint);
  put_u32(out, s.doc_count);
  put_u32(out, static_cast<std::uint32_t>(sorted.size()));
  put_u32(out, static_cast<std::uint32_t>(payload.size()));
  put_u32(out, crc32(payload));
  return out + payload;
}

void IndexBuilder::encode_shards(std::uint64_t fingerprint, std::size_t target_bytes,
                                 const std::function<void(IndexShard)>& sink) const {
  encode_shards(fingerprint, target_bytes, sink, run_in_turn, {});
}

void IndexBuilder::encode_shards(std::uint64_t fingerprint, std::size_t target_bytes,
                                 const std::function<void(IndexShard)>& sink, const TaskRunner& run,
                                 const std::function<void(IndexShard&)>& prepare) const {
  const std::vector<SortedTerm> sorted = state_->sorted(state_->settings.stem_english, run);
  // Where each shard starts: whole terms until it holds about target_bytes (a term's entry is
  // its text, a few varints and its postings).
  std::vector<std::size_t> starts;
  for (std::size_t begin = 0; begin < sorted.size();) {
    starts.push_back(begin);
    std::size_t end = begin;
    std::size_t bytes = 0;
    while (end < sorted.size() &&
           (end == begin ||
            bytes + sorted[end]->second.bytes.size() + sorted[end]->first.size() <= target_bytes)) {
      bytes += sorted[end]->second.bytes.size() + sorted[end]->first.size() + 4;
      ++end;
    }
    begin = end;
  }
  starts.push_back(sorted.size());
  const std::size_t count = starts.size() - 1;
  // Shards are encoded a block at a time, so only a block of them is ever in memory.
  constexpr std::size_t kBlock = 64;
  std::vector<IndexShard> block;
  for (std::size_t first = 0; first < count; first += kBlock) {
    block.assign(std::min(kBlock, count - first), IndexShard{});
    run(block.size(), [&](std::size_t k) {
      const std::size_t number = first + k;
      const std::size_t begin = starts[number];
      const std::size_t end = starts[number + 1];
      std::string term_section;
      std::string posting_bytes;
      encode_dictionary(sorted.data() + begin, sorted.data() + end, term_section, posting_bytes);
      std::string payload;
      put_section(payload, "TERM", term_section);
      put_section(payload, "POST", posting_bytes);
      IndexShard& shard = block[k];
      shard.first_term = sorted[begin]->first;
      shard.term_count = static_cast<std::uint32_t>(end - begin);
      shard.bytes.assign(kShardMagic, sizeof kShardMagic);
      put_u32(shard.bytes, kShardedIndexFormatVersion);
      put_u32(shard.bytes, static_cast<std::uint32_t>(number));
      put_u64(shard.bytes, fingerprint);
      put_u32(shard.bytes, shard.term_count);
      put_u32(shard.bytes, static_cast<std::uint32_t>(payload.size()));
      put_u32(shard.bytes, crc32(payload));
      shard.bytes += payload;
      if (prepare) prepare(shard);
    });
    for (IndexShard& shard : block) sink(std::move(shard));
  }
}

namespace {

void put_varint64(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_text(std::string& out, std::string_view text) {
  put_varint(out, static_cast<std::uint32_t>(text.size()));
  out.append(text);
}

bool is_file_name(std::string_view name) {
  if (name.empty() || name.size() > 200 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  });
}

}  // namespace

std::string IndexBuilder::encode_head(std::uint64_t fingerprint,
                                      const std::vector<IndexShard>& shards,
                                      const std::vector<PieceLocation>& where,
                                      const std::vector<std::string>& files) const {
  const State& s = *state_;
  if (where.size() != shards.size()) throw std::logic_error("encode_head: one place per shard");
  for (const std::string& name : files) {
    if (!is_file_name(name)) throw std::logic_error("encode_head: bad file name " + name);
  }
  // Distinct strings (authors, tags) numbered in the order met. Keyed by offset and length:
  // the empty string shares its offset with the string added after it.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> name_of_ref;
  std::string names;
  const auto name_number = [&](std::uint32_t offset, std::uint32_t length) {
    const auto [it, added] = name_of_ref.try_emplace(
        std::make_pair(offset, length), static_cast<std::uint32_t>(name_of_ref.size()));
    if (added) {
      put_u32(names, offset);
      put_u32(names, length);
    }
    return it->second;
  };
  // Columns, each N varints (tags: a count and that many names per document), so similar
  // numbers sit together and compress well.
  // Dates (kFlagDayRankedDates): search only compares keys and filters by whole days, so a
  // key's time of day is replaced by its rank among that day's distinct keys. Times of day were
  // 181 KB of a 534 KB head at 100k articles (issue 8 note, session 6); days and ranks are
  // small, mostly repeated numbers.
  // A key whose time of day is past 23:59:59 (date_key takes any two digits) would not keep its
  // place against a day's bounds as a rank: such a corpus keeps the keys as they are.
  std::vector<std::uint64_t> distinct_keys(s.doc_count);
  bool day_ranked = true;
  for (std::uint32_t i = 0; i < s.doc_count; ++i) {
    distinct_keys[i] = read_u64(s.docs.data() + static_cast<std::size_t>(i) * kDocRecordSize);
    if (distinct_keys[i] % kKeysPerDay > kMaxDayRank) day_ranked = false;
  }
  std::sort(distinct_keys.begin(), distinct_keys.end());
  distinct_keys.erase(std::unique(distinct_keys.begin(), distinct_keys.end()), distinct_keys.end());
  std::string days;
  std::string ranks;
  std::string authors;
  std::string tag_column;
  std::string span_columns[kFieldCount];
  std::uint64_t previous_day = 0;
  for (std::uint32_t i = 0; i < s.doc_count; ++i) {
    const char* p = s.docs.data() + static_cast<std::size_t>(i) * kDocRecordSize;
    const std::uint64_t date = read_u64(p);
    const std::uint64_t day = day_ranked ? date / kKeysPerDay : date;
    // zigzag: a corpus sorted newest first (as a sharded site is) has small deltas
    const std::int64_t delta =
        static_cast<std::int64_t>(day) - static_cast<std::int64_t>(previous_day);
    put_varint64(
        days, (static_cast<std::uint64_t>(delta) << 1) ^ static_cast<std::uint64_t>(delta >> 63));
    if (day_ranked) {
      const auto first_of_day =
          std::lower_bound(distinct_keys.begin(), distinct_keys.end(), day * kKeysPerDay);
      const auto at = std::lower_bound(first_of_day, distinct_keys.end(), date);
      put_varint(ranks, static_cast<std::uint32_t>(at - first_of_day));
    }
    previous_day = day;
    put_varint(authors, name_number(read_u32(p + 8), read_u32(p + 12)));
    const std::uint32_t tags_begin = read_u32(p + 16);
    const std::uint32_t tags_count = read_u32(p + 20);
    put_varint(tag_column, tags_count);
    for (std::uint32_t t = tags_begin; t < tags_begin + tags_count; ++t) {
      const char* ref = s.tags.data() + static_cast<std::size_t>(t) * kStringRefSize;
      put_varint(tag_column, name_number(read_u32(ref), read_u32(ref + 4)));
    }
    for (int f = 0; f < kBody; ++f) put_varint(span_columns[f], read_u32(p + 24 + 4 * f));
    span_columns[kBody].push_back(
        static_cast<char>(body_length_code(read_u32(p + 24 + 4 * kBody))));
  }
  std::string doc_section = days + ranks + authors + tag_column;
  for (const std::string& column : span_columns) doc_section += column;

  // Shards written one after another into their files (as the site writer does) need no offsets.
  bool back_to_back = true;
  {
    std::uint64_t end = 0;
    std::uint32_t file = 0;
    for (const PieceLocation& at : where) {
      if (at.file < file || at.offset != (at.file == file ? end : 0)) back_to_back = false;
      file = at.file;
      end = static_cast<std::uint64_t>(at.offset) + at.length;
    }
  }
  std::string shard_table;
  std::string_view previous;
  std::uint32_t term_total = 0;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const std::string& term = shards[i].first_term;
    std::size_t shared = 0;
    while (shared < previous.size() && shared < term.size() && previous[shared] == term[shared]) {
      ++shared;
    }
    put_varint(shard_table, static_cast<std::uint32_t>(shared));
    put_text(shard_table, std::string_view(term).substr(shared));
    put_varint(shard_table, shards[i].term_count);
    if (back_to_back) {
      put_varint(shard_table, where[i].file - (i == 0 ? 0 : where[i - 1].file));
    } else {
      put_varint(shard_table, where[i].file);
      put_varint(shard_table, where[i].offset);
    }
    put_varint(shard_table, where[i].length);
    term_total += shards[i].term_count;
    previous = term;
  }
  std::string file_table;
  for (const std::string& name : files) put_text(file_table, name);

  std::string payload;
  put_section(payload, "STRS", s.strings.bytes());
  put_section(payload, "NAME", names);
  put_section(payload, "DOCV", doc_section);
  put_section(payload, "SHRD", shard_table);
  put_section(payload, "FILE", file_table);

  std::string out(kIndexMagic, sizeof kIndexMagic);
  put_u32(out, kShardedIndexFormatVersion);
  // SKIP is not in the head (FORMAT.md, "Version 2 flags").
  put_u32(out, (s.settings.stem_english ? kFlagStemEnglish : 0u) |
                   (day_ranked ? kFlagDayRankedDates : 0u) | kFlagBodyLengthCodes |
                   (back_to_back ? kFlagShardsBackToBack : 0u));
  put_u64(out, fingerprint);
  put_u32(out, s.doc_count);
  put_u32(out, term_total);
  put_u32(out, static_cast<std::uint32_t>(shards.size()));
  put_u32(out, static_cast<std::uint32_t>(files.size()));
  put_u32(out, static_cast<std::uint32_t>(payload.size()));
  put_u32(out, crc32(payload));
  return out + payload;
}

void IndexBuilder::release_postings() {
  for (auto& part : state_->postings) part.release();
  state_->stem_postings.release();
  std::unordered_map<std::string, std::string>().swap(state_->stem_of);
}

std::string encode_search_index(const std::vector<SearchDocument>& documents,
                                std::uint64_t fingerprint, const SearchIndexSettings& settings) {
  IndexBuilder builder(settings);
  for (const SearchDocument& document : documents) builder.add(document);
  return builder.encode(fingerprint);
}

std::string encode_search_index(const std::vector<SearchDocument>& documents,
                                std::uint64_t fingerprint, const SearchIndexSettings& settings,
                                const IndexBuilder::TaskRunner& run) {
  IndexBuilder builder(settings);
  // A batch's analyses are all in memory at once; 256 documents keep that to megabytes.
  constexpr std::size_t kBatch = 256;
  std::vector<IndexBuilder::Analyzed> batch;
  for (std::size_t begin = 0; begin < documents.size(); begin += kBatch) {
    const std::size_t end = std::min(documents.size(), begin + kBatch);
    batch.resize(end - begin);
    run(end - begin,
        [&](std::size_t i) { batch[i] = IndexBuilder::analyze(documents[begin + i]); });
    builder.add(batch, run);
  }
  return builder.encode(fingerprint, run);
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

std::string version_message(std::uint32_t version) {
  return "search index format version " + std::to_string(version) +
         " is not supported (this folio reads " + std::to_string(kSearchIndexFormatVersion) +
         " and " + std::to_string(kShardedIndexFormatVersion) + ")";
}

// Fills start[], the body lengths BM25 uses (unless a head gave them as codes) and the span
// averages once every document's spans are known.
std::optional<IndexError> finish_documents(SearchIndex::Data& d) {
  const bool body_norms_read = (d.flags & kFlagBodyLengthCodes) != 0;  // heads only
  std::uint64_t span_sum[kFieldCount] = {0, 0, 0, 0};
  for (std::uint32_t i = 0; i < d.doc_count; ++i) {
    DocRecord& doc = d.docs[i];
    if (!body_norms_read) {
      doc.body_norm =
          static_cast<std::uint32_t>(body_length_floor(body_length_code(doc.span[kBody])));
    }
    std::uint64_t position = 0;
    for (int f = 0; f < kFieldCount; ++f) {
      doc.start[f] = static_cast<std::uint32_t>(std::min<std::uint64_t>(position, 0xFFFFFFFFu));
      position += static_cast<std::uint64_t>(doc.span[f]) + 1;
      span_sum[f] += f == kBody ? doc.body_norm : doc.span[f];
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
  return std::nullopt;
}

// The TERM and POST sections of a dictionary: one walk through every term checks that blocks
// start where the table says, terms are non-empty and strictly ascending (and inside
// [low, high) when given: a shard's range), and postings lie back to back to the end of POST,
// each list decoding to its end with documents and positions in bounds.
std::optional<IndexError> validate_dictionary(const SearchIndex::Data& d, Dictionary& dict,
                                              std::string_view terms, std::string_view low,
                                              const std::string* high) {
  dict.block_count = (dict.term_count + kTermsPerBlock - 1) / kTermsPerBlock;
  const std::size_t table_size = static_cast<std::size_t>(dict.block_count) * kBlockEntrySize;
  if (terms.size() < table_size) return error(code::kIndexCorrupt, "term block table truncated");
  dict.block_table = terms.data();
  dict.term_blob = terms.substr(table_size);
  TermCursor cursor(dict, 0);
  TermEntry entry;
  std::string previous;
  std::size_t postings_end = 0;
  for (std::uint32_t t = 0; t < dict.term_count; ++t) {
    if (t % kTermsPerBlock == 0) {
      const char* block = dict.block_table + (t / kTermsPerBlock) * kBlockEntrySize;
      if (read_u32(block) != cursor.blob_offset() || read_u32(block + 4) != postings_end) {
        return error(code::kIndexCorrupt, "term block " + std::to_string(t / kTermsPerBlock) +
                                              " is not where the block table says");
      }
    }
    if (!cursor.next(entry) || entry.term.empty() || (t > 0 && !(previous < entry.term)) ||
        (t == 0 && !low.empty() && entry.term != low) || (high && !(entry.term < *high))) {
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
  if (cursor.blob_offset() != dict.term_blob.size() || postings_end != dict.postings.size()) {
    return error(code::kIndexCorrupt, "the dictionary does not cover its data exactly");
  }
  return std::nullopt;
}

std::optional<IndexError> validate_v1(SearchIndex::Data& d) {
  const std::string_view all = d.bytes;
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
  auto dict = std::make_unique<Dictionary>();
  std::string_view docs;
  std::string_view tags;
  std::string_view terms;
  std::string_view skip;
  if (!take_section(rest, "STRS", d.strings) || !take_section(rest, "DOCS", docs) ||
      !take_section(rest, "TAGS", tags) || !take_section(rest, "TERM", terms) ||
      !take_section(rest, "POST", dict->postings) ||
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
  for (std::uint32_t i = 0; i < d.doc_count; ++i) {
    const char* p = docs.data() + static_cast<std::size_t>(i) * kDocRecordSize;
    DocRecord& doc = d.docs[i];
    doc.date = read_u64(p);
    doc.author = {read_u32(p + 8), read_u32(p + 12)};
    doc.tags_begin = read_u32(p + 16);
    doc.tags_count = read_u32(p + 20);
    for (int f = 0; f < kFieldCount; ++f) doc.span[f] = read_u32(p + 24 + 4 * f);
  }
  if (auto problem = finish_documents(d)) return problem;
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
  dict->term_count = d.term_count;
  if (auto problem = validate_dictionary(d, *dict, terms, {}, nullptr)) return problem;
  ShardSlot slot;
  slot.term_count = d.term_count;
  slot.dict = std::move(dict);
  d.shards.push_back(std::move(slot));
  return std::nullopt;
}

std::optional<IndexError> validate_v2_head(SearchIndex::Data& d) {
  const std::string_view all = d.bytes;
  if (all.size() < kShardedHeadHeaderSize) {
    return error(code::kIndexCorrupt, "the index head is truncated");
  }
  d.fingerprint = read_u64(all.data() + 16);
  d.doc_count = read_u32(all.data() + 24);
  d.term_count = read_u32(all.data() + 28);
  const std::uint32_t shard_count = read_u32(all.data() + 32);
  const std::uint32_t file_count = read_u32(all.data() + 36);
  const std::uint32_t payload_size = read_u32(all.data() + 40);
  if (payload_size != all.size() - kShardedHeadHeaderSize) {
    return error(code::kIndexCorrupt, "the index head is " + std::to_string(all.size()) +
                                          " bytes, its header says " +
                                          std::to_string(payload_size + kShardedHeadHeaderSize));
  }
  std::string_view rest = all.substr(kShardedHeadHeaderSize);
  if (crc32(rest) != read_u32(all.data() + 44)) {
    return error(code::kIndexCorrupt, "checksum mismatch: the index head is damaged");
  }
  std::string_view names;
  std::string_view docs;
  std::string_view shards;
  std::string_view files;
  if (!take_section(rest, "STRS", d.strings) || !take_section(rest, "NAME", names) ||
      !take_section(rest, "DOCV", docs) || !take_section(rest, "SHRD", shards) ||
      !take_section(rest, "FILE", files) || !rest.empty()) {
    return error(code::kIndexCorrupt, "sections missing, out of order or of the wrong size");
  }
  if (names.size() % kStringRefSize != 0) {
    return error(code::kIndexCorrupt, "name table of the wrong size");
  }
  std::vector<StringRef> name_refs(names.size() / kStringRefSize);
  for (std::size_t i = 0; i < name_refs.size(); ++i) {
    name_refs[i] = {read_u32(names.data() + i * 8), read_u32(names.data() + i * 8 + 4)};
    if (!ref_fits(name_refs[i], d.strings)) {
      return error(code::kIndexCorrupt, "name out of bounds");
    }
  }
  // Every count is checked against the bytes left before anything is allocated for it.
  if (d.doc_count > docs.size() || shard_count > shards.size() || file_count > files.size()) {
    return error(code::kIndexCorrupt, "counts larger than the head");
  }
  VarintReader in{reinterpret_cast<const unsigned char*>(docs.data()),
                  reinterpret_cast<const unsigned char*>(docs.data() + docs.size())};
  d.docs.resize(d.doc_count);
  std::uint64_t date = 0;
  for (DocRecord& doc : d.docs) {
    const std::uint64_t zigzag = in.next64();
    date += (zigzag >> 1) ^ (~(zigzag & 1) + 1);
    doc.date = date;
  }
  if ((d.flags & kFlagDayRankedDates) != 0) {
    // What was read is days; each key is its day and its rank within the day.
    for (DocRecord& doc : d.docs) {
      const std::uint64_t rank = in.next();
      if (!in.ok || doc.date > kMaxDay || rank > kMaxDayRank) {
        return error(code::kIndexCorrupt, "a document's date is out of range");
      }
      doc.date = doc.date * kKeysPerDay + rank;
    }
  }
  const auto name = [&](std::uint32_t n, StringRef& into) {
    if (n >= name_refs.size()) {
      in.ok = false;
      return;
    }
    into = name_refs[n];
  };
  for (DocRecord& doc : d.docs) name(in.next(), doc.author);
  for (DocRecord& doc : d.docs) {
    doc.tags_begin = static_cast<std::uint32_t>(d.tags.size());
    doc.tags_count = in.next();
    if (!in.ok || doc.tags_count > static_cast<std::size_t>(in.end - in.pos)) {
      return error(code::kIndexCorrupt, "document tags out of bounds");
    }
    for (std::uint32_t t = 0; t < doc.tags_count && in.ok; ++t) {
      StringRef tag;
      name(in.next(), tag);
      d.tags.push_back(tag);
    }
  }
  const bool body_codes = (d.flags & kFlagBodyLengthCodes) != 0;
  for (int f = 0; f < kFieldCount; ++f) {
    if (f == kBody && body_codes) {
      // One byte per document (FORMAT.md, "Body lengths").
      if (static_cast<std::size_t>(in.end - in.pos) < d.docs.size()) in.ok = false;
      for (DocRecord& doc : d.docs) {
        if (!in.ok) break;
        const std::uint32_t code = *in.pos++;
        if (code > kMaxBodyLengthCode) {
          in.ok = false;
          break;
        }
        doc.body_norm = static_cast<std::uint32_t>(body_length_floor(code));
        doc.span[kBody] = static_cast<std::uint32_t>(body_length_ceiling(code));  // <= 2^32 - 1
      }
      continue;
    }
    for (DocRecord& doc : d.docs) doc.span[f] = in.next();
  }
  if (!in.ok || in.pos != in.end) {
    return error(code::kIndexCorrupt, "the document table does not decode to its end");
  }
  if (auto problem = finish_documents(d)) return problem;

  VarintReader files_in{reinterpret_cast<const unsigned char*>(files.data()),
                        reinterpret_cast<const unsigned char*>(files.data() + files.size())};
  for (std::uint32_t i = 0; i < file_count; ++i) {
    const std::uint32_t length = files_in.next();
    if (!files_in.ok || length > static_cast<std::size_t>(files_in.end - files_in.pos)) {
      return error(code::kIndexCorrupt, "file table damaged");
    }
    std::string name_text(reinterpret_cast<const char*>(files_in.pos), length);
    files_in.pos += length;
    if (!is_file_name(name_text)) return error(code::kIndexCorrupt, "a file name is not plain");
    d.files.push_back(std::move(name_text));
  }
  if (files_in.pos != files_in.end) return error(code::kIndexCorrupt, "file table damaged");

  VarintReader shards_in{reinterpret_cast<const unsigned char*>(shards.data()),
                         reinterpret_cast<const unsigned char*>(shards.data() + shards.size())};
  std::uint64_t terms = 0;
  std::string previous;
  const bool back_to_back = (d.flags & kFlagShardsBackToBack) != 0;
  std::uint64_t file = 0;
  std::uint64_t end = 0;  // of the previous shard, in its file
  d.shards.resize(shard_count);
  for (std::uint32_t i = 0; i < shard_count; ++i) {
    ShardSlot& slot = d.shards[i];
    const std::uint32_t shared = shards_in.next();
    const std::uint32_t suffix = shards_in.next();
    if (!shards_in.ok || shared > previous.size() ||
        suffix > static_cast<std::size_t>(shards_in.end - shards_in.pos)) {
      return error(code::kIndexCorrupt, "shard table damaged");
    }
    slot.first_term = previous.substr(0, shared);
    slot.first_term.append(reinterpret_cast<const char*>(shards_in.pos), suffix);
    shards_in.pos += suffix;
    slot.term_count = shards_in.next();
    bool placed = true;
    if (back_to_back) {
      // FORMAT.md, "Shards back to back": a step to a later file starts at its first byte.
      const std::uint32_t step = shards_in.next();
      file += step;
      slot.length = shards_in.next();
      const std::uint64_t offset = step == 0 ? end : 0;
      end = offset + slot.length;
      placed = file < d.files.size() && end <= 0xFFFFFFFFu;
      slot.file = static_cast<std::uint32_t>(std::min<std::uint64_t>(file, 0xFFFFFFFFu));
      slot.offset = static_cast<std::uint32_t>(std::min<std::uint64_t>(offset, 0xFFFFFFFFu));
    } else {
      slot.file = shards_in.next();
      slot.offset = shards_in.next();
      slot.length = shards_in.next();
    }
    terms += slot.term_count;
    if (!shards_in.ok || !placed || slot.first_term.empty() ||
        (i > 0 && !(previous < slot.first_term)) || slot.term_count == 0 ||
        slot.file >= d.files.size()) {
      return error(code::kIndexCorrupt, "shard " + std::to_string(i) + " is damaged");
    }
    previous = slot.first_term;
  }
  if (shards_in.pos != shards_in.end || terms != d.term_count) {
    return error(code::kIndexCorrupt, "the shard table does not add up");
  }
  return std::nullopt;
}

std::optional<IndexError> validate(SearchIndex::Data& d) {
  const std::string_view all = d.bytes;
  if (all.size() < kIndexHeaderSize || std::memcmp(all.data(), kIndexMagic, 8) != 0) {
    return error(code::kIndexFormat, "not a folio search index (no FOLIOIDX signature)");
  }
  d.version = read_u32(all.data() + 8);
  if (d.version != kSearchIndexFormatVersion && d.version != kShardedIndexFormatVersion) {
    return error(code::kIndexFormat, version_message(d.version));
  }
  d.flags = read_u32(all.data() + 12);
  // A head has no SKIP section (FORMAT.md): its flags are "stem English" and "day-ranked dates".
  const std::uint32_t known =
      d.version == kSearchIndexFormatVersion ? kKnownFlags : kKnownHeadFlags;
  if ((d.flags & ~known) != 0) {
    return error(code::kIndexFormat, "unknown index flags " + std::to_string(d.flags) +
                                         " (this folio knows " + std::to_string(known) +
                                         " in version " + std::to_string(d.version) + ")");
  }
  return d.version == kSearchIndexFormatVersion ? validate_v1(d) : validate_v2_head(d);
}

}  // namespace

TermCursor::TermCursor(const Dictionary& d, std::uint32_t block) : d_(d) {
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

bool seek_term(const Dictionary& d, std::string_view key, TermEntry& entry,
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

std::uint32_t shard_for(const SearchIndex::Data& d, std::string_view key) {
  std::uint32_t low = 0;
  std::uint32_t high = static_cast<std::uint32_t>(d.shards.size());
  while (high - low > 1) {
    const std::uint32_t mid = low + (high - low) / 2;
    if (std::string_view(d.shards[mid].first_term) <= key) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return low;
}

void for_each_term_with_prefix(const SearchIndex::Data& d, std::string_view prefix,
                               const std::function<void(const TermEntry&)>& visit) {
  const auto has_prefix = [&](std::string_view term) {
    return term.size() >= prefix.size() && term.compare(0, prefix.size(), prefix) == 0;
  };
  for (std::uint32_t s = shard_for(d, prefix); s < d.shards.size(); ++s) {
    const Dictionary* dict = d.shards[s].dict.get();
    if (dict == nullptr) return;
    TermEntry entry;
    std::optional<TermCursor> cursor;
    bool have = false;
    if (s == shard_for(d, prefix)) {
      have = seek_term(*dict, prefix, entry, cursor);
    } else {
      cursor.emplace(*dict, 0);
      have = cursor->next(entry);
    }
    for (; have; have = cursor->next(entry)) {
      if (!has_prefix(entry.term)) return;
      visit(entry);
    }
  }
}

std::string_view find_term(const SearchIndex::Data& d, std::string_view term) {
  if (d.shards.empty()) return {};
  const Dictionary* dict = d.shards[shard_for(d, term)].dict.get();
  if (dict == nullptr) return {};
  TermEntry entry;
  std::optional<TermCursor> cursor;
  if (!seek_term(*dict, term, entry, cursor) || entry.term != term) return {};
  return entry.postings;
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

bool SearchIndex::sharded() const { return data_->version == kShardedIndexFormatVersion; }
std::size_t SearchIndex::shard_count() const { return sharded() ? data_->shards.size() : 0; }
const std::vector<std::string>& SearchIndex::files() const { return data_->files; }

PieceLocation SearchIndex::shard_location(std::uint32_t shard) const {
  if (!sharded() || shard >= data_->shards.size()) return {};
  const ShardSlot& slot = data_->shards[shard];
  return {slot.file, slot.offset, slot.length};
}

bool SearchIndex::has_shard(std::uint32_t shard) const {
  return shard < data_->shards.size() && data_->shards[shard].dict != nullptr;
}

std::vector<std::uint32_t> SearchIndex::shards_for(std::string_view query, bool prefix,
                                                   bool stem) const {
  const Data& d = *data_;
  std::vector<std::uint32_t> out;
  if (!sharded() || d.shards.empty()) return out;
  // Only a head built with stemming has stem keys to look up (search() asks accordingly).
  const ParsedQuery parsed = parse_query(query, prefix, stem && stems_by_key(d));
  const auto add = [&](const QueryToken& token) {
    if (!token.stem.empty()) out.push_back(shard_for(d, stem_key(token.stem)));
    // A stemmed whole word is its stem key's list alone (the word is one of its forms).
    if (!token.stem.empty() && token.kind == QueryToken::Kind::term) return;
    std::uint32_t s = shard_for(d, token.text);
    out.push_back(s);
    if (token.kind == QueryToken::Kind::term) return;
    // A range continues into every following shard whose first term still has the prefix.
    for (++s; s < d.shards.size(); ++s) {
      const std::string& first = d.shards[s].first_term;
      if (first.compare(0, token.text.size(), token.text) != 0) break;
      out.push_back(s);
    }
  };
  for (const auto* groups : {&parsed.include, &parsed.exclude}) {
    for (const QueryGroup& group : *groups) {
      for (const QueryToken& token : group.tokens) add(token);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  // The shards this query uses become the most recently used (trim_shards keeps them longest).
  for (const std::uint32_t s : out) {
    if (has_shard(s)) data_->shards[s].last_used = ++data_->clock;
  }
  out.erase(std::remove_if(out.begin(), out.end(), [&](std::uint32_t s) { return has_shard(s); }),
            out.end());
  return out;
}

std::optional<IndexError> SearchIndex::add_shard(std::uint32_t shard, std::string bytes) {
  Data& d = *data_;
  if (!sharded() || shard >= d.shards.size()) {
    return error(code::kIndexFormat, "no shard " + std::to_string(shard) + " in this index");
  }
  ShardSlot& slot = d.shards[shard];
  auto dict = std::make_unique<Dictionary>();
  dict->bytes = std::move(bytes);
  const std::string_view all = dict->bytes;
  if (all.size() < kShardHeaderSize || std::memcmp(all.data(), kShardMagic, 8) != 0) {
    return error(code::kIndexFormat, "not a folio index shard (no FOLIOSHD signature)");
  }
  const std::uint32_t version = read_u32(all.data() + 8);
  if (version != kShardedIndexFormatVersion)
    return error(code::kIndexFormat, version_message(version));
  if (read_u32(all.data() + 12) != shard) {
    return error(code::kIndexCorrupt, "shard " + std::to_string(read_u32(all.data() + 12)) +
                                          " was given as shard " + std::to_string(shard));
  }
  if (read_u64(all.data() + 16) != d.fingerprint) {
    return error(code::kIndexStale, "shard " + std::to_string(shard) + " is from another build");
  }
  dict->term_count = read_u32(all.data() + 24);
  const std::uint32_t payload_size = read_u32(all.data() + 28);
  if (dict->term_count != slot.term_count || payload_size != all.size() - kShardHeaderSize) {
    return error(code::kIndexCorrupt, "shard " + std::to_string(shard) + " is truncated");
  }
  std::string_view rest = all.substr(kShardHeaderSize);
  if (crc32(rest) != read_u32(all.data() + 32)) {
    return error(code::kIndexCorrupt, "checksum mismatch: shard " + std::to_string(shard));
  }
  std::string_view terms;
  if (!take_section(rest, "TERM", terms) || !take_section(rest, "POST", dict->postings) ||
      !rest.empty()) {
    return error(code::kIndexCorrupt, "shard sections missing or of the wrong size");
  }
  const std::string* high = shard + 1 < d.shards.size() ? &d.shards[shard + 1].first_term : nullptr;
  if (auto problem = validate_dictionary(d, *dict, terms, slot.first_term, high)) return problem;
  if (slot.dict) d.shard_bytes -= slot.dict->bytes.size();
  d.shard_bytes += dict->bytes.size();
  slot.dict = std::move(dict);
  slot.last_used = ++d.clock;
  return std::nullopt;
}

void SearchIndex::trim_shards(std::size_t max_bytes) {
  Data& d = *data_;
  if (!sharded()) return;
  while (d.shard_bytes > max_bytes) {
    ShardSlot* oldest = nullptr;
    for (ShardSlot& slot : d.shards) {
      if (slot.dict && (!oldest || slot.last_used < oldest->last_used)) oldest = &slot;
    }
    if (!oldest) return;
    d.shard_bytes -= oldest->dict->bytes.size();
    oldest->dict.reset();
  }
}

std::size_t SearchIndex::shard_bytes() const { return data_->shard_bytes; }

}  // namespace folio
