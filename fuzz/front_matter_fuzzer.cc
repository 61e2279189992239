// Front matter: the fence splitter, YAML (yaml-cpp, with folio's alias and depth limits) and TOML
// (toml++) to typed values, and the date reader every date field goes through. Input: an article
// source; without fences the whole input is read as YAML and as TOML, so raw fragments mutate
// directly.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <folio/article.h>

#include "article/front_matter.h"
#include "article/values.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  folio::ArticleLimits limits;
  // Small limits reach the too_many_values / too_deep paths with inputs libFuzzer can write.
  if (size > 0 && (data[0] & 1) != 0) {
    limits.max_front_matter_values = 200;
    limits.max_front_matter_depth = 8;
  }
  const folio::detail::SplitSource split = folio::detail::split_front_matter(text);
  switch (split.kind) {
    case folio::detail::FrontMatterKind::yaml:
      folio::detail::yaml_values(split.front_matter, limits);
      break;
    case folio::detail::FrontMatterKind::toml:
      folio::detail::toml_values(split.front_matter, limits);
      break;
    case folio::detail::FrontMatterKind::none:
      folio::detail::yaml_values(text, limits);
      folio::detail::toml_values(text, limits);
      break;
  }
  static const folio::TimeZone kShanghai = *folio::parse_fixed_time_zone("+08:00");
  folio::normalize_date(text.substr(0, 64), kShanghai);
  folio::parse_fixed_time_zone(text.substr(0, 16));
  return 0;
}
