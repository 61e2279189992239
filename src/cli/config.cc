// folio.yaml: the build's configuration file, read from the first input folder (or --config).
// README "Configuration" lists its keys; a flag on the command line wins over the file.
#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "cli.h"

namespace folio::cli {
namespace fs = std::filesystem;

namespace {

constexpr char kKnownKeys[] =
    "timezone, title, lang, base_url, cjk_emphasis, output, single_file, drafts, list_pages";

}  // namespace

BuildConfig read_build_config(const std::vector<std::string>& inputs,
                              const std::string& explicit_path,
                              std::vector<Diagnostic>& diagnostics) {
  BuildConfig config;
  if (!explicit_path.empty()) {
    config.source = explicit_path;
  } else {
    for (const std::string& input : inputs) {
      std::error_code ec;
      if (!fs::is_directory(input, ec)) continue;
      const fs::path path = fs::path(input) / "folio.yaml";
      if (fs::is_regular_file(path, ec)) config.source = path.string();
      break;
    }
  }
  if (config.source.empty()) return config;

  const auto fail = [&](int line, int column, const char* code, std::string message) {
    diagnostics.push_back({Severity::error, config.source, line, column, code, std::move(message)});
    config.ok = false;
    return config;
  };
  std::string text;
  if (!read_file(config.source, text)) {
    return fail(0, 0, code::kIoUnreadable, "cannot read the file");
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return fail(e.mark.line + 1, e.mark.column + 1, code::kConfigSyntax, e.msg);
  }
  if (root.IsNull()) return config;
  if (!root.IsMap()) {
    return fail(1, 1, code::kConfigSyntax, "folio.yaml must be a map of `key: value` lines");
  }
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    const YAML::Mark mark = value.Mark();
    const auto text_setting = [&](Setting& into) {
      if (!value.IsScalar()) {
        fail(mark.line + 1, mark.column + 1, code::kConfigValue, "'" + key + "' must be text");
        return;
      }
      into = Setting{value.Scalar(), mark.line + 1, mark.column + 1, true};
    };
    const auto flag_setting = [&](std::optional<bool>& into) {
      bool flag = false;
      if (!value.IsScalar() || !YAML::convert<bool>::decode(value, flag)) {
        fail(mark.line + 1, mark.column + 1, code::kConfigValue,
             "'" + key + "' must be true or false");
        return;
      }
      into = flag;
    };
    if (key == "timezone") {
      text_setting(config.timezone);
    } else if (key == "title") {
      text_setting(config.title);
    } else if (key == "lang" || key == "language") {
      text_setting(config.lang);
    } else if (key == "base_url" || key == "baseURL") {
      text_setting(config.base_url);
    } else if (key == "output") {
      text_setting(config.output);
    } else if (key == "single_file") {
      text_setting(config.single_file);
    } else if (key == "drafts") {
      flag_setting(config.drafts);
    } else if (key == "list_pages") {
      flag_setting(config.list_pages);
    } else if (key == "cjk_emphasis") {
      flag_setting(config.cjk_emphasis);
    } else {
      diagnostics.push_back({Severity::warning, config.source, entry.first.Mark().line + 1,
                             entry.first.Mark().column + 1, code::kConfigUnknownKey,
                             "unknown key '" + key + "' (this folio reads: " + kKnownKeys + ")"});
    }
  }
  // Paths in the file are relative to the file's folder, not to where folio runs.
  const fs::path folder = fs::path(config.source).parent_path();
  for (Setting* path : {&config.output, &config.single_file}) {
    if (path->given && fs::path(path->value).is_relative()) {
      path->value = (folder / path->value).lexically_normal().string();
    }
  }
  return config;
}

}  // namespace folio::cli
