//! `testdata/catalogue-ids.txt`, the copy of the catalogue's rule ids that the
//! unit tests read (so that they build without `../shared`), equals the ids of
//! `../shared/RULES.md`: the copy cannot drift from the catalogue.

use std::path::Path;

/// The ids in the first backticks of the table rows of the catalogue's
/// "(mission core)" and "(catalogued failures)" sections, in order.
fn catalogue_ids(rules_md: &str) -> Vec<String> {
    let mut in_section = false;
    let mut ids = Vec::new();
    for line in rules_md.lines() {
        if line.starts_with("## ") {
            in_section = line.contains("(mission core)") || line.contains("(catalogued failures)");
        }
        if in_section && line.starts_with("| `") {
            ids.push(line.split('`').nth(1).expect("id in backticks").to_string());
        }
    }
    ids
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn the_copy_of_the_catalogue_ids_equals_rules_md() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules_md = std::fs::read_to_string(root.join("../shared/RULES.md")).expect("RULES.md");
    let copy = std::fs::read_to_string(root.join("testdata/catalogue-ids.txt")).expect("copy");
    let copy: Vec<&str> = copy
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let ids = catalogue_ids(&rules_md);
    assert!(ids.len() > 30, "the sections of RULES.md were not found");
    assert_eq!(
        copy, ids,
        "testdata/catalogue-ids.txt must list the ids of ../shared/RULES.md, in its order"
    );
}
