//! HCL: any text as a one-file module loads or fails with an error; rules run on what loads, and no sensitive value reaches any output.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if text.trim_start().starts_with('{') {
        return; // JSON is the other targets' input
    }
    let dir = std::env::temp_dir().join(format!("tfward-fuzz-hcl-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("main.tf");
    if std::fs::write(&path, text).is_err() {
        return;
    }
    if let Ok(models) = tfward::load::load_path(&dir, &Default::default()) {
        // Runs every rule and renders every format: no marked value may show.
        tfward::leaks::assert_no_leaks_for_fuzzing(&models);
    }
});
