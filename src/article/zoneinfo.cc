#include <chrono>

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <folio/zoneinfo.h>

namespace folio {

std::optional<TimeZone> load_time_zone(std::string_view name, std::string* why) {
  if (std::optional<TimeZone> fixed = parse_fixed_time_zone(name)) return fixed;
  const std::string wanted(name);
  cctz::time_zone zone;
  // cctz answers UTC for a name it cannot load; asking twice tells a real zone from a miss.
  if (wanted.empty() || wanted.find("..") != std::string::npos ||
      !cctz::load_time_zone(wanted, &zone)) {
    if (why) {
      *why = "'" + wanted +
             "' is neither a UTC offset (+08:00), UTC, nor an IANA zone in the tz database "
             "(is tzdata installed?)";
    }
    return std::nullopt;
  }
  TimeZone out;
  out.name = wanted;
  out.offset_at = [zone](std::int64_t local_seconds) {
    const cctz::civil_second epoch(1970, 1, 1, 0, 0, 0);
    const cctz::time_zone::civil_lookup found = zone.lookup(epoch + local_seconds);
    // A wall time skipped by a spring-forward change takes the offset in force just before it
    // (tests/unit/zoneinfo_test.cc); a repeated one (fall back) its first occurrence's.
    if (found.kind == cctz::time_zone::civil_lookup::SKIPPED) {
      return zone.lookup(found.trans - std::chrono::seconds(1)).offset;
    }
    return zone.lookup(found.pre).offset;
  };
  return out;
}

}  // namespace folio
