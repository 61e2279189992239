#include <algorithm>
#include <nlohmann/json.hpp>

#include <folio/error.h>
#include <folio/sharded_library.h>

#include "article_json.h"

namespace folio {

std::optional<ShardedLibrary> ShardedLibrary::open(std::string head, IndexError* error) {
  IndexError problem;
  std::optional<SearchIndex> index = SearchIndex::load(std::move(head), &problem);
  if (index && !index->sharded()) {
    problem = {code::kIndexFormat, "a whole index (version 1), not the head of a sharded one"};
    index.reset();
  }
  if (!index) {
    if (error) *error = std::move(problem);
    return std::nullopt;
  }
  return ShardedLibrary(std::move(*index));
}

SearchResult ShardedLibrary::search(std::string_view query, const SearchOptions& options,
                                    Needs& needs) {
  needs = Needs{};
  const auto metadata = [&](std::size_t doc) {
    const Article* article = record(static_cast<std::uint32_t>(doc));
    if (!article) {
      needs.records.push_back(static_cast<std::uint32_t>(doc));
      return SearchDocument{};
    }
    return detail::search_metadata(*article);
  };
  const auto body = [&](std::size_t doc, std::size_t min_bytes) {
    const Article* article = record(static_cast<std::uint32_t>(doc));
    return article ? detail::plain_text_prefix(article->markdown, min_bytes) : BodyPrefix{};
  };
  SearchResult result = index_.search(query, options, metadata, body);
  needs.shards = result.missing_shards;
  std::sort(needs.records.begin(), needs.records.end());
  needs.records.erase(std::unique(needs.records.begin(), needs.records.end()), needs.records.end());
  return result;
}

std::optional<IndexError> ShardedLibrary::add_record(std::uint32_t doc,
                                                     std::string_view json_text) {
  const auto refuse = [](const char* code_name, std::string message) {
    return std::optional<IndexError>(IndexError{code_name, std::move(message)});
  };
  if (doc >= size()) {
    return refuse(code::kCorpusArticle, "no document " + std::to_string(doc) + " in this site");
  }
  // A record comes from whoever hosts the site, as corpus.json does, so corpus.json's limits hold
  // (kCorpusMaxDepth says why; site_test.a_record_past_corpus_json_limits_is_refused).
  if (json_past_depth(json_text) != json_text.size()) {
    return refuse(code::kCorpusTooDeep, "arrays and objects nested deeper than " +
                                            std::to_string(kCorpusMaxDepth) + " levels");
  }
  nlohmann::json entry;
  try {
    entry = nlohmann::json::parse(json_text.begin(), json_text.end());
  } catch (const nlohmann::json::exception& e) {
    // parse_error, and out_of_range 406 for a number past a double's range ("1e400"), which
    // would otherwise end the program or trap the WASM module (as in corpus_from_json).
    return refuse(code::kCorpusArticle, std::string("the record is not JSON: ") + e.what());
  }
  Record added;
  std::string problem;
  const char* problem_code = code::kCorpusArticle;
  if (!detail::article_from_json(entry, added.article, problem, &problem_code)) {
    return refuse(problem_code, problem);
  }
  added.last_used = ++clock_;
  records_[doc] = std::move(added);
  return std::nullopt;
}

const Article* ShardedLibrary::record(std::uint32_t doc) {
  const auto it = records_.find(doc);
  if (it == records_.end()) return nullptr;
  it->second.last_used = ++clock_;
  return &it->second.article;
}

void ShardedLibrary::trim(std::size_t max_records, std::size_t max_shard_bytes) {
  index_.trim_shards(max_shard_bytes);
  if (records_.size() <= max_records) return;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> by_age;
  by_age.reserve(records_.size());
  for (const auto& [doc, entry] : records_) by_age.emplace_back(entry.last_used, doc);
  std::sort(by_age.begin(), by_age.end());
  for (std::size_t i = 0; i + max_records < by_age.size(); ++i) records_.erase(by_age[i].second);
}

std::string article_record_json(const Article& article) {
  return detail::article_entry_json(article).dump(-1, ' ', false,
                                                  nlohmann::json::error_handler_t::replace);
}

std::string article_summary_json(const Article& article) {
  return detail::article_metadata_json(article).dump(-1, ' ', false,
                                                     nlohmann::json::error_handler_t::replace);
}

std::string render_settings_json_text(const CorpusRenderSettings& settings) {
  return detail::render_settings_json(settings).dump();
}

CorpusRenderSettings render_settings_from_json_text(std::string_view json_text,
                                                    std::string_view source,
                                                    std::vector<Diagnostic>& diagnostics) {
  const nlohmann::json settings = nlohmann::json::parse(json_text, nullptr, false);
  if (settings.is_discarded()) {
    diagnostics.push_back({Severity::warning, std::string(source), 0, 0, code::kCorpusFormat,
                           "\"render\" is not JSON; ignored"});
    return {};
  }
  return detail::render_settings_from_json(settings, source, diagnostics);
}

}  // namespace folio
