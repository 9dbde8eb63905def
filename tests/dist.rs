//! The release artefacts, used as users use them: `make dist`'s archive (a
//! static binary of Cargo.toml's version, README and CHANGELOG, its line in
//! SHA256SUMS), the Python wheel installed in a fresh virtualenv with no cargo
//! on PATH, run by pipx and uvx, pre-commit installing the hooks from it; and the
//! release plumbing that cannot run here: the workflow's targets, the
//! changelog section a release needs, the pinned versions, the Dockerfile.
//!
//! The artefact tests build a release (`scripts/dist.sh`, minutes): they run
//! under CI or with `TFWARD_DIST_TESTS=1` (build.rs), and use a finished
//! `dist` folder instead when `TFWARD_DIST_DIR` names one. They need
//! `maturin`, `python3`, `pipx`, `uv` and `pre-commit` on PATH, and setuptools' wheel in
//! `target/wheelhouse` for the pre-commit package (`.ci/run` puts it there:
//! the tests never touch the network).

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const RELEASE_TARGETS: [&str; 5] = [
    "x86_64-unknown-linux-gnu",
    "aarch64-unknown-linux-gnu",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

fn root() -> &'static Path {
    Path::new(ROOT)
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Cargo.toml's `[package] version`, as scripts/dist.sh reads it.
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn run(cmd: &mut Command) -> std::process::Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

// ------------------------------------------------------------ release plumbing

#[test]
fn the_release_workflow_builds_every_target_the_action_downloads() {
    let workflow = read(".github/workflows/release.yml");
    let install = read("scripts/action-install.sh");
    for target in RELEASE_TARGETS {
        assert!(
            workflow.contains(&format!("target: {target},")),
            "release.yml builds {target}"
        );
        assert!(
            install.contains(&format!("target={target} ")),
            "action-install.sh downloads {target}"
        );
    }
    // The musllinux wheels, for pip on Alpine.
    for arch in ["x86_64", "aarch64"] {
        assert!(
            workflow.contains(&format!("target: {arch}-unknown-linux-musl, os: ")),
            "release.yml builds the {arch} musl wheel"
        );
    }
    assert_eq!(workflow.matches("dist-args: --wheel-only }").count(), 2);
    for needed in [
        "bash scripts/dist.sh --target \"$TARGET\" --out dist $DIST_ARGS",
        "actions/attest-build-provenance@",
        "sha256sum tfward-* >SHA256SUMS",
        "bash scripts/changelog-notes.sh \"$version\"",
        "if [[ \"$TAG\" != \"v$version\" ]]; then",
        "npm publish --provenance --access public",
        "pypa/gh-action-pypi-publish@",
        "build-args: BINARY=prebuilt",
    ] {
        assert!(workflow.contains(needed), "release.yml: {needed}");
    }
}

#[test]
fn the_changelog_has_the_notes_of_this_version() {
    let notes = run(Command::new("bash")
        .arg(root().join("scripts/changelog-notes.sh"))
        .arg(version()));
    let notes = String::from_utf8_lossy(&notes.stdout);
    assert!(
        !notes.trim().is_empty() && !notes.contains("## ["),
        "one section: {notes}"
    );
    let missing = Command::new("bash")
        .arg(root().join("scripts/changelog-notes.sh"))
        .arg("0.0.0-never")
        .output()
        .expect("bash");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no section \"## [0.0.0-never]\""));
}

/// The pre-commit package pins the wheel of its own version; the wheel takes
/// Cargo.toml's (maturin reads it).
#[test]
fn the_python_packages_carry_cargos_version() {
    let hooks = read("pyproject.toml");
    assert!(
        hooks.contains(&format!("\nversion = \"{}\"\n", version())),
        "pyproject.toml's version is {}",
        version()
    );
    assert!(
        hooks.contains(&format!("dependencies = [\"tfward=={}\"]", version())),
        "pyproject.toml depends on tfward=={}",
        version()
    );
    let wheel = read("python/pyproject.toml");
    assert!(wheel.contains("dynamic = [\"version\"]"));
    assert!(wheel.contains("bindings = \"bin\""));
    assert!(wheel.contains("manifest-path = \"../Cargo.toml\""));
}

