// folio.yaml: the build's configuration file, read from the first input folder. Kept small on
// purpose (issue 7 extends it); README "Configuration" lists its keys.
#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "cli.h"

namespace folio::cli {
namespace fs = std::filesystem;

BuildConfig read_build_config(const std::vector<std::string>& inputs,
                              std::vector<Diagnostic>& diagnostics) {
  BuildConfig config;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (!fs::is_directory(input, ec)) continue;
    const fs::path path = fs::path(input) / "folio.yaml";
    if (!fs::is_regular_file(path, ec)) return config;
    config.source = path.string();
    std::string text;
    if (!read_file(config.source, text)) {
      diagnostics.push_back(
          {Severity::error, config.source, 0, 0, code::kIoUnreadable, "cannot read the file"});
      config.ok = false;
      return config;
    }
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      diagnostics.push_back({Severity::error, config.source, e.mark.line + 1, e.mark.column + 1,
                             code::kConfigSyntax, e.msg});
      config.ok = false;
      return config;
    }
    if (root.IsNull()) return config;
    if (!root.IsMap()) {
      diagnostics.push_back({Severity::error, config.source, 1, 1, code::kConfigSyntax,
                             "folio.yaml must be a map of `key: value` lines"});
      config.ok = false;
      return config;
    }
    for (const auto& entry : root) {
      const std::string key = entry.first.Scalar();
      const YAML::Mark mark = entry.second.Mark();
      if (key == "timezone" && entry.second.IsScalar()) {
        config.timezone = entry.second.Scalar();
        config.timezone_line = mark.line + 1;
        config.timezone_column = mark.column + 1;
      } else {
        diagnostics.push_back({Severity::warning, config.source, entry.first.Mark().line + 1,
                               entry.first.Mark().column + 1, code::kConfigUnknownKey,
                               "unknown key '" + key + "' (this folio reads: timezone)"});
      }
    }
    return config;
  }
  return config;
}

}  // namespace folio::cli
