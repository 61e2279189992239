// Diagnostics: every problem folio reports about its input carries a stable code and a place.
// Tests assert the code, never the wording (nlohmann/json's error-id idea); the printed form is
// `file:line:col: code: message`.
#pragma once

#include <string>

namespace folio {

// The codes, one line each. A code, once released, keeps its meaning.
namespace code {
// Reading input
inline constexpr char kIoUnreadable[] = "io.unreadable";  // the file could not be opened or read
inline constexpr char kUtf8Invalid[] = "utf8.invalid";    // the bytes are not valid UTF-8
inline constexpr char kInputTooLarge[] =
    "input.too_large";  // the file is larger than the limit (8 MiB); not read
inline constexpr char kInputBinary[] =
    "input.binary";  // a NUL byte: an image, archive or other non-text file named like Markdown
inline constexpr char kInputUtf16[] =
    "input.utf16";  // UTF-16 with a byte-order mark, converted to UTF-8 (warning)
// Front matter
inline constexpr char kFrontMatterUnterminated[] =
    "front_matter.unterminated";  // an opening `---` with no closing line
inline constexpr char kFrontMatterSyntax[] =
    "front_matter.syntax";  // the YAML between the fences does not parse
inline constexpr char kFrontMatterNotMap[] =
    "front_matter.not_a_map";  // the front matter parses, but not to a key: value map
inline constexpr char kFieldType[] =
    "front_matter.field_type";  // a known field has a value of the wrong shape (warning)
inline constexpr char kFrontMatterTooLarge[] =
    "front_matter.too_large";  // the front matter is larger than the limit (1 MiB)
inline constexpr char kFrontMatterTooManyValues[] =
    "front_matter.too_many_values";  // more than 100,000 values once aliases are expanded
inline constexpr char kFrontMatterTooDeep[] =
    "front_matter.too_deep";  // lists/maps nested deeper than 64 levels
inline constexpr char kDuplicateKey[] =
    "front_matter.duplicate_key";  // a key repeated in one map; the last value wins (warning)
inline constexpr char kDateInvalid[] =
    "front_matter.date_invalid";  // a date folio cannot read or that cannot exist (warning)
inline constexpr char kUrlScheme[] =
    "front_matter.url_scheme";  // `url`/`image` is not http(s) (or relative, for images) (warning)
// Articles in a corpus
inline constexpr char kDuplicateId[] =
    "article.duplicate_id";  // a second article with the same explicit id: it is loaded under a
                             // new id (warning); in corpus.json the entry is skipped (error)
inline constexpr char kDraft[] = "article.draft";  // a draft, left out without --drafts (note)
inline constexpr char kDuplicateArticle[] =
    "article.duplicate";  // the same article (title, date and body) read twice: kept once (note)
inline constexpr char kListPage[] =
    "input.list_page";  // a Hugo list page (_index.md), left out without --list-pages (note)
// Build configuration (folio.yaml, --timezone)
inline constexpr char kConfigSyntax[] = "config.syntax";  // folio.yaml does not parse
inline constexpr char kConfigUnknownKey[] =
    "config.unknown_key";  // folio.yaml has a key this folio does not know (warning)
inline constexpr char kConfigValue[] =
    "config.value";  // a folio.yaml key has a value of the wrong kind (a list as title, ...)
inline constexpr char kConfigTimeZone[] =
    "config.timezone";  // not an offset, UTC or an IANA zone name in the tz database
// Corpus files
inline constexpr char kCorpusSyntax[] = "corpus.syntax";  // corpus.json is not valid JSON
inline constexpr char kCorpusFormat[] =
    "corpus.format";  // corpus.json is JSON but not a folio corpus of a known version
inline constexpr char kJsonLinesSyntax[] =
    "jsonl.syntax";  // a line of a JSON Lines file is not JSON (the position of the problem)
inline constexpr char kJsonLinesRecord[] =
    "jsonl.record";  // a JSON Lines record is not an object, or a field has the wrong type
inline constexpr char kCorpusArticle[] =
    "corpus.article";  // one entry of `articles` lacks a field or has a wrong type
inline constexpr char kCorpusTooDeep[] =
    "corpus.too_deep";  // arrays/objects nested deeper than 100 levels; the file is refused
inline constexpr char kCorpusTooLarge[] =
    "corpus.too_large";  // one entry's markdown is larger than 8 MiB; the entry is skipped
// Search index (folio-index.bin, src/index/FORMAT.md); the browser then builds the index itself
inline constexpr char kIndexFormat[] =
    "index.format";  // not a folio search index, or a format version this folio does not read
inline constexpr char kIndexCorrupt[] =
    "index.corrupt";  // checksum, size or an offset inside the index is wrong
inline constexpr char kIndexStale[] =
    "index.stale";  // the index was built for other articles than the corpus beside it
}  // namespace code

enum class Severity {
  warning,  // the article was loaded; something in it was ignored or repaired
  error,    // the article (or file) was skipped
  note,     // left out on purpose (a draft); not a problem, even under --strict
};

inline const char* severity_name(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

struct Diagnostic {
  Severity severity = Severity::error;
  std::string source;  // the input path as given, or a name such as "-" or "corpus.json"
  int line = 0;        // 1-based; 0 when the problem is about the whole file
  int column = 0;      // 1-based, in Unicode code points; 0 when unknown
  std::string code;    // one of folio::code
  std::string message;
};

// `source:line:column: code: message`, the form every folio tool prints.
inline std::string format_diagnostic(const Diagnostic& d) {
  return d.source + ':' + std::to_string(d.line) + ':' + std::to_string(d.column) + ": " + d.code +
         ": " + d.message;
}

}  // namespace folio
