//! The types of the plan fields the loader reads, checked before it reads
//! them: a field of the wrong type is an error naming its path, never a value
//! the reader's `as_str()` would quietly take as absent.
//!
//! A field Terraform may leave out may be absent (or null); one that is
//! present must have its documented type. Free-form values (`before`,
//! `after`, `values`, `constant_value`, a variable's `value` or `default`)
//! are not checked inside. Fields the loader never reads are not checked.

use serde_json::{Map, Value as Json};
use std::fmt;

/// One step of a path in the plan's JSON terms.
#[derive(Clone, Debug, PartialEq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A field path, printed `a.b[0]["odd key"]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldPath(pub Vec<Seg>);

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Index(n) => write!(f, "[{n}]")?,
                Seg::Key(k) => {
                    // Keys are the input's: long ones are cut, and any that is not
                    // a plain name is quoted, so a path is always one line.
                    let mut shown: String = k.chars().take(64).collect();
                    if shown.len() < k.len() {
                        shown.push('…');
                    }
                    let plain = !shown.is_empty()
                        && shown
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "_-:/".contains(c));
                    if plain {
                        if i > 0 {
                            f.write_str(".")?;
                        }
                        f.write_str(&shown)?;
                    } else {
                        f.write_str("[\"")?;
                        for c in shown.chars() {
                            match c {
                                '"' | '\\' => write!(f, "\\{c}")?,
                                c if invisible(c) => write!(f, "\\u{{{:04x}}}", c as u32)?,
                                c => write!(f, "{c}")?,
                            }
                        }
                        f.write_str("\"]")?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Characters that would break the line or hide or reorder text around
/// them in a terminal or a log: controls, bidirectional marks, zero widths.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// A field whose value is not of the type the plan format gives it.
#[derive(Debug)]
pub struct Mistake {
    /// Relative to what was checked.
    pub path: Vec<Seg>,
    pub expected: &'static str,
    pub found: &'static str,
}

pub type Checked = Result<(), Mistake>;

/// The JSON type of a value, as the user would name it.
pub fn kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "true or false",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}

/// The JSON type of unparsed JSON text, from its first byte.
pub fn raw_kind(text: &str) -> &'static str {
    match text.trim_start().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "a list",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "true or false",
        Some(b'n') | None => "null",
        Some(_) => "a number",
    }
}

/// A walk with the current path, for the errors.
#[derive(Default)]
pub struct Checker {
    path: Vec<Seg>,
}

pub const OBJECT: &str = "an object";
pub const LIST: &str = "a list";
pub const STRING: &str = "a string";
pub const BOOL: &str = "true or false";
pub const EXPRESSION: &str = "an object with \"constant_value\" or \"references\"";

impl Checker {
    pub fn wrong(&self, expected: &'static str, found: &Json) -> Mistake {
        Mistake {
            path: self.path.clone(),
            expected,
            found: kind(found),
        }
    }

