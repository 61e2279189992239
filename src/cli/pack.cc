#include "cli.h"

namespace folio::cli {

PackResult pack_single_file(const SiteFiles& files) {
  (void)files;
  return {"", "--single-file is not built yet"};
}

}  // namespace folio::cli
