//! Tells the tests what this machine has, so that a test missing what it needs
//! is reported as ignored with a reason, never as passed: `has_shared` when
//! `../shared` (plan corpus, schemas, catalogue, plan generator) sits beside the
//! repository, `has_chromium` when a Chromium is on PATH, `has_npm` when `node`
//! and `npm` are (tests/npm.rs), `has_xmllint` when libxml2's `xmllint` is
//! (the JUnit report's schema check). Under CI (`CI` set) all are assumed, so
//! that a missing one fails the tests instead.
//! `dist_tests` (tests/dist.rs: a release build, the wheel in a fresh
//! virtualenv) runs under CI or with `TFWARD_DIST_TESTS=1`: it takes minutes.
//!
//! Cargo cannot watch a path that does not exist yet: after adding `../shared`
//! or installing Chromium, Node.js or xmllint, `touch build.rs` for the tests to run.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=TFWARD_DIST_TESTS");
    println!(
        "cargo::rustc-check-cfg=cfg(has_shared, has_chromium, has_npm, has_xmllint, dist_tests)"
    );
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    let shared = Path::new(&manifest_dir).join("../shared");
    if shared.is_dir() {
        println!("cargo::rerun-if-changed={}", shared.display());
    }
    if ci || shared.is_dir() {
        println!("cargo::rustc-cfg=has_shared");
    }
    let chromium = chromium();
    if let Some(path) = &chromium {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    if ci || chromium.is_some() {
        println!("cargo::rustc-cfg=has_chromium");
    }
    let node_and_npm = ["node", "npm"].map(on_path);
    for path in node_and_npm.iter().flatten() {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    if ci || node_and_npm.iter().all(Option::is_some) {
        println!("cargo::rustc-cfg=has_npm");
    }
    if ci || std::env::var_os("TFWARD_DIST_TESTS").is_some_and(|v| !v.is_empty()) {
        println!("cargo::rustc-cfg=dist_tests");
    }
    let xmllint = on_path("xmllint");
    if let Some(path) = &xmllint {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    if ci || xmllint.is_some() {
        println!("cargo::rustc-cfg=has_xmllint");
    }
}

/// The names tests/html.rs looks for on PATH.
fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(on_path)
}

/// `name` in a directory of PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}
