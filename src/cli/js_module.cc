// One ES module of the web shell rewritten as the body of a plain function, for the page
// `folio build --single-file` writes. Chromium runs no module script from file:// (and no
// module worker from a blob: URL), so the packed page cannot use the browser's module loader:
// each module becomes a function its runtime (pack-runtime.js) calls, and only the module
// syntax changes. The rest of the text is copied as it is, so line numbers stay those of the
// source.
//
//   import D, { a, b as c } from './x.js'   ->  const __folio_m0 = __folio_require("dir/x.js");
//                                                const D = __folio_m0.default, { a, b: c } = ...
//   export function f() {}                  ->  function f() {}   + a getter for "f"
//   export default expr                     ->  const __folio_default = expr
//   import('./y.js')                        ->  __folio_import('./y.js')
//   import.meta                             ->  __folio_meta      ({ url: "folio-packed:/dir/m.js"
//   }) new URL('./z.css', import.meta.url)     ->  new URL(__folio_asset("dir/z.css"))
//
// Imports become constants read once, when the module runs (not live bindings), which is all the
// web shell needs; an import cycle is refused when the page is packed (pack.cc).
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "cli.h"

namespace folio::cli {
namespace {

enum class Kind { identifier, punctuator, string, template_text, regex, number, private_name };

struct Token {
  Kind kind = Kind::punctuator;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool newline_before = false;  // a line break between the previous token and this one
  int depth = 0;                // brackets open before this token
  std::string_view text;
};

bool is_identifier_start(unsigned char c) {
  return std::isalpha(c) != 0 || c == '_' || c == '$' || c == '\\' || c >= 0x80;
}
bool is_identifier_part(unsigned char c) { return is_identifier_start(c) || std::isdigit(c) != 0; }

struct Tokenizer {
  std::string_view src;
  std::vector<Token> tokens;
  std::vector<std::pair<std::size_t, std::size_t>> comments;  // [begin, end)
  std::string error;
  std::size_t error_at = 0;

  // What a '/' means depends on the token before it: after an operand it divides, anywhere
  // else it starts a regular expression.
  bool regex_allowed() const {
    if (tokens.empty()) return true;
    const Token& t = tokens.back();
    switch (t.kind) {
      case Kind::identifier: {
        static const char* const keywords[] = {"return", "typeof", "instanceof", "in",    "of",
                                               "new",    "delete", "void",       "throw", "case",
                                               "do",     "else",   "yield",      "await"};
        for (const char* k : keywords) {
          if (t.text == k) return true;
        }
        return false;
      }
      case Kind::punctuator:
        return !(t.text == ")" || t.text == "]" || t.text == "++" || t.text == "--");
      case Kind::template_text:
        // The end of a whole template is an operand; a template head is followed by code.
        return t.text.back() != '`';
      default:
        return false;
    }
  }

  bool fail(std::string message, std::size_t at) {
    error = std::move(message);
    error_at = at;
    return false;
  }

  // Template text from `i` (just after ` or }) to the closing ` or the next ${.
  bool scan_template(std::size_t& i, std::vector<char>& brackets) {
    for (; i < src.size(); ++i) {
      const char c = src[i];
      if (c == '\\') {
        ++i;
      } else if (c == '`') {
        ++i;
        return true;
      } else if (c == '$' && i + 1 < src.size() && src[i + 1] == '{') {
        i += 2;
        brackets.push_back('t');
        return true;
      }
    }
    return fail("a template literal is not closed", i);
  }

