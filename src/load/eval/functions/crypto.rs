//! Hash and UUID functions (`md5`, `sha1`, `sha256`, `sha512`, their
//! `base64…` and `file…` forms, `uuidv5`), and `rsadecrypt`, which tfward
//! never evaluates: a checker has no business holding a decrypted secret.

use super::{
    Env, Function,
    Unknowns::{Own, Whole},
    filesystem::read_then,
    string_arg,
};
use crate::model::value::Value;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha1::Digest;
use std::fmt::Write as _;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("base64sha256", 1, 1, Whole, base64sha256),
    Function::new("base64sha512", 1, 1, Whole, base64sha512),
    Function::new("filebase64sha256", 1, 1, Whole, filebase64sha256),
    Function::new("filebase64sha512", 1, 1, Whole, filebase64sha512),
    Function::new("filemd5", 1, 1, Whole, filemd5),
    Function::new("filesha1", 1, 1, Whole, filesha1),
    Function::new("filesha256", 1, 1, Whole, filesha256),
    Function::new("filesha512", 1, 1, Whole, filesha512),
    Function::new("md5", 1, 1, Whole, md5),
    Function::new("rsadecrypt", 2, 2, Own, never_decrypted),
    Function::new("sha1", 1, 1, Whole, sha1),
    Function::new("sha256", 1, 1, Whole, sha256),
    Function::new("sha512", 1, 1, Whole, sha512),
    Function::new("uuidv5", 2, 2, Whole, uuidv5),
];

