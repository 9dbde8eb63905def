//! The benchmark's floor: parse a JSON file into `serde_json::Value` and nothing else.

// Same allocator as tfward, so the ratio compares work, not allocators.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let path = std::env::args().nth(1).expect("usage: parse_floor FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
    std::hint::black_box(value);
}
