// Not a fuzz target: writes corpus.json and folio-index.bin for the Markdown files given, as
// `folio build` would, as seeds for the corpus and index fuzzers (fuzz/make-seeds.sh). A tool
// of its own because the CLI's build also needs the WASM runtime, which a fuzz run does not.
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <folio/article.h>
#include <folio/corpus.h>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: fuzz_seed_tool OUT_DIR FILE.md...\n";
    return 2;
  }
  const std::string out_dir = argv[1];
  folio::CorpusBuilder builder;
  std::vector<folio::Diagnostic> diagnostics;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    folio::ParsedArticle parsed = folio::parse_article(text, argv[i]);
    if (parsed.article) builder.add(std::move(*parsed.article), diagnostics);
  }
  const folio::Corpus corpus = builder.take();
  std::ofstream(out_dir + "/corpus.json", std::ios::binary) << folio::corpus_to_json(corpus);
  std::ofstream(out_dir + "/folio-index.bin", std::ios::binary)
      << folio::encode_corpus_index(corpus);
  std::cout << corpus.articles.size() << " articles\n";
  return 0;
}
