#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

#include <folio/article.h>
#include <folio/text.h>

#include "body.h"
#include "front_matter.h"
#include "values.h"

namespace folio {
namespace {

using nlohmann::json;

// 1-based line and code-point column of a byte offset.
void locate(std::string_view text, std::size_t offset, int& line, int& column) {
  line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  column = 1;
  for (std::size_t pos = line_start; pos < offset; ++column) next_code_point(text, pos);
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// UTF-16 with a byte-order mark to UTF-8; false on an unpaired surrogate or an odd length.
bool utf16_to_utf8(std::string_view bytes, bool big_endian, std::string& out,
                   std::size_t& bad_offset) {
  out.clear();
  const auto unit = [&](std::size_t i) {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return static_cast<char32_t>(big_endian ? (a << 8 | b) : (b << 8 | a));
  };
  std::size_t i = 2;
  for (; i + 1 < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 3 >= bytes.size()) break;
      const char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) break;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      break;
    }
    append_utf8(out, cp);
  }
  bad_offset = i;
  return i == bytes.size();
}

// Reads the model's fields out of the front-matter map; what it uses leaves `meta`.
class Fields {
 public:
  Fields(json map, const std::map<std::string, detail::Place>& places, std::string_view source,
         int line_offset, std::vector<Diagnostic>& diagnostics)
      : meta_(std::move(map)),
        places_(places),
        source_(source),
        line_offset_(line_offset),
        diagnostics_(diagnostics) {}

  json& meta() { return meta_; }

  void warn(const std::string& key, const char* code, std::string message) {
    const auto it = places_.find(key);
    const int line = it == places_.end() ? 0 : it->second.line + line_offset_;
    const int column = it == places_.end() ? 0 : it->second.column;
    diagnostics_.push_back(
        {Severity::warning, std::string(source_), line, column, code, std::move(message)});
  }

  // The first of `keys` holding text. A number or boolean is read as text with a warning; a
  // list or map is reported and the next key tried.
  std::optional<std::string> text(std::initializer_list<const char*> keys,
                                  std::string* used = nullptr) {
    for (const char* key : keys) {
      const auto it = meta_.find(key);
      if (it == meta_.end() || it->is_null()) continue;
      std::string value;
      if (it->is_string()) {
        value = it->get<std::string>();
      } else if (it->is_number() || it->is_boolean()) {
        value = it->dump();
        warn(key, code::kFieldType,
             std::string("'") + key + "' should be text, not " + it->type_name() + "; read as '" +
                 value + "'");
      } else {
        warn(key, code::kFieldType,
             std::string("'") + key + "' should be a single value, not " + it->type_name() +
                 "; ignored");
        continue;
      }
      value = trim(value);
      if (value.empty()) continue;
      if (used) *used = key;
      meta_.erase(it);
      return value;
    }
    return std::nullopt;
  }

  // An id: text or a whole number, without a warning for the number (slug: 2020 is common).
  std::optional<std::string> id(std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
      const auto it = meta_.find(key);
      if (it == meta_.end()) continue;
      if (it->is_number_integer()) {
        const std::string value = it->dump();
        meta_.erase(it);
        return value;
      }
      if (it->is_string() && !trim(it->get<std::string>()).empty()) {
        const std::string value = trim(it->get<std::string>());
        meta_.erase(it);
        return value;
      }
      if (!it->is_null() && !it->is_string()) {
        warn(key, code::kFieldType,
             std::string("'") + key + "' should be text, not " + it->type_name() + "; ignored");
      }
    }
    return std::nullopt;
  }

  // A list of texts: a list of scalars, or (with a warning) a comma-separated string.
  std::vector<std::string> list(const char* key) {
    std::vector<std::string> out;
    const auto it = meta_.find(key);
    if (it == meta_.end() || it->is_null()) return out;
    const auto add = [&](std::string value) {
      value = trim(value);
      if (!value.empty() && std::find(out.begin(), out.end(), value) == out.end()) {
        out.push_back(std::move(value));
      }
    };
    if (it->is_array()) {
      bool skipped = false;
      for (const json& item : *it) {
        if (item.is_string()) {
          add(item.get<std::string>());
        } else if (item.is_number() || item.is_boolean()) {
          add(item.dump());
        } else if (!item.is_null()) {
          skipped = true;
        }
      }
      if (skipped) {
        warn(key, code::kFieldType,
             std::string("'") + key + "' should list texts; nested lists and maps are ignored");
      }
    } else if (it->is_string()) {
      const std::string text = it->get<std::string>();
      std::size_t start = 0;
      while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        add(text.substr(start, comma - start));
        start = comma + 1;
      }
      warn(key, code::kFieldType,
           std::string("'") + key + "' should be a list; read as " + std::to_string(out.size()) +
               (out.size() == 1 ? " item" : " items") + " split at commas");
    } else if (it->is_number() || it->is_boolean()) {
      add(it->dump());
      warn(key, code::kFieldType, std::string("'") + key + "' should be a list of texts");
    } else {
      warn(key, code::kFieldType, std::string("'") + key + "' should be a list; ignored");
      return out;
    }
    meta_.erase(it);
    return out;
  }

  // Takes the raw value of `key` out of meta (or null).
  json take(const char* key) {
    const auto it = meta_.find(key);
    if (it == meta_.end()) return nullptr;
    json value = std::move(*it);
    meta_.erase(it);
    return value;
  }

  bool has(const char* key) const { return meta_.contains(key) && !meta_[key].is_null(); }

 private:
  json meta_;
  const std::map<std::string, detail::Place>& places_;
  std::string_view source_;
  int line_offset_;
  std::vector<Diagnostic>& diagnostics_;
};

