// HTML character references, decoded with md4c's own entity table (entity.c, part of
// md4c-html in Debian's libmd4c-html and in the WASM build), so Markdown entities and entities in
// raw HTML decode the same way, natively and in WASM.
#pragma once

#include <string>
#include <string_view>

namespace folio::render_detail {

// Appends the text of one complete reference as md4c reports it (MD_TEXT_ENTITY): "&amp;",
// "&#35;", "&#x22;". Returns false, appending nothing, when the name is unknown.
bool append_entity(std::string& out, std::string_view reference);

// Appends `text` with its character references decoded: named ones that end in ';' and numeric
// ones with or without ';' (HTML's rules, minus the legacy names that may omit ';', which stay
// as written). Used on raw HTML text and attribute values before folio re-escapes them.
void append_decoded(std::string& out, std::string_view text);

}  // namespace folio::render_detail
