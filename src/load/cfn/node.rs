//! The document tree both readers produce: YAML and JSON values with the line
//! each starts on and the YAML tag it carries, before intrinsics are recognised.

/// The most nodes one document may hold, aliases expanded: a "billion laughs"
/// document stops here with an error instead of filling memory.
pub const MAX_NODES: usize = 1_000_000;

/// The deepest nesting a document may have; real templates stay far below.
pub const MAX_DEPTH: usize = 128;

/// The most text (scalars and keys, in bytes) aliases may copy in one
/// document: an alias of one long scalar, repeated, would otherwise fill
/// memory while counting as one node each time.
pub const MAX_ALIAS_BYTES: usize = 64 << 20;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    /// 1-based; 0 where the reader keeps no positions (JSON values below the resources).
    pub line: u32,
    /// The YAML local tag without its `!` (`Ref`, `GetAtt`), when there is one.
    pub tag: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Node>),
    /// Entries in document order, each with the line of its key.
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub line: u32,
    pub value: Node,
}

impl Node {
    pub fn plain(kind: Kind, line: u32) -> Node {
        Node {
            kind,
            line,
            tag: None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.kind {
            Kind::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) if self.tag.is_none() => Some(s),
            _ => None,
        }
    }

    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.kind {
            Kind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// How many nodes this one holds, itself included (what an alias to it
    /// costs), how deep it goes (an alias must not nest past `MAX_DEPTH`),
    /// and how many bytes of text it holds (what an alias to it copies).
    pub fn measure(&self) -> Measure {
        let mut m = Measure::default();
        let mut stack = vec![(self, 1)];
        while let Some((node, level)) = stack.pop() {
            m.nodes += 1;
            m.depth = m.depth.max(level);
            m.bytes += node.tag.as_ref().map_or(0, String::len);
            match &node.kind {
                Kind::String(s) => m.bytes += s.len(),
                Kind::List(items) => stack.extend(items.iter().map(|n| (n, level + 1))),
                Kind::Map(entries) => {
                    m.bytes += entries.iter().map(|e| e.key.len()).sum::<usize>();
                    stack.extend(entries.iter().map(|e| (&e.value, level + 1)));
                }
                _ => {}
            }
        }
        m
    }
}

/// The size of a node (`Node::measure`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measure {
    pub nodes: usize,
    pub depth: usize,
    pub bytes: usize,
}
