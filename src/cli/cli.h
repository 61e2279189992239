// The native program's parts (internal to the CLI).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <folio/corpus.h>

namespace folio::cli {

struct SourceFile {
  std::string source;  // the path as the user gave it, or joined onto the directory they gave
  std::string path;    // where to read it
};

// Expands files and directories (recursively: *.md, *.markdown) in a stable, sorted order.
// Inputs that do not exist are reported as io.unreadable.
std::vector<SourceFile> collect_sources(const std::vector<std::string>& inputs,
                                        std::vector<Diagnostic>& diagnostics);

bool read_file(const std::string& path, std::string& out);

// The size of a file, or -1 when it cannot be read (checked before reading, so a huge file is
// never loaded into memory).
long long file_size(const std::string& path);

// folio.yaml in the first input folder (if any): the corpus's settings.
struct BuildConfig {
  std::string source;    // the folio.yaml read, or empty
  std::string timezone;  // `timezone:`: "+08:00", "UTC" or an IANA name; empty when not given
  int timezone_line = 0;
  int timezone_column = 0;
  bool ok = true;  // false: the file exists but cannot be used (diagnostics say why)
};
BuildConfig read_build_config(const std::vector<std::string>& inputs,
                              std::vector<Diagnostic>& diagnostics);
bool write_file(const std::string& path, const std::string& content);

// Writes corpus.json and copies the web shell and the WASM runtime beside it.
// Returns an error message, empty on success.
std::string write_site(const std::string& site_dir, const Corpus& corpus);

// Reads <site>/corpus.json (or the given .json file).
LoadedCorpus load_site(const std::string& site);

// The bytes of <site>/folio-index.bin (beside the given .json file), if there is one.
std::optional<std::string> read_site_index(const std::string& site);

}  // namespace folio::cli
