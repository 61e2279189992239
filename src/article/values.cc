#include "values.h"

#include <folio/text.h>

#include <toml++/toml.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace folio::detail {
namespace {

using nlohmann::json;

bool all_digits(std::string_view s, bool hex = false) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok =
        (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    if (!ok) return false;
  }
  return true;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_core_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t int_digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++int_digits;
  std::size_t frac_digits = 0;
  bool dot = false;
  if (i < s.size() && s[i] == '.') {
    dot = true;
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  bool exponent = false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    exponent = true;
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!all_digits(s.substr(i))) return false;
    i = s.size();
  }
  return i == s.size() && (dot || exponent);
}

// yaml-cpp 0.7 turns the escapes `\N` and `\_` into the single bytes 0x85 and 0xA0 (Latin-1, not
// UTF-8: src/exp.cpp), so a title written "a\Nb" came out as invalid UTF-8 and corpus.json could
// not be written (found by fuzz_article; tests/spec/front-matter.txt "Escapes for NEL and
// no-break space"). The front matter itself is valid UTF-8 (parse_article checks it first) and
// every other escape yields well-formed UTF-8 (yaml-cpp refuses surrogates and values past
// U+10FFFF), so any byte that does not start a well-formed sequence here is one of those two, and
// reads as the code point of the same value.
std::string utf8_from_yaml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_sequence_length(text, i);
    if (length != 0) {
      out.append(text, i, length);
      i += length;
    } else {
      append_utf8(out, c);
      ++i;
    }
  }
  return out;
}

// yaml-cpp's "unknown escape character: " names the first byte of the character only; the
// message then ends inside a UTF-8 sequence. Its mark is just past that byte, so the rest of the
// character follows there in the front matter.
std::string yaml_error_message(const YAML::Exception& e, std::string_view text) {
  std::string message = e.msg;
  if (!message.empty() && (static_cast<unsigned char>(message.back()) & 0xC0) == 0xC0 &&
      e.mark.pos >= 0) {
    for (auto at = static_cast<std::size_t>(e.mark.pos);
         at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80; ++at) {
      message += text[at];
    }
  }
  return utf8_from_yaml(message);
}

// YAML 1.2 core schema resolution of a plain scalar.
json resolve_plain(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  std::string_view digits = s;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
  if (all_digits(digits)) {
    // "02134" stays text: a zip code or an id whose zeros matter, not the number 2134.
    if (digits.size() > 1 && digits[0] == '0') return s;
    errno = 0;
    const long long value = std::strtoll(s.c_str(), nullptr, 10);
    if (errno == ERANGE) return s;
    return value;
  }
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
    const bool hex = s[1] == 'x';
    if (all_digits(std::string_view(s).substr(2), hex)) {
      errno = 0;
      const long long value = std::strtoll(s.c_str() + 2, nullptr, hex ? 16 : 8);
      if (errno != ERANGE && (hex || s.find_first_of("89", 2) == std::string::npos)) {
        return value;
      }
    }
    return s;
  }
  if (is_core_float(s)) return std::strtod(s.c_str(), nullptr);
  return s;  // also .inf/.nan: JSON has no such numbers, the text keeps them
}

class YamlConverter {
 public:
  YamlConverter(const ArticleLimits& limits, FrontMatterValues& out) : limits_(limits), out_(out) {}

  // False (with the error in `out_`) when a limit was hit.
  bool convert(const YAML::Node& node, json& into, int depth) {
    if (++values_ > limits_.max_front_matter_values) {
      return fail(node, code::kFrontMatterTooManyValues,
                  "the front matter expands to more than " +
                      std::to_string(limits_.max_front_matter_values) +
                      " values (aliases count each time they are used)");
    }
    if (depth > limits_.max_front_matter_depth) {
      return fail(node, code::kFrontMatterTooDeep,
                  "lists and maps are nested deeper than " +
                      std::to_string(limits_.max_front_matter_depth) + " levels");
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        into = nullptr;
        return true;
      case YAML::NodeType::Scalar:
        into = scalar(node);
        return true;
      case YAML::NodeType::Sequence:
        into = json::array();
        for (const YAML::Node& item : node) {
          json value;
          if (!convert(item, value, depth + 1)) return false;
          into.push_back(std::move(value));
        }
        return true;
      case YAML::NodeType::Map:
        into = json::object();
        return convert_map(node, into, depth, nullptr);
    }
    return true;
  }

