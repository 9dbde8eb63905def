//! The npm packages as a CDK or CDKTF user gets them: `scripts/npm-stage.sh`
//! packs the main package and this host's platform package around the binary
//! these tests built, an empty project installs them from the tarballs with no
//! network and no Rust on PATH, and `npx tfward` runs the binary through the
//! launcher with arguments, output and exit status passed through.

#![cfg(unix)]

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const VERSION: &str = env!("CARGO_PKG_VERSION");
const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/cdk-two-region/cdk.out"
);

/// The Rust target these tests run on, as the staging script names it, and
/// the npm platform it maps to.
fn host() -> (&'static str, &'static str) {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => ("x86_64-unknown-linux-gnu", "linux-x64"),
        ("linux", "aarch64") => ("aarch64-unknown-linux-gnu", "linux-arm64"),
        ("macos", "x86_64") => ("x86_64-apple-darwin", "darwin-x64"),
        ("macos", "aarch64") => ("aarch64-apple-darwin", "darwin-arm64"),
        other => panic!("no tfward npm package for {other:?}"),
    }
}

/// A platform package that never fits this host, to see npm skip it.
fn foreign() -> (&'static str, &'static str) {
    if host().1 == "darwin-arm64" {
        ("x86_64-pc-windows-msvc", "win32-x64")
    } else {
        ("aarch64-apple-darwin", "darwin-arm64")
    }
}

/// The staged tarballs and the projects installed from them, made once for
/// all tests of this file under Cargo's scratch folder for integration tests.
struct Installed {
    dist: PathBuf,
    /// `tfward` installed with its platform packages reachable.
    project: PathBuf,
    /// `tfward` installed alone: its platform package cannot be had offline.
    bare: PathBuf,
    home: PathBuf,
}

fn installed() -> &'static Installed {
    static INSTALLED: OnceLock<Installed> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("npm");
        if root.exists() {
            std::fs::remove_dir_all(&root).expect("clear the previous run");
        }
        let dist = root.join("dist");
        let home = root.join("home");
        std::fs::create_dir_all(&home).expect("home");

        stage(
            &[
                "--binary",
                env!("CARGO_BIN_EXE_tfward"),
                "--target",
                host().0,
            ],
            &dist,
        );
        // Any file will do as the foreign binary: npm must not even unpack it.
        let placeholder = root.join("placeholder");
        std::fs::write(&placeholder, "not for this host\n").expect("placeholder");
        let placeholder = placeholder.to_str().expect("UTF-8 path");
        stage(&["--binary", placeholder, "--target", foreign().0], &dist);

        // `npm i -D tfward` as a user types it, but from the tarball; the
        // platform packages npm would fetch from the registry come from their
        // tarballs through `overrides`, so the host's one arrives as tfward's
        // optional dependency chosen by its os/cpu fields, as from the registry.
        // The other platforms are not in the empty cache and `--offline`
        // forbids fetching them: npm drops a failed optional dependency.
        let project = root.join("project");
        init_project(&project, &home);
        let overrides = serde_json::json!({
            format!("@tfward/{}", host().1): tarball_spec(&dist, host().1),
            format!("@tfward/{}", foreign().1): tarball_spec(&dist, foreign().1),
        });
        let manifest_path = project.join("package.json");
        let mut manifest = read_json(&manifest_path);
        manifest["overrides"] = overrides;
        std::fs::write(&manifest_path, manifest.to_string()).expect("write package.json");
        npm_install(&project, &home, &dist);

        let bare = root.join("bare");
        init_project(&bare, &home);
        npm_install(&bare, &home, &dist);

        Installed {
            dist,
            project,
            bare,
            home,
        }
    })
}

fn stage(args: &[&str], dist: &Path) {
    let out = Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/npm-stage.sh"))
        .args(args)
        .arg("--out")
        .arg(dist)
        .output()
        .expect("run scripts/npm-stage.sh");
    assert!(
        out.status.success(),
        "npm-stage.sh {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn tarball_spec(dist: &Path, platform: &str) -> String {
    format!(
        "file:{}",
        dist.join(format!("tfward-{platform}-{VERSION}.tgz"))
            .display()
    )
}

/// PATH without any folder holding cargo or rustc: the user has no Rust.
fn path_without_rust() -> String {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|dir| !dir.join("cargo").exists() && !dir.join("rustc").exists())
        .collect();
    for tool in ["node", "npm", "npx"] {
        assert!(
            kept.iter().any(|dir| dir.join(tool).is_file()),
            "{tool} is not on PATH outside the Rust toolchain's folders"
        );
    }
    std::env::join_paths(kept)
        .expect("PATH")
        .into_string()
        .expect("UTF-8 PATH")
}

/// A command that sees only what a fresh user account would: no Rust, no
/// npm configuration of ours, and a registry that nothing listens on, so
/// that a fetch `--offline` failed to forbid fails instead of going out.
fn user_command(program: &str, cwd: &Path, home: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(cwd)
        .env_clear()
        .env("PATH", path_without_rust())
        .env("HOME", home)
        .env("npm_config_userconfig", home.join("npmrc"))
        .env("npm_config_registry", "http://127.0.0.1:9/")
        .env("npm_config_update_notifier", "false")
        .env("TFWARD_TODAY", "2026-01-15");
    cmd
}

fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("spawn");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn init_project(dir: &Path, home: &Path) {
    std::fs::create_dir_all(dir).expect("project folder");
    run_ok(user_command("npm", dir, home).args(["init", "-y"]));
}

fn npm_install(project: &Path, home: &Path, dist: &Path) {
    let cache = project.with_extension("cache");
    run_ok(
        user_command("npm", project, home)
            .args([
                "install",
                "--save-dev",
                "--offline",
                "--no-audit",
                "--no-fund",
            ])
            .arg("--cache")
            .arg(&cache)
            .arg(dist.join(format!("tfward-{VERSION}.tgz"))),
    );
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `npx --no-install tfward ARGS` in `project`.
fn npx_tfward(project: &Path, args: &[&str]) -> Output {
    user_command("npx", project, &installed().home)
        .args(["--no-install", "tfward"])
        .args(args)
        .output()
        .expect("run npx")
}

/// The binary itself, run the same way.
fn tfward_directly(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tfward"))
        .current_dir(&installed().project)
        .env_clear()
        .env("TFWARD_TODAY", "2026-01-15")
        .args(args)
        .output()
        .expect("run tfward")
}

#[test]
#[cfg_attr(not(has_npm), ignore = "needs node and npm on PATH")]
fn the_tarballs_carry_cargos_version_and_exact_platform_dependencies() {
    let dist = &installed().dist;
    for name in [
        format!("tfward-{VERSION}.tgz"),
        format!("tfward-{}-{VERSION}.tgz", host().1),
    ] {
        assert!(dist.join(&name).is_file(), "npm-stage.sh left no {name}");
    }
    let main = read_json(&installed().project.join("node_modules/tfward/package.json"));
    assert_eq!(main["version"], VERSION);
    assert_eq!(main["bin"]["tfward"], "bin/tfward.js");
    assert_eq!(main["license"], "Apache-2.0");
    let optional = main["optionalDependencies"]
        .as_object()
        .expect("optionalDependencies");
    let mut names: Vec<&str> = optional.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "@tfward/darwin-arm64",
            "@tfward/darwin-x64",
            "@tfward/linux-arm64",
            "@tfward/linux-x64",
            "@tfward/win32-x64"
        ]
    );
    assert!(optional.values().all(|v| v == VERSION), "{optional:?}");

    let platform_dir = installed()
        .project
        .join(format!("node_modules/@tfward/{}", host().1));
    let platform = read_json(&platform_dir.join("package.json"));
    let (os, cpu) = host().1.split_once('-').expect("os-cpu");
    assert_eq!(platform["version"], VERSION);
    assert_eq!(platform["os"], serde_json::json!([os]));
    assert_eq!(platform["cpu"], serde_json::json!([cpu]));
    assert_eq!(platform["preferUnplugged"], true);
    let binary = std::fs::metadata(platform_dir.join("bin/tfward")).expect("bin/tfward");
    assert_eq!(
        binary.len(),
        std::fs::metadata(env!("CARGO_BIN_EXE_tfward"))
            .expect("built binary")
            .len()
    );
}

#[test]
#[cfg_attr(not(has_npm), ignore = "needs node and npm on PATH")]
fn npm_installs_only_the_platform_package_that_fits_and_the_user_depends_on_tfward_alone() {
    let project = &installed().project;
    let manifest = read_json(&project.join("package.json"));
    assert_eq!(
        manifest["devDependencies"]
            .as_object()
            .map(|deps| deps.len()),
        Some(1),
        "{manifest}"
    );
    assert!(
        project
            .join(format!("node_modules/@tfward/{}", host().1))
            .is_dir()
    );
    assert!(
        !project
            .join(format!("node_modules/@tfward/{}", foreign().1))
            .exists(),
        "npm unpacked the {} package on a {} host",
        foreign().1,
        host().1
    );
    // The lockfile knows the foreign package as an optional one, as it would
    // from the registry.
    let lock = read_json(&project.join("package-lock.json"));
    let entry = &lock["packages"][format!("node_modules/@tfward/{}", foreign().1)];
    assert_eq!(entry["optional"], true, "{lock}");
}

#[test]
#[cfg_attr(not(has_npm), ignore = "needs node and npm on PATH")]
fn no_package_has_an_install_script() {
    let committed =
        read_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join("npm/tfward/package.json"));
    let project = &installed().project;
    let staged = [
        read_json(&project.join("node_modules/tfward/package.json")),
        read_json(&project.join(format!("node_modules/@tfward/{}/package.json", host().1))),
    ];
    for manifest in std::iter::once(&committed).chain(&staged) {
        let scripts = manifest.get("scripts").and_then(|s| s.as_object());
        for hook in ["preinstall", "install", "postinstall", "prepare"] {
            assert!(
                scripts.is_none_or(|s| !s.contains_key(hook)),
                "{} has a {hook} script",
                manifest["name"]
            );
        }
    }
    // npm also runs node-gyp for a package with a binding.gyp: there is none.
    let tarball = installed()
        .dist
        .join(format!("tfward-{}-{VERSION}.tgz", host().1));
    let listing = run_ok(Command::new("tar").arg("tzf").arg(&tarball));
    let files = String::from_utf8_lossy(&listing.stdout);
    assert_eq!(
        files.lines().collect::<Vec<_>>(),
        [
            "package/bin/tfward",
            "package/package.json",
            "package/README.md"
        ]
    );
}

