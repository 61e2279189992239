#include <nlohmann/json.hpp>

#include <folio/corpus.h>

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

bool add_unique(Corpus& corpus, Article article, std::vector<Diagnostic>& diagnostics) {
  for (const Article& existing : corpus.articles) {
    if (existing.id == article.id) {
      diagnostics.push_back({Severity::error, article.source, 0, 0, code::kDuplicateId,
                             "id '" + article.id + "' is already used by " + existing.source});
      return false;
    }
  }
  corpus.articles.push_back(std::move(article));
  return true;
}

std::string corpus_to_json(const Corpus& corpus) {
  json articles = json::array();
  for (const Article& a : corpus.articles) {
    articles.push_back(json{{"id", a.id},
                            {"title", a.title},
                            {"author", a.author},
                            {"date", a.date},
                            {"url", a.url},
                            {"layout", a.layout},
                            {"source", a.source},
                            {"markdown", a.markdown}});
  }
  const json doc{{"format", kCorpusFormatName},
                 {"version", kCorpusFormatVersion},
                 {"generator", std::string("folio ") + FOLIO_VERSION},
                 {"articles", std::move(articles)}};
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
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    int line = 0;
    int column = 0;
    locate(text, e.byte == 0 ? 0 : e.byte - 1, line, column);
    return fail(line, column, code::kCorpusSyntax, e.what());
  }
  if (!doc.is_object() || doc.value("format", json()) != kCorpusFormatName) {
    return fail(
        1, 1, code::kCorpusFormat,
        "not a folio corpus (expected \"format\": \"" + std::string(kCorpusFormatName) + "\")");
  }
  const json& version = doc["version"];
  if (!version.is_number_integer() || version.get<int>() != kCorpusFormatVersion) {
    return fail(1, 1, code::kCorpusFormat,
                "corpus format version " + version.dump() + " is not supported (this folio reads " +
                    std::to_string(kCorpusFormatVersion) + ")");
  }
  const json& articles = doc["articles"];
  if (!articles.is_array()) return fail(1, 1, code::kCorpusFormat, "\"articles\" must be an array");

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
    bool ok = true;
    // One diagnostic per entry: the first problem found is the one reported.
    const auto field = [&](const char* key, std::string& into, bool required) {
      if (!ok) return;
      const auto it = entry.find(key);
      if (it == entry.end() || it->is_null()) {
        if (required) {
          bad(std::string("missing \"") + key + "\"");
          ok = false;
        }
        return;
      }
      if (!it->is_string()) {
        bad(std::string("\"") + key + "\" must be a string");
        ok = false;
        return;
      }
      into = it->get<std::string>();
    };
    field("id", article.id, true);
    field("markdown", article.markdown, true);
    field("title", article.title, false);
    field("author", article.author, false);
    field("date", article.date, false);
    field("url", article.url, false);
    field("layout", article.layout, false);
    field("source", article.source, false);
    if (ok && article.id.empty()) {
      bad("\"id\" must not be empty");
      ok = false;
    }
    if (ok) add_unique(out.corpus, std::move(article), out.diagnostics);
  }
  return out;
}

}  // namespace folio