// "https://www.huxiu.com/article/17254" -> "17254"; "" when the URL does not end in digits.
std::string trailing_number(std::string_view url) {
  const std::size_t query = url.find_first_of("?#");
  if (query != std::string_view::npos) url = url.substr(0, query);
  while (!url.empty() && (url.back() == '/' || url.back() == ' ')) url.remove_suffix(1);
  if (url.size() > 5 && url.substr(url.size() - 5) == ".html") url.remove_suffix(5);
  std::size_t start = url.size();
  while (start > 0 && std::isdigit(static_cast<unsigned char>(url[start - 1]))) --start;
  if (start > 0 && url[start - 1] != '/' && url[start - 1] != '-' && url[start - 1] != '=') {
    return {};  // "...post2" is a name, not a number
  }
  return std::string(url.substr(start));
}

// The scheme of a URL ("https"), or "" for a relative reference.
std::string scheme_of(std::string_view url) {
  for (std::size_t i = 0; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':') return i > 0 ? lower(std::string(url.substr(0, i))) : std::string();
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) break;
  }
  return {};
}

bool is_http(std::string_view url) {
  const std::string scheme = scheme_of(url);
  return (scheme == "http" || scheme == "https") && url.find("://") == scheme.size();
}

// "[Alex Boten](https://github.com/codeboten) (Honeycomb)" -> "Alex Boten (Honeycomb)".
std::string strip_markdown_links(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find('[', pos);
    const std::size_t mid = open == text.npos ? text.npos : text.find("](", open);
    const std::size_t close = mid == text.npos ? text.npos : text.find(')', mid);
    if (close == text.npos || text.substr(open, mid - open).find('\n') != text.npos) break;
    out.append(text.substr(pos, open - pos));
    out.append(text.substr(open + 1, mid - open - 1));
    pos = close + 1;
  }
  out.append(text.substr(std::min(pos, text.size())));
  return detail::plain_title(out);
}

void add_author(std::vector<std::string>& authors, const json& value) {
  std::string name;
  if (value.is_string()) name = value.get<std::string>();
  if (value.is_object()) {
    for (const char* key : {"name", "display_name", "title"}) {
      if (value.contains(key) && value[key].is_string()) {
        name = value[key].get<std::string>();
        break;
      }
    }
  }
  name = strip_markdown_links(trim(name));
  if (!name.empty() && std::find(authors.begin(), authors.end(), name) == authors.end()) {
    authors.push_back(name);
  }
}

// "2024/04/09/Rust-1.77.2", "inside-rust/2024/04/09/x": the first Y/M/D run of path segments.
std::string date_from_path(std::string_view path) {
  for (std::size_t i = 0; i + 10 <= path.size(); ++i) {
    if (i > 0 && path[i - 1] != '/') continue;
    const std::string_view s = path.substr(i, 10);
    const auto digits = [&](std::size_t from, std::size_t n) {
      for (std::size_t k = from; k < from + n; ++k) {
        if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
      }
      return true;
    };
    if (digits(0, 4) && s[4] == '/' && digits(5, 2) && s[7] == '/' && digits(8, 2) &&
        (i + 10 == path.size() || path[i + 10] == '/')) {
      return std::string(s.substr(0, 4)) + "-" + std::string(s.substr(5, 2)) + "-" +
             std::string(s.substr(8, 2));
    }
  }
  return {};
}

