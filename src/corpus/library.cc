#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

#include <folio/corpus.h>
#include <folio/text.h>

#include "article_json.h"

namespace folio {

using nlohmann::json;

namespace detail {

SearchDocument search_metadata(const Article& article) {
  SearchDocument document;
  document.id = article.id;
  document.title = article.title;
  document.author = article.author;
  document.tags = article.tags;
  document.date = article.date;
  return document;
}

}  // namespace detail

SearchDocument search_document(const Article& article) {
  SearchDocument document = detail::search_metadata(article);
  document.body = render_plain_text(article.markdown);
  return document;
}

std::uint64_t corpus_fingerprint(const Corpus& corpus) {
  std::uint64_t hash = fnv1a64("folio-corpus-fingerprint-1");
  const auto field = [&hash](std::string_view text) {
    // Length first, so ("ab","c") and ("a","bc") differ.
    hash = fnv1a64(std::to_string(text.size()) + ":", hash);
    hash = fnv1a64(text, hash);
  };
  for (const Article& a : corpus.articles) {
    field(a.id);
    field(a.title);
    field(std::to_string(a.tags.size()));
    field(a.author);
    field(a.date);
    for (const std::string& tag : a.tags) field(tag);
    field(a.markdown);
  }
  return hash;
}

namespace {

std::vector<SearchDocument> search_documents(const Corpus& corpus) {
  std::vector<SearchDocument> documents;
  documents.reserve(corpus.articles.size());
  for (const Article& article : corpus.articles) documents.push_back(search_document(article));
  return documents;
}

SearchIndex build_index(const Corpus& corpus) {
  IndexError problem;
  std::optional<SearchIndex> index = SearchIndex::load(encode_corpus_index(corpus), &problem);
  if (!index)
    throw std::logic_error("folio: a freshly encoded index is invalid: " + problem.message);
  return std::move(*index);
}

}  // namespace

std::string encode_corpus_index(const Corpus& corpus) {
  return encode_search_index(search_documents(corpus), corpus_fingerprint(corpus), corpus.search);
}

Library::Library(Corpus corpus) : corpus_(std::move(corpus)), index_(build_index(corpus_)) {}

Library::Library(Corpus corpus, std::string index_bytes, std::vector<Diagnostic>& diagnostics)
    : corpus_(std::move(corpus)) {
  IndexError problem;
  std::optional<SearchIndex> loaded = SearchIndex::load(std::move(index_bytes), &problem);
  if (loaded && loaded->fingerprint() != corpus_fingerprint(corpus_)) {
    problem = {code::kIndexStale, "the search index was built for other articles; rebuilding it"};
    loaded.reset();
  } else if (loaded && loaded->settings().stem_english != corpus_.search.stem_english) {
    problem = {code::kIndexStale, "the search index's stemming differs from corpus.json's"};
    loaded.reset();
  }
  if (loaded) {
    index_ = std::move(*loaded);
    index_from_file_ = true;
    return;
  }
  diagnostics.push_back({Severity::warning, kSearchIndexFileName, 0, 0, problem.code,
                         problem.message + " (the index is built from the corpus instead)"});
  index_ = build_index(corpus_);
}

const Article* Library::find(std::string_view id) const {
  for (const Article& article : corpus_.articles) {
    if (article.id == id) return &article;
  }
  return nullptr;
}

RenderOptions render_options_for(const CorpusRenderSettings& settings) {
  RenderOptions options;
  options.base_url = settings.base_url;
  options.cjk_friendly_emphasis = settings.cjk_emphasis;
  return options;
}

RenderOptions Library::render_options() const { return render_options_for(corpus_.render); }

std::optional<std::string> Library::render(std::string_view id) const {
  return render(id, render_options());
}

std::optional<std::string> Library::render(std::string_view id,
                                           const RenderOptions& options) const {
  const Article* article = find(id);
  if (!article) return std::nullopt;
  return render_html(article->markdown, options);
}

namespace {

// The end of the first blank line at or after `from`, or npos.
std::size_t blank_line_after(std::string_view markdown, std::size_t from) {
  for (std::size_t pos = markdown.find('\n', from); pos != std::string_view::npos;
       pos = markdown.find('\n', pos + 1)) {
    std::size_t next = pos + 1;
    while (next < markdown.size() && (markdown[next] == ' ' || markdown[next] == '\t')) ++next;
    if (next < markdown.size() && markdown[next] == '\n') return next + 1;
  }
  return std::string_view::npos;
}

}  // namespace

// The plain text of a prefix of the body, cut at a blank line. Blocks before a blank line are
// complete there, so they render to the same text as in the whole article, with one exception:
// a link reference definition further down ("[x]: url") changes how "[x]" reads before it. A
// body with "]:" anywhere is therefore always rendered whole.
BodyPrefix detail::plain_text_prefix(std::string_view markdown, std::size_t min_bytes) {
  if (min_bytes < markdown.size() && markdown.find("]:") == std::string_view::npos) {
    const std::size_t cut = blank_line_after(markdown, min_bytes);
    if (cut != std::string_view::npos && cut < markdown.size()) {
      return {render_plain_text(markdown.substr(0, cut)), false};
    }
  }
  return {render_plain_text(markdown), true};
}

SearchResult Library::search(std::string_view query, const SearchOptions& options) const {
  const auto metadata = [this](std::size_t doc) {
    return doc < corpus_.articles.size() ? detail::search_metadata(corpus_.articles[doc])
                                         : SearchDocument{};
  };
  const auto body = [this](std::size_t doc, std::size_t min_bytes) {
    return doc < corpus_.articles.size()
               ? detail::plain_text_prefix(corpus_.articles[doc].markdown, min_bytes)
               : BodyPrefix{};
  };
  return index_.search(query, options, metadata, body);
}

namespace {

json article_metadata(const Article& a) { return detail::article_metadata_json(a); }

// Replacement instead of an exception: the text was validated as UTF-8 when loaded, and a
// stray byte must never cost the caller the whole answer.
std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string articles_summary_json(const Library& library) {
  json list = json::array();
  for (const Article& a : library.articles()) list.push_back(article_metadata(a));
  return dump(list);
}

std::string article_json(const Article& article) {
  json metadata = article_metadata(article);
  metadata["meta"] = article.meta;
  return dump(metadata);
}

namespace {

// JSON written by hand into one buffer, as dump() above writes it (UTF-8 kept, the short escapes,
// \u00xx for the other control characters): nlohmann's per-character serializer, then a
// std::string call per character, were two fifths of a search's time in WASM
// (--profiling-funcs on zh-yihui, issue 5's latency target). Invalid UTF-8 cannot come from a
// loaded corpus, but if it did, dump() replaces it as before.
class JsonOut {
 public:
  explicit JsonOut(std::size_t expected) { buffer_.resize(expected); }

