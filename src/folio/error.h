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
// Front matter
inline constexpr char kFrontMatterUnterminated[] =
    "front_matter.unterminated";  // an opening `---` with no closing line
inline constexpr char kFrontMatterSyntax[] =
    "front_matter.syntax";  // the YAML between the fences does not parse
inline constexpr char kFrontMatterNotMap[] =
    "front_matter.not_a_map";  // the front matter parses, but not to a key: value map
inline constexpr char kFieldType[] =
    "front_matter.field_type";  // a known field has a value of the wrong shape (warning)
// Corpus
inline constexpr char kDuplicateId[] = "article.duplicate_id";  // a second article with an id
inline constexpr char kCorpusSyntax[] = "corpus.syntax";        // corpus.json is not valid JSON
inline constexpr char kCorpusFormat[] =
    "corpus.format";  // corpus.json is JSON but not a folio corpus of a known version
inline constexpr char kCorpusArticle[] =
    "corpus.article";  // one entry of `articles` lacks a field or has a wrong type
}  // namespace code

enum class Severity {
  warning,  // the article was loaded; something in it was ignored or repaired
  error,    // the article (or file) was skipped
};

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
