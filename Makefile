# tfward developer commands. `make test` is what CI runs.
SHELL := /bin/bash
.PHONY: build release test lint fmt demo bench install clean

build:
	cargo build

release:
	cargo build --release

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings

fmt:
	cargo fmt

# Ends with one line that totals every test binary's results.
test: lint
	@mkdir -p target
	set -o pipefail; cargo test --all-targets 2>&1 | tee target/test-output.log
	@awk '/^test result:/ {p += $$4; f += $$6} END {printf "tests: %d passed, %d failed\n", p, f}' target/test-output.log

demo: release
	./target/release/tfward inventory --why examples/multi-region

bench: release
	bash scripts/bench.sh

install:
	cargo install --path . --locked

clean:
	cargo clean
