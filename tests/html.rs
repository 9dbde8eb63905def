//! `check --format html`: a self-contained page, checked as text and in real
//! headless Chromium (Debian's `chromium`): it renders without console
//! output, and its filters work from the URL hash and from the select boxes.

mod common;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn tfward() -> Command {
    let mut cmd = Command::cargo_bin("tfward").expect("binary");
    cmd.env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

const BACKUP_STORY: &str = "testdata/cdktf/backup-cross-region/cdktf.out";
const CORPUS: &str = "../shared/corpus/cdktf/secure-infra-single-region";

fn generate(dir: &Path, resources: usize) -> PathBuf {
    common::generate_plan(dir, resources)
}

/// Writes the HTML report of `input` into `dir`; returns its path and text.
fn report(dir: &Path, input: &str) -> (PathBuf, String) {
    let file = dir.join("report.html");
    let out = tfward()
        .args(["check", "--format", "html", "--output"])
        .arg(&file)
        .arg(input)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    (file, text)
}

/// Findings of `input` per (severity, region), from the JSON report.
fn json_findings(input: &str) -> Vec<(String, String, String)> {
    let out = tfward()
        .args(["check", "--format", "json", input])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["region"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn assert_self_contained(html: &str) {
    for bad in [
        "http://", "https://", "<link", "src=", "@import", "url(http",
    ] {
        assert!(!html.contains(bad), "the page has {bad:?}");
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg "), "no inline map");
    assert_eq!(html.matches("<script>").count(), 1);
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared beside the repository")]
fn the_page_is_self_contained_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = report(dir.path(), BACKUP_STORY);
    assert_self_contained(&html);
    // One row per finding, with the filter keys.
    assert!(html.contains("<tr class=\"finding\" data-severity=\"high\" data-rule=\"backup-selection-empty\" data-region=\"us-west-2\">"), "{html}");
    // The count is filled in by the script only.
    assert!(html.contains("<span id=\"visible-count\"></span>"));
    // Instance keys' quotes are escaped in the table and in the map.
    let (_, html) = report(dir.path(), generate(dir.path(), 1000).to_str().unwrap());
    assert_self_contained(&html);
    assert!(html.contains("[&quot;acme&quot;]"));
    assert!(!html.contains("[\"acme\"]"));
}

/// Debian's `chromium`, or another Chromium on PATH (the names build.rs looks for).
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

struct Page {
    dom: String,
    /// `CONSOLE` lines Chromium logged for the page: our page logs nothing,
    /// so any line is an error (Chromium logs console.error and uncaught
    /// exceptions at the same level as console.log).
    console: Vec<String>,
}

/// Loads `url` in headless Chromium, lets its scripts run, returns the DOM.
fn load(chromium: &Path, url: &str) -> Page {
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .output()
        .expect("run chromium");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "chromium failed ({:?}):\n{stderr}",
        out.status
    );
    Page {
        dom: String::from_utf8_lossy(&out.stdout).into_owned(),
        console: stderr
            .lines()
            .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
            .map(str::to_string)
            .collect(),
    }
}

/// The visible count the script wrote, and the rows it hid.
fn visible(page: &Page) -> (usize, usize) {
    let at = page
        .dom
        .find("id=\"visible-count\"")
        .unwrap_or_else(|| panic!("no count in\n{}", page.dom));
    let rest = &page.dom[at..];
    let count = rest
        .split("data-visible=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_else(|| panic!("the script did not count: {}", &rest[..200.min(rest.len())]))
        .parse()
        .unwrap();
    let rows = page.dom.matches("<tr class=\"finding\"").count();
    let hidden = page
        .dom
        .matches("<tr class=\"finding\"")
        .zip(page.dom.split("<tr class=\"finding\"").skip(1))
        .filter(|(_, tail)| tail.split('>').next().unwrap_or("").contains(" hidden"))
        .count();
    assert_eq!(rows - hidden, count, "count and visible rows differ");
    (count, hidden)
}

fn url(path: &Path, hash: &str) -> String {
    format!("file://{}{hash}", path.display())
}

#[test]
#[cfg_attr(
    not(all(has_shared, has_chromium)),
    ignore = "needs Chromium on PATH and ../shared beside the repository"
)]
fn in_chromium_the_page_renders_cleanly_and_filters_from_the_hash_and_the_selects() {
    let chromium = chromium().expect("chromium on PATH (apt-get install chromium)");
    let dir = tempfile::tempdir().unwrap();
    let plan = generate(dir.path(), 1000);
    let plan = plan.to_str().unwrap();
    let findings = json_findings(plan);
    let (file, _) = report(dir.path(), plan);
    let count =
        |f: &dyn Fn(&(String, String, String)) -> bool| findings.iter().filter(|x| f(x)).count();
    assert!(findings.len() > 20, "a plan with findings to filter");

    // The detector sees console output and script errors (so it can fail).
    let bad = dir.path().join("bad.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><p>x</p><script>console.error('boom'); nope();</script>",
    )
    .unwrap();
    let page = load(&chromium, &url(&bad, ""));
    assert!(page.console.len() >= 2, "{:?}", page.console);

    // No filter: everything visible, and not a word on the console.
    let page = load(&chromium, &url(&file, ""));
    assert!(page.console.is_empty(), "console: {:?}", page.console);
    assert_eq!(visible(&page), (findings.len(), 0));
    assert!(page.dom.contains("class=\"region\""), "the map rendered");

    // Filters from the hash (any case), alone and combined.
    // A severity some findings have and others not.
    let (severity, critical) = ["critical", "high", "medium", "low"]
        .into_iter()
        .map(|s| (s, count(&|f| f.0 == s)))
        .find(|&(_, n)| n > 0 && n < findings.len())
        .expect("findings of more than one severity");
    let page = load(
        &chromium,
        &url(&file, &format!("#severity={}", severity.to_uppercase())),
    );
    assert!(page.console.is_empty(), "console: {:?}", page.console);
    assert_eq!(visible(&page), (critical, findings.len() - critical));

    let west = count(&|f| f.2 == "us-west-2");
    assert!(west > 0);
    let page = load(&chromium, &url(&file, "#region=us-west-2"));
    assert_eq!(visible(&page).0, west);
    let rule = findings[0].1.clone();
    let both = count(&|f| f.2 == "us-east-1" && f.1 == rule);
    let page = load(
        &chromium,
        &url(&file, &format!("#rule={rule}&region=us-east-1")),
    );
    assert_eq!(visible(&page).0, both);
    // An unknown value filters nothing rather than everything.
    let page = load(&chromium, &url(&file, "#region=mars-north-1"));
    assert_eq!(visible(&page).0, findings.len());

    // A select box: changed the way a user does (a `change` event), it goes
    // through the same function and writes the hash.
    let html = std::fs::read_to_string(&file).unwrap();
    let driven = dir.path().join("driven.html");
    let driver = format!(
        "<script>var s = document.getElementById('filter-severity'); s.value = '{severity}'; \
         s.dispatchEvent(new Event('change')); document.body.setAttribute('data-hash', location.hash);</script></body>"
    );
    std::fs::write(&driven, html.replacen("</body>", &driver, 1)).unwrap();
    let page = load(&chromium, &url(&driven, ""));
    assert!(page.console.is_empty(), "console: {:?}", page.console);
    assert_eq!(visible(&page).0, critical);
    assert!(
        page.dom
            .contains(&format!("data-hash=\"#severity={severity}\"")),
        "the select did not update the hash"
    );
}

#[test]
#[cfg_attr(
    not(all(has_shared, has_chromium)),
    ignore = "needs Chromium on PATH and ../shared beside the repository"
)]
fn in_chromium_the_cdktf_example_renders_cleanly() {
    let chromium = chromium().expect("chromium on PATH (apt-get install chromium)");
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = report(dir.path(), CORPUS);
    let page = load(&chromium, &url(&file, ""));
    assert!(page.console.is_empty(), "console: {:?}", page.console);
    assert_eq!(visible(&page), (3, 0));
    assert!(page.dom.contains("data-region=\"us-east-1\""));
}
