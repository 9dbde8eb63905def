//! Terraform JSON / CDKTF: any bytes as a `.tf.json` load or fail with an error; no sensitive value of what loads reaches any output.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Steer towards configurations: wrap the input as the value of `resource`.
    let mut doc = b"{\"resource\":".to_vec();
    doc.extend_from_slice(data);
    doc.push(b'}');
    for bytes in [data, &doc[..]] {
        let path = std::path::Path::new("fuzz.tf.json");
        if let Ok(models) = tfward::load::load_bytes(path, bytes, &Default::default()) {
            // Runs every rule and renders every format: no marked value may show.
            tfward::leaks::assert_no_leaks_for_fuzzing(&models);
        }
    }
});