  bool run() {
    static const char* const punctuators[] = {
        ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "?\?=",
        "=>",   "==",  "!=",  "<=",  ">=",  "&&",  "||",  "?\?", "?.",  "++",  "--",
        "+=",   "-=",  "*=",  "%=",  "&=",  "|=",  "^=",  "**",  "<<",  ">>"};
    std::vector<char> brackets;  // '(' '[' '{' and 't' for a template's ${
    std::size_t i = 0;
    if (src.substr(0, 2) == "#!") i = src.find('\n');
    bool newline = false;
    while (i < src.size()) {
      const unsigned char c = static_cast<unsigned char>(src[i]);
      if (c == '\n') {
        newline = true;
        ++i;
        continue;
      }
      if (std::isspace(c) != 0) {
        ++i;
        continue;
      }
      if (src.substr(i, 2) == "//") {
        const std::size_t begin = i;
        i = src.find('\n', i);
        if (i == std::string_view::npos) i = src.size();
        comments.emplace_back(begin, i);
        continue;
      }
      if (src.substr(i, 2) == "/*") {
        const std::size_t end = src.find("*/", i + 2);
        if (end == std::string_view::npos) return fail("a comment is not closed", i);
        if (src.substr(i, end - i).find('\n') != std::string_view::npos) newline = true;
        comments.emplace_back(i, end + 2);
        i = end + 2;
        continue;
      }
      Token t;
      t.begin = i;
      t.newline_before = newline;
      t.depth = static_cast<int>(brackets.size());
      newline = false;
      if (c == '"' || c == '\'') {
        t.kind = Kind::string;
        for (++i; i < src.size() && src[i] != static_cast<char>(c); ++i) {
          if (src[i] == '\\') ++i;
          if (i < src.size() && src[i] == '\n') return fail("a string is not closed", t.begin);
        }
        if (i >= src.size()) return fail("a string is not closed", t.begin);
        ++i;
      } else if (c == '`') {
        t.kind = Kind::template_text;
        ++i;
        if (!scan_template(i, brackets)) return false;
      } else if (c == '}' && !brackets.empty() && brackets.back() == 't') {
        brackets.pop_back();
        t.kind = Kind::template_text;
        t.depth = static_cast<int>(brackets.size());
        ++i;
        if (!scan_template(i, brackets)) return false;
      } else if (is_identifier_start(c)) {
        t.kind = Kind::identifier;
        while (i < src.size() && is_identifier_part(static_cast<unsigned char>(src[i]))) {
          i += src[i] == '\\' ? 2 : 1;
        }
      } else if (c == '#' && i + 1 < src.size() &&
                 is_identifier_start(static_cast<unsigned char>(src[i + 1]))) {
        t.kind = Kind::private_name;
        for (++i; i < src.size() && is_identifier_part(static_cast<unsigned char>(src[i]));) ++i;
      } else if (std::isdigit(c) != 0 ||
                 (c == '.' && i + 1 < src.size() &&
                  std::isdigit(static_cast<unsigned char>(src[i + 1])) != 0)) {
        t.kind = Kind::number;
        const bool hex = src.substr(i, 2) == "0x" || src.substr(i, 2) == "0X";
        for (++i; i < src.size(); ++i) {
          const unsigned char d = static_cast<unsigned char>(src[i]);
          const bool sign =
              (d == '+' || d == '-') && !hex && (src[i - 1] == 'e' || src[i - 1] == 'E');
          if (std::isalnum(d) == 0 && d != '_' && d != '.' && !sign) break;
        }
      } else if (c == '/' && regex_allowed()) {
        t.kind = Kind::regex;
        bool in_class = false;
        for (++i; i < src.size(); ++i) {
          const char d = src[i];
          if (d == '\\') {
            ++i;
          } else if (d == '\n') {
            return fail("a regular expression is not closed", t.begin);
          } else if (d == '[') {
            in_class = true;
          } else if (d == ']') {
            in_class = false;
          } else if (d == '/' && !in_class) {
            break;
          }
        }
        if (i >= src.size()) return fail("a regular expression is not closed", t.begin);
        for (++i; i < src.size() && std::isalpha(static_cast<unsigned char>(src[i])) != 0;) ++i;
      } else {
        t.kind = Kind::punctuator;
        std::size_t length = 1;
        for (const char* p : punctuators) {
          const std::string_view candidate(p);
          if (src.substr(i, candidate.size()) == candidate) {
            // "?." before a digit is a conditional and a number: a ? .5 : 1
            if (candidate == "?." && i + 2 < src.size() &&
                std::isdigit(static_cast<unsigned char>(src[i + 2])) != 0) {
              continue;
            }
            length = candidate.size();
            break;
          }
        }
        if (length == 1 && c == '/' && src.substr(i, 2) == "/=") length = 2;
        i += length;
        if (length == 1) {
          if (c == '(' || c == '[' || c == '{') {
            brackets.push_back(static_cast<char>(c));
          } else if (c == ')' || c == ']' || c == '}') {
            if (brackets.empty()) return fail("a closing bracket without an opening one", t.begin);
            brackets.pop_back();
            t.depth = static_cast<int>(brackets.size());
          }
        }
      }
      t.end = i;
      t.text = src.substr(t.begin, t.end - t.begin);
      tokens.push_back(t);
    }
    if (!brackets.empty()) return fail("a bracket is not closed", src.size());
    return true;
  }
};

// The value of a string literal whose text needs no unescaping beyond \' \" \\ (specifiers).
std::string string_value(std::string_view literal) {
  std::string out;
  for (std::size_t i = 1; i + 1 < literal.size(); ++i) {
    if (literal[i] == '\\' && i + 2 < literal.size()) ++i;
    out += literal[i];
  }
  return out;
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

struct Edit {
  std::size_t begin;
  std::size_t end;
  std::string text;
};

class Transformer {
 public:
  Transformer(std::string_view src, const std::string& path, std::vector<Token> tokens,
              std::vector<std::pair<std::size_t, std::size_t>> comments)
      : src_(src), path_(path), t_(std::move(tokens)), comments_(std::move(comments)) {}

  JsModuleOutput run() {
    for (std::size_t i = 0; i < t_.size() && out_.error.empty(); ++i) {
      if (!is("import", i) || after_dot(i)) {
        if (is("export", i) && t_[i].depth == 0 && !after_dot(i)) i = export_declaration(i);
        continue;
      }
      if (is(".", i + 1) && is("meta", i + 2)) {
        edits_.push_back({t_[i].begin, t_[i + 2].end, "__folio_meta"});
        i += 2;
      } else if (is("(", i + 1)) {
        i = dynamic_import(i);
      } else if (t_[i].depth == 0) {
        i = import_declaration(i);
      }
    }
    if (!out_.error.empty()) return std::move(out_);
    assets();
    html_safe();
    std::string prologue = "\"use strict\";";
    if (!exports_.empty()) prologue += " __folio_export({" + exports_ + "});";
    prologue += requires_;
    std::string code = prologue;
    std::size_t at = 0;
    std::stable_sort(edits_.begin(), edits_.end(),
                     [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
    for (const Edit& e : edits_) {
      if (e.begin < at) continue;  // inside an earlier edit (an asset inside a removed statement)
      code.append(src_.substr(at, e.begin - at));
      code += e.text;
      at = e.end;
    }
    code.append(src_.substr(at));
    out_.code = std::move(code);
    return std::move(out_);
  }

 private:
  bool is(std::string_view text, std::size_t i) const {
    return i < t_.size() && t_[i].text == text &&
           (t_[i].kind == Kind::identifier || t_[i].kind == Kind::punctuator);
  }
  bool is_string(std::size_t i) const { return i < t_.size() && t_[i].kind == Kind::string; }
  bool after_dot(std::size_t i) const { return i > 0 && (is(".", i - 1) || is("?.", i - 1)); }

  void fail(std::size_t i, std::string message) {
    out_.error = std::move(message);
    const std::size_t at = i < t_.size() ? t_[i].begin : src_.size();
    out_.error_line = 1;
    out_.error_column = 1;
    for (std::size_t k = 0; k < at; ++k) {
      if (src_[k] == '\n') {
        ++out_.error_line;
        out_.error_column = 1;
      } else if ((static_cast<unsigned char>(src_[k]) & 0xC0) != 0x80) {
        ++out_.error_column;
      }
    }
  }

  // Blanks out tokens [first, last] but keeps their line breaks, so lines stay where they were.
  void remove(std::size_t first, std::size_t last) {
    std::string blank;
    for (std::size_t k = t_[first].begin; k < t_[last].end; ++k) {
      if (src_[k] == '\n') blank += '\n';
    }
    edits_.push_back({t_[first].begin, t_[last].end, blank});
  }

  std::string resolve(std::size_t i) {
    const std::string specifier = string_value(t_[i].text);
    const std::string resolved = resolve_module_path(path_, specifier);
    if (resolved.empty()) {
      fail(i, "'" + specifier + "' is not a file of the site (only ./ and ../ imports are packed)");
    }
    return resolved;
  }

  std::string module_variable(const std::string& resolved) {
    const std::string name = "__folio_m" + std::to_string(module_count_++);
    requires_ += " const " + name + " = __folio_require(" + quoted(resolved) + ");";
    out_.imports.push_back(resolved);
    return name;
  }

  // import 'x'; import D from 'x'; import * as ns from 'x'; import D, { a, b as c } from 'x'
  std::size_t import_declaration(std::size_t start) {
    std::size_t i = start + 1;
    std::string default_name;
    std::string namespace_name;
    std::vector<std::pair<std::string, std::string>> named;  // imported, local
    if (!is_string(i)) {
      if (i < t_.size() && t_[i].kind == Kind::identifier && !is("{", i) && !is("*", i)) {
        default_name = std::string(t_[i].text);
        ++i;
        if (is(",", i)) ++i;
      }
      if (is("*", i)) {
        if (!is("as", i + 1) || i + 2 >= t_.size()) {
          fail(i, "expected `* as name`");
          return i;
        }
        namespace_name = std::string(t_[i + 2].text);
        i += 3;
      } else if (is("{", i)) {
        for (++i; i < t_.size() && !is("}", i); ++i) {
          if (is(",", i)) continue;
          std::string imported =
              t_[i].kind == Kind::string ? string_value(t_[i].text) : std::string(t_[i].text);
          std::string local = imported;
          if (is("as", i + 1)) {
            local = std::string(t_[i + 2].text);
            i += 2;
          }
          named.emplace_back(imported, local);
        }
        ++i;
      }
      if (!is("from", i) || !is_string(i + 1)) {
        fail(i, "expected `from '<module>'` in this import");
        return i;
      }
      ++i;
    }
    const std::string resolved = resolve(i);
    if (resolved.empty()) return i;
    std::size_t last = i;
    if (is("with", last + 1) || is("assert", last + 1)) {
      fail(last + 1, "import attributes are not supported by the single-file build");
      return last;
    }
    if (is(";", last + 1)) ++last;
    remove(start, last);
    const std::string module = module_variable(resolved);
    if (!default_name.empty()) {
      requires_ += " const " + default_name + " = " + module + ".default;";
    }
    if (!namespace_name.empty()) requires_ += " const " + namespace_name + " = " + module + ";";
    if (!named.empty()) {
      std::string list;
      for (const auto& [imported, local] : named) {
        if (!list.empty()) list += ", ";
        const bool plain =
            !imported.empty() && std::all_of(imported.begin(), imported.end(), [](char c) {
              return is_identifier_part(static_cast<unsigned char>(c));
            });
        list += imported == local ? local : (plain ? imported : quoted(imported)) + ": " + local;
      }
      requires_ += " const { " + list + " } = " + module + ";";
    }
    return last;
  }

  std::size_t matching(std::size_t open) const {
    const int depth = t_[open].depth;
    for (std::size_t k = open + 1; k < t_.size(); ++k) {
      if (t_[k].depth == depth && (is(")", k) || is("]", k) || is("}", k))) return k;
    }
    return t_.size();
  }

  std::size_t dynamic_import(std::size_t i) {
    const std::size_t close = matching(i + 1);
    if (is("{", close + 1)) return i;  // a method named import() { ... }
    edits_.push_back({t_[i].begin, t_[i].end, "__folio_import"});
    if (is_string(i + 2) && close == i + 3) {
      const std::string resolved = resolve(i + 2);
      if (!resolved.empty()) {
        out_.dynamic_imports.push_back(resolved);
        edits_.push_back({t_[i + 2].begin, t_[i + 2].end, quoted("folio-packed:/" + resolved)});
      }
    }
    return i;
  }

  void add_export(const std::string& name, const std::string& local) {
    if (!exports_.empty()) exports_ += ", ";
    exports_ += quoted(name) + ": () => " + local;
  }

  // The end (last token) of a declaration or expression statement starting at `i`: a `;` at
  // its depth, or a line break after which a new statement starts.
  std::size_t statement_end(std::size_t i) const {
    const int depth = t_[i].depth;
    for (std::size_t k = i + 1; k < t_.size(); ++k) {
      if (t_[k].depth < depth) return k - 1;
      if (t_[k].depth != depth) continue;
      if (is(";", k)) return k;
      if (t_[k].newline_before && t_[k].kind == Kind::identifier) {
        const Token& prev = t_[k - 1];
        const bool prev_complete = prev.kind != Kind::punctuator || prev.text == ")" ||
                                   prev.text == "]" || prev.text == "}" || prev.text == "++" ||
                                   prev.text == "--";
        if (prev_complete) return k - 1;
      }
    }
    return t_.size() - 1;
  }

  std::size_t export_declaration(std::size_t start) {
    std::size_t i = start + 1;
    if (is("default", i)) {
      std::size_t k = i + 1;
      if (is("async", k) && is("function", k + 1)) ++k;
      const bool function = is("function", k);
      const bool klass = is("class", k);
      std::size_t name = function ? k + 1 : k + 1;
      if (function && is("*", name)) ++name;
      const bool named_declaration = (function || klass) && name < t_.size() &&
                                     t_[name].kind == Kind::identifier && !is("extends", name);
      if (named_declaration) {
        remove(start, i);
        add_export("default", std::string(t_[name].text));
        return name;
      }
      edits_.push_back({t_[start].begin, t_[i].end, "const __folio_default ="});
      add_export("default", "__folio_default");
      if (function || klass) {
        // An anonymous function or class is now an expression: end its statement.
        std::size_t body = k + 1;
        if (function) {
          if (is("*", body)) ++body;
          body = matching(body) + 1;  // the parameters' ")", then the body's "{"
        } else {
          while (body < t_.size() && !(is("{", body) && t_[body].depth == t_[k].depth)) ++body;
        }
        if (!is("{", body)) {
          fail(body, "expected the body of the exported function or class");
          return body;
        }
        const std::size_t close = matching(body);
        if (close < t_.size()) edits_.push_back({t_[close].end, t_[close].end, ";"});
        return close;
      }
      return i;
    }
    if (is("*", i)) {  // export * from 'x';  export * as ns from 'x';
      std::string alias;
      std::size_t k = i + 1;
      if (is("as", k)) {
        alias = std::string(t_[k + 1].text);
        k += 2;
      }
      if (!is("from", k) || !is_string(k + 1)) {
        fail(k, "expected `from '<module>'`");
        return k;
      }
      const std::string resolved = resolve(k + 1);
      if (resolved.empty()) return k;
      std::size_t last = k + 1;
      if (is(";", last + 1)) ++last;
      remove(start, last);
      const std::string module = module_variable(resolved);
      if (alias.empty()) {
        requires_ += " __folio_export(null, " + module + ");";
      } else {
        add_export(alias, module);
      }
      return last;
    }
    if (is("{", i)) {  // export { a, b as c } [from 'x'];
      const std::size_t close = matching(i);
      std::vector<std::pair<std::string, std::string>> names;  // local, exported
      for (std::size_t k = i + 1; k < close; ++k) {
        if (is(",", k)) continue;
        std::string local = std::string(t_[k].text);
        std::string exported = local;
        if (is("as", k + 1)) {
          exported = t_[k + 2].kind == Kind::string ? string_value(t_[k + 2].text)
                                                    : std::string(t_[k + 2].text);
          k += 2;
        }
        names.emplace_back(local, exported);
      }
      std::size_t last = close;
      std::string module;
      if (is("from", close + 1) && is_string(close + 2)) {
        const std::string resolved = resolve(close + 2);
        if (resolved.empty()) return close;
        last = close + 2;
        module = module_variable(resolved);
      }
      if (is(";", last + 1)) ++last;
      remove(start, last);
      for (const auto& [local, exported] : names) {
        add_export(exported, module.empty() ? local : module + "[" + quoted(local) + "]");
      }
      return last;
    }
    // export function f / async function / function* / class C / const|let|var a = ..., b = ...
    edits_.push_back({t_[start].begin, t_[i].begin, ""});
    std::size_t k = i;
    if (is("async", k)) ++k;
    if (is("function", k) || is("class", k)) {
      std::size_t name = k + 1;
      if (is("*", name)) ++name;
      if (name >= t_.size() || t_[name].kind != Kind::identifier) {
        fail(name, "an exported function or class needs a name");
        return name;
      }
      add_export(std::string(t_[name].text), std::string(t_[name].text));
      return name;
    }
    if (is("const", k) || is("let", k) || is("var", k)) {
      const std::size_t end = statement_end(k);
      const int depth = t_[k].depth;
      bool expect_name = true;
      for (std::size_t n = k + 1; n <= end && n < t_.size(); ++n) {
        if (t_[n].depth != depth) continue;
        if (expect_name) {
          if (t_[n].kind != Kind::identifier) {
            fail(n, "exporting a destructuring pattern is not supported by the single-file build");
            return n;
          }
          add_export(std::string(t_[n].text), std::string(t_[n].text));
          expect_name = false;
        } else if (is(",", n)) {
          expect_name = true;
        }
      }
      // The scan goes on from the names, not past the statement: an initializer may hold
      // import("…") or import.meta (cli_test PackModules.ImportsInsideAnExportedInitializer).
      return k;
    }
    fail(i, "an export this single-file build does not understand");
    return i;
  }

  // new URL('<file>', import.meta.url): the file of the site, wherever the page put it.
  void assets() {
    for (std::size_t i = 0; i + 10 < t_.size(); ++i) {
      if (!(is("new", i) && is("URL", i + 1) && is("(", i + 2) && is_string(i + 3) &&
            is(",", i + 4) && is("import", i + 5) && is(".", i + 6) && is("meta", i + 7) &&
            is(".", i + 8) && is("url", i + 9) && is(")", i + 10))) {
        continue;
      }
      const std::string specifier = string_value(t_[i + 3].text);
      if (specifier.empty() || specifier == "." || specifier == "./" || specifier.back() == '/') {
        continue;  // a folder: new URL('.', import.meta.url) stays a URL of the packed site
      }
      const std::string resolved = resolve_module_path(path_, specifier);
      if (resolved.empty()) continue;
      out_.assets.push_back(resolved);
      edits_.push_back(
          {t_[i + 3].begin, t_[i + 10].begin, "__folio_asset(" + quoted(resolved) + ")"});
      i += 10;
    }
  }

  // The module is text inside an HTML <script>, where "</script" ends it and "<!--" changes how
  // the rest is read. Inside strings, templates and regular expressions "<" becomes \x3C (the
  // same character to JavaScript); a comment holding either is dropped; anywhere else they
  // cannot be written without changing the code, so the module is refused.
  void html_safe() {
    const auto dangerous = [](std::string_view text) {
      std::string lower(text);
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return lower.find("</script") != std::string::npos || lower.find("<!--") != std::string::npos;
    };
    for (const auto& [begin, end] : comments_) {
      if (!dangerous(src_.substr(begin, end - begin))) continue;
      std::string blank;
      for (std::size_t k = begin; k < end; ++k) {
        if (src_[k] == '\n') blank += '\n';
      }
      edits_.push_back({begin, end, blank.empty() ? " " : blank});
    }
    for (std::size_t i = 0; i < t_.size(); ++i) {
      const Token& t = t_[i];
      if (t.text.find('<') == std::string_view::npos) continue;
      const bool quoted_text =
          t.kind == Kind::string || t.kind == Kind::template_text || t.kind == Kind::regex;
      if (!quoted_text) {
        if (is("<", i) && is("!", i + 1) && is("--", i + 2)) fail(i, "\"<!--\" in code");
        continue;
      }
      if (!dangerous(t.text)) continue;
      std::string text;
      for (const char c : t.text) text += c == '<' ? std::string("\\x3C") : std::string(1, c);
      edits_.push_back({t.begin, t.end, text});
    }
  }

  std::string_view src_;
  std::string path_;
  std::vector<Token> t_;
  std::vector<std::pair<std::size_t, std::size_t>> comments_;
  std::vector<Edit> edits_;
  std::string exports_;
  std::string requires_;
  int module_count_ = 0;
  JsModuleOutput out_;
};

}  // namespace

std::string resolve_module_path(const std::string& from, const std::string& specifier) {
  std::string spec = specifier;
  const std::string packed = "folio-packed:/";
  if (spec.rfind(packed, 0) == 0) {
    spec = spec.substr(packed.size());
  } else if (spec.rfind("./", 0) == 0 || spec.rfind("../", 0) == 0) {
    const std::size_t slash = from.rfind('/');
    spec = (slash == std::string::npos ? "" : from.substr(0, slash + 1)) + spec;
  } else {
    return {};  // bare names and other URLs are not files of the site
  }
  const std::size_t cut = spec.find_first_of("?#");
  if (cut != std::string::npos) spec = spec.substr(0, cut);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t end = spec.find('/', start);
    if (end == std::string::npos) end = spec.size();
    const std::string part = spec.substr(start, end - start);
    if (part == "..") {
      if (parts.empty()) return {};
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "/") + part;
  return out;
}

JsModuleOutput transform_module(std::string_view source, const std::string& path) {
  Tokenizer tokenizer{source, {}, {}, {}, 0};
  if (!tokenizer.run()) {
    JsModuleOutput out;
    out.error = tokenizer.error;
    out.error_line = 1;
    out.error_column = 1;
    for (std::size_t k = 0; k < tokenizer.error_at && k < source.size(); ++k) {
      if (source[k] == '\n') {
        ++out.error_line;
        out.error_column = 1;
      } else if ((static_cast<unsigned char>(source[k]) & 0xC0) != 0x80) {
        ++out.error_column;
      }
    }
    return out;
  }
  return Transformer(source, path, std::move(tokenizer.tokens), std::move(tokenizer.comments))
      .run();
}

}  // namespace folio::cli
