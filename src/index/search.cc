// Query evaluation over the loaded index: exact matching through positions, BM25F ranking,
// facets and snippets. Only +, -, *, / and floor are used on doubles (no libm), so the native
// CLI (glibc) and the WASM module (musl) compute bit-identical scores.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>

#include <folio/text.h>

#include "index_data.h"

namespace folio {
namespace {

// ---- deterministic arithmetic ----------------------------------------------------------

// ln(x) for x > 0 from +, *, / only: x = m * 2^e with m in [sqrt(1/2), sqrt(2)), then the
// atanh series, which converges to double precision in < 30 terms for |s| < 0.172.
double deterministic_log(double x) {
  int exponent = 0;
  while (x >= 1.4142135623730951) {
    x /= 2;
    ++exponent;
  }
  while (x < 0.7071067811865476) {
    x *= 2;
    --exponent;
  }
  const double s = (x - 1) / (x + 1);
  const double s2 = s * s;
  double term = s;
  double sum = 0;
  for (int k = 1; k < 60; k += 2) {
    sum += term / k;
    term *= s2;
  }
  return 2 * sum + exponent * 0.6931471805599453;
}

double round_score(double score) { return std::floor(score * 1e6 + 0.5) / 1e6; }

// BM25F: title above tags above author above body (issue 5).
constexpr double kFieldWeight[kFieldCount] = {6.0, 4.0, 2.0, 1.0};
constexpr double kFieldB[kFieldCount] = {0.5, 0.3, 0.3, 0.75};
constexpr double kK1 = 1.2;
constexpr double kProximityWeight = 1.5;
constexpr double kExactTitleBonus = 1000.0;

// ---- postings ------------------------------------------------------------------------

// Documents and, per document, sorted positions.
struct Hits {
  std::vector<std::uint32_t> docs;
  std::vector<std::uint32_t> offsets{0};  // positions of docs[i]: [offsets[i], offsets[i+1])
  std::vector<std::uint32_t> positions;
};

// Walks one postings list (FORMAT.md, POST): `position(doc, p)` for each position of a document,
// in order, then `document_done(doc)`.
template <typename Position, typename DocumentDone>
void for_each_posting(std::string_view list, Position position, DocumentDone document_done) {
  VarintReader in{reinterpret_cast<const unsigned char*>(list.data()),
                  reinterpret_cast<const unsigned char*>(list.data() + list.size())};
  std::uint32_t doc = 0;
  while (in.ok && in.pos < in.end) {
    const std::uint32_t head = in.next();
    doc += head >> 1;
    const std::uint32_t n = (head & 1) ? 1 : in.next();
    std::uint32_t at = 0;
    for (std::uint32_t j = 0; in.ok && j < n; ++j) {
      at += in.next();
      position(doc, at);
    }
    document_done(doc);
  }
}

void decode(std::string_view list, Hits& out) {
  for_each_posting(
      list, [&out](std::uint32_t, std::uint32_t at) { out.positions.push_back(at); },
      [&out](std::uint32_t doc) {
        out.docs.push_back(doc);
        out.offsets.push_back(static_cast<std::uint32_t>(out.positions.size()));
      });
}

// Every English word of a single file's dictionary by its stem, made once per index: English
// words (lower case ASCII letters) sort together, from "a" to the first term past "z". (A
// sharded index stores the groups as stem keys instead: stems_by_key.)
const std::vector<std::string_view>& stem_group(const SearchIndex::Data& d,
                                                const std::string& stem) {
  std::call_once(d.stems_made, [&d] {
    if (d.shards.size() != 1 || d.shards.front().dict == nullptr) return;
    TermEntry entry;
    std::optional<TermCursor> cursor;
    if (!seek_term(*d.shards.front().dict, "a", entry, cursor)) return;
    do {
      if (static_cast<unsigned char>(entry.term[0]) > 'z') break;
      if (is_english_word(entry.term)) d.stems[english_stem(entry.term)].push_back(entry.postings);
    } while (cursor->next(entry));
  });
  static const std::vector<std::string_view> none;
  const auto found = d.stems.find(stem);
  return found == d.stems.end() ? none : found->second;
}

Hits lookup(const SearchIndex::Data& d, const QueryToken& token) {
  Hits hits;
  // The postings lists whose union the token matches.
  std::vector<std::string_view> lists;
  if (!token.stem.empty()) {
    if (stems_by_key(d)) {
      const std::string_view list = find_term(d, stem_key(token.stem));
      if (!list.empty()) lists.push_back(list);
    } else {
      lists = stem_group(d, token.stem);  // holds the word itself
    }
  }
  if (token.kind == QueryToken::Kind::term) {
    if (token.stem.empty()) {
      const std::string_view list = find_term(d, token.text);
      if (!list.empty()) lists.push_back(list);
    }
  } else {
    // A range of terms: every word the prefix begins, or every bigram a CJK character starts
    // (and the character alone, where a run ends).
    for_each_term_with_prefix(d, token.text, [&](const TermEntry& entry) {
      if (token.kind == QueryToken::Kind::word_prefix) {
        std::size_t pos = 0;
        if (!is_word_char(next_code_point(entry.term, pos))) return;
      }
      lists.push_back(entry.postings);
    });
  }
  if (lists.size() == 1) decode(lists.front(), hits);
  if (lists.size() <= 1) return hits;
  // Merge their (doc, position) pairs (a word both in the prefix range and of the stem once):
  // grouped by document with a counting sort, then each document's few positions sorted. One
  // std::sort over every pair was most of a one-character query's time (的 on zh-yihui: 130,000
  // pairs from 2,900 bigrams, issue 5's p95).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::size_t list_bytes = 0;
  for (const std::string_view list : lists) list_bytes += list.size();
  pairs.reserve(list_bytes);  // each position takes at least one byte
  std::uint32_t last_doc = 0;
  for (const std::string_view list : lists) {
    for_each_posting(
        list, [&pairs](std::uint32_t doc, std::uint32_t at) { pairs.emplace_back(doc, at); },
        [&last_doc](std::uint32_t doc) { last_doc = std::max(last_doc, doc); });
  }
  if (pairs.empty()) return hits;
  std::vector<std::uint32_t> begin_of(static_cast<std::size_t>(last_doc) + 2, 0);
  for (const auto& pair : pairs) ++begin_of[pair.first + 1];
  for (std::size_t doc = 1; doc < begin_of.size(); ++doc) begin_of[doc] += begin_of[doc - 1];
  std::vector<std::uint32_t> grouped(pairs.size());
  {
    std::vector<std::uint32_t> next(begin_of.begin(), begin_of.end() - 1);
    for (const auto& [doc, position] : pairs) grouped[next[doc]++] = position;
  }
  hits.positions.reserve(pairs.size());
  // A document's positions are a few sorted runs (one per term). Where they are many and close
  // together (的 on zh-yihui: about a hundred per document), marking them in a bitmap and reading
  // it back sorts and de-duplicates in linear time; sorting them was a quarter of the query.
  std::vector<std::uint64_t> bits;
  for (std::uint32_t doc = 0; doc <= last_doc; ++doc) {
    const auto first = grouped.begin() + begin_of[doc];
    const auto last = grouped.begin() + begin_of[doc + 1];
    if (first == last) continue;
    hits.docs.push_back(doc);
    const auto count = static_cast<std::size_t>(last - first);
    const auto [low, high] =
        count > 32 ? std::minmax_element(first, last) : std::pair{first, first};
    const std::size_t words = count > 32 ? (*high - *low) / 64 + 1 : 0;
    if (count <= 32 || words > 4 * count) {
      std::sort(first, last);
      hits.positions.insert(hits.positions.end(), first, std::unique(first, last));
    } else {
      const std::uint32_t base = *low;
      bits.assign(words, 0);
      for (auto it = first; it != last; ++it) {
        const std::uint32_t bit = *it - base;
        bits[bit / 64] |= std::uint64_t{1} << (bit % 64);
      }
      for (std::size_t w = 0; w < words; ++w) {
        for (std::uint64_t word = bits[w]; word != 0; word &= word - 1) {
          hits.positions.push_back(base + static_cast<std::uint32_t>(w * 64) +
                                   static_cast<std::uint32_t>(__builtin_ctzll(word)));
        }
      }
    }
    hits.offsets.push_back(static_cast<std::uint32_t>(hits.positions.size()));
  }
  return hits;
}

// Where a group matches: per document, the sorted positions its first token sits at.
// Flat arrays rather than a map of vectors: a common term matches tens of thousands of
// documents, and one allocation per document dominated a query (issue 8).
struct GroupMatches {
  std::vector<std::uint32_t> docs;        // ascending
  std::vector<std::uint32_t> offsets{0};  // starts of docs[i]: [offsets[i], offsets[i+1])
  std::vector<std::uint32_t> starts;

