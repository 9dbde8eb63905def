//! Terraform address and reference strings, tokenised properly: keys are
//! quoted strings that may contain dots and brackets, so never split on `.`.

/// One step of an address or reference: `aws_kms_key`, `k`, `[0]`, `["a.b"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Name(String),
    Index(String),
}

/// Splits `module.m["a.b"].aws_kms_key.k[0].arn` into names and raw index texts
/// (`0`, `"a.b"`). Returns `None` for text that is not an address.
pub fn segments(text: &str) -> Option<Vec<Segment>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'.' => i += 1,
            b'[' => {
                let start = i + 1;
                let mut j = start;
                let mut in_string = false;
                while j < bytes.len() {
                    match bytes[j] {
                        b'\\' if in_string => j += 1,
                        b'"' => in_string = !in_string,
                        b']' if !in_string => break,
                        _ => {}
                    }
                    j += 1;
                }
                if j >= bytes.len() {
                    return None;
                }
                out.push(Segment::Index(text[start..j].to_string()));
                i = j + 1;
            }
            _ => {
                let start = i;
                while i < bytes.len() && bytes[i] != b'.' && bytes[i] != b'[' {
                    i += 1;
                }
                out.push(Segment::Name(text[start..i].to_string()));
            }
        }
    }
    Some(out)
}

/// Configuration path (call names) of a module instance address:
/// `module.a["x"].module.b` → `[a, b]`. Also accepts the 0.12 form `a.b`.
pub fn module_config_path(module_address: &str) -> Vec<String> {
    let Some(segs) = segments(module_address) else {
        return Vec::new();
    };
    let names: Vec<&str> = segs
        .iter()
        .filter_map(|s| match s {
            Segment::Name(n) => Some(n.as_str()),
            Segment::Index(_) => None,
        })
        .collect();
    if names.first() == Some(&"module") {
        names
            .chunks(2)
            .filter(|c| c.len() == 2 && c[0] == "module")
            .map(|c| c[1].to_string())
            .collect()
    } else {
        // Terraform 0.12 wrote module paths as bare call names joined by dots.
        names.iter().map(|s| s.to_string()).collect()
    }
}

/// The module instance address that contains `module_address`: drops the last `module.X[key]`.
pub fn parent_module_address(module_address: &str) -> String {
    let Some(segs) = segments(module_address) else {
        return String::new();
    };
    let last_module = segs
        .iter()
        .rposition(|s| *s == Segment::Name("module".to_string()))
        .unwrap_or(0);
    render(&segs[..last_module])
}

/// Renders segments back into address text.
pub fn render(segs: &[Segment]) -> String {
    let mut out = String::new();
    for seg in segs {
        match seg {
            Segment::Name(n) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(n);
            }
            Segment::Index(i) => {
                out.push('[');
                out.push_str(i);
                out.push(']');
            }
        }
    }
    out
}

/// Joins a module instance address and a module-relative address.
pub fn join(module: &str, local: &str) -> String {
    if module.is_empty() {
        local.to_string()
    } else {
        format!("{module}.{local}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_keep_quoted_keys_whole() {
        assert_eq!(
            segments(r#"module.m["a.b[1]"].aws_kms_key.k[0].arn"#).unwrap(),
            vec![
                Segment::Name("module".into()),
                Segment::Name("m".into()),
                Segment::Index(r#""a.b[1]""#.into()),
                Segment::Name("aws_kms_key".into()),
                Segment::Name("k".into()),
                Segment::Index("0".into()),
                Segment::Name("arn".into()),
            ]
        );
        assert_eq!(segments("aws_x.y[0"), None);
    }

    #[test]
    fn module_paths() {
        assert_eq!(
            module_config_path(r#"module.a["x"].module.b[0]"#),
            vec!["a", "b"]
        );
        assert_eq!(module_config_path("foo.bar"), vec!["foo", "bar"]);
        assert_eq!(module_config_path(""), Vec::<String>::new());
        assert_eq!(
            parent_module_address(r#"module.a["x"].module.b[0]"#),
            r#"module.a["x"]"#
        );
        assert_eq!(parent_module_address("module.a"), "");
    }
}
