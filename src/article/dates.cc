// Dates as the generators write them, to ISO 8601 with an offset.
#include <cctype>
#include <cstdio>
#include <string>

#include <folio/article.h>

namespace folio {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

// A cursor over the text with the small lexing steps the formats share.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  bool eat(std::string_view word) {
    if (s.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
  }
  void skip_spaces() {
    while (peek() == ' ' || peek() == '\t') ++i;
  }
  // Between min and max ASCII digits; -1 when fewer than min.
  int digits(int min, int max) {
    int value = 0;
    int n = 0;
    while (n < max && peek() >= '0' && peek() <= '9') {
      value = value * 10 + (s[i] - '0');
      ++i;
      ++n;
    }
    return n < min ? -1 : value;
  }
};

struct Fields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  bool has_offset = false;
  int offset_seconds = 0;
};

// "Z", "UTC", "GMT", "+08:00", "+0800", "+08", "-5". Leaves the cursor after the zone.
bool parse_zone(Cursor& c, int& offset_seconds) {
  if (c.eat('Z') || c.eat('z') || c.eat("UTC") || c.eat("GMT")) {
    offset_seconds = 0;
    if (c.peek() != '+' && c.peek() != '-') return true;  // "UTC+8" continues below
  }
  const char sign = c.peek();
  if (sign != '+' && sign != '-') return false;
  ++c.i;
  const std::size_t start = c.i;
  int hours = c.digits(1, 2);
  if (hours < 0) return false;
  int minutes = 0;
  if (c.eat(':')) {
    minutes = c.digits(2, 2);
    if (minutes < 0) return false;
  } else if (c.i - start == 2 && c.peek() >= '0' && c.peek() <= '9') {
    minutes = c.digits(2, 2);  // +0800
    if (minutes < 0) return false;
  }
  if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0)) return false;
  offset_seconds = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  return true;
}

// hh:mm[:ss[.fraction]] with a 1- or 2-digit hour.
bool parse_time(Cursor& c, Fields& f) {
  f.hour = c.digits(1, 2);
  if (f.hour < 0 || !c.eat(':')) return false;
  f.minute = c.digits(2, 2);
  if (f.minute < 0) return false;
  if (c.eat(':')) {
    f.second = c.digits(2, 2);
    if (f.second < 0) return false;
    if (c.eat('.') || c.eat(',')) {
      if (c.digits(1, 9) < 0) return false;
      while (c.peek() >= '0' && c.peek() <= '9') ++c.i;
    }
  }
  return true;
}

// Optional time and zone after a date; true when the rest of the text is consumed.
bool parse_time_and_zone(Cursor& c, Fields& f) {
  if (c.done()) return true;
  if (c.eat('T') || c.eat('t')) {
    if (!parse_time(c, f)) return false;
  } else {
    c.skip_spaces();
    if (c.done()) return true;
    if (!parse_time(c, f)) return false;
  }
  c.skip_spaces();
  if (c.done()) return true;
  int offset = 0;
  if (!parse_zone(c, offset)) return false;
  f.has_offset = true;
  f.offset_seconds = offset;
  c.skip_spaces();
  return c.done();
}

// 2013-07-15, 2013/7/15, 2013.07.15, 2013年7月15日 (+ time and zone).
bool parse_numeric(std::string_view text, Fields& f) {
  Cursor c{text};
  f.year = c.digits(4, 4);
  if (f.year < 0) return false;
  std::string_view sep2;
  if (c.eat("年")) {
    sep2 = "月";
  } else if (c.peek() == '-' || c.peek() == '/' || c.peek() == '.') {
    sep2 = text.substr(c.i, 1);
    ++c.i;
  } else {
    return false;
  }
  f.month = c.digits(1, 2);
  if (f.month < 0 || !c.eat(sep2)) return false;
  f.day = c.digits(1, 2);
  if (f.day < 0) return false;
  if (sep2 == "月") {
    if (!c.eat("日")) return false;
    c.skip_spaces();
  }
  return parse_time_and_zone(c, f);
}

// RFC 2822 and its relatives: "Mon, 15 Jul 2013 18:10:00 +0800", "15 Jul 2013".
bool parse_rfc2822(std::string_view text, Fields& f) {
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  Cursor c{text};
  const std::size_t comma = text.find(',');
  if (comma != std::string_view::npos && comma <= 9) {
    c.i = comma + 1;
    c.skip_spaces();
  }
  f.day = c.digits(1, 2);
  if (f.day < 0) return false;
  c.skip_spaces();
  std::string month;
  while (!c.done() && std::isalpha(static_cast<unsigned char>(c.peek()))) {
    month += static_cast<char>(std::tolower(static_cast<unsigned char>(c.peek())));
    ++c.i;
  }
  f.month = 0;
  for (int m = 0; m < 12; ++m) {
    if (month.size() >= 3 && month.compare(0, 3, kMonths[m]) == 0) f.month = m + 1;
  }
  if (f.month == 0) return false;
  c.skip_spaces();
  f.year = c.digits(4, 4);
  if (f.year < 0) return false;
  c.skip_spaces();
  return parse_time_and_zone(c, f);
}

bool valid(const Fields& f) {
  return f.year >= 1 && f.year <= 9999 && f.month >= 1 && f.month <= 12 && f.day >= 1 &&
         f.day <= days_in_month(f.year, f.month) && f.hour <= 23 && f.minute <= 59 &&
         f.second <= 60;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::optional<TimeZone> parse_fixed_time_zone(std::string_view text) {
  const std::string name = trim(text);
  Cursor c{name};
  int offset = 0;
  if (name.empty() || !parse_zone(c, offset) || !c.done()) return std::nullopt;
  TimeZone zone;
  zone.name = name;
  zone.fixed_offset_seconds = offset;
  return zone;
}

std::optional<std::string> normalize_date(std::string_view text, const TimeZone& zone) {
  const std::string trimmed = trim(text);
  Fields f;
  if (!parse_numeric(trimmed, f)) {
    f = Fields{};
    if (!parse_rfc2822(trimmed, f)) return std::nullopt;
  }
  if (!valid(f)) return std::nullopt;
  if (!f.has_offset) {
    const std::int64_t local =
        days_from_civil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day)) *
            86400 +
        f.hour * 3600 + f.minute * 60 + f.second;
    f.offset_seconds = zone.offset_for(local);
  }
  const int offset = f.offset_seconds < 0 ? -f.offset_seconds : f.offset_seconds;
  char out[96];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", f.year, f.month, f.day,
                f.hour, f.minute, f.second, f.offset_seconds < 0 ? '-' : '+', offset / 3600,
                offset / 60 % 60);
  return std::string(out);
}

}  // namespace folio
