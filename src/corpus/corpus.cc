#include <algorithm>
#include <nlohmann/json.hpp>
#include <type_traits>
#include <unordered_map>

#include <folio/corpus.h>

#include "article_json.h"

namespace folio {
namespace {

using nlohmann::json;

// The byte offset nlohmann reports, as a 1-based line and code-point column.
void locate(std::string_view text, std::size_t offset, int& line, int& column) {
  line = 1;
  column = 1;
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
}

}  // namespace

namespace {

Diagnostic duplicate_id(const Article& article, const Article& existing) {
  return {Severity::error,
          article.source,
          0,
          0,
          code::kDuplicateId,
          "id '" + article.id + "' is already used by " + existing.source};
}

}  // namespace

std::size_t json_past_depth(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return text.size();
}

bool add_unique(Corpus& corpus, Article article, std::vector<Diagnostic>& diagnostics) {
  for (const Article& existing : corpus.articles) {
    if (existing.id == article.id) {
      diagnostics.push_back(duplicate_id(article, existing));
      return false;
    }
  }
  corpus.articles.push_back(std::move(article));
  return true;
}

namespace {

std::vector<std::string_view> folders_of(std::string_view source) {
  std::vector<std::string_view> folders;
  std::size_t start = 0;
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '/' || source[i] == '\\') {
      if (i > start) folders.push_back(source.substr(start, i - start));
      start = i + 1;
    }
  }
  return folders;
}

}  // namespace

std::string CorpusBuilder::add(Article article, std::vector<Diagnostic>& diagnostics) {
  const std::string wanted = article.id;
  std::string id = wanted;
  const auto taken = [&](const std::string& candidate) { return holders_.count(candidate) > 0; };
  if (taken(id)) {
    const Article& holder = corpus_.articles[holders_[wanted]];
    // Posts that share a slug differ by date ("monthly" each month); translations and bundles
    // differ by a folder (content/zh/... next to content/en/...); otherwise a number.
    const std::string day = article.date.substr(0, 10);
    const std::vector<std::string_view> mine = folders_of(article.source);
    const std::vector<std::string_view> theirs = folders_of(holder.source);
    std::string folder;
    for (std::size_t i = 0; i < mine.size(); ++i) {
      if (i >= theirs.size() || mine[i] != theirs[i]) {
        folder = std::string(mine[i]);
        break;
      }
    }
    if (!day.empty() && day != holder.date.substr(0, 10) && !taken(wanted + "-" + day)) {
      id = wanted + "-" + day;
    } else if (!folder.empty() && !taken(folder + "-" + wanted)) {
      id = folder + "-" + wanted;
    } else {
      for (int n = 2; taken(id); ++n) id = wanted + "-" + std::to_string(n);
    }
    if (article.explicit_id) {
      diagnostics.push_back({Severity::warning, article.source, 0, 0, code::kDuplicateId,
                             "id '" + wanted + "' is already used by " + holder.source +
                                 "; this article gets the id '" + id + "'"});
    }
  }
  article.id = id;
  holders_[id] = corpus_.articles.size();
  corpus_.articles.push_back(std::move(article));
  return id;
}

