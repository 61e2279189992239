// The rendering half of the WASM surface (render_glue.h): glue only, as the others. A C++
// exception never reaches JS (toolchain.md pitfall 10): a failed render answers empty output.
#include "render_glue.h"

#include <emscripten/bind.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include <folio/corpus.h>
#include <folio/render.h>

namespace folio_bind {

// Rendering crosses the JS/WASM boundary as UTF-8 bytes, not as Embind std::string values:
// Embind 3.1.6 converts those with per-character JS loops (lengthBytesUTF8 + stringToUTF8 in,
// a NUL scan + UTF8ToString out), which cost more than md4c's parse. folio.js instead encodes
// into inputBuffer() with TextEncoder.encodeInto and decodes the returned view with one
// TextDecoder call. A view into WASM memory is valid only until the next allocation, so
// folio.js decodes it at once.
namespace {

std::string g_input;
std::vector<std::uint32_t> g_input_offsets;  // renderBatch: document boundaries in g_input
std::string g_output;
std::vector<std::uint32_t> g_output_offsets;  // renderBatch: document boundaries in g_output
std::u16string g_output16;                    // g_output as UTF-16 (kUtf16)

emscripten::val bytes_view(const std::string& bytes) {
  return emscripten::val(emscripten::typed_memory_view(
      bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data())));
}

}  // namespace

std::string& output_buffer() { return g_output; }

// UTF-16: V8 and Blink turn it into a string about twice as fast when the text is mostly CJK.
emscripten::val output_view(int flags) {
  if (!(flags & kUtf16)) return bytes_view(g_output);
  g_output16.clear();
  folio::append_utf16(g_output16, g_output);
  return emscripten::val(emscripten::typed_memory_view(
      g_output16.size(), reinterpret_cast<const std::uint16_t*>(g_output16.data())));
}

folio::RenderOptions render_options(int flags, const std::string& base_url,
                                    folio::RenderOptions options) {
  if (flags & kTrusted) options.trusted = true;
  if (flags & kSafe) options.trusted = false;
  if (flags & kCommonMark) {
    options.extensions = folio::kCommonMarkOnly;
    options.reader_extras = false;
  }
  if (flags & kNoExtras) options.reader_extras = false;
  if (flags & kCjkEmphasis) options.cjk_friendly_emphasis = true;
  if (flags & kNoCjkEmphasis) options.cjk_friendly_emphasis = false;
  if (!base_url.empty()) options.base_url = base_url;
  return options;
}

void render_into_output(std::string_view markdown, const folio::RenderOptions& options, int flags) {
  g_output.clear();
  if (flags & kToc) {
    g_output = folio::rendered_document_json(folio::render_document(markdown, options));
  } else {
    folio::render_html_into(g_output, markdown, options);
  }
}

namespace {

// A view of `size` writable bytes. The buffer only grows: resizing down and up again would
// zero-fill the difference on every call.
emscripten::val input_buffer(std::size_t size) {
  if (g_input.size() < size) g_input.resize(size);
  return emscripten::val(
      emscripten::typed_memory_view(size, reinterpret_cast<std::uint8_t*>(g_input.data())));
}

emscripten::val input_offsets(std::size_t count) {
  g_input_offsets.resize(count);
  return emscripten::val(emscripten::typed_memory_view(count, g_input_offsets.data()));
}

// Renders the first `used` bytes of the input buffer; answers a view of the HTML (or JSON).
emscripten::val render_input(std::size_t used, int flags, const std::string& base_url) {
  try {
    render_into_output(std::string_view(g_input.data(), std::min(used, g_input.size())),
                       render_options(flags, base_url), flags);
  } catch (const std::exception&) {
    g_output.clear();
  }
  return output_view(flags);
}

// Renders `count` documents at once: document i is input bytes [offsets[i], offsets[i+1]) of the
// input buffer, its HTML output bytes [outputOffsets()[i], outputOffsets()[i+1]).
emscripten::val render_batch(std::size_t count, int flags, const std::string& base_url) {
  g_output.clear();
  g_output_offsets.assign(1, 0);
  const folio::RenderOptions options = render_options(flags & ~kToc, base_url);
  for (std::size_t i = 0; i < count && i + 1 < g_input_offsets.size(); ++i) {
    const std::uint32_t begin = std::min<std::uint32_t>(g_input_offsets[i], g_input.size());
    const std::uint32_t end =
        std::max(begin, std::min<std::uint32_t>(g_input_offsets[i + 1], g_input.size()));
    try {
      folio::render_html_into(g_output, std::string_view(g_input.data() + begin, end - begin),
                              options);
    } catch (const std::exception&) {
      g_output.resize(g_output_offsets.back());
    }
    g_output_offsets.push_back(static_cast<std::uint32_t>(g_output.size()));
  }
  return bytes_view(g_output);  // UTF-8: for one large batch it decoded faster than UTF-16
}

emscripten::val output_offsets() {
  return emscripten::val(
      emscripten::typed_memory_view(g_output_offsets.size(), g_output_offsets.data()));
}

std::string render_markdown(const std::string& markdown) {
  try {
    return folio::render_html(markdown);
  } catch (const std::exception&) {
    return {};
  }
}

std::string version() { return FOLIO_VERSION; }

}  // namespace

}  // namespace folio_bind

// Every module registers these; library_glue.cc and sharded_glue.cc add the classes.
EMSCRIPTEN_BINDINGS(folio_render) {
  using namespace folio_bind;
  emscripten::function("renderMarkdown", &render_markdown);
  emscripten::function("inputBuffer", &input_buffer);
  emscripten::function("inputOffsets", &input_offsets);
  emscripten::function("renderInput", &render_input);
  emscripten::function("renderBatch", &render_batch);
  emscripten::function("outputOffsets", &output_offsets);
  emscripten::function("version", &version);
}
