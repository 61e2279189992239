// The query language and search: any query (any bytes, not only valid UTF-8) parsed and run
// against a small index, with snippets, facets, paging and every sort. The first byte picks the
// options; the rest is the query.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <folio/index.h>
#include <folio/text.h>

namespace {

const folio::SearchIndex& sample_index() {
  static const folio::SearchIndex index = folio::SearchIndex::build({
      {"17254",
       "“OTT破冰”是个伪命题",
       "mickeyknox",
       {"电信", "OTT"},
       "2013-07-15 18:10",
       "運營商与微信矛盾\n不可调和。運營商的短信收入被微信吃掉了，OTT 是 over the top 的缩写。"},
      {"two", "Static Site", "Jane Doe", {"web", "static"}, "2014", "ＯＴＴ iPhone5s 3G static"},
      {"three",
       "搜索与分词",
       "谢益辉, Jane Doe",
       {"搜索"},
       "2020-02-29T23:59:59+08:00",
       "中文没有空格：「搜索」按字的二元组索引。Search in Chinese has no spaces, 3.14 ①②."},
      {"four", "", "", {}, "", ""},
  });
  return index;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned flags = data[0];
  const std::string_view query(reinterpret_cast<const char*>(data + 1), size - 1);
  folio::SearchOptions options;
  options.prefix = (flags & 1) != 0;
  options.snippets = (flags & 2) == 0;
  options.sort = (flags & 4) != 0   ? folio::SearchSort::newest
                 : (flags & 8) != 0 ? folio::SearchSort::oldest
                                    : folio::SearchSort::relevance;
  options.offset = (flags >> 4) & 3;
  options.limit = (flags & 64) != 0 ? 1 : 20;
  const folio::ParsedQuery parsed = folio::parse_query(query, options.prefix);
  (void)parsed;
  const folio::SearchResult result = sample_index().search(query, options);
  if (result.hits.size() > options.limit || result.total > sample_index().size()) std::abort();
  for (const folio::SearchHit& hit : result.hits) {
    if (hit.doc >= sample_index().size()) std::abort();
    // Snippets cut the documents' text around matches: never inside a character.
    if (!folio::is_valid_utf8(hit.snippet) || !folio::is_valid_utf8(hit.title)) std::abort();
  }
  folio::date_key(query);
  // The index builder streams its terms (scan_terms); queries and snippets tokenize normalised
  // text. For any text both must see the same terms at the same offsets, or a word indexed one
  // way is searched for another (issue 5's exactness).
  const folio::NormalizedText normalized = folio::normalize_with_offsets(query);
  const std::vector<folio::Token> tokens = folio::tokenize(normalized.chars);
  std::size_t streamed = 0;
  std::string term;
  folio::scan_terms(query, [&](std::string_view streamed_term, std::uint32_t begin) {
    if (streamed >= tokens.size()) std::abort();
    folio::token_term(normalized.chars, tokens[streamed], term);
    if (streamed_term != term || begin != normalized.source_begin[tokens[streamed].begin]) {
      std::abort();
    }
    ++streamed;
  });
  if (streamed != tokens.size()) std::abort();
  return 0;
}
