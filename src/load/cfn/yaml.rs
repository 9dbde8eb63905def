//! YAML templates: yaml-rust2's event stream read in a loop (its `load`
//! recurses once per nesting level; the loop keeps its own bounded stack), so
//! every scalar, sequence and mapping keeps its tag and line.

use super::node::{Entry, Kind, MAX_ALIAS_BYTES, MAX_DEPTH, MAX_NODES, Measure, Node};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;

/// A reading error: the line (1-based) and what is wrong.
pub type Failure = (u32, String);

enum Frame {
    List {
        items: Vec<Node>,
        node: Node,
        anchor: usize,
    },
    Map {
        entries: Vec<Entry>,
        /// The line of each key: duplicates found without a scan per key.
        seen: HashMap<String, u32>,
        /// Entries of `<<` merge keys, added at the end where not written.
        merged: Vec<Entry>,
        node: Node,
        anchor: usize,
        key: Option<(String, u32)>,
    },
}

/// The first document of `text` as a tree.
pub fn read(text: &str) -> Result<Node, Failure> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    // Anchored nodes with their sizes and depths: an alias costs what it
    // expands to, and nests as deep as what it names.
    let mut anchors: HashMap<usize, (Node, Measure)> = HashMap::new();
    let mut nodes = 0usize;
    let mut alias_bytes = 0usize;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            (
                line_of(e.marker().line()),
                format!("invalid YAML: {}", e.info()),
            )
        })?;
        let line = line_of(mark.line());
        nodes += 1;
        if nodes > MAX_NODES {
            return Err((line, too_many()));
        }
        let (done, anchor) = match event {
            Event::StreamEnd | Event::DocumentEnd => break,
            Event::Scalar(text, style, anchor, tag) => {
                let explicit_str = tag.as_ref().is_some_and(|t| t.suffix == "str");
                // A key keeps its text as written (`1.50:` is not `1.5`).
                let is_key = matches!(stack.last(), Some(Frame::Map { key: None, .. }));
                let tag = local_tag(tag.as_ref(), line)?;
                let kind = match (style, &tag) {
                    (TScalarStyle::Plain, None) if !explicit_str && !is_key => plain_scalar(text),
                    _ => Kind::String(text),
                };
                (Node { kind, line, tag }, anchor)
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err((line, too_deep()));
                }
                let tag = local_tag(tag.as_ref(), line)?;
                let is_list = matches!(event, Event::SequenceStart(..));
                let node = Node {
                    kind: Kind::Null,
                    line,
                    tag,
                };
                stack.push(if is_list {
                    Frame::List {
                        items: Vec::new(),
                        node,
                        anchor,
                    }
                } else {
                    Frame::Map {
                        entries: Vec::new(),
                        seen: HashMap::new(),
                        merged: Vec::new(),
                        node,
                        anchor,
                        key: None,
                    }
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::List {
                    items,
                    mut node,
                    anchor,
                }) => {
                    node.kind = Kind::List(items);
                    (node, anchor)
                }
                Some(Frame::Map {
                    mut entries,
                    mut seen,
                    merged,
                    mut node,
                    anchor,
                    ..
                }) => {
                    for entry in merged {
                        if !seen.contains_key(&entry.key) {
                            seen.insert(entry.key.clone(), entry.line);
                            entries.push(entry);
                        }
                    }
                    node.kind = Kind::Map(entries);
                    (node, anchor)
                }
                None => return Err((line, "unbalanced YAML".to_string())),
            },
            Event::Alias(id) => {
                let Some((node, size)) = anchors.get(&id) else {
                    return Err((line, "an alias to an unknown anchor".to_string()));
                };
                if stack.len() + size.depth > MAX_DEPTH {
                    return Err((line, too_deep()));
                }
                nodes += size.nodes;
                if nodes > MAX_NODES {
                    return Err((line, too_many()));
                }
                alias_bytes += size.bytes;
                if alias_bytes > MAX_ALIAS_BYTES {
                    return Err((
                        line,
                        format!(
                            "aliases copying more than {} MiB of text",
                            MAX_ALIAS_BYTES >> 20
                        ),
                    ));
                }
                (node.clone(), 0)
            }
            Event::Nothing | Event::StreamStart | Event::DocumentStart => continue,
        };
        if anchor != 0 {
            let size = done.measure();
            nodes += size.nodes;
            if nodes > MAX_NODES {
                return Err((line, too_many()));
            }
            anchors.insert(anchor, (done.clone(), size));
        }
        match stack.last_mut() {
            None => return Ok(done),
            Some(Frame::List { items, .. }) => items.push(done),
            Some(Frame::Map {
                entries,
                seen,
                merged,
                key,
                ..
            }) => match key.take() {
                None => *key = Some((key_text(done)?, line)),
                // YAML's merge key, which `aws cloudformation package` and SAM resolve.
                Some((name, key_line)) if name == "<<" => match done.kind {
                    Kind::Map(more) => merged.extend(more),
                    Kind::List(maps) => {
                        for map in maps {
                            match map.kind {
                                Kind::Map(more) => merged.extend(more),
                                _ => return Err((key_line, merge_needs_maps())),
                            }
                        }
                    }
                    _ => return Err((key_line, merge_needs_maps())),
                },
                Some((name, key_line)) => {
                    if let Some(first) = seen.get(&name) {
                        return Err((
                            key_line,
                            format!("duplicate key {name:?} (lines {first} and {key_line})"),
                        ));
                    }
                    seen.insert(name.clone(), key_line);
                    entries.push(Entry {
                        key: name,
                        line: key_line,
                        value: done,
                    });
                }
            },
        }
    }
    Ok(Node::plain(Kind::Null, 1))
}

