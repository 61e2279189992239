#!/usr/bin/env bash
# Installs what `make demo` and `make test` need on Debian 12 and is quick when all is present:
# Debian packages (only the missing ones, without recommends: 36 packages instead of 128,
# toolchain.md §1.1), the pinned npm packages (npm ci), and the WASM dependency sources.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

packages=(
  cmake ninja-build g++ make clang-format   # native build and the format check
  libgtest-dev libgmock-dev                 # unit tests
  libmd4c-dev libmd4c-html0-dev             # Markdown parser (native)
  libyaml-cpp-dev nlohmann-json3-dev        # front matter, corpus JSON (native; json also WASM)
  libtomlplusplus-dev                       # TOML front matter (header-only: native and WASM)
  libcctz-dev tzdata                        # IANA time zones for --timezone (native only)
  nettle-dev                                # SHA-256 + base64 for build --single-file's page
  libutf8proc-dev                           # search normalisation: NFKC + case folding (native)
  libstemmer-dev perl                       # Snowball English stemming (native; perl makes WASM's module list)
  zlib1g-dev                                # sharded sites' packs (native; the browser inflates them itself)
  opencc libopencc-data                     # the Traditional->Simplified table, generated at build
  emscripten                                # Debian's 3.1.6, pinned in emsdk-version.txt
  nodejs                                    # Node tests, the demo server, Playwright
  chromium                                  # browser tests (never a downloaded browser)
  fonts-noto-cjk                            # Chinese in Chromium's screenshots (else tofu boxes)
  xz-utils ca-certificates                  # yaml-cpp's source is .tar.xz; npm over https
  python3                                   # conformance cross-check with md4c's normalize.py
  clang libclang-rt-14-dev                  # sanitize preset: ASan, UBSan and libFuzzer runtimes
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
# Wait for another apt (unattended upgrades, a parallel build) instead of failing at once.
apt_get() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@"
}

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
# Debian's nodejs comes without npm (NodeSource's includes it): add Debian's npm only then.
if ! command -v npm >/dev/null 2>&1 && ! printf '%s\n' "${missing[@]}" | grep -qx npm; then
  missing+=(npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v npm >/dev/null 2>&1; then
  apt_get install -y -qq --no-install-recommends npm >/dev/null
fi

# A node_modules is current when it was installed from this very lock file.
npm_ci_if_changed() {
  local dir=$1
  local stamp=$dir/node_modules/.folio-lock.sha256
  local lock_sum
  lock_sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_sum" >"$stamp"
  fi
}
npm_ci_if_changed .
# The peers `make bench` and ctest's bench.smoke measure folio against (bench/package.json;
# Pagefind's binary comes from the registry too, as its npm package's optional dependency).
npm_ci_if_changed bench

"$root/scripts/fetch-deps.sh"