  std::size_t size() const { return docs.size(); }
  bool empty() const { return docs.empty(); }
  // The index of `doc` in docs, or size() when it is not there.
  std::size_t find(std::uint32_t doc) const {
    const auto it = std::lower_bound(docs.begin(), docs.end(), doc);
    return it != docs.end() && *it == doc ? static_cast<std::size_t>(it - docs.begin()) : size();
  }
  // The starts of docs[i], copied into `out` (the scorers take vectors).
  const std::vector<std::uint32_t>* starts_of(std::size_t i,
                                              std::vector<std::uint32_t>& out) const {
    out.assign(starts.begin() + offsets[i], starts.begin() + offsets[i + 1]);
    return &out;
  }
};

GroupMatches match_group(const SearchIndex::Data& d, const QueryGroup& group) {
  GroupMatches out;
  std::vector<Hits> hits;
  hits.reserve(group.tokens.size());
  for (const QueryToken& token : group.tokens) {
    hits.push_back(lookup(d, token));
    if (hits.back().docs.empty()) return out;
  }
  // One token standing at the group's start: its hits are the matches (copying them one by one
  // was a fifth of a one-character query, 的 on zh-yihui).
  if (hits.size() == 1 && group.tokens.front().offset == 0) {
    out.docs = std::move(hits.front().docs);
    out.offsets = std::move(hits.front().offsets);
    out.starts = std::move(hits.front().positions);
    return out;
  }
  std::size_t driver = 0;
  for (std::size_t k = 1; k < hits.size(); ++k) {
    if (hits[k].docs.size() < hits[driver].docs.size()) driver = k;
  }
  std::vector<std::size_t> cursor(hits.size(), 0);
  std::vector<std::size_t> at(hits.size(), 0);
  for (std::size_t i = 0; i < hits[driver].docs.size(); ++i) {
    const std::uint32_t doc = hits[driver].docs[i];
    bool everywhere = true;
    for (std::size_t k = 0; k < hits.size() && everywhere; ++k) {
      const auto& docs = hits[k].docs;
      const auto it =
          std::lower_bound(docs.begin() + static_cast<std::ptrdiff_t>(cursor[k]), docs.end(), doc);
      cursor[k] = static_cast<std::size_t>(it - docs.begin());
      everywhere = it != docs.end() && *it == doc;
      at[k] = cursor[k];
    }
    if (!everywhere) continue;
    const std::size_t before = out.starts.size();
    const Hits& lead = hits[driver];
    const std::uint32_t lead_offset = group.tokens[driver].offset;
    for (std::uint32_t j = lead.offsets[i]; j < lead.offsets[i + 1]; ++j) {
      if (lead.positions[j] < lead_offset) continue;
      const std::uint32_t start = lead.positions[j] - lead_offset;
      bool all = true;
      for (std::size_t k = 0; k < hits.size() && all; ++k) {
        if (k == driver) continue;
        const Hits& h = hits[k];
        const auto begin = h.positions.begin() + h.offsets[at[k]];
        const auto end = h.positions.begin() + h.offsets[at[k] + 1];
        all = std::binary_search(begin, end, start + group.tokens[k].offset);
      }
      if (all) out.starts.push_back(start);
    }
    if (out.starts.size() > before) {
      out.docs.push_back(doc);
      out.offsets.push_back(static_cast<std::uint32_t>(out.starts.size()));
    }
  }
  return out;
}

// ---- filters ---------------------------------------------------------------------------

// `needle` occurs in `hay` and, where it begins or ends with a word character, on a word edge.
bool contains_on_word_edges(std::u32string_view hay, std::u32string_view needle) {
  if (needle.empty()) return false;
  for (std::size_t pos = hay.find(needle); pos != std::u32string_view::npos;
       pos = hay.find(needle, pos + 1)) {
    const std::size_t end = pos + needle.size();
    if (is_word_char(needle.front()) && pos > 0 && is_word_char(hay[pos - 1])) continue;
    if (is_word_char(needle.back()) && end < hay.size() && is_word_char(hay[end])) continue;
    return true;
  }
  return false;
}

class MetadataFilter {
 public:
  MetadataFilter(const SearchIndex::Data& d, const ParsedQuery& q) : d_(d), q_(q) {}

