// Front matter (YAML or TOML) to typed JSON values, within the limits of ArticleLimits (internal
// to the article layer).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include <folio/article.h>

namespace folio::detail {

struct Place {
  int line = 0;  // 1-based, relative to the first front-matter line
  int column = 0;
};

struct FrontMatterValues {
  nlohmann::json map = nlohmann::json::object();
  std::map<std::string, Place> places;  // where each top-level key's value starts
  std::vector<Diagnostic> diagnostics;  // with `line` relative as in Place; the caller shifts
  bool ok = true;                       // false: an error diagnostic, no values
};

// YAML 1.2 core schema for plain scalars (null, true/false, integers, floats), strings for
// quoted ones; a plain number with a leading zero stays a string (zip codes, ids); `<<` merge
// keys are applied; a repeated key keeps the last value (warning). Every value produced counts
// against limits.max_front_matter_values, so an alias bomb stops early.
FrontMatterValues yaml_values(std::string_view text, const ArticleLimits& limits);

// TOML (toml++), with dates and times as ISO 8601 strings.
FrontMatterValues toml_values(std::string_view text, const ArticleLimits& limits);

}  // namespace folio::detail