namespace detail {

bool article_from_json(const json& entry, Article& article, std::string& problem,
                       const char** problem_code) {
  if (problem_code) *problem_code = code::kCorpusArticle;
  if (!entry.is_object()) {
    problem = "must be an object";
    return false;
  }
  const auto fail = [&](const std::string& message) {
    if (problem.empty()) problem = message;
  };
  bool ok = true;
  // One diagnostic per entry: the first problem found is the one reported.
  const auto field = [&](const char* key, std::string& into, bool required) {
    if (!ok) return;
    const auto it = entry.find(key);
    if (it == entry.end() || it->is_null()) {
      if (required) {
        fail(std::string("missing \"") + key + "\"");
        ok = false;
      }
      return;
    }
    if (!it->is_string()) {
      fail(std::string("\"") + key + "\" must be a string");
      ok = false;
      return;
    }
    into = it->get<std::string>();
  };
  field("id", article.id, true);
  field("markdown", article.markdown, true);
  if (ok && article.markdown.size() > kCorpusMaxMarkdownBytes) {
    fail("\"markdown\" is larger than " + std::to_string(kCorpusMaxMarkdownBytes >> 20) + " MiB");
    if (problem_code) *problem_code = code::kCorpusTooLarge;
    return false;
  }
  field("title", article.title, false);
  field("author", article.author, false);
  field("date", article.date, false);
  field("url", article.url, false);
  field("layout", article.layout, false);
  field("source", article.source, false);
  // Version 2 fields; in a version 1 file they are simply absent.
  field("updated", article.updated, false);
  field("summary", article.summary, false);
  field("lang", article.lang, false);
  field("image", article.image, false);
  const auto texts = [&](const char* key, std::vector<std::string>& into) {
    if (!ok) return;
    const auto it = entry.find(key);
    if (it == entry.end() || it->is_null()) return;
    if (!it->is_array() ||
        !std::all_of(it->begin(), it->end(), [](const json& v) { return v.is_string(); })) {
      fail(std::string("\"") + key + "\" must be an array of strings");
      ok = false;
      return;
    }
    into = it->get<std::vector<std::string>>();
  };
  texts("authors", article.authors);
  texts("tags", article.tags);
  texts("categories", article.categories);
  const auto count = [&](const char* key, auto& into) {
    if (!ok) return;
    const auto it = entry.find(key);
    if (it == entry.end() || it->is_null()) return;
    if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<long long>() >= 0)) {
      fail(std::string("\"") + key + "\" must be a whole number >= 0");
      ok = false;
      return;
    }
    into = static_cast<std::remove_reference_t<decltype(into)>>(it->get<unsigned long long>());
  };
  count("reading_minutes", article.reading_minutes);
  count("cjk_chars", article.cjk_chars);
  count("latin_words", article.latin_words);
  if (ok && entry.contains("draft") && !entry["draft"].is_null()) {
    if (!entry["draft"].is_boolean()) {
      fail("\"draft\" must be true or false");
      ok = false;
    } else {
      article.draft = entry["draft"].get<bool>();
    }
  }
  if (ok && entry.contains("meta") && !entry["meta"].is_null()) {
    if (!entry["meta"].is_object()) {
      fail("\"meta\" must be an object");
      ok = false;
    } else {
      article.meta = entry["meta"];
    }
  }
  if (ok && article.id.empty()) {
    fail("\"id\" must not be empty");
    ok = false;
  }
  return ok;
}

json render_settings_json(const CorpusRenderSettings& settings) {
  if (settings.base_url.empty() && !settings.cjk_emphasis) return nullptr;
  json render = json::object();
  if (!settings.base_url.empty()) render["baseUrl"] = settings.base_url;
  if (settings.cjk_emphasis) render["cjkEmphasis"] = true;
  return render;
}

CorpusRenderSettings render_settings_from_json(const json& settings, std::string_view source,
                                               std::vector<Diagnostic>& diagnostics) {
  CorpusRenderSettings out;
  if (settings.is_null()) return out;
  // A value of the wrong kind is ignored with a warning, never fatal.
  const auto warn = [&](const std::string& message) {
    diagnostics.push_back(
        {Severity::warning, std::string(source), 0, 0, code::kCorpusFormat, message});
  };
  if (!settings.is_object()) {
    warn("\"render\" must be an object; ignored");
    return out;
  }
  if (const auto base = settings.find("baseUrl"); base != settings.end()) {
    if (base->is_string() && is_valid_base_url(base->get<std::string>())) {
      out.base_url = base->get<std::string>();
    } else {
      warn("\"render.baseUrl\" must be an absolute http(s) URL; ignored");
    }
  }
  if (const auto cjk = settings.find("cjkEmphasis"); cjk != settings.end()) {
    if (cjk->is_boolean()) {
      out.cjk_emphasis = cjk->get<bool>();
    } else {
      warn("\"render.cjkEmphasis\" must be true or false; ignored");
    }
  }
  return out;
}

}  // namespace detail

std::string corpus_to_json(const Corpus& corpus) {
  json articles = json::array();
  for (const Article& a : corpus.articles) {
    articles.push_back(detail::article_entry_json(a));
  }
  json doc{{"format", kCorpusFormatName},
           {"version", kCorpusFormatVersion},
           {"generator", std::string("folio ") + FOLIO_VERSION}};
  if (json render = detail::render_settings_json(corpus.render); !render.is_null()) {
    doc["render"] = std::move(render);
  }
  if (!corpus.site.empty()) {
    doc["site"] = json{{"title", corpus.site.title}, {"lang", corpus.site.lang}};
  }
  if (corpus.search.stem_english) doc["search"] = json{{"stem", "english"}};
  doc["articles"] = std::move(articles);
  return doc.dump(1, '\t', false, json::error_handler_t::strict) + "\n";
}

