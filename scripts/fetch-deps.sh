#!/usr/bin/env bash
# Unpacks the upstream sources the WASM build compiles (the native build links Debian's -dev
# packages instead) from Debian's *source* packages, pinned by the SHA256 of each orig tarball.
# Output: build/third_party/<name>/ (git-ignored). Idempotent; ~1.5 s cold, instant when current.
# Only the orig tarball is fetched: md4c's .debian.tar.xz 404s on the archive (toolchain.md §2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="${FOLIO_DEPS_SRC:-$root/build/third_party}"

# Debian source package => SHA256 of its orig tarball (bookworm).
declare -A want=(
  [md4c]=4a457df853425b6bb6e3457aa1d1a13bccec587a04c38c622b1013a0da41439f
  [yaml-cpp]=dc63708605404e0b963e0ca3a9619d1c8270eda2839603e6fa0384e5e51e5312
  [utf8proc]=a0a60a79fe6f6d54e7d411facbfcc867a6e198608f2cd992490e46f04b1bcecc
  [snowball]=425cdb5fba13a01db59a1713780f0662e984204f402d3dae1525bda9e6d30f1a
)

need=()
for p in "${!want[@]}"; do
  if ! [ -f "$dest/$p/.sha256" ] || [ "$(cat "$dest/$p/.sha256")" != "${want[$p]}" ]; then
    need+=("$p")
  fi
done
if [ ${#need[@]} -eq 0 ]; then
  echo "fetch-deps: up to date"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/parts" "$work/dl"
# A deb-src twin of this machine's own Debian sources, in a private list directory, so the
# machine's apt state is untouched and no host name is written here.
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  sed -E 's/^Types:.*/Types: deb-src/' "$f" >"$work/parts/$(basename "$f")"
done
touch "$work/src.list"
if [ -f /etc/apt/sources.list ]; then
  sed -nE 's/^deb (.*)/deb-src \1/p' /etc/apt/sources.list >"$work/src.list"
fi
opts=(-o Dir::Etc::SourceList="$work/src.list" -o Dir::Etc::SourceParts="$work/parts"
  -o Dir::State::Lists="$work/lists" -o APT::Sandbox::User=root -qq)
apt-get "${opts[@]}" update

for p in "${need[@]}"; do
  line=$(apt-get "${opts[@]}" --print-uris source "$p" | grep -E "\.orig\.tar\.[a-z]+' " | head -1)
  read -r uri name _ hash <<<"$line"
  uri=${uri//\'/}
  if [ "${hash#SHA256:}" != "${want[$p]}" ]; then
    echo "fetch-deps: $p: the archive offers $name with $hash, but ${want[$p]} is pinned" >&2
    exit 1
  fi
  /usr/lib/apt/apt-helper -o APT::Sandbox::User=root download-file "$uri" "$work/dl/$name" "$hash" >/dev/null
  echo "${want[$p]}  $work/dl/$name" | sha256sum -c --quiet
  rm -rf "${dest:?}/$p"
  mkdir -p "$dest/$p"
  tar -xf "$work/dl/$name" -C "$dest/$p" --strip-components=1
  echo "${want[$p]}" >"$dest/$p/.sha256"
  echo "fetch-deps: $p <- $name"
done