#[test]
fn the_image_runs_the_static_binary_as_a_non_root_user() {
    let dockerfile = read("Dockerfile");
    let last_stage = dockerfile.rsplit("\nFROM ").next().expect("a FROM line");
    assert!(last_stage.starts_with("alpine:"), "{last_stage}");
    let user = last_stage
        .lines()
        .find_map(|l| l.strip_prefix("USER "))
        .expect("a USER line in the final stage");
    let uid: u32 = user
        .split(':')
        .next()
        .and_then(|u| u.parse().ok())
        .unwrap_or_else(|| panic!("a numeric uid: {user}"));
    assert_ne!(uid, 0);
    assert!(last_stage.contains("ENTRYPOINT [\"tfward\"]"));
    assert!(last_stage.contains("COPY --from=binary"));
    // The release builds the image from dist/linux-<arch>/tfward, the workflow's layout.
    assert!(dockerfile.contains("COPY dist/linux-${TARGETARCH}/tfward /tfward"));
    assert!(read(".github/workflows/release.yml").contains("mkdir -p \"dist/linux-$arch\""));
}

// ------------------------------------------------------------ the artefacts

/// `scripts/dist.sh` run once for the tests in this file (or `TFWARD_DIST_DIR`).
fn dist() -> &'static Path {
    static DIST: OnceLock<PathBuf> = OnceLock::new();
    DIST.get_or_init(|| {
        if let Some(dir) = std::env::var_os("TFWARD_DIST_DIR") {
            // Relative to the repository, as `make dist` writes it.
            return root().join(dir);
        }
        let work = root().join("target/dist-test");
        let out = work.join("dist");
        run(Command::new("bash")
            .arg(root().join("scripts/dist.sh"))
            .arg("--out")
            .arg(&out)
            // Its own target folder: the test harness's build is not locked or rebuilt.
            .env("CARGO_TARGET_DIR", work.join("cargo")));
        out
    })
}

fn dist_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dist())
        .expect("the dist folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn only(names: &[String], suffix: &str) -> String {
    let found: Vec<&String> = names.iter().filter(|n| n.ends_with(suffix)).collect();
    assert_eq!(found.len(), 1, "one *{suffix} in {names:?}");
    found[0].clone()
}

fn sha256_hex(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether an ELF file asks for a program interpreter (a dynamic loader).
fn has_interpreter(elf: &[u8]) -> bool {
    assert_eq!(&elf[..4], b"\x7fELF", "an ELF file");
    assert_eq!(elf[4], 2, "64-bit");
    let u16_at = |at: usize| u16::from_le_bytes([elf[at], elf[at + 1]]) as usize;
    let phoff = u64::from_le_bytes(elf[0x20..0x28].try_into().expect("8 bytes")) as usize;
    let (phentsize, phnum) = (u16_at(0x36), u16_at(0x38));
    (0..phnum).any(|i| {
        let at = phoff + i * phentsize;
        u32::from_le_bytes(elf[at..at + 4].try_into().expect("4 bytes")) == 3 // PT_INTERP
    })
}

#[test]
#[cfg_attr(
    not(dist_tests),
    ignore = "builds a release: CI or TFWARD_DIST_TESTS=1"
)]
fn every_artefact_has_its_line_in_the_sums() {
    let names = dist_files();
    let sums = std::fs::read_to_string(dist().join("SHA256SUMS")).expect("SHA256SUMS");
    let listed: Vec<(&str, &str)> = sums
        .lines()
        .map(|l| {
            l.split_once("  ")
                .unwrap_or_else(|| panic!("sum line {l:?}"))
        })
        .collect();
    let artefacts: Vec<&String> = names.iter().filter(|n| n.starts_with("tfward-")).collect();
    assert!(artefacts.len() >= 2, "an archive and a wheel: {names:?}");
    assert_eq!(listed.len(), artefacts.len(), "{sums}");
    for (sum, name) in listed {
        assert_eq!(sum, sha256_hex(&dist().join(name)), "{name}");
    }
    // The npm packages of this target (tests/npm.rs installs packages staged the same way).
    let npm: Vec<String> = std::fs::read_dir(dist().join("npm"))
        .expect("dist/npm")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        npm.contains(&format!("tfward-{}.tgz", version())),
        "{npm:?}"
    );
    assert_eq!(
        npm.len(),
        2,
        "the launcher and one platform package: {npm:?}"
    );
}

