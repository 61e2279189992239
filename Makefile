# The task runner: every target is a thin call into CMake presets (CMakePresets.json) or a
# script in scripts/. `make demo` and `make test` are the README's two commands.
.PHONY: all setup native wasm sanitize site demo test fuzz bench bench-scale format clean

SITE ?= build/site
PORT ?= 8000
FUZZ_SECONDS ?= 60
FUZZ_PRESET ?= sanitize

all: site

setup:
	@scripts/bootstrap.sh

native: setup
	@cmake --preset native >/dev/null
	@cmake --build --preset native

wasm: setup
	@cmake --preset wasm >/dev/null
	@cmake --build --preset wasm

# ASan + UBSan (clang) build of the native tests and the libFuzzer targets (fuzz/README.md).
sanitize: setup
	@cmake --preset sanitize >/dev/null
	@cmake --build --preset sanitize

# The sample site: assets/ built by the native CLI, with the WASM runtime beside it.
site: native wasm
	@build/native/bin/folio build assets -o $(SITE)

demo: site
	@node scripts/serve.mjs $(SITE) --port $(PORT)

# The conformance counts are printed first so CI shows them; ctest runs (and enforces) them too.
# Then the sanitizer build's suite (CMakePresets.json says which tests it leaves to the native run)
# and a few seconds of each fuzz target.
test: native wasm sanitize
	@build/native/bin/conformance || echo "conformance: FAILED (ctest reports it below)"
	@ctest --preset native
	@ctest --preset sanitize

# Every fuzz target for FUZZ_SECONDS each (FUZZ_TARGET=name for one); fuzz/README.md.
# FUZZ_PRESET=fuzz runs the UBSan-only build instead of ASan + UBSan: several times the
# executions a second, for the 10-million-run long runs (fuzz/README.md says why both).
fuzz: setup
	@cmake --preset $(FUZZ_PRESET) >/dev/null
	@cmake --build --preset $(FUZZ_PRESET)
	@scripts/fuzz.sh --build-dir build/$(FUZZ_PRESET) --seconds $(FUZZ_SECONDS) \
	  $(if $(FUZZ_TARGET),--target $(FUZZ_TARGET))

# Every benchmark against every peer (bench/README.md): writes bench/REPORT.md, bench/results.json
# and bench/chart.svg. Not part of `make test`; ctest runs its smoke mode (bench.smoke).
# BENCH_ARGS narrows a run, e.g. BENCH_ARGS="--corpora zh-yihui --only search".
bench: native wasm
	@node bench/run.mjs $(BENCH_ARGS)

# Issue 8's scale benchmark alone: the `scale` phase of `make bench` (bench/lib/scale.mjs), sharded
# folio sites and Pagefind on 10k, 100k and 300k synthetic articles in Chromium; writes
# build/bench/custom/. SCALE_ARGS="--scale-sizes 10000 --scale-runs 5" for other sizes or runs.
bench-scale: native wasm
	@node bench/run.mjs --only scale $(SCALE_ARGS)

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build
