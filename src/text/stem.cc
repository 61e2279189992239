// English stemming through Snowball's libstemmer (the "english" algorithm, Porter2): Debian's
// libstemmer-dev natively, the same 2.2.0 release compiled from Debian's source package in WASM
// (cmake/FolioDeps.cmake), so both give the same stems.
#include <libstemmer.h>

#include <memory>
#include <new>

#include <folio/text.h>

namespace folio {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

// A stemmer keeps its working buffer between calls, so each thread has its own.
sb_stemmer* english_stemmer() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("english", "UTF_8"));
  return stemmer.get();
}

}  // namespace

bool is_english_word(std::string_view word) {
  if (word.empty()) return false;
  for (const char c : word) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

std::string english_stem(std::string_view word) {
  if (!is_english_word(word)) return std::string(word);
  sb_stemmer* stemmer = english_stemmer();
  if (stemmer == nullptr) throw std::bad_alloc();
  const sb_symbol* stem = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                                          static_cast<int>(word.size()));
  if (stem == nullptr) throw std::bad_alloc();
  return std::string(reinterpret_cast<const char*>(stem),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer)));
}

}  // namespace folio