  JsonOut& raw(std::string_view text) {
    char* at = room(text.size());
    std::memcpy(at, text.data(), text.size());
    used_ += text.size();
    return *this;
  }
  JsonOut& number(std::size_t value) { return raw(std::to_string(value)); }
  JsonOut& string(std::string_view text) {
    if (!is_valid_utf8(text)) return raw(dump(json(std::string(text))));
    std::size_t escaped = 0;
    for (const char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      escaped += c < 0x20 || c == '"' || c == '\\' ? 1 : 0;
    }
    char* const begin = room(text.size() + 5 * escaped + 2);  // \u00xx is the longest escape
    char* at = begin;
    *at++ = '"';
    for (const char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 0x20 && c != '"' && c != '\\') {
        *at++ = ch;
        continue;
      }
      *at++ = '\\';
      switch (c) {
        case '"':
          *at++ = '"';
          break;
        case '\\':
          *at++ = '\\';
          break;
        case '\b':
          *at++ = 'b';
          break;
        case '\f':
          *at++ = 'f';
          break;
        case '\n':
          *at++ = 'n';
          break;
        case '\r':
          *at++ = 'r';
          break;
        case '\t':
          *at++ = 't';
          break;
        default: {
          static const char hex[] = "0123456789abcdef";
          std::memcpy(at, "u00", 3);
          at += 3;
          *at++ = hex[c >> 4];
          *at++ = hex[c & 15];
        }
      }
    }
    *at++ = '"';
    used_ += static_cast<std::size_t>(at - begin);
    return *this;
  }
  std::string take() {
    buffer_.resize(used_);
    return std::move(buffer_);
  }

 private:
  char* room(std::size_t bytes) {
    if (buffer_.size() - used_ < bytes) buffer_.resize(std::max(buffer_.size() * 2, used_ + bytes));
    return buffer_.data() + used_;
  }
  std::string buffer_;
  std::size_t used_ = 0;
};

void put_facet(JsonOut& out, const std::vector<FacetCount>& counts) {
  out.raw("[");
  for (std::size_t i = 0; i < counts.size(); ++i) {
    out.raw(i > 0 ? ",{\"count\":" : "{\"count\":").number(counts[i].count);
    out.raw(",\"value\":").string(counts[i].value).raw("}");
  }
  out.raw("]");
}

}  // namespace

// Keys in the order of nlohmann's std::map objects, so the bytes are those dump() gave
// (tests/unit/corpus_test.cc compares them).
std::string search_result_json(const SearchResult& result) {
  JsonOut out(1024 + result.hits.size() * 512);
  out.raw("{\"facets\":{\"author\":");
  put_facet(out, result.facets.author);
  out.raw(",\"tag\":");
  put_facet(out, result.facets.tag);
  out.raw(",\"year\":");
  put_facet(out, result.facets.year);
  out.raw("},\"hits\":[");
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    const SearchHit& hit = result.hits[i];
    out.raw(i > 0 ? ",{\"author\":" : "{\"author\":").string(hit.author);
    out.raw(",\"date\":").string(hit.date);
    out.raw(",\"id\":").string(hit.id);
    // nlohmann's shortest round-trip form of a double.
    out.raw(",\"score\":").raw(json(hit.score).dump());
    out.raw(",\"snippet\":").string(hit.snippet);
    out.raw(",\"tags\":[");
    for (std::size_t t = 0; t < hit.tags.size(); ++t) {
      if (t > 0) out.raw(",");
      out.string(hit.tags[t]);
    }
    out.raw("],\"title\":").string(hit.title).raw("}");
  }
  out.raw("],\"limit\":").number(result.limit);
  out.raw(",\"offset\":").number(result.offset);
  out.raw(",\"total\":").number(result.total).raw("}");
  return out.take();
}

std::string rendered_document_json(const RenderedDocument& document) {
  json toc = json::array();
  for (const TocEntry& entry : document.toc) {
    toc.push_back(json{{"level", entry.level}, {"id", entry.id}, {"text", entry.text}});
  }
  JsonOut out(document.html.size() + 1024);
  out.raw("{\"html\":").string(document.html).raw(",\"toc\":").raw(dump(toc)).raw("}");
  return out.take();
}

}  // namespace folio
