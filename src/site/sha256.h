// SHA-256 (FIPS 180-4), for naming a sharded site's files by their content (internal).
#pragma once

#include <string>
#include <string_view>

namespace folio::site {

// The digest of `data` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace folio::site
