#!/usr/bin/env bash
# Runs folio's libFuzzer targets (fuzz/README.md), built by the 'sanitize' preset (ASan + UBSan,
# the default build directory) or the 'fuzz' preset (UBSan alone, --build-dir build/fuzz).
#   scripts/fuzz.sh [--build-dir DIR] [--target NAME]... [--seconds N | --runs N] [--smoke]
#                   [--seeds-only] [-- more libFuzzer flags]
# Every target by default. Seeds are made here, at run time, from ../shared (the corpora and the
# CommonMark/GFM spec examples) plus small hand-made ones, into DIR/fuzz/seeds; nothing
# third-party is committed. Each run first replays fuzz/regressions/<target>/ (inputs that once
# failed), then fuzzes. Normal runs grow DIR/fuzz/corpus/<target>; --smoke (ctest) fuzzes into a
# fresh temporary folder so it never depends on earlier runs. Crashes are written to
# DIR/fuzz/artifacts/<target>/; the exit status is libFuzzer's (non-zero on any finding).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/sanitize"
targets=()
seconds=60
runs=""
smoke=0
seeds_only=0
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build=$(cd "$2" && pwd); shift 2 ;;
    --target) targets+=("$2"); shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --smoke) smoke=1; shift ;;
    --seeds-only) seeds_only=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "fuzz.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(front_matter article render query index_loader corpus_json site)
shared="${FOLIO_SHARED_DIR:-$root/../shared}"
seeds="$build/fuzz/seeds"

# Longest input each target is given: long enough for real front matter, articles and small
# index files, short enough to keep millions of executions affordable. A site input holds every
# file of a small sharded site (fuzz/site_input.h): the seeds are 28 KiB at the most.
declare -A max_len=([front_matter]=4096 [article]=8192 [render]=4096 [query]=256
                    [index_loader]=16384 [corpus_json]=16384 [site]=32768)

