//! Plan / state JSON: any bytes load or fail with an error, and rules run on what loads.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz-plan.json");
    if let Ok(models) = tfward::load::load_bytes(path, data, &Default::default()) {
        let policy = tfward::policy::Policy::builtin();
        for model in &models {
            let _ = tfward::rules::run(model, &policy, tfward::rules::RULES);
        }
    }
});