    pub fn object<'a>(&self, v: &'a Json) -> Result<&'a Map<String, Json>, Mistake> {
        v.as_object().ok_or_else(|| self.wrong(OBJECT, v))
    }

    /// `check` on `map[key]` when it is there and not null.
    pub fn field(
        &mut self,
        map: &Map<String, Json>,
        key: &str,
        check: impl FnOnce(&mut Checker, &Json) -> Checked,
    ) -> Checked {
        match map.get(key) {
            None | Some(Json::Null) => Ok(()),
            Some(v) => self.at(Seg::Key(key.to_string()), |c| check(c, v)),
        }
    }

    /// As `field`, but a missing or null `map[key]` is a mistake: without it
    /// the entry would be dropped silently.
    pub fn required(
        &mut self,
        map: &Map<String, Json>,
        key: &str,
        expected: &'static str,
        check: impl FnOnce(&mut Checker, &Json) -> Checked,
    ) -> Checked {
        let found = match map.get(key) {
            None => "nothing",
            Some(Json::Null) => "null",
            Some(v) => return self.at(Seg::Key(key.to_string()), |c| check(c, v)),
        };
        Err(Mistake {
            path: [self.path.as_slice(), &[Seg::Key(key.to_string())]].concat(),
            expected,
            found,
        })
    }

    pub fn at(&mut self, seg: Seg, check: impl FnOnce(&mut Checker) -> Checked) -> Checked {
        self.path.push(seg);
        let result = check(self);
        self.path.pop();
        result
    }

    pub fn string(&mut self, v: &Json) -> Checked {
        match v {
            Json::String(_) => Ok(()),
            _ => Err(self.wrong(STRING, v)),
        }
    }

    pub fn boolean(&mut self, v: &Json) -> Checked {
        match v {
            Json::Bool(_) => Ok(()),
            _ => Err(self.wrong(BOOL, v)),
        }
    }

    pub fn strings(&mut self, map: &Map<String, Json>, keys: &[&str]) -> Checked {
        for key in keys {
            self.field(map, key, Checker::string)?;
        }
        Ok(())
    }

    pub fn list_of(
        &mut self,
        v: &Json,
        mut each: impl FnMut(&mut Checker, &Json) -> Checked,
    ) -> Checked {
        let Json::Array(items) = v else {
            return Err(self.wrong(LIST, v));
        };
        for (i, item) in items.iter().enumerate() {
            self.at(Seg::Index(i), |c| each(c, item))?;
        }
        Ok(())
    }

    pub fn object_of(
        &mut self,
        v: &Json,
        mut each: impl FnMut(&mut Checker, &Json) -> Checked,
    ) -> Checked {
        for (key, item) in self.object(v)? {
            self.at(Seg::Key(key.clone()), |c| each(c, item))?;
        }
        Ok(())
    }

    /// An instance key: a number (`count`) or a string (`for_each`).
    pub fn index(&mut self, v: &Json) -> Checked {
        match v {
            Json::Number(_) | Json::String(_) => Ok(()),
            _ => Err(self.wrong("a number or a string", v)),
        }
    }

    /// `after_unknown` / `*_sensitive` / `sensitive_values`: true/false, or
    /// objects and lists of them mirroring the value.
    pub fn marks(&mut self, v: &Json) -> Checked {
        match v {
            Json::Bool(_) => Ok(()),
            Json::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.at(Seg::Index(i), |c| c.marks(item))?;
                }
                Ok(())
            }
            Json::Object(map) => {
                for (key, item) in map {
                    self.at(Seg::Key(key.clone()), |c| c.marks(item))?;
                }
                Ok(())
            }
            _ => Err(self.wrong("true, false, or an object or list of them", v)),
        }
    }

    /// A resource of a module tree (`planned_values`, a state's `values`),
    /// or the identity fields of a `resource_changes` entry.
    pub fn tree_resource(&mut self, v: &Json) -> Checked {
        let map = self.object(v)?;
        self.strings(
            map,
            &[
                "address",
                "mode",
                "type",
                "name",
                "module_address",
                "provider_name",
                "deposed",
                "deposed_key",
            ],
        )?;
        self.field(map, "index", Checker::index)?;
        // The attributes: an object; inside, anything.
        self.field(map, "values", |c, v| c.object(v).map(drop))?;
        self.field(map, "sensitive_values", Checker::marks)
    }

    /// The plan's `configuration` section.
    pub fn configuration(&mut self, v: &Json) -> Checked {
        let map = self.object(v)?;
        self.field(map, "provider_config", |c, v| {
            c.object_of(v, Checker::provider_entry)
        })?;
        self.field(map, "root_module", Checker::module)
    }

    fn provider_entry(&mut self, v: &Json) -> Checked {
        let map = self.object(v)?;
        self.strings(map, &["module_address", "name", "alias", "full_name"])?;
        self.field(map, "expressions", |c, v| {
            let exprs = c.object(v)?;
            c.field(exprs, "region", Checker::expression)?;
            // Read as lists of blocks.
            for block in ["default_tags", "assume_role"] {
                c.field(exprs, block, |c, v| c.list_of(v, Checker::body))?;
            }
            c.body(v)
        })
    }

    fn module(&mut self, v: &Json) -> Checked {
        let map = self.object(v)?;
        self.field(map, "resources", |c, v| {
            c.list_of(v, Checker::config_resource)
        })?;
        self.field(map, "module_calls", |c, v| c.object_of(v, Checker::call))?;
        self.field(map, "outputs", |c, v| {
            c.object_of(v, |c, v| {
                let output = c.object(v)?;
                c.field(output, "expression", Checker::expression)
            })
        })?;
        self.field(map, "variables", |c, v| {
            c.object_of(v, |c, v| {
                let var = c.object(v)?;
                c.field(var, "sensitive", Checker::boolean)
            })
        })
    }

    fn call(&mut self, v: &Json) -> Checked {
        let map = self.object(v)?;
        self.field(map, "source", Checker::string)?;
        self.field(map, "module", Checker::module)?;
        // A module's inputs are expressions, never blocks.
        self.field(map, "expressions", |c, v| {
            c.object_of(v, Checker::expression)
        })
    }

    fn config_resource(&mut self, v: &Json) -> Checked {
        let map = self.object(v)?;
        // Without its address, a resource's expressions would go unread.
        self.required(map, "address", STRING, Checker::string)?;
        self.strings(map, &["mode", "type", "name", "provider_config_key"])?;
        self.field(map, "expressions", Checker::body)?;
        self.field(map, "depends_on", |c, v| c.list_of(v, Checker::string))
    }

    /// An expression: `constant_value` (anything) and `references` (strings).
    pub fn expression(&mut self, v: &Json) -> Checked {
        let map = v.as_object().ok_or_else(|| self.wrong(EXPRESSION, v))?;
        self.field(map, "references", |c, v| c.list_of(v, Checker::string))
    }

    /// A block's arguments: each an expression, a list of blocks, or a block
    /// (or map of blocks) of its own.
    fn body(&mut self, v: &Json) -> Checked {
        self.object_of(v, |c, v| match v {
            Json::Array(_) => c.list_of(v, Checker::body),
            Json::Object(map) if is_expression(map) => c.expression(v),
            Json::Object(_) => c.body(v),
            _ => Err(c.wrong("an expression object or a list of blocks", v)),
        })
    }
}

