#!/usr/bin/env bash
# Builds one target's release artefacts, the way .github/workflows/release.yml
# does on each of its runners (`make dist` runs it for this machine):
#
#   tfward-<version>-<target>.tar.gz (.zip on Windows)  the binary, README, CHANGELOG
#   tfward-<version>-py3-none-<platform>.whl            the Python wheel (maturin, `bindings = "bin"`)
#   npm/tfward-<version>.tgz, npm/tfward-<platform>-<version>.tgz   the npm packages
#   SHA256SUMS                                          sums of the archive and the wheel
#
# Usage: scripts/dist.sh [--target TRIPLE] [--out DIR] [--binary PATH] [--no-wheel] [--no-npm] [--wheel-only]
#   --target      a Rust target triple; default: this machine's. Linux (gnu) and
#                 Windows link their C runtime statically; a musl target is
#                 built for its wheel alone (--wheel-only: tagged musllinux,
#                 for pip on Alpine)
#   --out         where the artefacts go (default dist/; emptied first)
#   --binary      package this already built binary instead of building (no wheel)
#   --wheel-only  the wheel and its sum, no archive or npm packages
#
# Why glibc linked statically rather than musl for the Linux binaries: the
# same static, runs-anywhere file, but musl's memcpy and memcmp made a check
# take 40% more CPU (2.79 s against 1.96 s user on a 100,000-resource plan).
#
# The version is Cargo.toml's. Archives are reproducible where GNU tar is
# there: sorted names, no owners, the last commit's time.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target=""
out="$root/dist"
binary=""
wheel=true
npm=true
make_archive=true

die() {
  echo "dist: $*" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) target=${2:?--target needs a triple}; shift 2 ;;
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    --binary) binary=${2:?--binary needs a path}; wheel=false; shift 2 ;;
    --no-wheel) wheel=false; shift ;;
    --no-npm) npm=false; shift ;;
    --wheel-only) make_archive=false; npm=false; shift ;;
    # The help is this file's opening comment, however long it grows.
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

# The first `version = "..."` is [package]'s: Cargo.toml opens with it.
version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)
[[ -n "$version" ]] || die "no version in Cargo.toml"

host=$(rustc -vV 2>/dev/null | sed -n 's/^host: //p') || true
if [[ -z "$target" ]]; then
  [[ -n "$host" || -n "$binary" ]] || die "rustc not found: give --target"
  target=$host
fi
$make_archive || $wheel || die "--wheel-only with --binary or --no-wheel leaves nothing to build"

exe=""
case "$target" in
  *-windows-*) exe=.exe ;;
esac
# The C runtime linked in: a glibc or MSVC binary then runs without the
# build machine's runtime libraries (musl targets link statically already).
# tfward calls nothing of glibc's that needs its shared parts at run time
# (NSS, iconv, dlopen): the static link gives no warning.
case "$target" in
  *-linux-gnu|*-windows-msvc) export RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" ;;
esac

rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [[ -z "$binary" ]]; then
  if $wheel; then
    command -v maturin >/dev/null || die "maturin not found: pip install 'maturin>=1.16,<2' (or --no-wheel)"
    compatibility=()
    case "$target" in
      # Static binaries: the oldest tags pip knows. maturin tags a target's
      # wheel for its own libc only, so the release builds one wheel of each.
      *-linux-musl*) compatibility=(--compatibility musllinux_1_2) ;;
      *-linux-gnu) compatibility=(--compatibility manylinux2014) ;;
    esac
    (cd "$root/python" && maturin build --release --locked --target "$target" \
      ${compatibility[@]+"${compatibility[@]}"} --out "$out")
  else
    cargo build --release --locked --target "$target" --manifest-path "$root/Cargo.toml"
  fi
  binary="${CARGO_TARGET_DIR:-$root/target}/$target/release/tfward$exe"
fi
if $make_archive; then
  [[ -f "$binary" ]] || die "no binary at $binary"

  name="tfward-$version-$target"
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  mkdir "$stage/$name"
  cp "$binary" "$stage/$name/tfward$exe"
  chmod 755 "$stage/$name/tfward$exe"
  cp "$root/README.md" "$root/CHANGELOG.md" "$stage/$name/"

  if [[ -n "$exe" ]]; then
    archive="$name.zip"
    if command -v 7z >/dev/null; then
      (cd "$stage" && 7z a -tzip -bd "$out/$archive" "$name" >/dev/null)
    else
      (cd "$stage" && zip -qr "$out/$archive" "$name")
    fi
  else
    archive="$name.tar.gz"
    reproducible=()
    if tar --version 2>/dev/null | grep -q 'GNU tar'; then
      epoch=$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)
      reproducible=(--sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch")
    fi
    (cd "$stage" && tar ${reproducible[@]+"${reproducible[@]}"} -cf - "$name" | gzip -n -9 >"$out/$archive")
  fi

  if $npm; then
    if command -v npm >/dev/null && [[ -x "$root/scripts/npm-stage.sh" ]]; then
      "$root/scripts/npm-stage.sh" --binary "$binary" --target "$target" --out "$out/npm" --version "$version"
    else
      echo "dist: npm not found; no npm packages" >&2
    fi
  fi
fi

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}
(cd "$out" && sha256 tfward-* >SHA256SUMS)

echo "dist: tfward $version for $target in $out:"
(cd "$out" && find . -type f | sed 's|^\./|  |' | sort)
