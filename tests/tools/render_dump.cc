// Writes what the native renderer makes of a set of articles, for the test that holds the WASM
// build to the same bytes (tests/js/native-and-wasm-render-every-article-byte-for-byte.test.mjs):
//   build/native/bin/render_dump <out-dir> <dir|file.md>...
// <out-dir>/bodies.json: [{"source", "markdown"}] (the bodies, front matter removed);
// <out-dir>/<variant>.html: each body's HTML, joined by NUL bytes, for the variants
// "default" (safe, GitHub dialect, reader extras) and "cjk-base" (plus CJK-friendly emphasis
// and the base URL https://example.com/posts/).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include <folio/article.h>
#include <folio/render.h>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: render_dump <out-dir> <dir|file.md>...\n";
    return 2;
  }
  const fs::path out_dir = argv[1];
  std::vector<fs::path> files;
  for (int i = 2; i < argc; ++i) {
    if (fs::is_directory(argv[i])) {
      for (const auto& entry : fs::recursive_directory_iterator(argv[i])) {
        const std::string extension = entry.path().extension().string();
        if (entry.is_regular_file() && (extension == ".md" || extension == ".markdown")) {
          files.push_back(entry.path());
        }
      }
    } else {
      files.emplace_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  nlohmann::json bodies = nlohmann::json::array();
  std::vector<std::string> markdowns;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    folio::ParsedArticle parsed = folio::parse_article(text.str(), file.string());
    if (!parsed.article) continue;
    bodies.push_back({{"source", file.string()}, {"markdown", parsed.article->markdown}});
    markdowns.push_back(std::move(parsed.article->markdown));
  }
  fs::create_directories(out_dir);
  std::ofstream(out_dir / "bodies.json", std::ios::binary) << bodies.dump();
  folio::RenderOptions cjk_base;
  cjk_base.cjk_friendly_emphasis = true;
  cjk_base.base_url = "https://example.com/posts/";
  const std::pair<const char*, folio::RenderOptions> variants[] = {
      {"default", folio::RenderOptions{}}, {"cjk-base", cjk_base}};
  for (const auto& [name, options] : variants) {
    std::string all;
    for (std::size_t i = 0; i < markdowns.size(); ++i) {
      if (i > 0) all += '\0';
      folio::render_html_into(all, markdowns[i], options);
    }
    std::ofstream(out_dir / (std::string(name) + ".html"), std::ios::binary) << all;
  }
  std::cout << markdowns.size() << " articles\n";
  return 0;
}