LoadedCorpus corpus_from_json(std::string_view text, std::string_view source) {
  LoadedCorpus out;
  const auto fail = [&](int line, int column, const char* code, std::string message) {
    out.diagnostics.push_back(
        {Severity::error, std::string(source), line, column, code, std::move(message)});
    out.ok = false;
    return out;
  };
  if (const std::size_t at = json_past_depth(text); at != text.size()) {
    int line = 0;
    int column = 0;
    locate(text, at, line, column);
    return fail(
        line, column, code::kCorpusTooDeep,
        "arrays and objects nested deeper than " + std::to_string(kCorpusMaxDepth) + " levels");
  }
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    int line = 0;
    int column = 0;
    locate(text, e.byte == 0 ? 0 : e.byte - 1, line, column);
    return fail(line, column, code::kCorpusSyntax, e.what());
  } catch (const json::exception& e) {
    // A number past a double's range ("1e400") is out_of_range 406, not a parse_error: uncaught,
    // it ended the program (and trapped the WASM module). Found by CI's fuzz.corpus_json smoke;
    // corpus_test.a_number_past_the_range_of_a_double_is_a_syntax_error.
    const std::string what = e.what();
    const std::size_t quote = what.find('\'');
    const std::size_t at =
        quote == std::string::npos
            ? std::string_view::npos
            : text.find(what.substr(quote + 1, what.find('\'', quote + 1) - quote - 1));
    int line = 1;
    int column = 1;
    if (at != std::string_view::npos) locate(text, at, line, column);
    return fail(line, column, code::kCorpusSyntax, what);
  }
  if (!doc.is_object() || doc.value("format", json()) != kCorpusFormatName) {
    return fail(
        1, 1, code::kCorpusFormat,
        "not a folio corpus (expected \"format\": \"" + std::string(kCorpusFormatName) + "\")");
  }
  const json& version = doc["version"];
  if (!version.is_number_integer() || version.get<long long>() < kCorpusFormatOldestReadable ||
      version.get<long long>() > kCorpusFormatVersion) {
    return fail(1, 1, code::kCorpusFormat,
                "corpus format version " + version.dump() + " is not supported (this folio reads " +
                    std::to_string(kCorpusFormatOldestReadable) + " to " +
                    std::to_string(kCorpusFormatVersion) + ")");
  }
  out.version = static_cast<int>(version.get<long long>());
  if (const auto site = doc.find("site"); site != doc.end() && site->is_object()) {
    const auto site_text = [&](const char* key, std::string& into) {
      const auto it = site->find(key);
      if (it != site->end() && it->is_string()) into = it->get<std::string>();
    };
    site_text("title", out.corpus.site.title);
    site_text("lang", out.corpus.site.lang);
  }
  const json& articles = doc["articles"];
  if (!articles.is_array()) return fail(1, 1, code::kCorpusFormat, "\"articles\" must be an array");
  if (const auto render = doc.find("render"); render != doc.end()) {
    out.corpus.render = detail::render_settings_from_json(*render, source, out.diagnostics);
  }
  // Optional search settings: {"stem": "english"} (or "none"); anything else is ignored.
  if (const auto search = doc.find("search"); search != doc.end() && !search->is_null()) {
    const auto stem = search->is_object() ? search->find("stem") : search->end();
    if (stem != search->end() && *stem == "english") {
      out.corpus.search.stem_english = true;
    } else if (!search->is_object() || (stem != search->end() && *stem != "none")) {
      out.diagnostics.push_back(
          {Severity::warning, std::string(source), 0, 0, code::kCorpusFormat,
           "\"search\" must be {\"stem\": \"english\" or \"none\"}; ignored"});
    }
  }

  // Ids seen so far, to their article: add_unique's scan would make loading quadratic (50,000
  // articles took minutes in the browser; tests/browser/fifty-thousand-articles-…).
  std::unordered_map<std::string, std::size_t> ids;
  ids.reserve(articles.size());
  for (std::size_t i = 0; i < articles.size(); ++i) {
    const json& entry = articles[i];
    const std::string where = "articles[" + std::to_string(i) + "]";
    auto bad = [&](const std::string& message) {
      out.diagnostics.push_back({Severity::error, std::string(source), 0, 0, code::kCorpusArticle,
                                 where + ": " + message});
    };
    if (!entry.is_object()) {
      bad("must be an object");
      continue;
    }
    Article article;
    std::string problem;
    const char* problem_code = code::kCorpusArticle;
    if (!detail::article_from_json(entry, article, problem, &problem_code)) {
      out.diagnostics.push_back(
          {Severity::error, std::string(source), 0, 0, problem_code, where + ": " + problem});
      continue;
    }
    const auto [taken, added] = ids.emplace(article.id, out.corpus.articles.size());
    if (!added) {
      out.diagnostics.push_back(duplicate_id(article, out.corpus.articles[taken->second]));
      continue;
    }
    out.corpus.articles.push_back(std::move(article));
  }
  return out;
}

}  // namespace folio
