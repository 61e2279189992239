// `folio build --single-file`: the site as one HTML page that opens from disk (file://) with no
// server, in Chromium and any other current browser. README "One file" describes the result;
// pack-runtime.js is the code that runs in it, js_module.cc the rewriting of each module.
//
// The page is the shell's index.html with
//  - its stylesheets inlined as <style>, module preloads dropped, module scripts turned into
//    entries of the runtime;
//  - every other file of the site (corpus.json, folio-index.bin, folio-core.wasm, CSS the
//    modules load) as a <script data-folio-file> data element: JSON as it is, the rest base64;
//  - a Content-Security-Policy that lets only this page's own script and styles run: hashes of
//    the inline script and styles, WebAssembly, workers from blob: URLs, and no connection to
//    anything (an archive opened from a mail must not phone home).
// The output depends only on the site's files: the same site always packs to the same bytes.
#include <nettle/base64.h>
#include <nettle/sha2.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli.h"
#include "pack_runtime.h"

namespace folio::cli {
namespace {

std::string base64(std::string_view data) {
  std::string out(BASE64_ENCODE_RAW_LENGTH(data.size()), '\0');
  base64_encode_raw(reinterpret_cast<char*>(out.data()), data.size(),
                    reinterpret_cast<const uint8_t*>(data.data()));
  return out;
}

// 'sha256-…' for a Content-Security-Policy.
std::string csp_hash(std::string_view text) {
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, text.size(), reinterpret_cast<const uint8_t*>(text.data()));
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, sizeof digest, digest);
  return "'sha256-" +
         base64(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest)) + "'";
}

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string mime_type(const std::string& path) {
  static const std::pair<const char*, const char*> types[] = {
      {".json", "application/json"}, {".wasm", "application/wasm"}, {".css", "text/css"},
      {".svg", "image/svg+xml"},     {".png", "image/png"},         {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},       {".gif", "image/gif"},         {".webp", "image/webp"},
      {".woff2", "font/woff2"},      {".txt", "text/plain"},        {".js", "text/javascript"}};
  for (const auto& [ext, type] : types) {
    if (ends_with(lower(path), ext)) return type;
  }
  return "application/octet-stream";
}

// ---- a small reader for the shell's own index.html ------------------------------------------

struct Tag {
  std::string name;                          // lower case
  std::map<std::string, std::string> attrs;  // names lower case
  std::size_t begin = 0;                     // '<'
  std::size_t end = 0;                       // after '>' (after </script> for scripts)
  std::string content;                       // a script's text
};

// The next <link> or <script> at or after `from`, or nullopt.
std::optional<Tag> next_tag(const std::string& html, std::size_t from) {
  while (true) {
    const std::size_t open = html.find('<', from);
    if (open == std::string::npos) return std::nullopt;
    if (html.compare(open, 4, "<!--") == 0) {
      const std::size_t close = html.find("-->", open);
      if (close == std::string::npos) return std::nullopt;
      from = close + 3;
      continue;
    }
    std::size_t i = open + 1;
    std::size_t name_end = i;
    while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) {
      ++name_end;
    }
    Tag tag;
    tag.name = lower(html.substr(i, name_end - i));
    tag.begin = open;
    if (tag.name != "link" && tag.name != "script" && tag.name != "meta") {
      from = open + 1;
      continue;
    }
    i = name_end;
    while (i < html.size() && html[i] != '>') {
      while (i < html.size() &&
             (std::isspace(static_cast<unsigned char>(html[i])) || html[i] == '/')) {
        ++i;
      }
      if (i >= html.size() || html[i] == '>') break;
      std::size_t key_end = i;
      while (key_end < html.size() && !std::isspace(static_cast<unsigned char>(html[key_end])) &&
             html[key_end] != '=' && html[key_end] != '>') {
        ++key_end;
      }
      const std::string key = lower(html.substr(i, key_end - i));
      i = key_end;
      std::string value;
      if (i < html.size() && html[i] == '=') {
        ++i;
        if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
          const char quote = html[i];
          const std::size_t close = html.find(quote, i + 1);
          if (close == std::string::npos) return std::nullopt;
          value = html.substr(i + 1, close - i - 1);
          i = close + 1;
        } else {
          const std::size_t start = i;
          while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) &&
                 html[i] != '>') {
            ++i;
          }
          value = html.substr(start, i - start);
        }
      }
      tag.attrs[key] = value;
    }
    tag.end = std::min(html.size(), i + 1);
    if (tag.name == "script") {
      const std::size_t close = lower(html).find("</script>", tag.end);
      if (close == std::string::npos) return std::nullopt;
      tag.content = html.substr(tag.end, close - tag.end);
      tag.end = close + 9;
    }
    return tag;
  }
}

bool attr_has(const Tag& tag, const std::string& key, const std::string& word) {
  const auto it = tag.attrs.find(key);
  if (it == tag.attrs.end()) return false;
  const std::string value = " " + lower(it->second) + " ";
  return value.find(" " + word + " ") != std::string::npos;
}