fn merge_needs_maps() -> String {
    "a merge key `<<` needs a mapping or a list of mappings".to_string()
}

fn too_deep() -> String {
    format!("nested deeper than {MAX_DEPTH} levels")
}

fn too_many() -> String {
    format!("more than {MAX_NODES} values, aliases expanded")
}

fn line_of(line: usize) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX).max(1)
}

fn key_text(node: Node) -> Result<String, Failure> {
    if node.tag.is_some() {
        return Err((node.line, "a mapping key with a tag".to_string()));
    }
    match node.kind {
        Kind::String(s) => Ok(s),
        Kind::Null => Ok(String::new()),
        Kind::Bool(b) => Ok(b.to_string()),
        Kind::Number(n) => Ok(n.to_string()),
        Kind::List(_) | Kind::Map(_) => {
            Err((node.line, "a mapping key that is not text".to_string()))
        }
    }
}

/// A local tag's name (`!Ref` gives `Ref`); YAML's own `!!str` and friends
/// are no tag at all (`!!str 1` is the text "1").
fn local_tag(tag: Option<&Tag>, line: u32) -> Result<Option<String>, Failure> {
    let Some(tag) = tag else { return Ok(None) };
    if tag.handle == "!" {
        return Ok(Some(tag.suffix.clone()));
    }
    if tag.handle == "tag:yaml.org,2002:" || tag.handle == "!!" {
        return match tag.suffix.as_str() {
            "str" | "map" | "seq" => Ok(None),
            other => Err((line, format!("unsupported YAML tag !!{other}"))),
        };
    }
    Err((
        line,
        format!("unsupported YAML tag {}{}", tag.handle, tag.suffix),
    ))
}

/// An untagged plain scalar as YAML 1.2's core schema reads it, except that a
/// number with leading zeros stays text (`012345678901` is an account id).
fn plain_scalar(text: String) -> Kind {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "true" | "True" | "TRUE" => return Kind::Bool(true),
        "false" | "False" | "FALSE" => return Kind::Bool(false),
        _ => {}
    }
    if looks_numeric(&text)
        && let Ok(n) = text.parse::<f64>()
        && n.is_finite()
    {
        return Kind::Number(n);
    }
    Kind::String(text)
}

fn looks_numeric(text: &str) -> bool {
    let digits = text.trim_start_matches(['-', '+']);
    let leading_zero = digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.");
    !leading_zero
        && digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && digits.chars().any(|c| c.is_ascii_digit())
}