#[test]
#[cfg_attr(not(has_npm), ignore = "needs node and npm on PATH")]
fn npx_tfward_prints_cargos_version() {
    let out = npx_tfward(&installed().project, &["--version"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("tfward {VERSION}")
    );
}

#[test]
#[cfg_attr(not(has_npm), ignore = "needs node and npm on PATH")]
fn npx_tfward_checks_the_cdk_example_with_the_binarys_output_and_exit_code() {
    let args = ["check", EXAMPLE, "--format", "json"];
    let through_npx = npx_tfward(&installed().project, &args);
    let direct = tfward_directly(&args);
    assert_eq!(
        through_npx.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&through_npx.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_slice(&through_npx.stdout).expect("JSON report on stdout");
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"kms-cross-region-reference"), "{rules:?}");
    assert_eq!(through_npx.stdout, direct.stdout);
}

#[test]
#[cfg_attr(not(has_npm), ignore = "needs node and npm on PATH")]
fn exit_codes_pass_through_the_launcher() {
    let cases: [&[&str]; 3] = [
        // Findings below the threshold: 0.
        &[
            "check",
            EXAMPLE,
            "--rule",
            "iam-wildcard-action",
            "--severity-threshold",
            "critical",
        ],
        // Findings at the default threshold: 1.
        &["check", EXAMPLE],
        // A usage error: 2.
        &["check", EXAMPLE, "--no-such-option"],
    ];
    let mut codes = Vec::new();
    for args in cases {
        let through_npx = npx_tfward(&installed().project, args);
        let direct = tfward_directly(args);
        assert_eq!(through_npx.status.code(), direct.status.code(), "{args:?}");
        assert_eq!(through_npx.stderr, direct.stderr, "{args:?}");
        codes.push(direct.status.code());
    }
    assert_eq!(codes, [Some(0), Some(1), Some(2)]);
}

#[test]
#[cfg_attr(not(has_npm), ignore = "needs node and npm on PATH")]
fn tfward_binary_overrides_the_platform_package_and_its_signal_is_raised_again() {
    let dir = installed().home.join("fake-binary");
    std::fs::create_dir_all(&dir).expect("folder");
    let script = dir.join("tfward");
    // Prints its arguments one a line, then dies of SIGTERM.
    std::fs::write(&script, "#!/bin/sh\nprintf '%s\\n' \"$@\"\nkill -TERM $$\n").expect("script");
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    // The command npm links, as `npm run` and `npx` start it (npx itself
    // reports a child's signal as 128 + its number, as a shell does).
    let launcher = installed().project.join("node_modules/.bin/tfward");
    let out = user_command(
        launcher.to_str().expect("UTF-8 path"),
        &installed().project,
        &installed().home,
    )
    .env("TFWARD_BINARY", &script)
    .args(["check", "two words", "--format=json"])
    .output()
    .expect("run the launcher");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "check\ntwo words\n--format=json\n"
    );
    assert_eq!(out.status.signal(), Some(libc::SIGTERM), "{:?}", out.status);
}

#[test]
#[cfg_attr(not(has_npm), ignore = "needs node and npm on PATH")]
fn without_its_platform_package_the_launcher_says_so_in_one_line() {
    let bare = &installed().bare;
    assert!(
        !bare
            .join(format!("node_modules/@tfward/{}", host().1))
            .exists()
    );
    let out = npx_tfward(bare, &["--version"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("tfward: @tfward/{},", host().1))
            && stderr.contains("TFWARD_BINARY"),
        "{stderr}"
    );
}

#[test]
#[cfg_attr(not(has_npm), ignore = "needs node and npm on PATH")]
fn on_an_unsupported_platform_the_launcher_names_the_alternatives_in_one_line() {
    let project = &installed().project;
    let pretend = installed().home.join("pretend-aix.js");
    std::fs::write(
        &pretend,
        "Object.defineProperty(process, 'platform', { value: 'aix' });\n\
         Object.defineProperty(process, 'arch', { value: 'ppc64' });\n",
    )
    .expect("preload script");
    let out = user_command("node", project, &installed().home)
        .arg("--require")
        .arg(&pretend)
        .arg(project.join("node_modules/tfward/bin/tfward.js"))
        .arg("--version")
        .output()
        .expect("run node");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    for needle in [
        "no prebuilt binary for aix-ppc64",
        "linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64",
        "pip install tfward",
        "/releases",
        "TFWARD_BINARY",
    ] {
        assert!(stderr.contains(needle), "no {needle:?} in {stderr}");
    }
}