  bool accepts(std::uint32_t doc) {
    const DocRecord& r = d_.docs[doc];
    if (q_.date_from != 0 && (r.date == 0 || r.date < q_.date_from)) return false;
    if (q_.date_to != 0 && (r.date == 0 || r.date > q_.date_to)) return false;
    if (!q_.authors.empty() && !author_is(r, q_.authors)) return false;
    if (!q_.exclude_authors.empty() && author_is(r, q_.exclude_authors)) return false;
    if (!q_.tags.empty() && !has_tag(r, q_.tags)) return false;
    if (!q_.exclude_tags.empty() && has_tag(r, q_.exclude_tags)) return false;
    return true;
  }

 private:
  const std::u32string& normalized(StringRef ref) {
    auto [it, added] = cache_.try_emplace(ref.offset);
    if (added) it->second = normalize_with_offsets(d_.str(ref)).chars;
    return it->second;
  }
  bool author_is(const DocRecord& r, const std::vector<std::u32string>& values) {
    const std::u32string& author = normalized(r.author);
    return std::any_of(values.begin(), values.end(),
                       [&](const std::u32string& v) { return contains_on_word_edges(author, v); });
  }
  bool has_tag(const DocRecord& r, const std::vector<std::u32string>& values) {
    for (std::uint32_t t = r.tags_begin; t < r.tags_begin + r.tags_count; ++t) {
      const std::u32string& tag = normalized(d_.tags[t]);
      if (std::find(values.begin(), values.end(), tag) != values.end()) return true;
    }
    return false;
  }

