// Markdown bodies to HTML fragments and to plain text.
#pragma once

#include <string>
#include <string_view>

namespace folio {

struct RenderOptions {
  // Grows with folio 3 (trusted mode, base URL, heading ids); the default is always the safe one.
};

// The body as an HTML fragment: CommonMark + GitHub tables, strikethrough, task lists and
// autolinks. Raw HTML in the Markdown is escaped and shown as text, never emitted as markup.
std::string render_html(std::string_view markdown, const RenderOptions& options = {});

// What a reader sees of the rendered body, without markup: one line per block, soft line
// breaks as spaces. Search indexes this text, never the Markdown syntax.
std::string render_plain_text(std::string_view markdown);

}  // namespace folio