bool truthy_word(std::string v, bool& value) {
  v = lower(trim(v));
  if (v == "true" || v == "yes" || v == "on" || v == "y") {
    value = true;
    return true;
  }
  if (v == "false" || v == "no" || v == "off" || v == "n") {
    value = false;
    return true;
  }
  return false;
}

// The file name without folders and extension; index.md/_index.md name their folder (Hugo).
std::string_view file_stem(std::string_view source) {
  std::string_view path = source;
  for (;;) {
    const std::size_t slash = path.find_last_of("/\\");
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::size_t dot = name.rfind('.');
    if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
    if ((name == "index" || name == "_index") && slash != std::string_view::npos && slash > 0) {
      const std::string_view parent = path.substr(0, slash);
      const std::size_t up = parent.find_last_of("/\\");
      const std::string_view dir = up == std::string_view::npos ? parent : parent.substr(up + 1);
      if (!dir.empty() && dir != "." && dir != "..") return dir;
    }
    return name;
  }
}

// Jekyll's date prefix: \d{4}-\d{1,2}-\d{1,2}- (its MATCHER); the length of it, or 0.
std::size_t jekyll_prefix(std::string_view name, int& y, int& m, int& d) {
  std::size_t i = 0;
  const auto number = [&](std::size_t min, std::size_t max, int& into) {
    std::size_t n = 0;
    into = 0;
    while (n < max && i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) {
      into = into * 10 + (name[i] - '0');
      ++i;
      ++n;
    }
    return n >= min;
  };
  if (!number(4, 4, y) || i >= name.size() || name[i++] != '-') return 0;
  if (!number(1, 2, m) || i >= name.size() || name[i++] != '-') return 0;
  if (!number(1, 2, d) || i >= name.size() || name[i] != '-') return 0;
  return i + 1 < name.size() ? i + 1 : 0;  // a slug must follow
}

Diagnostic error_at(std::string_view source, int line, int column, const char* code,
                    std::string message) {
  return Diagnostic{Severity::error, std::string(source), line, column, code, std::move(message)};
}

}  // namespace

std::string id_from_file_name(std::string_view source) {
  std::string_view name = file_stem(source);
  int y = 0, m = 0, d = 0;
  const std::size_t prefix = jekyll_prefix(name, y, m, d);
  if (prefix > 0) name.remove_prefix(prefix);
  return std::string(name);
}

std::string date_from_file_name(std::string_view source) {
  int y = 0, m = 0, d = 0;
  if (jekyll_prefix(file_stem(source), y, m, d) == 0) return {};
  char out[48];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
  return out;
}

