//! Plan / state JSON: any bytes load or fail with an error, rules run on what loads, and no sensitive value reaches any output.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz-plan.json");
    if let Ok(models) = tfward::load::load_bytes(path, data, &Default::default()) {
        // Runs every rule and renders every format: no marked value may show.
        tfward::leaks::assert_no_leaks_for_fuzzing(&models);
    }
});
