// `folio --help` and `folio <command> --help`. The README's "The command-line tool" section
// says the same with examples; change both together.
#include <cstring>

#include "cli.h"

namespace folio::cli {

extern const char kOverview[] = R"(folio: publish and search an archive of Markdown articles

usage: folio <command> [options]

commands:
  build    read articles and write a static site (or one HTML file)
  check    report every problem in the articles, writing nothing
  search   search a built site, as the browser does
  show     print one article of a built site
  render   print a Markdown file as safe HTML

`folio <command> --help` describes a command's options.

options:
  -h, --help      this text
  --version       folio's version and corpus format

exit codes: 0 ok, 1 a problem with the input, 2 a usage error
)";

namespace {

constexpr char kBuildHelp[] = R"(usage: folio build <folder|file>... -o <site> [options]
       folio build <folder|file>... --single-file <file.html> [options]

Reads articles and writes a static site: corpus.json, the search index, the viewer and its
WebAssembly core. Any static host serves it; nothing runs on a server.

What it reads:
  a Jekyll site (_posts/), a Hexo site (source/_posts/), a Hugo site (content/), or any folder of
  Markdown files (*.md, *.markdown); a JSON Lines file (.jsonl, .ndjson) of
  {"title", "author", "date", "url", "body"} records; folio's own corpus.json. Hidden folders,
  node_modules/, _site/ and vendor/ are never read; drafts (`draft: true`, _drafts/ folders) and
  Hugo list pages (_index.md) are left out unless asked for.

output:
  -o, --output <folder>      write the site into this folder
  --single-file <file.html>  write the whole site as one HTML file that opens from disk, with
                             no server (an archive you can mail)
  --layout auto|single|sharded
                             single: one corpus.json + folio-index.bin; sharded (--sharded):
                             a small entry and content-hashed data/ files the browser fetches
                             piece by piece (src/site/FORMAT.md); auto (default): sharded past
                             5,000 articles or 64 MiB of Markdown
  --report <file.json>       also write what happened, file by file, as JSON

the site:
  --title <text>             the site's title (index.html's <title>)
  --lang <tag>               the site's language: zh, en, zh-Hant, ...
  --timezone <zone>          the zone of dates written without one: +08:00, UTC, Asia/Shanghai
                             (default UTC)
  --base-url <url>           resolve relative links and images in articles against this
                             http(s) URL (where the original site keeps its images)
  --cjk-emphasis             emphasis next to full-width CJK punctuation (**真，**她), as
                             `folio render --cjk-emphasis`
  --drafts                   include drafts
  --list-pages               include Hugo list pages (_index.md)
  --config <folio.yaml>      read settings from this file; by default folio.yaml in the first
                             folder given, if there is one. Flags win over the file

running:
  -j, --jobs <n>             threads to parse with (default: one per core)
  -q, --quiet                print errors only
  -v, --verbose              print every file read, every file left out, and timings
  --strict                   exit 1 when any file was skipped or warned about (drafts and list
                             pages do not count); the site is still written

A progress bar shows on a terminal; a summary ends every build. The same input always gives
byte-identical output.

examples:
  folio build ~/blog -o site                       # a Jekyll, Hexo or Hugo site, or a folder
  folio build posts/ --title "My notes" --lang en -o site
  folio build scraped.jsonl --timezone Asia/Shanghai -o site
  folio build assets --single-file archive.html    # one file, opens from disk

exit codes: 0 the site was written (skipped files are reported, not fatal), 1 a problem with the
input (--strict: anything skipped or warned about), 2 a usage error (an unknown option, no input,
an unknown time zone, a folio.yaml that cannot be used)
)";

constexpr char kCheckHelp[] = R"(usage: folio check <folder|file>... [options]

Reads articles as `folio build` does and reports every problem as
file:line:column: code: message, without writing a site.

options:
  --strict                   warnings fail the check too
  --report <file.json>       write the report `folio build --report` writes
  --timezone <zone>          the zone of dates written without one (+08:00, UTC, Asia/Shanghai)
  --drafts                   check drafts too (they are listed as left out otherwise)
  --list-pages               check Hugo list pages (_index.md) too
  --config <folio.yaml>      read settings from this file (default: <first folder>/folio.yaml)
  -j, --jobs <n>             threads to parse with (default: one per core)
  -q, --quiet                print errors only
  -v, --verbose              also print the files left out, and timings

examples:
  folio check ~/blog
  folio check ~/blog --strict --report problems.json

exit codes: 0 no errors (no warnings either, with --strict), 1 errors in the input (or warnings,
with --strict), 2 a usage error
)";

constexpr char kSearchHelp[] = R"(usage: folio search <site> <query> [options]

Searches a built site (its folder, or its corpus.json) with the same engine, index
(folio-index.bin) and ranking as the browser. Chinese is matched exactly as written; Latin words
as whole words, ignoring case and accents; several terms must all match. The query language
("phrases", -exclude, author:, tag:, date ranges) is in the sample site's search-syntax article.

options:
  --json                     print {"total", "offset", "limit", "hits": [{"id", "title",
                             "date", "author", "tags", "snippet", "score"}], "facets"}, the
                             JSON folio.js returns in the browser
  --limit <n>                at most n hits (default 20)
  --offset <n>               skip the first n hits (pages of results)
  --sort <order>             relevance (default), newest or oldest
  --prefix                   the last word may be unfinished (search while typing)
  --no-snippets              hits without snippets (faster, for counting and listing)

examples:
  folio search site 微信
  folio search site '"open source" -draft' --json --limit 5
  folio search site 'author:谢益辉 统计' --sort newest

exit codes: 0 searched (even with no hits), 1 the site cannot be read, 2 a usage error
)";

constexpr char kShowHelp[] = R"(usage: folio show <site> <id> [--json]

Prints one article of a built site as HTML, rendered exactly as the browser renders it (raw HTML
in the article is shown as text, never run).

options:
  --json                     print the article's metadata with its HTML:
                             {"id", "title", "author", "date", ..., "meta", "html"}

examples:
  folio show site 17254
  folio show site 17254 --json

exit codes: 0 shown, 1 no such article or the site cannot be read, 2 a usage error
)";

constexpr char kRenderHelp[] = R"(usage: folio render <file.md|-> [options]

Prints a Markdown file (or standard input, `-`) as safe HTML. A file with front matter renders
its body.

options:
  --trusted                  write raw HTML as CommonMark says; only for text you wrote
                             yourself (such an article can run script in the page)
  --safe                     the default: raw HTML through folio's allowlist
  --commonmark               no GitHub extensions and exactly the spec's HTML
  --no-front-matter          the whole file is Markdown
  --base-url <url>           resolve relative links and images against this http(s) URL
  --cjk-emphasis             emphasis next to full-width CJK punctuation (**真，**她)
  --json                     print {"html", "toc": [{"level", "id", "text"}]}

examples:
  folio render post.md
  echo '# Hello' | folio render -

exit codes: 0 rendered, 1 the file cannot be read or used, 2 a usage error
)";

}  // namespace

const char* command_help(const std::string& command) {
  if (command == "build") return kBuildHelp;
  if (command == "check") return kCheckHelp;
  if (command == "search") return kSearchHelp;
  if (command == "show") return kShowHelp;
  if (command == "render") return kRenderHelp;
  return nullptr;
}

}  // namespace folio::cli