ParsedArticle parse_article(std::string_view input, std::string_view source,
                            const ArticleOptions& options) {
  ParsedArticle out;
  const ArticleLimits& limits = options.limits;
  // The path names the article (its id, its `source`); a name that is not UTF-8 (a Latin-1
  // archive copied to Linux) cannot be written to corpus.json, and once stopped the whole build
  // (article_test: a_file_name_that_is_not_utf8_is_an_error_not_an_article).
  if (!is_valid_utf8(source)) {
    out.diagnostics.push_back(error_at(source, 0, 0, code::kUtf8Invalid,
                                       "the file's name is not valid UTF-8; rename the file"));
    return out;
  }
  if (input.size() > limits.max_file_bytes) {
    out.diagnostics.push_back(error_at(source, 0, 0, code::kInputTooLarge,
                                       "the file is " + std::to_string(input.size()) +
                                           " bytes; the limit is " +
                                           std::to_string(limits.max_file_bytes)));
    return out;
  }

  // UTF-16 (Windows editors save it so): converted, with a warning so the user can fix the file.
  std::string converted;
  std::string_view text = input;
  if (input.size() >= 2 &&
      ((input[0] == '\xFF' && input[1] == '\xFE') || (input[0] == '\xFE' && input[1] == '\xFF'))) {
    const bool big_endian = input[0] == '\xFE';
    std::size_t bad = 0;
    if (!utf16_to_utf8(input, big_endian, converted, bad)) {
      out.diagnostics.push_back(error_at(
          source, 0, 0, code::kInputUtf16,
          "the file starts like UTF-16 but byte " + std::to_string(bad) + " is not valid UTF-16"));
      return out;
    }
    out.diagnostics.push_back({Severity::warning, std::string(source), 1, 1, code::kInputUtf16,
                               std::string("the file is UTF-16 (") +
                                   (big_endian ? "big" : "little") +
                                   "-endian); read as such, but save it as UTF-8"});
    text = converted;
  }

  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    int line = 0, column = 0;
    locate(text, nul, line, column);
    out.diagnostics.push_back(error_at(source, line, column, code::kInputBinary,
                                       "a NUL byte: this is not a text file (an image, an "
                                       "archive, or UTF-16 without a byte-order mark?)"));
    return out;
  }
  std::size_t bad = 0;
  if (!is_valid_utf8(text, &bad)) {
    int line = 0, column = 0;
    locate(text, bad, line, column);
    out.diagnostics.push_back(
        error_at(source, line, column, code::kUtf8Invalid, "the file is not valid UTF-8"));
    return out;
  }

  const detail::SplitSource split = detail::split_front_matter(text);
  const char* fence = split.kind == detail::FrontMatterKind::toml ? "+++" : "---";
  if (!split.terminated) {
    out.diagnostics.push_back(error_at(
        source, split.fence_line, 1, code::kFrontMatterUnterminated,
        std::string("front matter opened with '") + fence + "' is never closed by a '" + fence +
            "'" + (split.kind == detail::FrontMatterKind::yaml ? " or '...'" : "") + " line"));
    return out;
  }
  if (split.front_matter.size() > limits.max_front_matter_bytes) {
    out.diagnostics.push_back(
        error_at(source, split.fence_line, 1, code::kFrontMatterTooLarge,
                 "the front matter is " + std::to_string(split.front_matter.size()) +
                     " bytes; the limit is " + std::to_string(limits.max_front_matter_bytes)));
    return out;
  }

  detail::FrontMatterValues values;
  if (split.kind == detail::FrontMatterKind::yaml) {
    values = detail::yaml_values(split.front_matter, limits);
  } else if (split.kind == detail::FrontMatterKind::toml) {
    values = detail::toml_values(split.front_matter, limits);
  }
  const int line_offset = split.front_matter_first_line - 1;
  for (Diagnostic d : values.diagnostics) {
    d.source = std::string(source);
    if (d.line > 0) d.line += line_offset;
    out.diagnostics.push_back(std::move(d));
  }
  if (!values.ok) return out;

  Article a;
  a.source = std::string(source);
  a.markdown = std::string(split.body);
  Fields f(std::move(values.map), values.places, source, line_offset, out.diagnostics);

  // id: explicit, else the number ending the url (below), else the file name.
  std::optional<std::string> explicit_id = f.id({"id", "slug"});

  if (std::optional<std::string> title = f.text({"title"})) a.title = detail::plain_title(*title);

  // author | name | authors: text, a list, or maps with a name.
  for (const char* key : {"author", "name", "authors"}) {
    if (!f.has(key)) continue;
    const json value = f.take(key);
    if (value.is_array()) {
      for (const json& item : value) add_author(a.authors, item);
    } else if (value.is_string() || value.is_object()) {
      add_author(a.authors, value);
    } else {
      add_author(a.authors, json(value.dump()));
      f.warn(key, code::kFieldType,
             std::string("'") + key + "' should be a name or a list of names");
    }
    if (!a.authors.empty()) break;
  }
  for (const std::string& name : a.authors) a.author += (a.author.empty() ? "" : ", ") + name;

  // Dates: every key is tried in order; a value that is no date is reported and stays in meta.
  const auto read_date = [&](std::initializer_list<const char*> keys) -> std::string {
    for (const char* key : keys) {
      if (!f.has(key)) continue;
      const json& value = f.meta()[key];
      if (value.is_string()) {
        if (std::optional<std::string> iso =
                normalize_date(value.get<std::string>(), options.zone)) {
          f.take(key);
          return *iso;
        }
        f.warn(key, code::kDateInvalid,
               std::string("'") + key + "' is not a date folio can read or one that exists: '" +
                   value.get<std::string>() + "'; ignored");
      } else {
        f.warn(
            key, code::kDateInvalid,
            std::string("'") + key + "' should be a date, not " + value.type_name() + "; ignored");
      }
    }
    return {};
  };
  a.date = read_date({"date", "time", "published", "publishDate", "pubDate", "created"});
  a.updated = read_date({"updated", "lastmod", "lastMod", "modified", "last_modified_at"});

  if (std::optional<std::string> url = f.text({"url"})) {
    if (is_http(*url)) {
      a.url = *url;
    } else {
      f.meta()["url"] = *url;  // kept as data, never as a link
      // Hugo's `url: /about/` is the page's own path, not an original link: no warning for it.
      if (!scheme_of(*url).empty() || url->rfind("//", 0) == 0) {
        f.warn("url", code::kUrlScheme,
               "'url' must be an http or https link; '" + *url + "' is kept in meta only");
      }
    }
  }

  a.tags = f.list("tags");
  a.categories = f.list("categories");

  // The date of last resort: the Jekyll file name, a Zola/Hugo `path`, the update time.
  if (a.date.empty()) {
    std::string day = date_from_file_name(source);
    if (day.empty() && f.meta().contains("path") && f.meta()["path"].is_string()) {
      day = date_from_path(f.meta()["path"].get<std::string>());
    }
    if (!day.empty()) a.date = normalize_date(day, options.zone).value_or("");
    if (a.date.empty()) a.date = a.updated;
  }

  std::string summary_key;
  std::optional<std::string> summary = f.text({"summary", "description", "excerpt"}, &summary_key);

  if (f.has("draft")) {
    const json value = f.take("draft");
    bool draft = false;
    if (value.is_boolean()) {
      draft = value.get<bool>();
    } else if (!(value.is_string() && truthy_word(value.get<std::string>(), draft))) {
      f.meta()["draft"] = value;
      f.warn("draft", code::kFieldType, "'draft' should be true or false; read as false");
    }
    a.draft = draft;
  }

  if (std::optional<std::string> lang = f.text({"lang", "language", "locale"})) a.lang = *lang;

  // Cover image: image | cover (text, or a map with `image`) | images (the first).
  std::string image;
  std::string image_key;
  const json* cover = f.meta().contains("cover") ? &f.meta()["cover"] : nullptr;
  if (std::optional<std::string> plain = f.text({"image"}, &image_key)) {
    image = *plain;
  } else if (cover && cover->is_object()) {
    if (cover->contains("image") && (*cover)["image"].is_string()) {
      image = (*cover)["image"].get<std::string>();
      image_key = "cover";
    }
  } else if (std::optional<std::string> text_cover = f.text({"cover"}, &image_key)) {
    image = *text_cover;
  } else if (f.has("images") && f.meta()["images"].is_array() && !f.meta()["images"].empty() &&
             f.meta()["images"][0].is_string()) {
    image = f.meta()["images"][0].get<std::string>();
    image_key = "images";
  }
  if (!image.empty()) {
    const std::string scheme = scheme_of(image);
    if (scheme.empty() || is_http(image)) {
      a.image = image;
    } else {
      if (!f.meta().contains(image_key)) f.meta()[image_key] = image;
      f.warn(image_key, code::kUrlScheme,
             "a cover image must be an http(s) link or a relative path; '" + image +
                 "' is kept in meta only");
    }
  }

  if (std::optional<std::string> layout = f.text({"layout"})) a.layout = *layout;

  // The body: the scraping artifact first, so the summary and counts see the clean text.
  a.dropped_paragraphs = drop_concatenated_paragraphs(a.markdown);
  const BodyFacts facts = read_body_facts(a.markdown);
  a.cjk_chars = facts.cjk_chars;
  a.latin_words = facts.latin_words;
  // Medium's rates: 275 words or 500 CJK characters a minute; a non-empty body is >= 1 minute.
  const double minutes =
      static_cast<double>(a.latin_words) / 275.0 + static_cast<double>(a.cjk_chars) / 500.0;
  a.reading_minutes =
      a.cjk_chars + a.latin_words == 0 ? 0 : std::max(1, static_cast<int>(minutes + 0.999));

  if (summary) a.summary = cut_summary(detail::summary_text(*summary), 600);
  if (a.summary.empty()) {
    a.summary = cut_summary(facts.before_more.empty() ? facts.first_paragraph : facts.before_more);
  }
  if (a.title.empty()) a.title = facts.first_heading;

  std::string id_from_url = trailing_number(a.url);
  if (explicit_id) {
    a.id = *explicit_id;
    a.explicit_id = true;
  } else if (!id_from_url.empty()) {
    a.id = id_from_url;
    a.explicit_id = true;
  } else {
    a.id = id_from_file_name(source);
  }
  if (a.id.empty()) a.id = "article";
  if (a.title.empty()) a.title = id_from_file_name(source);

  a.meta = std::move(f.meta());
  out.article = std::move(a);
  return out;
}

}  // namespace folio
