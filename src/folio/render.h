// Markdown bodies to HTML fragments (with their table of contents) and to plain text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace folio {

// The default of RenderOptions::trusted: false unless folio was configured with
// -DFOLIO_TRUSTED_HTML=ON, a build for sites whose every article is its owner's own writing.
#ifdef FOLIO_TRUSTED_HTML
inline constexpr bool kTrustedHtmlByDefault = true;
#else
inline constexpr bool kTrustedHtmlByDefault = false;
#endif

// Extensions to CommonMark, one bit each (md4c's MD_FLAG_* of the same names).
enum MarkdownExtension : unsigned {
  kTables = 1u << 0,
  kStrikethrough = 1u << 1,
  kTaskLists = 1u << 2,
  kUrlAutolinks = 1u << 3,    // http://, https://, ftp:// URLs without <>
  kWwwAutolinks = 1u << 4,    // www.example.com without <>
  kEmailAutolinks = 1u << 5,  // a@b.example without <> or mailto:
  // md4c's GitHub dialect: all of the above.
  kGithubDialect =
      kTables | kStrikethrough | kTaskLists | kUrlAutolinks | kWwwAutolinks | kEmailAutolinks,
  kCommonMarkOnly = 0,
};

struct RenderOptions {
  // false (safe, the default): raw HTML goes through folio's allowlist (README.md, "Raw HTML in
  // articles") and link/image URLs must be http, https, mailto, relative or #fragment.
  // true: raw HTML is written as it is and URLs are not checked, as CommonMark specifies. Only
  // for text you wrote yourself: such an article can run script in the page that shows it.
  bool trusted = kTrustedHtmlByDefault;
  unsigned extensions = kGithubDialect;  // MarkdownExtension bits
  // What folio adds for readers: heading ids, rel="noopener noreferrer" on links to other
  // sites, loading="lazy" on images. Off gives exactly the HTML of the CommonMark spec.
  bool reader_extras = true;
  // Emphasis next to full-width CJK punctuation, as proposed for commonmark-spec#650
  // ("**真，**她" renders bold). Off by default: it is not CommonMark.
  bool cjk_friendly_emphasis = false;
  // Relative link and image URLs are resolved against this absolute http(s) URL; "" (or
  // anything that is not an absolute http(s) URL) leaves them as written.
  std::string base_url;
};

// One heading of a rendered document.
struct TocEntry {
  int level = 1;     // 1 for <h1> ... 6 for <h6>
  std::string id;    // the heading's id attribute: unique in the document, the same every build
  std::string text;  // what the heading says, as plain text
};

struct RenderedDocument {
  std::string html;
  std::vector<TocEntry> toc;  // every heading, in document order
};

// The body as an HTML fragment, and its headings. `markdown` is UTF-8; invalid bytes are copied
// as they are (they can never form markup) and are the caller's to reject: parse_article, the
// CLI and folio.js's TextEncoder all hand over valid UTF-8.
RenderedDocument render_document(std::string_view markdown, const RenderOptions& options = {});
std::string render_html(std::string_view markdown, const RenderOptions& options = {});
// Appends the HTML of `markdown` to `out` (and its headings to `toc` when given): the allocation-
// friendly form for rendering many documents into one buffer.
void render_html_into(std::string& out, std::string_view markdown, const RenderOptions& options,
                      std::vector<TocEntry>* toc = nullptr);

// Appends UTF-8 text (HTML from the functions above) as UTF-16 code units, for hosts whose
// strings are UTF-16: the WASM module hands folio.js UTF-16, which JS engines turn into a string
// much faster than UTF-8 full of CJK text.
void append_utf16(std::u16string& out, std::string_view utf8);

// True for an absolute http(s) URL with a host, the only kind RenderOptions::base_url accepts.
bool is_valid_base_url(std::string_view url);

// What a reader sees of the rendered body, without markup: one line per block, soft line
// breaks as spaces. Search indexes this text, never the Markdown syntax.
std::string render_plain_text(std::string_view markdown);

}  // namespace folio
