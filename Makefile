# tfward developer commands. `make test` is what CI runs.
SHELL := /bin/bash
.PHONY: build release test lint fmt bless docs demo bench fuzz install dist clean

build:
	cargo build

release:
	cargo build --release

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	bash scripts/actionlint.sh

fmt:
	cargo fmt

# Ends with one line that totals every test binary's results.
test: lint
	@mkdir -p target
	set -o pipefail; cargo test --all-targets 2>&1 | tee target/test-output.log
	@awk '/^test result:/ {p += $$4; f += $$6; i += $$8} END {printf "tests: %d passed, %d failed, %d ignored\n", p, f, i}' target/test-output.log

# Rewrites the fixtures' expected files from what the tool now produces; review with `git diff`.
bless:
	TFWARD_BLESS=1 cargo test --no-fail-fast --test rule_fixtures --test region_fixtures

# docs/rules.md is generated from the rule declarations; `make test` fails when it is stale.
docs:
	cargo run --quiet -- rules --format markdown > docs/rules.md

# Each loader for FUZZ_SECONDS (default 600): `make fuzz FUZZ_SECONDS=60`.
FUZZ_SECONDS ?= 600
fuzz:
	for t in plan hcl tfjson; do scripts/fuzz.sh $$t $(FUZZ_SECONDS) || exit 1; done

demo: release
	./target/release/tfward inventory --why examples/multi-region
	./target/release/tfward check examples/multi-region || true

bench: release
	bash scripts/bench.sh

install:
	cargo install --path . --locked

# This machine's release artefacts in dist/, as the release workflow builds
# each target's: the static binary's archive, the Python wheel (needs maturin),
# the npm packages, SHA256SUMS. `make dist DIST_ARGS=--no-wheel` skips the wheel.
dist:
	bash scripts/dist.sh $(DIST_ARGS)

clean:
	cargo clean