  // A map's entries into `into`; `places` (top level only) gets where each value starts.
  bool convert_map(const YAML::Node& node, json& into, int depth,
                   std::map<std::string, Place>* places) {
    std::vector<YAML::Node> merge_storage;
    for (const auto& entry : node) {
      const YAML::Node& key_node = entry.first;
      if (!key_node.IsScalar()) {
        warn(key_node, code::kFieldType, "a key must be text; this entry is ignored");
        continue;
      }
      const std::string key = utf8_from_yaml(key_node.Scalar());
      if (key == "<<" && key_node.Tag() == "?") {
        merge_storage.push_back(entry.second);
        continue;
      }
      json value;
      if (!convert(entry.second, value, depth + 1)) return false;
      if (into.contains(key)) {
        warn(key_node, code::kDuplicateKey,
             "'" + key + "' is given more than once; the last value is used");
      }
      into[key] = std::move(value);
      if (places) {
        const YAML::Mark mark = entry.second.Mark();
        const YAML::Mark at = mark.line >= 0 ? mark : key_node.Mark();
        (*places)[key] = Place{at.line + 1, at.column + 1};
      }
    }
    // `<<: *base` (YAML 1.1 merge keys, which Hugo accepts): keys not given here come from base.
    for (const YAML::Node& merge : merge_storage) {
      std::vector<YAML::Node> sources;
      if (merge.IsMap()) sources.push_back(merge);
      if (merge.IsSequence()) {
        for (const YAML::Node& item : merge) sources.push_back(item);
      }
      for (const YAML::Node& source : sources) {
        if (!source.IsMap()) {
          warn(source, code::kFieldType, "'<<' merges maps only; this value is ignored");
          continue;
        }
        json merged = json::object();
        if (!convert_map(source, merged, depth, nullptr)) return false;
        for (auto& [key, value] : merged.items()) {
          if (!into.contains(key)) {
            into[key] = value;
            if (places) (*places)[key] = place(source);
          }
        }
      }
    }
    return true;
  }

 private:
  static Place place(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return mark.line < 0 ? Place{1, 1} : Place{mark.line + 1, mark.column + 1};
  }

  static json scalar(const YAML::Node& node) {
    const std::string& tag = node.Tag();
    const std::string text = utf8_from_yaml(node.Scalar());
    if (tag == "?") return resolve_plain(text);
    if (tag == "!" || tag == "tag:yaml.org,2002:str") return text;
    if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" ||
        tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null") {
      return resolve_plain(text);
    }
    return text;  // an application tag: the text as written
  }

  bool fail(const YAML::Node& node, const char* code, std::string message) {
    const Place at = place(node);
    out_.diagnostics.push_back({Severity::error, "", at.line, at.column, code, std::move(message)});
    out_.ok = false;
    return false;
  }

  void warn(const YAML::Node& node, const char* code, std::string message) {
    const Place at = place(node);
    out_.diagnostics.push_back(
        {Severity::warning, "", at.line, at.column, code, std::move(message)});
  }

  const ArticleLimits& limits_;
  FrontMatterValues& out_;
  std::size_t values_ = 0;
};

std::string two(unsigned v) {
  std::string s = std::to_string(v);
  return s.size() < 2 ? "0" + s : s;
}

std::string toml_date(const toml::date& d) {
  std::string year = std::to_string(d.year);
  while (year.size() < 4) year.insert(0, "0");
  return year + "-" + two(d.month) + "-" + two(d.day);
}

std::string toml_time(const toml::time& t) {
  return two(t.hour) + ":" + two(t.minute) + ":" + two(t.second);
}

class TomlConverter {
 public:
  TomlConverter(const ArticleLimits& limits, FrontMatterValues& out) : limits_(limits), out_(out) {}

