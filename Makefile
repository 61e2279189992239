# The task runner: every target is a thin call into CMake presets (CMakePresets.json) or a
# script in scripts/. `make demo` and `make test` are the README's two commands.
.PHONY: all setup native wasm site demo test bench bench-scale format clean

SITE ?= build/site
PORT ?= 8000

all: site

setup:
	@scripts/bootstrap.sh

native: setup
	@cmake --preset native >/dev/null
	@cmake --build --preset native

wasm: setup
	@cmake --preset wasm >/dev/null
	@cmake --build --preset wasm

# The sample site: assets/ built by the native CLI, with the WASM runtime beside it.
site: native wasm
	@build/native/bin/folio build assets -o $(SITE)

demo: site
	@node scripts/serve.mjs $(SITE) --port $(PORT)

# The conformance counts are printed first so CI shows them; ctest runs (and enforces) them too.
test: native wasm
	@build/native/bin/conformance || echo "conformance: FAILED (ctest reports it below)"
	@ctest --preset native

# Every benchmark against every peer (bench/README.md): writes bench/REPORT.md, bench/results.json
# and bench/chart.svg. Not part of `make test`; ctest runs its smoke mode (bench.smoke).
# BENCH_ARGS narrows a run, e.g. BENCH_ARGS="--corpora zh-yihui --only search".
bench: native wasm
	@node bench/run.mjs $(BENCH_ARGS)

# Issue 8's scale benchmark (bench/scale.mjs): sharded sites of 10k and 100k synthetic articles in
# Chromium. SCALE_ARGS="--articles 10000,100000,300000 --runs 5" for more.
bench-scale: native wasm
	@node bench/scale.mjs $(SCALE_ARGS)

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build
