// Article sources (front matter + Markdown body) to the normalized article model. The model, its
// sources and its normalization rules are documented in the README ("The article model"); every
// rule has a unit test (tests/unit/article_test.cc) and an example (tests/spec/front-matter.txt).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <folio/error.h>

namespace folio {

// The zone in which zone-less dates ("2013-07-15 18:10", "2013/07/15") are read: a fixed UTC
// offset, or an IANA zone whose offset depends on the date. IANA zones need the tz database,
// which only the native build reads (folio/zoneinfo.h); the browser gets dates already resolved.
struct TimeZone {
  std::string name = "UTC";      // as the user wrote it: "+08:00", "UTC", "Asia/Shanghai"
  int fixed_offset_seconds = 0;  // east of UTC, when `offset_at` is empty
  // For IANA zones: the offset in force at a local wall-clock time, given as seconds since
  // 1970-01-01T00:00:00 local time. In a DST gap the offset before the transition applies.
  std::function<int(std::int64_t local_seconds)> offset_at;

  int offset_for(std::int64_t local_seconds) const {
    return offset_at ? offset_at(local_seconds) : fixed_offset_seconds;
  }
};

// "UTC", "Z", "+08:00", "+0800", "-05", "UTC+8": a fixed zone; nullopt for anything else.
std::optional<TimeZone> parse_fixed_time_zone(std::string_view text);

// A date as ISO 8601 with seconds and offset ("2013-07-15T18:10:00+08:00"), or nullopt when
// `text` is no date folio reads or names an impossible one (2013-02-30, 25:00). Accepted:
// RFC 3339 / ISO 8601 (T or space, optional seconds and fraction, Z or ±hh[:mm]), `-`, `/`, `.`
// or 年月日 separated dates with 1- or 2-digit month and day, optional time, and RFC 2822
// ("Mon, 15 Jul 2013 18:10:00 +0800"). A date without a zone takes `zone`; a date without a time
// is midnight.
std::optional<std::string> normalize_date(std::string_view text, const TimeZone& zone);

// Limits that bound the work one source can cause (README, "Limits"). Each is enforced with its
// own diagnostic code and tested in tests/unit/article_test.cc.
struct ArticleLimits {
  std::size_t max_file_bytes = 8u << 20;          // input.too_large
  std::size_t max_front_matter_bytes = 1u << 20;  // front_matter.too_large
  std::size_t max_front_matter_values = 100'000;  // front_matter.too_many_values (aliases count
                                                  // every time they are expanded)
  int max_front_matter_depth = 64;                // front_matter.too_deep
};

struct ArticleOptions {
  TimeZone zone;  // for zone-less dates
  ArticleLimits limits;
};

struct Article {
  std::string id;  // explicit `id`/`slug`, else the number ending `url`, else the file name
                   // (Jekyll's date prefix dropped; index.md/_index.md take their folder's
                   // name); made unique across a corpus by add_unique
  bool explicit_id = false;  // true when the id came from `id`/`slug`/`url`, not the file name
  std::string title;         // `title`, else the first heading, else the file name
  std::string author;        // the authors joined with ", " (`author` | `name` | `authors`)
  std::vector<std::string> authors;
  std::string date;     // ISO 8601 with offset, or empty (`date` | `time` | `published` | ...)
  std::string updated;  // ISO 8601 with offset, or empty (`updated` | `lastmod` | `modified`)
  std::string url;      // the original link: http or https only
  std::vector<std::string> tags;
  std::vector<std::string> categories;
  std::string summary;  // `summary` | `description` | `excerpt`, else the first paragraph; text
  bool draft = false;   // `draft: true`: left out of a build unless asked for
  std::string lang;     // `lang` | `language` | `locale`
  std::string image;    // cover image: http(s) or a relative path
  std::size_t cjk_chars = 0;    // Han, Kana and Hangul characters in the body
  std::size_t latin_words = 0;  // runs of letters/digits of other scripts
  int reading_minutes = 0;      // cjk_chars / 500 + latin_words / 275, rounded up
  std::string layout;           // Jekyll's `layout`, kept for round trips
  nlohmann::json meta = nlohmann::json::object();  // every other front-matter key, typed
  std::string source;                              // the input path as given
  std::string markdown;                            // the body, front matter (and artifacts) removed
  int dropped_paragraphs = 0;  // scraped duplicates removed from the body (see below)
};

struct ParsedArticle {
  std::optional<Article> article;       // empty when the source had to be skipped
  std::vector<Diagnostic> diagnostics;  // warnings (article loaded) or the error (skipped)
};

// Parses one article source. `source` names it in diagnostics and seeds the fallback id/title.
// Never throws on any input; a bad source is an error diagnostic and no article.
ParsedArticle parse_article(std::string_view text, std::string_view source,
                            const ArticleOptions& options = {});

// The id a source gets from its file name when the front matter names none:
// "_posts/2013-07-15-ott.md" -> "ott", "post/2022-04-23-map/index.md" -> "map".
std::string id_from_file_name(std::string_view source);

// The date a Jekyll file name carries ("2013-07-15-ott.md", "2023-1-30-x.md"), as "Y-M-D"
// with zero padding, or empty.
std::string date_from_file_name(std::string_view source);

// Removes the scraping artifact seen in the seed: a paragraph that equals, ignoring white space,
// the concatenation of the two or more paragraphs right after it (and is at least 80 bytes
// long, so short repeats in poems stay). Returns how many paragraphs were dropped.
int drop_concatenated_paragraphs(std::string& markdown);

// What the body says about itself, read with md4c: the first heading's and first paragraph's
// plain text, and the counts reading time is computed from.
struct BodyFacts {
  std::string first_heading;
  std::string first_paragraph;
  std::string before_more;  // plain text before a `<!--more-->` line, if there is one
  std::size_t cjk_chars = 0;
  std::size_t latin_words = 0;
};
BodyFacts read_body_facts(std::string_view markdown);

// Plain text cut to at most `max_width` columns (CJK and full-width characters count two), at
// a code-point boundary: after a word for Latin text, after any character for CJK, with "…"
// when something was cut.
std::string cut_summary(std::string_view text, std::size_t max_width = 240);

}  // namespace folio
