# tfward developer commands. `make test` is what CI runs.
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

test: lint
	cargo test

demo: release
	./target/release/tfward inventory --why examples/multi-region

bench: release
	bash scripts/bench.sh

install:
	cargo install --path . --locked

clean:
	cargo clean
