// Which link and image URLs an untrusted article may use, decided the way a browser will read
// them, and relative URLs resolved against a base.
#pragma once

#include <string>
#include <string_view>

namespace folio::render_detail {

enum class UrlKind {
  blocked,   // any other scheme (javascript:, data:, vbscript:, file:, ...), or unparseable
  fragment,  // "#..." : a place in this document
  relative,  // a path, "?query" or "" : resolved against the base URL when there is one
  network,   // "//host/..." : the page's own scheme on another host
  web,       // http: or https:
  mailto,
};

// Cleans `url` in place as a browser's URL parser would (leading and trailing C0 controls and
// spaces removed, tabs and newlines removed everywhere) and classifies the result. Character
// references must already be decoded, so "&#106;avascript:" is seen as "javascript:". Stricter
// than a browser where it can be: a ':' before the first '/', '?' or '#' must end an allowed
// scheme, so "java\1script:", "%6Aavascript:" or "jav&#x0;ascript:" are blocked even where a
// browser would read them as harmless relative paths.
UrlKind clean_and_classify_url(std::string& url);

// True when `kind` points off this site (gets rel="noopener noreferrer").
inline bool is_external(UrlKind kind) { return kind == UrlKind::web || kind == UrlKind::network; }

// True for an absolute http(s) URL with a host: the only kind of base folio resolves against.
bool is_valid_base_url(std::string_view base);

// Everything a link or image URL goes through in safe mode: clean and classify it, then resolve
// a relative or network-path reference against `base_url` when that is a valid base. On return
// `url` is what to write (percent-encoded by append_url_escaped); a blocked URL must not be
// written at all.
UrlKind prepare_url(std::string& url, std::string_view base_url);

// RFC 3986 section 5.2 reference resolution of a relative or network-path reference against an
// absolute http(s) base. Fragments and absolute URLs are returned unchanged.
std::string resolve_url(std::string_view base, std::string_view reference);

}  // namespace folio::render_detail