/// A digest of `bytes` as Terraform shows it: hexadecimal or base64.
fn digest<D: Digest>(bytes: &[u8], base64: bool) -> Value {
    let sum = D::digest(bytes);
    Value::String(if base64 {
        BASE64.encode(sum)
    } else {
        hex(&sum)
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// The hash of the text of the first argument.
fn text_digest<D: Digest>(a: &[Value], base64: bool) -> Result<Value, String> {
    Ok(digest::<D>(string_arg(a, 0)?.as_bytes(), base64))
}

/// The hash of the file the first argument names; a refused read is unknown.
fn file_digest<D: Digest>(a: &[Value], env: &Env, base64: bool) -> Result<Value, String> {
    read_then(a, env, |bytes, _| Ok(digest::<D>(&bytes, base64)))
}

fn md5(a: &[Value], _: &Env) -> Result<Value, String> {
    text_digest::<md5::Md5>(a, false)
}

fn sha1(a: &[Value], _: &Env) -> Result<Value, String> {
    text_digest::<sha1::Sha1>(a, false)
}

fn sha256(a: &[Value], _: &Env) -> Result<Value, String> {
    text_digest::<sha2::Sha256>(a, false)
}

fn sha512(a: &[Value], _: &Env) -> Result<Value, String> {
    text_digest::<sha2::Sha512>(a, false)
}

fn base64sha256(a: &[Value], _: &Env) -> Result<Value, String> {
    text_digest::<sha2::Sha256>(a, true)
}

fn base64sha512(a: &[Value], _: &Env) -> Result<Value, String> {
    text_digest::<sha2::Sha512>(a, true)
}

fn filemd5(a: &[Value], env: &Env) -> Result<Value, String> {
    file_digest::<md5::Md5>(a, env, false)
}

fn filesha1(a: &[Value], env: &Env) -> Result<Value, String> {
    file_digest::<sha1::Sha1>(a, env, false)
}

fn filesha256(a: &[Value], env: &Env) -> Result<Value, String> {
    file_digest::<sha2::Sha256>(a, env, false)
}

fn filesha512(a: &[Value], env: &Env) -> Result<Value, String> {
    file_digest::<sha2::Sha512>(a, env, false)
}

fn filebase64sha256(a: &[Value], env: &Env) -> Result<Value, String> {
    file_digest::<sha2::Sha256>(a, env, true)
}

fn filebase64sha512(a: &[Value], env: &Env) -> Result<Value, String> {
    file_digest::<sha2::Sha512>(a, env, true)
}

/// Unknown whatever its arguments: the plaintext is a secret, and decrypting
/// needs a private key that a checked tree should not hold.
fn never_decrypted(_: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::Unknown)
}

/// A name-based UUID (RFC 4122 §4.3): the SHA-1 of the namespace's 16 bytes
/// and the name, with the version and variant bits set. The namespace is
/// `dns`, `url`, `oid`, `x500` or a UUID, as in Terraform.
fn uuidv5(a: &[Value], _: &Env) -> Result<Value, String> {
    let namespace = string_arg(a, 0)?;
    let name = string_arg(a, 1)?;
    let known = match namespace.as_str() {
        "dns" => "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
        "url" => "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
        "oid" => "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
        "x500" => "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
        other => other,
    };
    let space = parse_uuid(known)
        .ok_or_else(|| format!("uuidv5() doesn't support namespace {namespace} (not a UUID)"))?;
    let mut hash = sha1::Sha1::new();
    hash.update(space);
    hash.update(name.as_bytes());
    let mut id: [u8; 16] = hash.finalize()[..16]
        .try_into()
        .map_err(|_| "a SHA-1 is 20 bytes".to_string())?;
    id[6] = (id[6] & 0x0f) | 0x50;
    id[8] = (id[8] & 0x3f) | 0x80;
    let h = hex(&id);
    Ok(Value::String(format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )))
}

/// A UUID's 16 bytes, from the forms Go's `uuid.Parse` takes: hyphenated,
/// optionally braced or with a `urn:uuid:` prefix, or 32 bare hex digits.
fn parse_uuid(text: &str) -> Option<[u8; 16]> {
    let text = text.strip_prefix("urn:uuid:").unwrap_or(text);
    let text = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or(text);
    let digits: String = match text.len() {
        32 => text.to_string(),
        36 if [8, 13, 18, 23].iter().all(|&i| text.as_bytes()[i] == b'-') => {
            text.chars().filter(|c| *c != '-').collect()
        }
        _ => return None,
    };
    if digits.len() != 32 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    //! Expected values are Terraform 1.11's (`terraform console`).
    use super::super::filesystem::Files;
    use super::super::testing::*;

    #[test]
    fn hashes() {
        let x = || vec![s("x")];
        assert_eq!(ok("md5", x()), s("9dd4e461268c8034f5c8564e155c67a6"));
        assert_eq!(
            ok("sha1", x()),
            s("11f6ad8ec52a2984abaafd7c3b516503785c2072")
        );
        assert_eq!(
            ok("sha256", x()),
            s("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881")
        );
        assert_eq!(
            ok("sha512", x()),
            s(
                "a4abd4448c49562d828115d13a1fccea927f52b4d5459297f8b43e42da89238bc13626e43dcb38ddb082488927ec904fb42057443983e88585179d50551afe62"
            )
        );
        assert_eq!(
            ok("base64sha256", x()),
            s("LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE=")
        );
        assert_eq!(
            ok("base64sha512", x()),
            s(
                "pKvURIxJVi2CgRXROh/M6pJ/UrTVRZKX+LQ+QtqJI4vBNibkPcs43bCCSIkn7JBPtCBXRDmD6IWFF51QVRr+Yg=="
            )
        );
        assert_eq!(
            ok("sha256", vec![s("é")]),
            s("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c")
        );
        // A number converts to its string.
        assert_eq!(
            ok("sha256", vec![n(1.0)]),
            s("6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b")
        );
        assert_eq!(
            ok("md5", vec![sens(s("x"))]),
            sens(s("9dd4e461268c8034f5c8564e155c67a6"))
        );
        assert_eq!(ok("sha256", vec![U]), U);
    }

    #[test]
    fn file_hashes() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a.txt"), "hello\n").unwrap();
        let files = Files::new(tmp.path(), crate::text::bounded::Limits::default().file());
        let c = |name: &str, p: &str| call(name, vec![s(p)], &files);
        assert_eq!(
            c("filesha256", "a.txt"),
            Ok(s(
                "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
            ))
        );
        assert_eq!(
            c("filebase64sha256", "a.txt"),
            Ok(s("WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM="))
        );
        assert_eq!(
            c("filemd5", "a.txt"),
            Ok(s("b1946ac92492d2347c6235b4d2611184"))
        );
        assert_eq!(
            c("filesha1", "a.txt"),
            Ok(s("f572d396fae9206628714fb2ce00f72e94f2258f"))
        );
        assert_eq!(
            c("filesha512", "a.txt"),
            Ok(s(
                "e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629"
            ))
        );
        assert_eq!(
            c("filebase64sha512", "a.txt"),
            Ok(s(
                "58IrmUxZ2c8rSOVJseJGZmNgRZMNPafBrLKZ0cO3+TH5Sq5B7dosKyB6NuEPi8uNRSI+VIePWzFufOO2vAGWKQ=="
            ))
        );
        assert!(
            c("filesha256", "nope")
                .unwrap_err()
                .starts_with("filesha256: no file exists")
        );
        // Outside the tree: unknown, noted, as `file` is.
        assert_eq!(c("filesha256", "/etc/hostname"), Ok(U));
        assert_eq!(files.take_notes().len(), 1);
    }

    #[test]
    fn uuidv5_fn() {
        let u = |ns: &str, name: &str| ok("uuidv5", vec![s(ns), s(name)]);
        assert_eq!(
            u("dns", "www.example.com"),
            s("2ed6657d-e927-568b-95e1-2665a8aea6a2")
        );
        assert_eq!(
            u("url", "https://example.com"),
            s("4fd35a71-71ef-5a55-a9d9-aa75c889a6d0")
        );
        assert_eq!(u("oid", "1.2.3"), s("42d5e23b-3a02-5135-85c6-52d1102f1f00"));
        assert_eq!(u("x500", "cn=x"), s("a951fb6d-5aab-5a72-8e2e-9aa8df8d1f8f"));
        assert_eq!(
            u("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com"),
            s("2ed6657d-e927-568b-95e1-2665a8aea6a2")
        );
        assert!(
            err("uuidv5", vec![s("bogus"), s("x")]).contains("doesn't support namespace bogus")
        );
    }

    #[test]
    fn rsadecrypt_is_never_evaluated() {
        assert_eq!(ok("rsadecrypt", vec![s("x"), s("y")]), U);
    }
}
