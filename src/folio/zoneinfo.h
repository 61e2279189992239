// IANA time zones ("Asia/Shanghai") from the tz database, for the native build only: it reads
// the system's compiled zone files (Debian's tzdata, /usr/share/zoneinfo, or $TZDIR) through
// Google's cctz (Debian's libcctz-dev). The WASM module never converts zones: corpus.json
// carries every date already resolved to an offset.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <folio/article.h>

namespace folio {

// A fixed zone (parse_fixed_time_zone) or an IANA zone; nullopt when `name` is neither, with
// the reason in `why`.
std::optional<TimeZone> load_time_zone(std::string_view name, std::string* why = nullptr);

}  // namespace folio