  const SearchIndex::Data& d_;
  const ParsedQuery& q_;
  std::map<std::uint32_t, std::u32string> cache_;
};

// ---- ranking ---------------------------------------------------------------------------

int field_of(const DocRecord& r, std::uint32_t position) {
  for (int f = kFieldCount - 1; f > 0; --f) {
    if (position >= r.start[f]) return f;
  }
  return kTitle;
}

struct Candidate {
  std::uint32_t doc = 0;
  double score = 0;
  std::uint64_t date = 0;
};

// The fewest positions a window holding one match of every group spans, minus the groups' own
// lengths: 0 when the groups stand side by side.
std::uint32_t proximity_slack(const std::vector<const std::vector<std::uint32_t>*>& starts,
                              const std::vector<std::uint32_t>& spans) {
  std::vector<std::pair<std::uint32_t, std::size_t>> events;
  for (std::size_t g = 0; g < starts.size(); ++g) {
    for (const std::uint32_t s : *starts[g]) events.emplace_back(s, g);
  }
  std::sort(events.begin(), events.end());
  std::vector<std::size_t> seen(starts.size(), 0);
  std::size_t covered = 0;
  std::uint32_t best = 0xFFFFFFFFu;
  std::size_t left = 0;
  for (std::size_t right = 0; right < events.size(); ++right) {
    if (seen[events[right].second]++ == 0) ++covered;
    while (covered == starts.size()) {
      const std::uint32_t end = events[right].first + spans[events[right].second];
      best = std::min(best, end > events[left].first ? end - events[left].first : 0);
      if (--seen[events[left].second] == 0) --covered;
      ++left;
    }
  }
  const std::uint32_t total = std::accumulate(spans.begin(), spans.end(), 0u);
  return best == 0xFFFFFFFFu ? best : (best > total ? best - total : 0);
}

// The query's groups, in order and side by side, are the whole title.
bool is_exact_title(const DocRecord& r,
                    const std::vector<const std::vector<std::uint32_t>*>& starts,
                    const std::vector<std::uint32_t>& spans) {
  std::uint32_t position = r.start[kTitle];
  for (std::size_t g = 0; g < starts.size(); ++g) {
    if (!std::binary_search(starts[g]->begin(), starts[g]->end(), position)) return false;
    position += spans[g];
  }
  return position == r.start[kTitle] + r.span[kTitle] && r.span[kTitle] > 0;
}

// ---- snippets --------------------------------------------------------------------------

constexpr int kSnippetBefore = 24;  // code points of context before the first match
constexpr int kSnippetLength = 96;  // code points in the whole snippet

std::size_t advance_code_points(std::string_view text, std::size_t pos, int count) {
  while (count-- > 0 && pos < text.size()) next_code_point(text, pos);
  return pos;
}

std::size_t retreat_code_points(std::string_view text, std::size_t pos, int count) {
  while (count-- > 0 && pos > 0) pos = utf8_floor(text, pos - 1);
  return pos;
}

struct Mark {
  std::uint32_t first = 0;  // tokens of the body
  std::uint32_t last = 0;
  std::size_t group = 0;
  std::size_t begin = 0;  // bytes of the original body, once known
  std::size_t end = 0;
};

constexpr std::uint32_t kWindowTokens = 40;  // how far apart marks may be to share a snippet

// Byte offsets in the body's text of body tokens 64, 128, ... (SKIP; none without it).
std::vector<std::uint32_t> checkpoints_of(const SearchIndex::Data& d, std::uint32_t doc) {
  std::vector<std::uint32_t> out;
  if (d.skip_table.empty()) return out;
  const auto* base = reinterpret_cast<const unsigned char*>(d.skip_blob.data());
  VarintReader in{base + read_u32(d.skip_table.data() + 4 * static_cast<std::size_t>(doc)),
                  base + d.skip_blob.size()};
  const std::uint32_t count = in.next();
  std::uint32_t offset = 0;
  for (std::uint32_t j = 0; in.ok && j < count; ++j) out.push_back(offset += in.next());
  return out;
}

std::string make_snippet(const std::function<BodyPrefix(std::size_t)>& body_of,
                         const DocRecord& record, const std::vector<std::uint32_t>& checkpoints,
                         const std::vector<const std::vector<std::uint32_t>*>& starts,
                         const std::vector<std::uint32_t>& spans) {
  std::vector<Mark> marks;
  const std::uint32_t body_start = record.start[kBody];
  for (std::size_t g = 0; g < starts.size(); ++g) {
    for (const std::uint32_t s : *starts[g]) {
      if (s >= body_start) marks.push_back({s - body_start, s - body_start + spans[g] - 1, g});
    }
  }
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) {
    return a.first != b.first ? a.first < b.first : a.last > b.last;
  });
  // The earliest window with the most different groups (the earliest keeps the text to
  // normalise short: matches deep in a long body cost their whole prefix).
  std::size_t best = 0;
  std::size_t best_groups = 0;
  const std::size_t candidates = std::min<std::size_t>(marks.size(), 256);
  std::vector<bool> seen(starts.size());
  for (std::size_t i = 0; i < candidates; ++i) {
    std::fill(seen.begin(), seen.end(), false);
    std::size_t distinct = 0;
    for (std::size_t j = i; j < marks.size() && marks[j].first < marks[i].first + kWindowTokens;
         ++j) {
      if (!seen[marks[j].group]) {
        seen[marks[j].group] = true;
        ++distinct;
      }
    }
    if (distinct > best_groups) {
      best = i;
      best_groups = distinct;
    }
    if (best_groups == starts.size()) break;
  }
  // Place the marks from the window on in the original text: one streaming pass over the body
  // that stops at the last token needed (a match is usually near the start, and a body can
  // run to tens of kilobytes). A prefix of the body is asked for first (a Chinese token is 3
  // bytes of source, an English one about 6), then twice as much until it reaches far enough;
  // 512 bytes more hold the snippet's text after the last mark.
  std::vector<Mark> wanted_marks;
  std::vector<std::uint32_t> wanted;
  if (!marks.empty()) {
    const std::uint32_t limit = marks[best].first + kSnippetLength + kWindowTokens;
    for (std::size_t i = best; i < marks.size() && marks[i].last <= limit; ++i) {
      wanted_marks.push_back(marks[i]);
      wanted.push_back(marks[i].first);
      wanted.push_back(marks[i].last);
    }
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  }
  const std::size_t last_wanted = wanted.empty() ? 0 : wanted.back();
  // The scan starts at the last checkpoint before the first token needed (SKIP): counting the
  // tokens of a long article up to a deep match was most of a snippet's time (perf: 45 % of
  // the query benchmark in scan_tokens).
  const std::size_t skip =
      wanted.empty()
          ? 0
          : std::min<std::size_t>(wanted.front() / kCheckpointTokens, checkpoints.size());
  BodyPrefix body;
  std::vector<Mark> placed;
  std::size_t start = 0;
  std::size_t end = 0;
  for (std::size_t want = last_wanted * 5 + 512;; want *= 2) {
    body = body_of(want);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans_of(wanted.size(), {0, 0});
    std::size_t next = 0;
    // A checkpoint past the text: ask for more, or (the whole text: a damaged index) scan from
    // the start.
    std::size_t skipped = skip;
    if (skipped > 0 && checkpoints[skipped - 1] >= body.text.size()) {
      if (!body.complete) continue;
      skipped = 0;
    }
    const std::uint32_t first_token = static_cast<std::uint32_t>(skipped * kCheckpointTokens);
    const std::uint32_t first_byte = skipped > 0 ? checkpoints[skipped - 1] : 0;
    if (!wanted.empty()) {
      scan_tokens(std::string_view(body.text).substr(first_byte),
                  [&](std::uint32_t index, std::uint32_t begin, std::uint32_t stop) {
                    if (index + first_token == wanted[next]) {
                      spans_of[next++] = {begin + first_byte, stop + first_byte};
                    }
                    return next < wanted.size();
                  });
    }
    placed.clear();
    for (Mark m : wanted_marks) {
      const auto at = [&](std::uint32_t token) {
        return static_cast<std::size_t>(std::lower_bound(wanted.begin(), wanted.end(), token) -
                                        wanted.begin());
      };
      // A token the scan never reached: past the prefix, or the text changed since indexing.
      if (at(m.last) >= next) break;
      m.begin = spans_of[at(m.first)].first;
      m.end = spans_of[at(m.last)].second;
      placed.push_back(m);
    }
    const std::size_t anchor = placed.empty() ? 0 : placed.front().begin;
    start = retreat_code_points(body.text, anchor, kSnippetBefore);
    end = advance_code_points(body.text, start, kSnippetLength);
    const bool enough = placed.size() == wanted_marks.size() && end < body.text.size();
    if (body.complete || enough) break;
  }
  const std::string_view text = body.text;
  std::string out;
  if (start > 0) out += "\xE2\x80\xA6";  // …
  std::size_t pos = start;
  for (const Mark& m : placed) {
    if (m.begin < pos) continue;  // overlaps a mark already written
    if (m.begin >= end) break;
    end = std::max(end, m.end);
    append_html_escaped(out, text.substr(pos, m.begin - pos));
    out += "<mark>";
    append_html_escaped(out, text.substr(m.begin, m.end - m.begin));
    out += "</mark>";
    pos = m.end;
  }
  append_html_escaped(out, text.substr(pos, end - pos));
  if (end < text.size()) out += "\xE2\x80\xA6";
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

std::vector<FacetCount> top_facets(std::map<std::string, std::size_t> counts, bool by_value_desc) {
  std::vector<FacetCount> out;
  for (auto& [value, count] : counts) out.push_back({value, count});
  std::sort(out.begin(), out.end(), [&](const FacetCount& a, const FacetCount& b) {
    if (by_value_desc) return a.value > b.value;
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (out.size() > kMaxFacetValues) out.resize(kMaxFacetValues);
  return out;
}

}  // namespace

// Every match of a query, ranked, with its facets: what a query computes before it looks at any
// article. Cached per index for the last query (SearchIndex::Data::last_ranking), since a sharded
// reader asks the same query twice (once to learn which records its hits need, once with them)
// and a reader paging through results asks it again for each page.
struct SearchIndex::Ranking {
  std::string query;
  bool prefix = false;
  bool stem = false;
  SearchSort sort = SearchSort::relevance;
  std::vector<GroupMatches> groups;
  std::vector<std::uint32_t> spans;
  std::vector<Candidate> matches;  // the first `sorted` in result order, the rest unordered
  std::size_t sorted = 0;
  SearchFacets facets;
};

namespace {

std::shared_ptr<SearchIndex::Ranking> rank(const SearchIndex::Data& d, std::string_view query,
                                           bool prefix, bool stem, SearchSort wanted_sort) {
  auto ranking = std::make_shared<SearchIndex::Ranking>();
  ranking->query = std::string(query);
  ranking->prefix = prefix;
  ranking->stem = stem;
  ranking->sort = wanted_sort;
  const ParsedQuery parsed = parse_query(query, prefix, stem);
  const bool filtered = parsed.date_from != 0 || parsed.date_to != 0 || !parsed.authors.empty() ||
                        !parsed.tags.empty() || !parsed.exclude_authors.empty() ||
                        !parsed.exclude_tags.empty() || !parsed.exclude.empty();
  if (parsed.include.empty() && !filtered) return ranking;

  std::vector<GroupMatches>& groups = ranking->groups;
  std::vector<std::uint32_t>& spans = ranking->spans;
  groups.reserve(parsed.include.size());
  for (const QueryGroup& group : parsed.include) {
    groups.push_back(match_group(d, group));
    spans.push_back(group.span);
    if (groups.back().empty()) {
      groups.clear();
      spans.clear();
      return ranking;
    }
  }
  std::vector<GroupMatches> excluded;
  for (const QueryGroup& group : parsed.exclude) excluded.push_back(match_group(d, group));

  // Candidates: the rarest group's documents (every document when only filters were given).
  std::vector<std::uint32_t> docs;
  if (groups.empty()) {
    docs.resize(d.doc_count);
    std::iota(docs.begin(), docs.end(), 0u);
  } else {
    std::size_t rarest = 0;
    for (std::size_t g = 1; g < groups.size(); ++g) {
      if (groups[g].size() < groups[rarest].size()) rarest = g;
    }
    docs = groups[rarest].docs;
  }

  std::vector<double> idf;
  const double n = d.doc_count;
  for (const GroupMatches& g : groups) {
    const double df = static_cast<double>(g.size());
    idf.push_back(deterministic_log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  double mean_idf = 0;
  for (const double v : idf) mean_idf += v;
  if (!idf.empty()) mean_idf /= static_cast<double>(idf.size());

  MetadataFilter filter(d, parsed);
  std::vector<Candidate>& matches = ranking->matches;
  std::vector<const std::vector<std::uint32_t>*> starts(groups.size());
  std::vector<std::vector<std::uint32_t>> buffers(groups.size());
  // Candidates come in ascending order, so each group is searched from where the last one was.
  std::vector<std::size_t> cursor(groups.size(), 0);
  std::vector<std::size_t> excluded_cursor(excluded.size(), 0);
  const auto advance = [](const GroupMatches& g, std::size_t& at, std::uint32_t doc) {
    at = static_cast<std::size_t>(
        std::lower_bound(g.docs.begin() + static_cast<std::ptrdiff_t>(at), g.docs.end(), doc) -
        g.docs.begin());
    return at < g.size() && g.docs[at] == doc;
  };
  for (const std::uint32_t doc : docs) {
    bool all = true;
    for (std::size_t g = 0; g < groups.size() && all; ++g) {
      all = advance(groups[g], cursor[g], doc);
      if (all) starts[g] = groups[g].starts_of(cursor[g], buffers[g]);
    }
    if (!all) continue;
    bool excluded_here = false;
    for (std::size_t e = 0; e < excluded.size(); ++e) {
      excluded_here = advance(excluded[e], excluded_cursor[e], doc) || excluded_here;
    }
    if (excluded_here || !filter.accepts(doc)) continue;

    const DocRecord& r = d.docs[doc];
    double score = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      double tf[kFieldCount] = {0, 0, 0, 0};
      for (const std::uint32_t s : *starts[g]) tf[field_of(r, s)] += 1;
      double weighted = 0;
      for (int f = 0; f < kFieldCount; ++f) {
        if (tf[f] == 0) continue;
        // The body by its one-byte length code, as a head stores it (FORMAT.md, "Body lengths").
        const double length = f == kBody ? r.body_norm : r.span[f];
        const double norm =
            d.average_span[f] > 0 ? (1 - kFieldB[f]) + kFieldB[f] * length / d.average_span[f] : 1;
        weighted += kFieldWeight[f] * tf[f] / norm;
      }
      score += idf[g] * weighted * (kK1 + 1) / (kK1 + weighted);
    }
    if (groups.size() > 1) {
      const std::uint32_t slack = proximity_slack(starts, spans);
      if (slack != 0xFFFFFFFFu) score += kProximityWeight * mean_idf / (1.0 + slack);
    }
    if (!groups.empty() && is_exact_title(r, starts, spans)) score += kExactTitleBonus;
    matches.push_back({doc, round_score(score), r.date});
  }

  // Facets count every match; names are counted by their place in the string pool and years as
  // numbers, and only the few distinct ones become strings.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> author_refs;
  std::map<std::uint64_t, std::size_t> year_numbers;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> tag_refs;
  for (const Candidate& c : matches) {
    const DocRecord& r = d.docs[c.doc];
    if (r.author.length > 0) ++author_refs[{r.author.offset, r.author.length}];
    if (r.date != 0) ++year_numbers[r.date / 10000000000ull];
    for (std::uint32_t t = r.tags_begin; t < r.tags_begin + r.tags_count; ++t) {
      ++tag_refs[{d.tags[t].offset, d.tags[t].length}];
    }
  }
  const auto by_name = [&d](const auto& refs) {
    std::map<std::string, std::size_t> out;
    for (const auto& [ref, count] : refs) {
      out[std::string(d.str(StringRef{ref.first, ref.second}))] += count;
    }
    return out;
  };
  std::map<std::string, std::size_t> years;
  for (const auto& [year, count] : year_numbers) years[std::to_string(year)] += count;
  ranking->facets.author = top_facets(by_name(author_refs), false);
  ranking->facets.year = top_facets(std::move(years), true);
  ranking->facets.tag = top_facets(by_name(tag_refs), false);
  return ranking;
}

// Puts the first `count` matches in result order (a total order: the document breaks ties, so
// sorting only a prefix gives the same first `count` as sorting all).
void sort_prefix(SearchIndex::Ranking& ranking, std::size_t count) {
  count = std::min(count, ranking.matches.size());
  if (count <= ranking.sorted) return;
  const SearchSort sort = ranking.groups.empty() && ranking.sort == SearchSort::relevance
                              ? SearchSort::newest
                              : ranking.sort;
  const auto before = [sort](const Candidate& a, const Candidate& b) {
    if (sort == SearchSort::relevance && a.score != b.score) return a.score > b.score;
    if (a.date != b.date) return sort == SearchSort::oldest ? a.date < b.date : a.date > b.date;
    if (a.score != b.score) return a.score > b.score;
    return a.doc < b.doc;
  };
  const auto begin = ranking.matches.begin() + static_cast<std::ptrdiff_t>(ranking.sorted);
  const auto middle = ranking.matches.begin() + static_cast<std::ptrdiff_t>(count);
  std::partial_sort(begin, middle, ranking.matches.end(), before);
  ranking.sorted = count;
}

}  // namespace

SearchResult SearchIndex::search(std::string_view query, const SearchOptions& options,
                                 const DocumentProvider& documents,
                                 const BodySource& bodies) const {
  const Data& d = *data_;
  SearchResult result;
  // A head without stem keys cannot stem (a stem's forms may be in any shard): exact words.
  const bool stem =
      options.stem.value_or((d.flags & kFlagStemEnglish) != 0) && (!sharded() || stems_by_key(d));
  if (sharded()) {
    result.missing_shards = shards_for(query, options.prefix, stem);
    if (!result.missing_shards.empty()) return result;
  }
  result.offset = options.offset;
  result.limit = options.limit;

  std::shared_ptr<Ranking> ranking;
  {
    const std::lock_guard<std::mutex> lock(d.last_ranking_mutex);
    const std::shared_ptr<Ranking>& last = d.last_ranking;
    if (last && last->query == query && last->prefix == options.prefix && last->stem == stem &&
        last->sort == options.sort) {
      ranking = last;
    }
  }
  if (!ranking) ranking = rank(d, query, options.prefix, stem, options.sort);
  // Only the shared ranking's sorting needs the lock: the page's matches are copied out, and the
  // hits (documents, snippets: most of a query's time) are made without holding it.
  const std::size_t total = ranking->matches.size();
  const std::size_t begin = std::min(options.offset, total);
  const std::size_t end = begin + std::min(options.limit, total - begin);
  std::vector<Candidate> page;
  {
    const std::lock_guard<std::mutex> lock(d.last_ranking_mutex);
    d.last_ranking = ranking;
    sort_prefix(*ranking, end);
    page.assign(ranking->matches.begin() + static_cast<std::ptrdiff_t>(begin),
                ranking->matches.begin() + static_cast<std::ptrdiff_t>(end));
  }
  const std::vector<GroupMatches>& groups = ranking->groups;
  const std::vector<std::uint32_t>& spans = ranking->spans;
  result.facets = ranking->facets;
  result.total = total;
  std::vector<const std::vector<std::uint32_t>*> starts(groups.size());
  std::vector<std::vector<std::uint32_t>> buffers(groups.size());
  for (const Candidate& match : page) {
    const std::uint32_t doc = match.doc;
    SearchDocument document = documents(doc);
    for (std::size_t g = 0; g < groups.size(); ++g) {
      starts[g] = groups[g].starts_of(groups[g].find(doc), buffers[g]);
    }
    SearchHit hit;
    hit.doc = doc;
    const auto body_of = [&](std::size_t min_source_bytes) {
      return bodies ? bodies(doc, min_source_bytes) : BodyPrefix{document.body, true};
    };
    if (options.snippets) {
      hit.snippet = make_snippet(body_of, d.docs[doc], checkpoints_of(d, doc), starts, spans);
    }
    hit.id = std::move(document.id);
    hit.title = std::move(document.title);
    hit.author = std::move(document.author);
    hit.date = std::move(document.date);
    hit.tags = std::move(document.tags);
    hit.score = match.score;
    result.hits.push_back(std::move(hit));
  }
  return result;
}

SearchResult SearchIndex::search(std::string_view query, const SearchOptions& options) const {
  return search(query, options, [this](std::size_t doc) {
    return doc < documents_.size() ? documents_[doc] : SearchDocument{};
  });
}

}  // namespace folio
