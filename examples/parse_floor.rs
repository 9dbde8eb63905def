//! The benchmark's floor: parse a JSON file into `serde_json::Value` and nothing else.

fn main() {
    let path = std::env::args().nth(1).expect("usage: parse_floor FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
    std::hint::black_box(value);
}
