#!/usr/bin/env bash
# Stages and packs tfward's npm packages, the way esbuild and biome ship theirs:
# the main package `tfward` (npm/tfward: a launcher, no install script) with one
# optional dependency per platform, and the platform package `@tfward/<os>-<cpu>`
# that carries the binary built for a Rust target.
#
#   scripts/npm-stage.sh --binary PATH --target RUST_TRIPLE --out DIR [--version V]
#   scripts/npm-stage.sh --main-only --out DIR [--version V]
#
# leaves DIR/tfward-<v>.tgz and (without --main-only) DIR/tfward-<os>-<cpu>-<v>.tgz,
# npm pack's own names. The version defaults to Cargo.toml's [package] version,
# so it is kept in one place. Publish the platform packages first, then the main one.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"

# Rust target → npm platform (process.platform-process.arch). The Linux release
# binaries link glibc statically, so one package per CPU serves glibc and musl
# systems alike: no `libc` field. The musl triples are here for local builds.
# This table is the one list of platforms: the main package's optional
# dependencies are written from it.
platforms=(linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64)
platform_of() {
  case "$1" in
    x86_64-unknown-linux-musl | x86_64-unknown-linux-gnu) echo linux-x64 ;;
    aarch64-unknown-linux-musl | aarch64-unknown-linux-gnu) echo linux-arm64 ;;
    x86_64-apple-darwin) echo darwin-x64 ;;
    aarch64-apple-darwin) echo darwin-arm64 ;;
    x86_64-pc-windows-msvc) echo win32-x64 ;;
    *) return 1 ;;
  esac
}

usage() {
  echo "usage: scripts/npm-stage.sh --binary PATH --target RUST_TRIPLE --out DIR [--version V]" >&2
  echo "       scripts/npm-stage.sh --main-only --out DIR [--version V]" >&2
  exit 2
}

binary="" target="" out="" version="" main_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) [ $# -ge 2 ] || usage; binary="$2"; shift 2 ;;
    --target) [ $# -ge 2 ] || usage; target="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || usage; out="$2"; shift 2 ;;
    --version) [ $# -ge 2 ] || usage; version="$2"; shift 2 ;;
    --main-only) main_only=true; shift ;;
    -h | --help) usage ;;
    *) echo "npm-stage: unknown argument $1" >&2; usage ;;
  esac
done
[ -n "$out" ] || usage
if ! $main_only; then
  [ -n "$binary" ] && [ -n "$target" ] || usage
  [ -f "$binary" ] || { echo "npm-stage: no binary at $binary" >&2; exit 2; }
  platform="$(platform_of "$target")" || {
    echo "npm-stage: no npm platform for target $target (known: x86_64/aarch64-unknown-linux-gnu, x86_64/aarch64-apple-darwin, x86_64-pc-windows-msvc)" >&2
    exit 2
  }
fi
for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "npm-stage: $tool is not installed" >&2; exit 2; }
done
if [ -z "$version" ]; then
  version="$(awk '/^\[/ { section = $0 } section == "[package]" && $1 == "version" { gsub(/"/, "", $3); print $3; exit }' "$root/Cargo.toml")"
  [ -n "$version" ] || { echo "npm-stage: no [package] version in Cargo.toml" >&2; exit 2; }
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

pack() {
  # --ignore-scripts: packing runs nothing from the packages (they have no scripts anyway).
  (cd "$1" && npm pack --ignore-scripts --silent --pack-destination "$out" >/dev/null)
}

# The main package: the committed files, with the version and the exact-version
# optional dependencies written in.
mkdir -p "$stage/tfward/bin"
cp "$root/npm/tfward/package.json" "$root/npm/tfward/README.md" "$stage/tfward/"
cp "$root/npm/tfward/bin/tfward.js" "$stage/tfward/bin/"
chmod 755 "$stage/tfward/bin/tfward.js"
TFWARD_VERSION="$version" TFWARD_PLATFORMS="${platforms[*]}" node -e '
  const fs = require("fs");
  const file = process.argv[1];
  const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  manifest.version = process.env.TFWARD_VERSION;
  manifest.optionalDependencies = Object.fromEntries(
    process.env.TFWARD_PLATFORMS.split(" ").map((p) => [`@tfward/${p}`, process.env.TFWARD_VERSION]));
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
' "$stage/tfward/package.json"
pack "$stage/tfward"
echo "$out/tfward-$version.tgz"

$main_only && exit 0

# The platform package: generated whole, the binary in bin/ (not a `bin` entry:
# the main package's launcher is the command).
os="${platform%-*}" cpu="${platform#*-}"
executable=tfward
[ "$os" = win32 ] && executable=tfward.exe
dir="$stage/platform"
mkdir -p "$dir/bin"
install -m 755 "$binary" "$dir/bin/$executable"
TFWARD_VERSION="$version" node -e '
  const fs = require("fs");
  const [dir, platform, os, cpu] = process.argv.slice(1);
  const manifest = {
    name: `@tfward/${platform}`,
    version: process.env.TFWARD_VERSION,
    description: `The ${platform} binary of tfward, a region-aware checker for Terraform, CDKTF, CloudFormation and AWS CDK on AWS`,
    repository: { type: "git", url: "git+https://github.com/tfward/tfward.git" },
    license: "Apache-2.0",
    // Yarn PnP: keep the binary on disk, where it can be run.
    preferUnplugged: true,
    engines: { node: ">=18" },
    os: [os],
    cpu: [cpu],
    files: ["bin/"],
  };
  fs.writeFileSync(`${dir}/package.json`, JSON.stringify(manifest, null, 2) + "\n");
  fs.writeFileSync(`${dir}/README.md`,
    `# @tfward/${platform}\n\nThe ${platform} binary of [tfward](https://www.npmjs.com/package/tfward). ` +
    "Install `tfward`, not this package: npm picks the platform package that fits.\n");
' "$dir" "$platform" "$os" "$cpu"
pack "$dir"
echo "$out/tfward-$platform-$version.tgz"