make_seeds() {
  if [ ! -d "$shared/corpora" ] || [ ! -f "$shared/conformance/commonmark-spec.json" ]; then
    echo "fuzz.sh: $shared has no corpora/ or conformance/: cannot make seeds" >&2
    exit 1
  fi
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  rm -rf "$seeds"
  mkdir -p "$seeds"/{front_matter,article,render,query,index_loader,corpus_json,site}
  # Articles: every 40th Markdown file under 8 KiB of each corpus (sorted, so the same files every
  # time): about 200 real sources with YAML and TOML front matter, Chinese and English.
  local n=0 f
  while IFS= read -r f; do
    n=$((n + 1))
    cp "$f" "$seeds/article/$n.md"
    # The front matter alone (through the closing fence).
    awk 'NR == 1 { print; fence = $0; next } { print } $0 == fence || $0 == "..." { exit }' \
      "$f" >"$seeds/front_matter/$n.txt"
    # As render input, after a byte of render options (0: safe, GitHub dialect; render_fuzzer.cc).
    { printf '\0'; cat "$f"; } >"$seeds/render/a$n.md"
  done < <(for c in "$shared"/corpora/*/; do
             find "$c" -name '*.md' -size -8k | LC_ALL=C sort | awk 'NR % 40 == 1'
           done)
  # Every CommonMark and GFM spec example, as render input (option byte 0: safe, GitHub dialect).
  python3 - "$shared/conformance" "$seeds/render" <<'PY'
import json, sys, os
src, out = sys.argv[1], sys.argv[2]
cm = json.load(open(os.path.join(src, "commonmark-spec.json"), encoding="utf-8"))
gfm = json.load(open(os.path.join(src, "gfm-spec-0.29.json"), encoding="utf-8"))["testCases"]
for name, cases in (("cm", cm), ("gfm", gfm)):
    for i, case in enumerate(cases):
        with open(os.path.join(out, f"{name}{i}.md"), "wb") as f:
            f.write(b"\0" + case["markdown"].encode("utf-8"))
PY
  # Hand-made front matter the corpora lack: aliases, merge keys, TOML tables, odd dates.
  printf -- '---\na: &x [1, 2]\nb: *x\nc: {<<: {d: 1}, e: 2}\ndate: 2013年7月15日\n---\n' \
    >"$seeds/front_matter/h1.txt"
  printf -- '+++\ntitle = "t"\ndate = 2024-04-09T10:00:00+08:00\n[extra]\nx = [1, 2.5, true]\n+++\n' \
    >"$seeds/front_matter/h2.txt"
  printf -- 'Mon, 15 Jul 2013 18:10:00 +0800' >"$seeds/front_matter/h3.txt"
  # Queries, after a byte of search options (see query_fuzzer.cc).
  local i=0 q
  while IFS= read -r q; do
    i=$((i + 1))
    printf '\0%s' "$q" >"$seeds/query/$i.txt"
  done <<'QUERIES'
运营商
運營商 微信
OTT
ｏｔｔ iphone5s
"static site"
“OTT破冰”
-ott 微信
-"static site" web
author:jane
-author:"Jane Doe" 搜索
tag:电信
-tag:web static
year:2013
year:2010..2014
year:2020..
date:2013-07
date:2013-07-15..2020-02-29
sort:newest 搜索
sort:oldest
中文没有空格
3.14 ①
微
s
QUERIES
  # Index and corpus files: those `folio build` would write for our own test articles and for
  # twenty of the corpora's.
  "$build/bin/fuzz_seed_tool" "$tmp" "$root"/tests/data/zh-unseen/*.md >/dev/null
  cp "$tmp/folio-index.bin" "$seeds/index_loader/zh-unseen.bin"
  cp "$tmp/corpus.json" "$seeds/corpus_json/zh-unseen.json"
  "$build/bin/fuzz_seed_tool" "$tmp" $(ls "$seeds"/article/*.md | LC_ALL=C sort | awk 'NR % 30 == 1' | head -6) >/dev/null
  cp "$tmp/folio-index.bin" "$seeds/index_loader/corpora.bin"
  cp "$tmp/corpus.json" "$seeds/corpus_json/corpora.json"
  # Sharded sites (src/site/FORMAT.md) in small pieces, each one fuzz_site input: our test
  # articles, and a few short corpus articles stemmed (a head with stem keys) with render
  # settings in the entry; then an entry alone, whose manifest is missing. Their index heads
  # are index_loader seeds too (SearchIndex::load reads version 2 heads).
  "$build/bin/fuzz_seed_tool" --site "$seeds/site/zh-unseen.site" \
    --head "$seeds/index_loader/zh-unseen-head.bin" "$root"/tests/data/zh-unseen/*.md >/dev/null
  "$build/bin/fuzz_seed_tool" --site "$seeds/site/corpora-stem.site" \
    --head "$seeds/index_loader/corpora-stem-head.bin" --stem \
    $(find "$seeds/article" -name '*.md' -size -3k | LC_ALL=C sort | awk 'NR % 30 == 1' | head -4) >/dev/null
  printf '@@folio corpus.json\n{"format":"folio-site","version":1,"data":"data/","manifest":"manifest-0123456789abcdef0123.bin"}' \
    >"$seeds/site/entry-only.site"
  printf '{"format":"folio-corpus","version":1,"articles":[{"id":"a","markdown":"# A\\n\\nb"}]}' \
    >"$seeds/corpus_json/v1.json"
  printf '{"format":"folio-corpus","version":2,"render":{"baseUrl":"https://x.org/","cjkEmphasis":true},"articles":[{"id":"a","markdown":"[x](y)","tags":["t"],"meta":{"__proto__":{"p":1}},"draft":false,"reading_minutes":1}]}' \
    >"$seeds/corpus_json/v2.json"
  echo "fuzz.sh: seeds in $seeds: $(find "$seeds" -type f | wc -l) files"
}

[ -x "$build/bin/fuzz_seed_tool" ] || {
  echo "fuzz.sh: $build has no fuzz targets: cmake --preset sanitize && cmake --build --preset sanitize" \
    "(or the preset fuzz, for build/fuzz)" >&2
  exit 1
}
# Seeds are remade when fuzz_seed_tool is newer than them: a kept build directory would otherwise
# fuzz the site and index readers with files in an older format than the code it now runs.
if [ "$seeds_only" = 1 ] || [ ! -f "$seeds/.done" ] || [ "$build/bin/fuzz_seed_tool" -nt "$seeds/.done" ]; then
  make_seeds
  touch "$seeds/.done"
fi
[ "$seeds_only" = 0 ] || exit 0

status=0
for t in "${targets[@]}"; do
  bin="$build/bin/fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz.sh: no target $t ($bin)" >&2; exit 2; }
  regressions="$root/fuzz/regressions/$t"
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    echo "fuzz.sh: $t: replaying $(ls "$regressions" | wc -l) regression inputs"
    "$bin" "$regressions"/* 2>&1 | tail -1 || status=1
  fi
  if [ "$smoke" = 1 ]; then
    corpus=$(mktemp -d)
  else
    corpus="$build/fuzz/corpus/$t"
    mkdir -p "$corpus"
  fi
  mkdir -p "$build/fuzz/artifacts/$t"
  flags=(-max_len="${max_len[$t]}" -timeout=20 -rss_limit_mb=2560 -print_final_stats=1
         -artifact_prefix="$build/fuzz/artifacts/$t/" -dict="$root/fuzz/dict/$t.dict")
  if [ -n "$runs" ]; then flags+=(-runs="$runs"); else flags+=(-max_total_time="$seconds"); fi
  # CI's smoke replays one fixed mutation sequence, so a red CI is never the luck of a random seed
  # (a 5-second smoke found "1e400" once by chance; long runs, not CI, are where findings come from).
  [ "$smoke" = 0 ] || flags+=(-seed=1)
  echo "fuzz.sh: $t: $bin ${flags[*]} ${extra[*]} $corpus $seeds/$t"
  rc=0
  "$bin" "${flags[@]}" "${extra[@]}" "$corpus" "$seeds/$t" || rc=$?
  if [ "$rc" = 72 ]; then
    # libFuzzer's exit status after SIGINT (clang 14 has no flag to change it): the counts above
    # are what ran, and nothing was found (it used to be reported as a FINDING with an empty
    # artifacts folder).
    echo "fuzz.sh: $t: interrupted, no finding" >&2
    status=1
  elif [ "$rc" != 0 ]; then
    echo "fuzz.sh: $t: FINDING (inputs in $build/fuzz/artifacts/$t/)" >&2
    status=1
  fi
  [ "$smoke" = 0 ] || rm -rf "$corpus"
done
exit $status