#[test]
#[cfg_attr(
    not(dist_tests),
    ignore = "builds a release: CI or TFWARD_DIST_TESTS=1"
)]
fn the_archive_holds_a_static_binary_of_this_version() {
    let archive = only(&dist_files(), ".tar.gz");
    let name = archive.trim_end_matches(".tar.gz").to_string();
    assert!(
        name.starts_with(&format!("tfward-{}-", version())),
        "{name}"
    );
    let unpacked = tempfile::tempdir().expect("tempdir");
    run(Command::new("tar")
        .arg("-xzf")
        .arg(dist().join(&archive))
        .arg("-C")
        .arg(unpacked.path()));
    let folder = unpacked.path().join(&name);
    for file in ["tfward", "README.md", "CHANGELOG.md"] {
        assert!(folder.join(file).is_file(), "{archive} holds {name}/{file}");
    }
    let binary = folder.join("tfward");
    let out = run(Command::new(&binary).arg("--version"));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("tfward {}", version())
    );
    if cfg!(target_os = "linux") {
        let elf = std::fs::read(&binary).expect("the binary");
        assert!(!has_interpreter(&elf), "{name}/tfward is statically linked");
    }
}

/// This PATH without the folders that hold a Rust toolchain (cargo, rustc).
fn path_without_rust() -> std::ffi::OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept = std::env::split_paths(&path)
        .filter(|dir| !dir.join("cargo").exists() && !dir.join("rustc").exists());
    std::env::join_paths(kept).expect("PATH")
}

/// The virtualenv's scripts first, then this PATH without Rust.
fn path_without_cargo(venv: &Path) -> std::ffi::OsString {
    let rest = path_without_rust();
    let dirs = std::iter::once(venv.join("bin")).chain(std::env::split_paths(&rest));
    let path = std::env::join_paths(dirs).expect("PATH");
    let has_cargo = Command::new("sh")
        .args(["-c", "command -v cargo"])
        .env("PATH", &path)
        .output()
        .expect("sh")
        .status
        .success();
    assert!(!has_cargo, "cargo is on {path:?}");
    path
}

fn fresh_venv() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let venv = dir.path().join("venv");
    run(Command::new("python3").arg("-m").arg("venv").arg(&venv));
    (dir, venv)
}

/// `tfward check` of the bundled example through `tfward` on `path`: its two findings.
fn check_the_example(path: &std::ffi::OsStr) {
    let out = Command::new("tfward")
        .args(["check", "examples/multi-region", "--format", "json"])
        .current_dir(root())
        .env("PATH", path)
        .output()
        .expect("the installed tfward");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        report["findings"].as_array().map(Vec::len),
        Some(2),
        "{report}"
    );
}

#[test]
#[cfg_attr(
    not(dist_tests),
    ignore = "builds a release: CI or TFWARD_DIST_TESTS=1"
)]
fn the_wheel_installs_and_checks_without_cargo() {
    let wheel = only(&dist_files(), ".whl");
    assert!(
        wheel.starts_with(&format!("tfward-{}-py3-none-", version())),
        "{wheel}"
    );
    let (_dir, venv) = fresh_venv();
    let path = path_without_cargo(&venv);
    run(Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--no-index"])
        .arg(dist().join(&wheel))
        .env("PATH", &path));
    let out = run(Command::new("tfward").arg("--version").env("PATH", &path));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("tfward {}", version())
    );
    check_the_example(&path);
}