  bool convert(const toml::node& node, json& into, int depth) {
    if (++values_ > limits_.max_front_matter_values) {
      return fail(node, code::kFrontMatterTooManyValues,
                  "the front matter has more than " +
                      std::to_string(limits_.max_front_matter_values) + " values");
    }
    if (depth > limits_.max_front_matter_depth) {
      return fail(node, code::kFrontMatterTooDeep,
                  "arrays and tables are nested deeper than " +
                      std::to_string(limits_.max_front_matter_depth) + " levels");
    }
    if (const toml::table* table = node.as_table()) {
      into = json::object();
      for (const auto& [key, value] : *table) {
        json converted;
        if (!convert(value, converted, depth + 1)) return false;
        into[std::string(key.str())] = std::move(converted);
      }
    } else if (const toml::array* array = node.as_array()) {
      into = json::array();
      for (const toml::node& item : *array) {
        json converted;
        if (!convert(item, converted, depth + 1)) return false;
        into.push_back(std::move(converted));
      }
    } else if (const auto* s = node.as_string()) {
      into = s->get();
    } else if (const auto* i = node.as_integer()) {
      into = i->get();
    } else if (const auto* f = node.as_floating_point()) {
      const double value = f->get();
      into = std::isfinite(value) ? json(value) : json(value > 0 ? "inf" : "nan");
    } else if (const auto* b = node.as_boolean()) {
      into = b->get();
    } else if (const auto* d = node.as_date()) {
      into = toml_date(d->get());
    } else if (const auto* t = node.as_time()) {
      into = toml_time(t->get());
    } else if (const auto* dt = node.as_date_time()) {
      const toml::date_time& v = dt->get();
      std::string text = toml_date(v.date) + "T" + toml_time(v.time);
      if (v.offset) {
        const int minutes = v.offset->minutes;
        const int abs = minutes < 0 ? -minutes : minutes;
        text += (minutes < 0 ? "-" : "+") + two(static_cast<unsigned>(abs / 60)) + ":" +
                two(static_cast<unsigned>(abs % 60));
      }
      into = text;
    } else {
      into = nullptr;
    }
    return true;
  }

 private:
  bool fail(const toml::node& node, const char* code, std::string message) {
    const toml::source_position at = node.source().begin;
    out_.diagnostics.push_back({Severity::error, "", static_cast<int>(at.line),
                                static_cast<int>(at.column), code, std::move(message)});
    out_.ok = false;
    return false;
  }

  const ArticleLimits& limits_;
  FrontMatterValues& out_;
  std::size_t values_ = 0;
};

}  // namespace

FrontMatterValues yaml_values(std::string_view text, const ArticleLimits& limits) {
  FrontMatterValues out;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    out.diagnostics.push_back({Severity::error, "", e.mark.line + 1, e.mark.column + 1,
                               code::kFrontMatterTooDeep,
                               "lists and maps are nested too deeply for the YAML parser"});
    out.ok = false;
    return out;
  } catch (const YAML::Exception& e) {
    out.diagnostics.push_back({Severity::error, "", e.mark.line + 1, e.mark.column + 1,
                               code::kFrontMatterSyntax, yaml_error_message(e, text)});
    out.ok = false;
    return out;
  }
  if (!root.IsDefined() || root.IsNull()) return out;  // an empty `---`/`---` pair
  if (!root.IsMap()) {
    const YAML::Mark mark = root.Mark();
    out.diagnostics.push_back({Severity::error, "", mark.line < 0 ? 1 : mark.line + 1,
                               mark.column < 0 ? 1 : mark.column + 1, code::kFrontMatterNotMap,
                               "front matter must be a map of `key: value` lines"});
    out.ok = false;
    return out;
  }
  YamlConverter converter(limits, out);
  try {
    if (!converter.convert_map(root, out.map, 0, &out.places)) {
      out.map = json::object();
      out.places.clear();
    }
  } catch (const YAML::Exception& e) {
    out.diagnostics.push_back({Severity::error, "", e.mark.line + 1, e.mark.column + 1,
                               code::kFrontMatterSyntax, yaml_error_message(e, text)});
    out.ok = false;
  }
  return out;
}

FrontMatterValues toml_values(std::string_view text, const ArticleLimits& limits) {
  FrontMatterValues out;
  toml::table table;
  try {
    table = toml::parse(text);
  } catch (const toml::parse_error& e) {
    out.diagnostics.push_back({Severity::error, "", static_cast<int>(e.source().begin.line),
                               static_cast<int>(e.source().begin.column), code::kFrontMatterSyntax,
                               std::string(e.description())});
    out.ok = false;
    return out;
  }
  TomlConverter converter(limits, out);
  for (const auto& [key, value] : table) {
    json converted;
    if (!converter.convert(value, converted, 1)) {
      out.map = json::object();
      out.places.clear();
      return out;
    }
    const toml::source_position at = value.source().begin;
    out.places[std::string(key.str())] =
        Place{static_cast<int>(at.line), static_cast<int>(at.column)};
    out.map[std::string(key.str())] = std::move(converted);
  }
  return out;
}

}  // namespace folio::detail
