// What the WASM glue files share (library_glue.cc, sharded_glue.cc): answers as JSON text and
// the search options folio.js passes as numbers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <folio/error.h>
#include <folio/index.h>

namespace folio_bind {

using nlohmann::json;

inline std::string error_json(const std::string& code, const std::string& message) {
  return json{{"error", {{"code", code}, {"message", message}}}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

inline std::string diagnostics_json(const std::vector<folio::Diagnostic>& diagnostics) {
  json list = json::array();
  for (const folio::Diagnostic& d : diagnostics) {
    list.push_back(json{{"text", folio::format_diagnostic(d)}, {"code", d.code}});
  }
  return list.dump(-1, ' ', false, json::error_handler_t::replace);
}

// sort: 0 relevance, 1 newest, 2 oldest; stem: 0 off, 1 on, else the site's setting.
inline folio::SearchOptions search_options(int limit, int offset, int sort, bool prefix,
                                           bool snippets, int stem) {
  folio::SearchOptions options;
  options.limit = static_cast<std::size_t>(limit < 0 ? 0 : limit);
  options.offset = static_cast<std::size_t>(offset < 0 ? 0 : offset);
  options.sort = sort == 1   ? folio::SearchSort::newest
                 : sort == 2 ? folio::SearchSort::oldest
                             : folio::SearchSort::relevance;
  options.prefix = prefix;
  options.snippets = snippets;
  if (stem == 0 || stem == 1) options.stem = stem == 1;
  return options;
}

}  // namespace folio_bind
