#include <cctype>
#include <string>

#include <yaml-cpp/yaml.h>

#include <folio/article.h>
#include <folio/text.h>

#include "front_matter.h"

namespace folio {
namespace {

Diagnostic make_diagnostic(Severity severity, std::string_view source, int line, int column,
                           const char* code, std::string message) {
  return Diagnostic{severity, std::string(source), line, column, code, std::move(message)};
}

// Reads the first of `keys` that is present. A value that is not a scalar is reported and
// ignored, so a list where a title belongs never becomes "[a, b]".
std::string scalar_field(const YAML::Node& map, std::initializer_list<const char*> keys,
                         std::string_view source, int first_line, ParsedArticle& out) {
  for (const char* key : keys) {
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) continue;
    if (node.IsScalar()) return node.Scalar();
    const YAML::Mark mark = node.Mark();
    out.diagnostics.push_back(make_diagnostic(
        Severity::warning, source, first_line + mark.line, mark.column + 1, code::kFieldType,
        std::string("'") + key + "' should be a single value; ignored"));
  }
  return {};
}

// "https://www.huxiu.com/article/17254" -> "17254"; "" when the URL does not end in digits.
std::string trailing_number(std::string_view url) {
  while (!url.empty() && (url.back() == '/' || url.back() == ' ')) url.remove_suffix(1);
  std::size_t start = url.size();
  while (start > 0 && std::isdigit(static_cast<unsigned char>(url[start - 1]))) --start;
  return std::string(url.substr(start));
}

}  // namespace

std::string id_from_file_name(std::string_view source) {
  const std::size_t slash = source.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? source : source.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  // Jekyll's "YYYY-MM-DD-" prefix dates the post; the rest is its slug.
  const auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i) {
      if (i >= name.size() || !std::isdigit(static_cast<unsigned char>(name[i]))) return false;
    }
    return true;
  };
  if (name.size() > 11 && digits(0, 4) && name[4] == '-' && digits(5, 2) && name[7] == '-' &&
      digits(8, 2) && name[10] == '-') {
    name.remove_prefix(11);
  }
  return std::string(name);
}

ParsedArticle parse_article(std::string_view text, std::string_view source) {
  ParsedArticle out;
  std::size_t bad = 0;
  if (!is_valid_utf8(text, &bad)) {
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < bad; ++i) {
      if (text[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    int column = 1;
    for (std::size_t pos = line_start; pos < bad; ++column) next_code_point(text, pos);
    out.diagnostics.push_back(make_diagnostic(Severity::error, source, line, column,
                                              code::kUtf8Invalid, "the file is not valid UTF-8"));
    return out;
  }

  const detail::SplitSource split = detail::split_front_matter(text);
  if (!split.terminated) {
    out.diagnostics.push_back(
        make_diagnostic(Severity::error, source, 1, 1, code::kFrontMatterUnterminated,
                        "front matter opened with '---' is never closed by a '---' or '...' line"));
    return out;
  }

  Article article;
  article.source = std::string(source);
  article.markdown = std::string(split.body);
  std::string explicit_id;
  if (split.has_front_matter) {
    YAML::Node map;
    try {
      map = YAML::Load(std::string(split.front_matter));
    } catch (const YAML::Exception& e) {
      out.diagnostics.push_back(
          make_diagnostic(Severity::error, source, split.front_matter_first_line + e.mark.line,
                          e.mark.column + 1, code::kFrontMatterSyntax, e.msg));
      return out;
    }
    if (map.IsDefined() && !map.IsNull() && !map.IsMap()) {
      out.diagnostics.push_back(make_diagnostic(
          Severity::error, source, split.front_matter_first_line, 1, code::kFrontMatterNotMap,
          "front matter must be a map of `key: value` lines"));
      return out;
    }
    if (map.IsMap()) {
      const int first = split.front_matter_first_line;
      article.title = scalar_field(map, {"title"}, source, first, out);
      article.author = scalar_field(map, {"author", "name"}, source, first, out);
      article.date = scalar_field(map, {"date", "time"}, source, first, out);
      article.url = scalar_field(map, {"url"}, source, first, out);
      article.layout = scalar_field(map, {"layout"}, source, first, out);
      explicit_id = scalar_field(map, {"id", "slug"}, source, first, out);
    }
  }

  article.id = !explicit_id.empty() ? explicit_id : trailing_number(article.url);
  if (article.id.empty()) article.id = id_from_file_name(source);
  if (article.title.empty()) article.title = id_from_file_name(source);
  out.article = std::move(article);
  return out;
}

}  // namespace folio
