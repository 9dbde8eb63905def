//! Tells the tests what this machine has, so that a test missing what it needs
//! is reported as ignored with a reason, never as passed: `has_shared` when
//! `../shared` (plan corpus, schemas, catalogue, plan generator) sits beside the
//! repository, `has_chromium` when a Chromium is on PATH, `has_xmllint` when
//! libxml2's `xmllint` is (the JUnit report's schema check). Under CI (`CI`
//! set) all are assumed, so that a missing one fails the tests instead.
//!
//! Cargo cannot watch a path that does not exist yet: after adding `../shared`
//! or installing Chromium or xmllint, `touch build.rs` for the tests to run.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rustc-check-cfg=cfg(has_shared, has_chromium, has_xmllint)");
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
    let xmllint = on_path(&["xmllint"]);
    if let Some(path) = &xmllint {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    if ci || xmllint.is_some() {
        println!("cargo::rustc-cfg=has_xmllint");
    }
}

/// The names tests/html.rs looks for on PATH.
fn chromium() -> Option<PathBuf> {
    on_path(&["chromium", "chromium-browser", "google-chrome"])
}

/// The first of `names` found on PATH.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}
