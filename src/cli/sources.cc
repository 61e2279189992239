// What `folio build` reads from the folders it is given (README, "What build reads"): the posts
// of a Jekyll, Hexo or Hugo site, or every Markdown file of a plain folder, skipping what those
// generators skip.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli.h"

namespace folio::cli {
namespace fs = std::filesystem;

const char* layout_name(Layout layout) {
  switch (layout) {
    case Layout::file:
      return "file";
    case Layout::jekyll:
      return "jekyll";
    case Layout::hexo:
      return "hexo";
    case Layout::hugo:
      return "hugo";
    case Layout::folder:
      break;
  }
  return "folder";
}

namespace {

bool is_markdown(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".md" || ext == ".markdown" || ext == ".mdown";
}

SourceKind kind_of_file(const fs::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".jsonl" || ext == ".ndjson") return SourceKind::json_lines;
  if (ext == ".json") return SourceKind::corpus_json;
  return SourceKind::markdown;
}

bool is_dir(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// Folders no generator reads: version control and tool folders (.git, .github), installed
// packages, and the generators' own output.
bool skipped_folder(const std::string& name) {
  return name.empty() || name[0] == '.' || name == "node_modules" || name == "_site" ||
         name == "vendor";
}

bool drafts_folder(const std::string& name) { return name == "_drafts" || name == "drafts"; }

struct Walk {
  fs::path input;           // the folder given
  std::string shown;        // how it was given, with a trailing '/'
  bool posts_only = false;  // Jekyll: only files inside a _posts folder (or _drafts)
  std::vector<SourceFile>* out;
};

// Every Markdown file under `dir` (which is `prefix` inside the input), recursively;
// `in_posts`/`in_drafts` say whether an ancestor is a _posts or drafts folder.
void walk(const Walk& w, const fs::path& dir, const std::string& prefix, bool in_posts,
          bool in_drafts, std::vector<Diagnostic>& diagnostics) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    entries.push_back(*it);
  }
  if (ec) {
    diagnostics.push_back(
        {Severity::error, w.shown + prefix, 0, 0, code::kIoUnreadable, "cannot list the folder"});
    return;
  }
  // Directory order differs between file systems; sorting keeps builds reproducible.
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) {
              return a.path().filename().string() < b.path().filename().string();
            });
  for (const fs::directory_entry& entry : entries) {
    const std::string name = entry.path().filename().string();
    std::error_code type_ec;
    if (entry.is_directory(type_ec)) {
      if (entry.is_symlink(type_ec)) continue;  // a link back up would never end
      if (skipped_folder(name)) continue;
      walk(w, entry.path(), prefix + name + "/", in_posts || name == "_posts",
           in_drafts || drafts_folder(name), diagnostics);
      continue;
    }
    if (name.empty() || name[0] == '.' || !is_markdown(entry.path())) continue;
    if (!entry.is_regular_file(type_ec)) continue;
    if (w.posts_only && !in_posts && !in_drafts) continue;
    SourceFile file;
    file.relative = prefix + name;
    file.source = w.shown + file.relative;
    file.path = entry.path().string();
    file.in_drafts_folder = in_drafts;
    file.list_page = name == "_index.md";
    w.out->push_back(std::move(file));
  }
}

// How a folder is laid out: Hexo keeps posts in source/_posts, Jekyll in _posts (and
// <category>/_posts), Hugo everything under content/. Anything else is a plain folder.
Layout detect_layout(const fs::path& dir) {
  if (is_dir(dir / "source" / "_posts")) return Layout::hexo;
  if (is_dir(dir / "_posts")) return Layout::jekyll;
  if (is_dir(dir / "content")) return Layout::hugo;
  return Layout::folder;
}

}  // namespace

CollectedSources collect_sources(const std::vector<std::string>& inputs,
                                 std::vector<Diagnostic>& diagnostics) {
  CollectedSources out;
  for (const std::string& input : inputs) {
    std::error_code ec;
    const fs::file_status status = fs::status(input, ec);
    if (ec || !fs::exists(status)) {
      diagnostics.push_back(
          {Severity::error, input, 0, 0, code::kIoUnreadable, "no such file or directory"});
      continue;
    }
    if (!fs::is_directory(status)) {
      SourceFile file;
      file.source = input;
      file.path = input;
      file.relative = fs::path(input).filename().string();
      file.kind = kind_of_file(input);
      file.list_page = file.relative == "_index.md";
      out.files.push_back(std::move(file));
      out.roots.push_back({input, Layout::file, {}});
      continue;
    }
    const fs::path dir(input);
    std::string shown = input;
    if (!shown.empty() && shown.back() != '/') shown += '/';
    InputRoot root{input, detect_layout(dir), {}};
    std::vector<SourceFile> found;
    const auto walk_folder = [&](const std::string& sub, bool posts_only, bool drafts) {
      const fs::path folder = sub.empty() ? dir : dir / sub;
      if (!is_dir(folder)) return;
      root.folders.push_back(sub.empty() ? "." : sub);
      Walk w{dir, shown, posts_only, &found};
      walk(w, folder, sub.empty() ? "" : sub + "/", false, drafts, diagnostics);
    };
    switch (root.layout) {
      case Layout::hexo:
        walk_folder("source/_posts", false, false);
        walk_folder("source/_drafts", false, true);
        break;
      case Layout::jekyll:
        walk_folder("", true, false);
        break;
      case Layout::hugo:
        walk_folder("content", false, false);
        break;
      default:
        walk_folder("", false, false);
        break;
    }
    out.files.insert(out.files.end(), std::make_move_iterator(found.begin()),
                     std::make_move_iterator(found.end()));
    out.roots.push_back(std::move(root));
  }
  return out;
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
