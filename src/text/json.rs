//! Where a member of a JSON text is. serde_json keeps no positions, so a
//! document whose lines are shown (Terraform JSON, CDKTF stacks) is parsed a
//! second time by jsonc-parser, whose syntax tree carries byte ranges.

use super::LineIndex;
use jsonc_parser::ast;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

/// One step of a path into a JSON document.
#[derive(Debug, Clone, Copy)]
pub enum Step<'s> {
    /// An object member; with duplicate keys the last wins, as in serde_json.
    Key(&'s str),
    /// An array element; index 0 of a non-array is the value itself, as in
    /// Terraform JSON's "one block or a list of blocks".
    Index(usize),
}

/// The positions of one JSON text.
pub struct JsonPositions<'a> {
    root: Option<ast::Value<'a>>,
    lines: LineIndex,
}

impl<'a> JsonPositions<'a> {
    /// Text that is not JSON has no positions: every lookup gives `None`.
    pub fn new(text: &'a str) -> Self {
        let root = parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
            .ok()
            .and_then(|parsed| parsed.value);
        JsonPositions {
            root,
            lines: LineIndex::new(text),
        }
    }

    /// The 1-based line where the member at `path` starts: its key for an
    /// object member, its first character for an array element.
    pub fn line(&self, path: &[Step]) -> Option<u32> {
        let mut value = self.root.as_ref()?;
        let mut start = value_range(value).start;
        for step in path {
            match (step, value) {
                (Step::Key(key), ast::Value::Object(object)) => {
                    let prop = object
                        .properties
                        .iter()
                        .rev()
                        .find(|p| p.name.as_str() == *key)?;
                    start = prop.range.start;
                    value = &prop.value;
                }
                (Step::Index(i), ast::Value::Array(array)) => {
                    value = array.elements.get(*i)?;
                    start = value_range(value).start;
                }
                (Step::Index(0), _) => {}
                _ => return None,
            }
        }
        Some(self.lines.line(start))
    }

    /// The first key written twice in one object, with the lines of both.
    pub fn duplicate_key(&self) -> Option<(String, u32, u32)> {
        let mut stack: Vec<&ast::Value> = self.root.iter().collect();
        while let Some(value) = stack.pop() {
            match value {
                ast::Value::Array(a) => stack.extend(a.elements.iter().rev()),
                ast::Value::Object(o) => {
                    // A set, not a scan: one object may hold a hostile number of keys.
                    let mut seen = std::collections::HashMap::new();
                    for prop in &o.properties {
                        let line = self.lines.line(prop.range.start);
                        if let Some(first) = seen.insert(prop.name.as_str(), line) {
                            return Some((prop.name.as_str().to_string(), first, line));
                        }
                    }
                    stack.extend(o.properties.iter().rev().map(|p| &p.value));
                }
                _ => {}
            }
        }
        None
    }

    /// Every string value (not object keys) with its line, in document order.
    pub fn strings(&self) -> Vec<(&str, u32)> {
        let mut out = Vec::new();
        let mut stack: Vec<&ast::Value> = self.root.iter().collect();
        while let Some(value) = stack.pop() {
            match value {
                ast::Value::StringLit(s) => {
                    out.push((s.value.as_ref(), self.lines.line(s.range.start)))
                }
                ast::Value::Array(a) => stack.extend(a.elements.iter().rev()),
                ast::Value::Object(o) => stack.extend(o.properties.iter().rev().map(|p| &p.value)),
                _ => {}
            }
        }
        out
    }
}

fn value_range(value: &ast::Value) -> jsonc_parser::common::Range {
    match value {
        ast::Value::StringLit(v) => v.range,
        ast::Value::NumberLit(v) => v.range,
        ast::Value::BooleanLit(v) => v.range,
        ast::Value::Object(v) => v.range,
        ast::Value::Array(v) => v.range,
        ast::Value::NullKeyword(v) => v.range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Index, Key};

    const DOC: &str = r#"{
  "resource": {
    "aws_s3_bucket": {
      "a": {
        "bucket": "é-a",
        "tags": {
          "b": "looks like a resource name"
        }
      },
      "b": [
        {"bucket": "b0"},
        {"bucket": "b1"}
      ]
    }
  }
}"#;

    #[test]
    fn a_nested_key_never_stands_for_a_later_member() {
        let at = JsonPositions::new(DOC);
        assert_eq!(
            at.line(&[Key("resource"), Key("aws_s3_bucket"), Key("a")]),
            Some(4)
        );
        assert_eq!(
            at.line(&[Key("resource"), Key("aws_s3_bucket"), Key("b")]),
            Some(10)
        );
        assert_eq!(
            at.line(&[Key("resource"), Key("aws_s3_bucket"), Key("b"), Index(1)]),
            Some(12)
        );
        assert_eq!(
            at.line(&[Key("resource"), Key("aws_s3_bucket"), Key("a"), Index(0)]),
            Some(4)
        );
        assert_eq!(
            at.line(&[Key("resource"), Key("aws_s3_bucket"), Key("c")]),
            None
        );
        assert_eq!(at.line(&[Key("resource"), Index(1)]), None);
    }

    #[test]
    fn strings_carry_their_lines() {
        let at = JsonPositions::new(DOC);
        let strings = at.strings();
        assert_eq!(strings[0], ("é-a", 5));
        assert_eq!(strings[1], ("looks like a resource name", 7));
        assert_eq!(strings.last(), Some(&("b1", 12)));
    }

    #[test]
    fn a_duplicate_key_names_both_lines() {
        assert_eq!(JsonPositions::new(DOC).duplicate_key(), None);
        let doc = "{\"a\": [{\"k\": 1,\n \"k\": 2}]}";
        assert_eq!(
            JsonPositions::new(doc).duplicate_key(),
            Some(("k".to_string(), 1, 2))
        );
    }

    #[test]
    fn text_that_is_not_json_has_no_positions() {
        assert_eq!(JsonPositions::new("{").line(&[]), None);
    }
}