/// What the loader reads as an expression rather than a nested block.
pub fn is_expression(map: &Map<String, Json>) -> bool {
    map.is_empty()
        || map
            .keys()
            .all(|k| k == "constant_value" || k == "references")
}

/// Where the value at `path` starts in JSON `text` (already known to be
/// valid JSON); of duplicate keys the last, as the parser keeps it.
pub fn locate(text: &str, path: &[Seg]) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    for seg in path {
        match (b.get(i)?, seg) {
            (b'{', Seg::Key(key)) => {
                let mut found = None;
                i = skip_ws(b, i + 1);
                while b.get(i) == Some(&b'"') {
                    let end = skip_string(b, i);
                    let name: Option<String> = serde_json::from_str(text.get(i..end)?).ok();
                    i = skip_ws(b, end);
                    i = skip_ws(b, i + 1); // the colon
                    if name.as_deref() == Some(key.as_str()) {
                        found = Some(i);
                    }
                    i = skip_ws(b, skip_value(b, i));
                    if b.get(i) == Some(&b',') {
                        i = skip_ws(b, i + 1);
                    }
                }
                i = found?;
            }
            (b'[', Seg::Index(n)) => {
                i = skip_ws(b, i + 1);
                for _ in 0..*n {
                    if b.get(i) == Some(&b']') {
                        return None;
                    }
                    i = skip_ws(b, skip_value(b, i));
                    if b.get(i) == Some(&b',') {
                        i = skip_ws(b, i + 1);
                    }
                }
                if b.get(i) == Some(&b']') {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(i)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// Past the string that starts at `i`.
fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// Past the value that starts at `i`.
fn skip_value(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                i = skip_string(b, i);
                if depth == 0 {
                    return i;
                }
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                if depth == 0 {
                    return i;
                }
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b',' | b':' if depth == 0 => return i,
            c if depth == 0 && c.is_ascii_whitespace() => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Seg {
        Seg::Key(k.to_string())
    }

    #[test]
    fn locate_finds_where_a_value_starts() {
        let text = r#" {"a": {"x": "}", "b" : [1, {"c": [ true ]}, "s\"]"]}, "b": 2, "b": 3}"#;
        let at = |path: &[Seg]| locate(text, path).map(|i| &text[i..i + 1]);
        assert_eq!(at(&[key("a"), key("b"), Seg::Index(1)]), Some("{"));
        assert_eq!(
            at(&[key("a"), key("b"), Seg::Index(1), key("c"), Seg::Index(0)]),
            Some("t")
        );
        assert_eq!(at(&[key("a"), key("b"), Seg::Index(2)]), Some("\""));
        // Of duplicate keys, the last.
        assert_eq!(at(&[key("b")]), Some("3"));
        assert_eq!(at(&[key("a"), key("b"), Seg::Index(3)]), None);
        assert_eq!(at(&[key("zz")]), None);
    }

    #[test]
    fn paths_print_in_json_terms_on_one_line() {
        let path = FieldPath(vec![
            key("provider_config"),
            key("module.a:aws.west"),
            key("odd\nkey \u{202e}\"é"),
            Seg::Index(2),
            key("region"),
        ]);
        assert_eq!(
            path.to_string(),
            r#"provider_config["module.a:aws.west"]["odd\u{000a}key \u{202e}\"é"][2].region"#
        );
    }
}
