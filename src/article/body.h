// Text helpers shared inside the article layer (internal).
#pragma once

#include <string>
#include <string_view>

namespace folio::detail {

// An explicit summary/description/excerpt as plain text: Markdown read, HTML tags dropped,
// common entities decoded, template tags removed, white space collapsed.
std::string summary_text(std::string_view value);

// A title or author as one line of text: template tags removed, white space collapsed.
std::string plain_title(std::string_view value);

}  // namespace folio::detail
