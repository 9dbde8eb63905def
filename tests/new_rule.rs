//! `scripts/new-rule.sh`, run with `--root` on a temporary copy of the files it
//! edits (`src/rules/`, an empty `testdata/rules/`): the rule file, its `pub mod`,
//! its `RULES` line in sorted position and the fixture pair; and what it refuses.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A temporary root with what the script reads and edits.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(ROOT).join("src/rules"),
        &dir.path().join("src/rules"),
    );
    std::fs::create_dir_all(dir.path().join("testdata/rules")).unwrap();
    dir
}

fn new_rule(root: &Path, id: &str, family: &str) -> Output {
    Command::new(Path::new(ROOT).join("scripts/new-rule.sh"))
        .arg("--root")
        .arg(root)
        .args([id, family])
        .output()
        .expect("run scripts/new-rule.sh")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Every file under `dir` with its text: what a refusal must leave alone.
fn snapshot(dir: &Path) -> Vec<(PathBuf, String)> {
    files(dir)
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The file under `src/rules` that declares `needle`.
fn declaring(root: &Path, needle: &str) -> PathBuf {
    files(&root.join("src/rules"))
        .into_iter()
        .find(|p| read(p).lines().any(|l| l.starts_with(needle)))
        .unwrap_or_else(|| panic!("no `{needle}` under src/rules"))
}

/// The ids of `RULES`, from its `<family>::<module>::RULE,` lines.
fn registry_ids(registry: &str) -> Vec<String> {
    registry
        .lines()
        .skip_while(|l| !l.starts_with("pub static RULES"))
        .take_while(|l| !l.starts_with("];"))
        .filter_map(|l| l.trim().strip_suffix("::RULE,"))
        .filter_map(|l| l.rsplit("::").next())
        .map(|module| module.replace('_', "-"))
        .collect()
}

#[test]
fn scaffolds_the_rule_its_registration_and_a_fixture_pair() {
    let dir = scratch();
    let root = dir.path();
    let registry_file = declaring(root, "pub static RULES");
    let before = registry_ids(&read(&registry_file));

    let out = new_rule(root, "kms-alias-missing", "kms");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let rule = read(&root.join("src/rules/kms/kms_alias_missing.rs"));
    assert!(rule.starts_with("//! `kms-alias-missing`: "));
    assert!(rule.contains("id: \"kms-alias-missing\","));
    assert!(rule.contains("family: Family::Kms,"));

    // The template fills every field of RuleMeta, wherever it is declared.
    let meta = read(&declaring(root, "pub struct RuleMeta"));
    let declared: Vec<&str> = meta
        .lines()
        .skip_while(|l| !l.starts_with("pub struct RuleMeta"))
        .take_while(|l| *l != "}")
        .filter_map(|l| l.trim().strip_prefix("pub ")?.split_once(':'))
        .map(|(field, _)| field)
        .collect();
    let filled: Vec<&str> = rule
        .lines()
        .skip_while(|l| !l.contains("meta: RuleMeta {"))
        .skip(1)
        .take_while(|l| l.trim() != "},")
        .filter_map(|l| l.trim().split_once(':'))
        .map(|(field, _)| field)
        .collect();
    assert!(!declared.is_empty());
    assert_eq!(filled, declared, "the template's RuleMeta fields");

    let family_mod = read(&root.join("src/rules/kms/mod.rs"));
    let mods: Vec<&str> = family_mod
        .lines()
        .filter(|l| l.starts_with("pub mod "))
        .collect();
    assert!(mods.contains(&"pub mod kms_alias_missing;"), "{mods:?}");
    assert!(mods.is_sorted(), "{mods:?}");

    let registry = read(&registry_file);
    assert!(registry.contains("\n    kms::kms_alias_missing::RULE,\n"));
    let after = registry_ids(&registry);
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.is_sorted(), "RULES stays sorted by id: {after:?}");
    assert!(after.iter().any(|id| id == "kms-alias-missing"));

    let fixtures = root.join("testdata/rules/kms-alias-missing");
    for case in ["fires-basic", "clean-basic"] {
        assert!(read(&fixtures.join(case).join("hcl/main.tf")).starts_with("# TODO"));
        assert_eq!(read(&fixtures.join(case).join("expected.txt")), "");
    }
    assert_eq!(files(&fixtures).len(), 4);

    // Once made, the same id is refused.
    let again = new_rule(root, "kms-alias-missing", "kms");
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn refuses_bad_and_existing_ids_and_unknown_families() {
    let dir = scratch();
    let root = dir.path();
    std::fs::create_dir_all(root.join("testdata/rules/only-fixtures")).unwrap();
    let before = snapshot(root);
    for (id, family, why) in [
        ("kms-key-rotation", "kms", "exists already"),
        ("kms-key-rotation", "backup", "exists already"),
        ("only-fixtures", "kms", "exists already"),
        ("Kms-new", "kms", "not a kebab-case id"),
        ("kms_new", "kms", "not a kebab-case id"),
        ("kms--new", "kms", "not a kebab-case id"),
        ("-kms-new", "kms", "not a kebab-case id"),
        ("kms-new-", "kms", "not a kebab-case id"),
        ("1kms", "kms", "not a kebab-case id"),
        ("kms-new", "nope", "unknown family"),
        ("kms-new", "custom", "unknown family"),
        ("kms-new", "../kms", "unknown family"),
    ] {
        let out = new_rule(root, id, family);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{id} {family}: {stderr}");
        assert!(stderr.contains(why), "{id} {family}: {stderr}");
    }
    assert!(snapshot(root) == before, "a refusal changed files");
}
