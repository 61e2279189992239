// The rendering part of the WASM surface, in every module: folio-core (everything), folio-site
// (a sharded site) and folio-render (only this: what a reader opening an article needs, about a
// third of folio-core's bytes; issue 8). library_glue.cc's Library handle renders through the
// same buffers.
#pragma once

#include <emscripten/val.h>

#include <string>
#include <string_view>

#include <folio/render.h>

namespace folio_bind {

// folio.js's render options as one integer (web/folio.js, renderFlags) plus the base URL.
enum RenderFlag : int {
  kTrusted = 1,         // explicit opt-in by the calling code (renderMarkdown only)
  kSafe = 2,            // force safe mode in a FOLIO_TRUSTED_HTML build
  kCommonMark = 4,      // no GitHub extensions, no reader extras
  kCjkEmphasis = 8,     // commonmark-spec#650
  kNoExtras = 16,       // no heading ids, rel or loading attributes
  kToc = 32,            // answer {html, toc} as JSON instead of the HTML alone
  kNoCjkEmphasis = 64,  // renderView: turn off a corpus's cjkEmphasis setting
  kUtf16 = 128,         // answer UTF-16 (a Uint16Array view) rather than UTF-8 bytes
};

// The output buffer (HTML, or {html, toc} JSON with kToc) as folio.js asked for it: UTF-8 bytes,
// or UTF-16 code units with kUtf16. A view into WASM memory, valid until the next allocation.
emscripten::val output_view(int flags);
std::string& output_buffer();

folio::RenderOptions render_options(int flags, const std::string& base_url,
                                    folio::RenderOptions options = {});
void render_into_output(std::string_view markdown, const folio::RenderOptions& options, int flags);

}  // namespace folio_bind
