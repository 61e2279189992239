// IANA zones through cctz and the system's tz database (Debian's tzdata): the offset of a
// zone-less date depends on the date.
#include <gtest/gtest.h>

#include <folio/zoneinfo.h>

namespace folio {
namespace {

std::string in_zone(const char* zone, const char* date) {
  const std::optional<TimeZone> loaded = load_time_zone(zone);
  EXPECT_TRUE(loaded) << zone << " (is tzdata installed?)";
  return loaded ? normalize_date(date, *loaded).value_or("(none)") : "(no zone)";
}

TEST(zoneinfo_test, shanghai_is_plus_eight_and_new_york_follows_daylight_saving) {
  EXPECT_EQ(in_zone("Asia/Shanghai", "2013-07-15 18:10"), "2013-07-15T18:10:00+08:00");
  EXPECT_EQ(in_zone("America/New_York", "2013-07-15 18:10"), "2013-07-15T18:10:00-04:00");
  EXPECT_EQ(in_zone("America/New_York", "2013-01-15 18:10"), "2013-01-15T18:10:00-05:00");
  EXPECT_EQ(in_zone("Asia/Kolkata", "2020-01-01"), "2020-01-01T00:00:00+05:30");
  // China kept daylight saving time from 1986 to 1991.
  EXPECT_EQ(in_zone("Asia/Shanghai", "1988-07-01 12:00"), "1988-07-01T12:00:00+09:00");
}

TEST(zoneinfo_test, a_time_in_a_dst_gap_takes_the_offset_before_the_change) {
  // 2021-03-14 02:30 never happened in New York (clocks jumped from 02:00 to 03:00).
  EXPECT_EQ(in_zone("America/New_York", "2021-03-14 02:30"), "2021-03-14T02:30:00-05:00");
}

TEST(zoneinfo_test, an_explicit_offset_in_the_date_wins_over_the_zone) {
  EXPECT_EQ(in_zone("Asia/Shanghai", "2013-07-15T18:10:00Z"), "2013-07-15T18:10:00+00:00");
}

TEST(zoneinfo_test, fixed_offsets_need_no_database_and_unknown_names_are_refused) {
  EXPECT_EQ(load_time_zone("+08:00")->fixed_offset_seconds, 8 * 3600);
  std::string why;
  EXPECT_FALSE(load_time_zone("Mars/Olympus_Mons", &why));
  EXPECT_NE(why.find("Mars/Olympus_Mons"), std::string::npos);
  EXPECT_FALSE(load_time_zone("../../etc/passwd"));
  EXPECT_FALSE(load_time_zone(""));
}

}  // namespace
}  // namespace folio
