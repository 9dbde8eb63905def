#!/usr/bin/env bash
# The GitHub Action's first step: finds the tfward binary to run.
#
# - TFWARD_BIN set: that binary (tests, or a tfward the workflow installed).
# - The action's ref is a release tag (v1.2.3, or a moving v1 / v1.2 whose
#   Cargo.toml names the version): downloads that release's archive for this
#   runner, checks its SHA-256 against the release's SHA256SUMS, unpacks it.
#   A missing or different sum stops the step before anything runs.
# - Otherwise (a branch, a commit, `uses: ./`, a runner without a release
#   binary, a tag with no release): asks the next steps to build from source.
#
# Writes to GITHUB_OUTPUT: build=true|false, bin=PATH, and for a build
# lock-hash, rustc, target-dir. Inputs from the environment:
# GITHUB_ACTION_PATH, TFWARD_ACTION_REF and TFWARD_ACTION_REPOSITORY
# (action.yml maps github.action_ref and github.action_repository: the runner
# leaves GITHUB_ACTION_REF empty in a composite action's run steps, and at
# times those too, so the ref is also read off the action's path,
# .../_actions/<owner>/<repo>/<ref>), GITHUB_SERVER_URL, RUNNER_OS,
# RUNNER_ARCH, RUNNER_TEMP, and TFWARD_RELEASE_URL (set in the job's env:
# where releases are downloaded from instead of GitHub, as <url>/<tag>/<asset>;
# for mirrors and GitHub Enterprise Server).
set -euo pipefail

action_path=${GITHUB_ACTION_PATH:?}
out=${GITHUB_OUTPUT:?}
temp=${RUNNER_TEMP:?}

error() {
  echo "::error title=tfward action::$*"
  exit 2
}

sha256() {
  if command -v sha256sum >/dev/null; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

exe=
if [[ "${RUNNER_OS:-}" == Windows ]]; then exe=.exe; fi

if [[ -n "${TFWARD_BIN:-}" ]]; then
  echo "Using TFWARD_BIN=$TFWARD_BIN."
  printf 'build=false\nbin=%s\n' "$TFWARD_BIN" >>"$out"
  exit 0
fi

build_from_source() {
  echo "$1; building tfward from source."
  if ! command -v cargo >/dev/null; then
    error "$1, and cargo is not installed to build it: use a release tag of the action (uses: tfward/tfward@v1.2.3), or install a Rust toolchain (1.88 or later) before this step, e.g. with dtolnay/rust-toolchain@stable"
  fi
  local rustc_version target_dir
  rustc_version=$(rustc --version | tr -c 'A-Za-z0-9.\n' '-')
  target_dir="$temp/tfward-target"
  {
    printf 'build=true\n'
    printf 'lock-hash=%s\n' "$(sha256 "$action_path/Cargo.lock")"
    printf 'rustc=%s\n' "$rustc_version"
    printf 'target-dir=%s\n' "$target_dir"
    printf 'bin=%s\n' "$target_dir/release/tfward$exe"
  } >>"$out"
  exit 0
}

version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' "$action_path/Cargo.toml" | head -n 1)
ref=${TFWARD_ACTION_REF:-}
repository=${TFWARD_ACTION_REPOSITORY:-}
normalised_path=${action_path//\\//}
if [[ -z "$ref" && "$normalised_path" == */_actions/*/*/* ]]; then
  rest=${normalised_path##*/_actions/}
  owner=${rest%%/*}
  rest=${rest#*/}
  repository=${repository:-$owner/${rest%%/*}}
  ref=${rest#*/}
fi
# A release tag, exact or moving (v1, v1.2), that this checkout's version belongs to.
case "$ref" in
  "v$version") ;;
  v[0-9]*)
    if [[ ! "$ref" =~ ^v[0-9]+(\.[0-9]+)?$ || "v$version." != "$ref".* ]]; then
      build_from_source "The action's ref $ref is not the release tag v$version"
    fi
    ;;
  "") build_from_source "The action runs from a local checkout (no ref)" ;;
  *) build_from_source "The action's ref $ref is not a release tag" ;;
esac
tag="v$version"

case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-gnu ;;
  Linux/ARM64) target=aarch64-unknown-linux-gnu ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *) build_from_source "No release binary for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}" ;;
esac
name="tfward-$version-$target"
archive="$name.tar.gz"
if [[ -n "$exe" ]]; then archive="$name.zip"; fi

base=${TFWARD_RELEASE_URL:-${GITHUB_SERVER_URL:-https://github.com}/${repository:-tfward/tfward}/releases/download}
base=${base%/}
dir="$temp/tfward-$version"
rm -rf "$dir"
mkdir -p "$dir"

# Sets `status` to the HTTP status of GET $1, the body in $2; curl's own
# failures (no connection, a timeout) stop the step.
fetch() {
  status=$(curl --silent --show-error --location --retry 3 --connect-timeout 20 --max-time 300 \
    --output "$2" --write-out '%{http_code}' "$1") || error "cannot download $1"
}

fetch "$base/$tag/SHA256SUMS" "$dir/SHA256SUMS"
case "$status" in
  200) ;;
  404) build_from_source "The action's ref $ref has no release at $base/$tag" ;;
  *) error "downloading $base/$tag/SHA256SUMS: HTTP $status" ;;
esac
fetch "$base/$tag/$archive" "$dir/$archive"
[[ "$status" == 200 ]] || error "downloading $base/$tag/$archive: HTTP $status"

# The sums file lists `<sha256>  <name>` (or `*<name>`, binary mode) lines.
expected=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$dir/SHA256SUMS")
if [[ -z "$expected" || "$expected" == *$'\n'* ]]; then
  error "the release's SHA256SUMS has no single line for $archive; not running it"
fi
actual=$(sha256 "$dir/$archive")
if [[ "$(printf '%s' "$expected" | tr '[:upper:]' '[:lower:]')" != "$actual" ]]; then
  rm -f "$dir/$archive"
  error "SHA-256 mismatch for $archive: SHA256SUMS says $expected, the download is $actual; not running it"
fi
echo "Downloaded $archive ($tag), SHA-256 $actual as in the release's SHA256SUMS."

if [[ -n "$exe" ]]; then
  if command -v 7z >/dev/null; then
    7z x -y -bd -o"$dir" "$dir/$archive" >/dev/null || error "cannot unpack $archive"
  else
    unzip -q "$dir/$archive" -d "$dir" || error "cannot unpack $archive"
  fi
else
  tar -xzf "$dir/$archive" -C "$dir" || error "cannot unpack $archive"
fi
bin="$dir/$name/tfward$exe"
[[ -f "$bin" ]] || error "$archive has no $name/tfward$exe"
printf 'build=false\nbin=%s\n' "$bin" >>"$out"