// Text that may sit inside a <style> or <script> element unchanged.
bool html_safe_text(const std::string& text) {
  const std::string l = lower(text);
  return l.find("</script") == std::string::npos && l.find("</style") == std::string::npos &&
         l.find("<!--") == std::string::npos;
}

// JSON with "</" and "<!--" written as escapes (JSON can hold "<" only inside strings, where
// "\/" and "\u0021" are the same characters), so it can sit inside a <script> element.
std::string html_safe_json(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') {
      out += "<\\/";
      ++i;
    } else if (json.compare(i, 4, "<!--") == 0) {
      out += "<\\u0021--";
      i += 3;
    } else {
      out += json[i];
    }
  }
  return out;
}

bool packed_as_data(const std::string& path) {
  // Modules are packed as code, the page itself and documentation not at all, and examples/ is
  // pages of its own.
  return !(ends_with(path, ".js") || ends_with(path, ".mjs") || ends_with(path, ".html") ||
           ends_with(path, ".md") || ends_with(path, ".d.ts") || path.rfind("examples/", 0) == 0);
}

}  // namespace

PackResult pack_single_file(const SiteFiles& files) {
  PackResult result;
  const auto fail = [&result](std::string message) {
    result.error = "--single-file: " + std::move(message);
    result.html.clear();
    return result;
  };
  const auto page_it = files.find("index.html");
  if (page_it == files.end()) return fail("the site has no index.html");
  const std::string& page = page_it->second;

  // ---- the page: stylesheets inlined, module scripts become entries ----
  std::string head;  // the page with its <link>/<script> tags rewritten
  std::vector<std::string> entries;
  std::vector<std::string> styles;                    // inline style texts, for the policy's hashes
  std::set<std::string> inlined;                      // stylesheets now inside the page
  std::map<std::string, std::string> inline_modules;  // "index.html#1" -> its text
  std::size_t at = 0;
  for (std::optional<Tag> tag = next_tag(page, 0); tag; tag = next_tag(page, tag->end)) {
    head += page.substr(at, tag->begin - at);
    at = tag->end;
    if (tag->name == "meta") {
      // Our own policy replaces the shell's (its 'self' means nothing in a file).
      if (lower(tag->attrs["http-equiv"]) != "content-security-policy") {
        head += page.substr(tag->begin, tag->end - tag->begin);
      }
      continue;
    }
    if (tag->name == "link") {
      const std::string href = tag->attrs["href"];
      const std::string path = resolve_module_path("index.html", "./" + href);
      if (attr_has(*tag, "rel", "modulepreload") || attr_has(*tag, "rel", "preload")) continue;
      if (attr_has(*tag, "rel", "stylesheet") && files.count(path)) {
        std::string css = files.at(path);
        if (!html_safe_text(css)) return fail(path + " holds </style or <!--");
        styles.push_back(css);
        inlined.insert(path);
        head += "<style>" + css + "</style>";
        continue;
      }
      head += page.substr(tag->begin, tag->end - tag->begin);
      continue;
    }
    // <script>
    const std::string type = lower(tag->attrs["type"]);
    if (type == "module" && tag->attrs.count("src")) {
      const std::string path = resolve_module_path("index.html", "./" + tag->attrs["src"]);
      if (!files.count(path))
        return fail("index.html loads " + tag->attrs["src"] + ", not in the site");
      entries.push_back(path);
    } else if (type == "module") {
      const std::string name = "index.html#" + std::to_string(inline_modules.size() + 1);
      inline_modules[name] = tag->content;
      entries.push_back(name);
    } else if (type.empty() || type == "text/javascript" || type == "application/javascript") {
      return fail("index.html has a classic <script>; only module scripts are packed");
    } else {
      head += page.substr(tag->begin, tag->end - tag->begin);  // data, JSON-LD, templates
    }
  }
  head += page.substr(at);
  if (entries.empty()) return fail("index.html loads no module script");

  // ---- the modules: every one an entry reaches, each once, in path order ----
  std::map<std::string, JsModuleOutput> modules;
  std::vector<std::string> queue(entries.begin(), entries.end());
  // import("…") of a module the site does not have is left out: it rejects when it runs, as the
  // folder's would with a 404 (folio.js imports folio-site.js and folio-render.js, which only a
  // sharded site ships, and a single-file page never is one; cli_test
  // a_dynamic_import_the_site_lacks_is_left_to_reject). A static import must be there.
  std::set<std::string> dynamic_imports;
  std::set<std::string> static_imports;
  std::set<std::string> left_out;
  std::set<std::string> js_assets;
  std::set<std::string> data_assets;
  while (!queue.empty()) {
    const std::string path = queue.back();
    queue.pop_back();
    if (modules.count(path)) continue;
    const auto inline_it = inline_modules.find(path);
    const auto file = files.find(path);
    if (inline_it == inline_modules.end() && file == files.end()) {
      if (dynamic_imports.count(path)) {
        left_out.insert(path);
        continue;
      }
      return fail("a module imports " + path + ", which is not in the site");
    }
    const std::string& source =
        inline_it != inline_modules.end() ? inline_it->second : file->second;
    JsModuleOutput out = transform_module(source, path);
    if (!out.error.empty()) {
      return fail(path + ":" + std::to_string(out.error_line) + ":" +
                  std::to_string(out.error_column) + ": " + out.error);
    }
    for (const auto* list : {&out.imports, &out.dynamic_imports}) {
      queue.insert(queue.end(), list->begin(), list->end());
    }
    dynamic_imports.insert(out.dynamic_imports.begin(), out.dynamic_imports.end());
    for (const std::string& target : out.imports) static_imports.insert(target);
    for (const std::string& asset : out.assets) {
      if (ends_with(asset, ".js") || ends_with(asset, ".mjs")) {
        js_assets.insert(asset);
        queue.push_back(asset);  // a worker: a module of its own
      } else {
        data_assets.insert(asset);
      }
    }
    modules.emplace(path, std::move(out));
  }
  for (const std::string& path : left_out) {
    if (static_imports.count(path))
      return fail("a module imports " + path + ", which is not in the site");
  }
  // Imports are read once, when a module runs: a cycle would hand a module an import that is
  // not there yet, so it is refused here rather than failing in the browser.
  std::map<std::string, int> state;  // 1 visiting, 2 done
  std::vector<std::string> stack;
  std::string cycle;
  const auto visit = [&](const auto& self, const std::string& path) -> bool {
    if (state[path] == 2) return true;
    if (state[path] == 1) {
      for (auto it = std::find(stack.begin(), stack.end(), path); it != stack.end(); ++it) {
        cycle += *it + " -> ";
      }
      cycle += path;
      return false;
    }
    state[path] = 1;
    stack.push_back(path);
    for (const std::string& next : modules.at(path).imports) {
      if (!self(self, next)) return false;
    }
    stack.pop_back();
    state[path] = 2;
    return true;
  };
  for (const auto& [path, module] : modules) {
    if (!visit(visit, path)) return fail("an import cycle (" + cycle + ") cannot be packed");
  }

  // ---- the runtime script: the runtime, called with every module ----
  std::string script(kPackRuntime);
  while (!script.empty() && (script.back() == '\n' || script.back() == ' ')) script.pop_back();
  script += "({\n";
  for (const auto& [path, module] : modules) {
    script += "\"" + path +
              "\": function (__folio_require, __folio_export, __folio_import, __folio_meta, "
              "__folio_asset) {" +
              module.code + "\n},\n";
  }
  script += "}, [";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    script += (i ? ", \"" : "\"") + entries[i] + "\"";
  }
  script += "]);\n";
  if (!html_safe_text(script)) return fail("a module holds </script or <!-- outside its strings");

  // ---- the data: every other file of the site ----
  std::string data;
  for (const auto& [path, bytes] : files) {
    if (!packed_as_data(path) && !data_assets.count(path)) continue;
    if (inlined.count(path) && !data_assets.count(path)) continue;
    const std::string type = mime_type(path);
    std::string encoding = "base64";
    std::string text;
    if (type == "application/json") {
      encoding = "text";
      text = html_safe_json(bytes);
    } else if ((type == "text/css" || type == "text/plain" || type == "image/svg+xml") &&
               html_safe_text(bytes)) {
      encoding = "text";
      text = bytes;
    } else {
      text = base64(bytes);
    }
    data += "<script type=\"" + type + "\" data-folio-file=\"" + path + "\" data-encoding=\"" +
            encoding + "\">" + text + "</script>\n";
  }

  // ---- the policy ----
  std::string style_hashes;
  for (const std::string& css : styles) style_hashes += " " + csp_hash(css);
  const std::string policy =
      "default-src 'none'; script-src " + csp_hash(script) +
      " 'wasm-unsafe-eval'; worker-src blob:; style-src" + style_hashes +
      " blob:; img-src * data: blob: file:; media-src * data: blob: file:; font-src data:; "
      "connect-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";
  const std::string meta =
      "\n  <meta http-equiv=\"Content-Security-Policy\" content=\"" + policy + "\">";

  // ---- the page ----
  std::string html = head;
  const std::size_t charset = lower(html).find("<meta charset");
  const std::size_t after =
      charset == std::string::npos ? std::string::npos : html.find('>', charset);
  if (after == std::string::npos) return fail("index.html has no <meta charset>");
  html.insert(after + 1, meta);
  const std::size_t body_end = lower(html).rfind("</body>");
  if (body_end == std::string::npos) return fail("index.html has no </body>");
  html.insert(body_end, data + "<script>" + script + "</script>\n");
  result.html = std::move(html);
  return result;
}

}  // namespace folio::cli
