#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli.h"

namespace folio::cli {
namespace fs = std::filesystem;

namespace {

bool is_markdown(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".md" || ext == ".markdown" || ext == ".mdown";
}

}  // namespace

std::vector<SourceFile> collect_sources(const std::vector<std::string>& inputs,
                                        std::vector<Diagnostic>& diagnostics) {
  std::vector<SourceFile> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    const fs::file_status status = fs::status(input, ec);
    if (ec || !fs::exists(status)) {
      diagnostics.push_back(
          {Severity::error, input, 0, 0, code::kIoUnreadable, "no such file or directory"});
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back({input, input});
      continue;
    }
    std::vector<SourceFile> found;
    for (auto it = fs::recursive_directory_iterator(
             input, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec) || !is_markdown(it->path())) continue;
      const std::string relative = fs::relative(it->path(), input, ec).generic_string();
      std::string joined = input;
      if (!joined.empty() && joined.back() != '/') joined += '/';
      found.push_back({joined + relative, it->path().string()});
    }
    if (ec) {
      diagnostics.push_back({Severity::error, input, 0, 0, code::kIoUnreadable, ec.message()});
    }
    // Directory order differs between file systems; sorting keeps builds reproducible.
    std::sort(found.begin(), found.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.source < b.source; });
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return false;
  out = std::move(buffer).str();
  return true;
}

long long file_size(const std::string& path) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  return ec ? -1 : static_cast<long long>(size);
}

bool write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  return static_cast<bool>(out);
}

}  // namespace folio::cli