/// `pipx run` and `uvx` take the wheel as they take it from PyPI (here from
/// the dist folder, with no index), and run the example's check.
#[test]
#[cfg_attr(
    not(dist_tests),
    ignore = "builds a release: CI or TFWARD_DIST_TESTS=1"
)]
fn pipx_run_and_uvx_run_the_wheel() {
    let wheel = dist().join(only(&dist_files(), ".whl"));
    let home = tempfile::tempdir().expect("tempdir");
    let runners: [(&str, Vec<&std::ffi::OsStr>); 2] = [
        (
            "pipx",
            vec![
                "run".as_ref(),
                "--spec".as_ref(),
                wheel.as_os_str(),
                "tfward".as_ref(),
            ],
        ),
        (
            "uvx",
            vec![
                "--offline".as_ref(),
                "--from".as_ref(),
                wheel.as_os_str(),
                "tfward".as_ref(),
            ],
        ),
    ];
    for (runner, args) in runners {
        let out = Command::new(runner)
            .args(&args)
            .args(["check", "examples/multi-region", "--format", "json"])
            .current_dir(root())
            .env("PIP_NO_INDEX", "1")
            .env("PIPX_HOME", home.path().join("pipx"))
            .env("PIPX_BIN_DIR", home.path().join("bin"))
            .env("UV_CACHE_DIR", home.path().join("uv"))
            .env("UV_TOOL_DIR", home.path().join("uv-tools"))
            .output()
            .unwrap_or_else(|e| panic!("{runner} ({e}): `.ci/run` installs pipx and uv"));
        assert_eq!(
            out.status.code(),
            Some(1),
            "{runner}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(report["summary"]["total"], 2, "{runner}");
    }
}

/// pre-commit itself installs the hooks (`language: python`): it clones this
/// repository and pip-installs it, and its pyproject.toml pulls in the wheel
/// (here from the dist folder instead of PyPI, setuptools from
/// target/wheelhouse: no network), with no Rust toolchain on PATH; then the
/// `tfward` hook checks a repository holding the example.
#[test]
#[cfg_attr(
    not(dist_tests),
    ignore = "builds a release: CI or TFWARD_DIST_TESTS=1"
)]
fn pre_commit_installs_the_hooks_from_the_wheel() {
    let wheelhouse = root().join("target/wheelhouse");
    assert!(
        wheelhouse.is_dir(),
        "{} holds setuptools' wheel for the offline build (`.ci/run` downloads it)",
        wheelhouse.display()
    );
    let work = tempfile::tempdir().expect("tempdir");
    let project = work.path().join("project");
    copy_tree(&root().join("examples/multi-region"), &project);
    let git = |args: &[&str]| {
        run(Command::new("git")
            .args([
                "-c",
                "user.name=tfward",
                "-c",
                "user.email=tfward@example.com",
            ])
            .args(args)
            .current_dir(&project));
    };
    git(&["init", "--quiet"]);
    git(&["add", "--all"]);
    git(&["commit", "--quiet", "--message", "the example"]);

    let out = Command::new("pre-commit")
        .args(["try-repo"])
        .arg(root())
        .args(["tfward", "--all-files", "--color", "never"])
        .current_dir(&project)
        .env("PATH", path_without_rust())
        .env("PRE_COMMIT_HOME", work.path().join("pre-commit"))
        .env("PIP_NO_INDEX", "1")
        // pip splits PIP_FIND_LINKS at whitespace.
        .env(
            "PIP_FIND_LINKS",
            format!("{} {}", wheelhouse.display(), dist().display()),
        )
        .output()
        .expect("pre-commit: `.ci/run` installs it");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("- hook id: tfward"), "{stdout}");
    assert!(
        stdout.contains("HIGH     backup-selection-empty"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 findings (1 high, 1 medium) in 1 resource; failed (threshold high)"),
        "{stdout}"
    );
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
