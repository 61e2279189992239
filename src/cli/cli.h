// The native program's parts (internal to the CLI).
#pragma once

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
bool write_file(const std::string& path, const std::string& content);

// Writes corpus.json and copies the web shell and the WASM runtime beside it.
// Returns an error message, empty on success.
std::string write_site(const std::string& site_dir, const Corpus& corpus);

// Reads <site>/corpus.json (or the given .json file).
LoadedCorpus load_site(const std::string& site);

}  // namespace folio::cli
