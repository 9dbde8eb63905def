//! Attribute values as tfward sees them: known, unknown until apply, or sensitive.

use std::fmt;

/// Attribute maps: sorted by key like a `BTreeMap`, stored as one vector
/// (a plan of 100,000 resources holds millions of small maps).
pub type Map = litemap::LiteMap<Key, Value>;

/// An attribute name: inline up to 24 bytes (nearly all of them), so a plan's
/// million map entries are not a million small allocations.
pub type Key = compact_str::CompactString;

/// A map of exactly these entries: sorted, the last of equal keys kept (as
/// JSON and `BTreeMap::insert` do), and no spare room. Collecting into a
/// `LiteMap` gives small maps room for four entries; a plan has millions.
pub fn map_from_entries(mut entries: Vec<(Key, Value)>) -> Map {
    // Plans write keys sorted: then there is nothing to do but trim.
    if !entries.windows(2).all(|w| w[0].0 < w[1].0) {
        entries.reverse(); // the stable sort then puts the last of equal keys first
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|later, first| later.0 == first.0);
    }
    entries.shrink_to_fit();
    Map::from_sorted_store_unchecked(entries)
}

/// A value of a resource attribute, variable, local or output.
///
/// `Unknown` and `Sensitive` are kept distinct from `Null`: a rule must never
/// report a missing value that is merely unknown until apply, and never print
/// a sensitive one.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    Map(Map),
    /// Known only after apply (`after_unknown`, a reference to a computed attribute).
    Unknown,
    /// A string with parts known only after apply, each kept as its `${expression}`
    /// text (`logs.${data.aws_region.current.name}.amazonaws.com`, a `jsonencode`
    /// with references). Never a literal; policy analysis reads its structure.
    Partial(String),
    /// Marked sensitive by the plan or the configuration; usable by rules, never printed.
    Sensitive(Box<Value>),
}

impl Value {
    pub fn is_known(&self) -> bool {
        match self {
            Value::Unknown | Value::Partial(_) => false,
            Value::Sensitive(inner) => inner.is_known(),
            Value::List(items) => items.iter().all(Value::is_known),
            Value::Map(map) => map.values().all(Value::is_known),
            _ => true,
        }
    }

    /// Wholly unknown (through marks); a partial text is not.
    pub fn is_unknown(&self) -> bool {
        matches!(self.unmarked(), Value::Unknown)
    }

    pub fn is_null(&self) -> bool {
        matches!(self.unmarked(), Value::Null)
    }

    /// The value with any sensitive marker removed, for logic (never for display).
    pub fn unmarked(&self) -> &Value {
        match self {
            Value::Sensitive(inner) => inner.unmarked(),
            other => other,
        }
    }

    /// The string, when the value is one (numbers and bools are not converted).
    pub fn as_str(&self) -> Option<&str> {
        match self.unmarked() {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A boolean as Terraform converts it: `"true"` and `"false"` are booleans.
    pub fn as_bool(&self) -> Option<bool> {
        match self.unmarked() {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s == "true" => Some(true),
            Value::String(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    /// A number as Terraform converts it: `"30"` is 30.
    pub fn as_f64(&self) -> Option<f64> {
        match self.unmarked() {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self.unmarked() {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&Map> {
        match self.unmarked() {
            Value::Map(map) => Some(map),
            _ => None,
        }
    }

    /// The text of a string (as `text`), marked when any part of the value is.
    pub fn quoted(&self) -> Option<Text> {
        self.text().map(|t| Text::new(t, self.has_sensitive()))
    }

    /// The text of a string, with unknown parts as `${...}` when it is partial.
    pub fn text(&self) -> Option<&str> {
        match self.unmarked() {
            Value::String(s) | Value::Partial(s) => Some(s),
            _ => None,
        }
    }

    /// The value with every partial string turned unknown (what functions see).
    pub fn without_partials(self) -> Value {
        match self {
            Value::Partial(_) => Value::Unknown,
            Value::List(items) => {
                Value::List(items.into_iter().map(Value::without_partials).collect())
            }
            Value::Map(map) => Value::Map(
                map.into_iter()
                    .map(|(k, v)| (k, v.without_partials()))
                    .collect(),
            ),
            Value::Sensitive(inner) => Value::Sensitive(Box::new(inner.without_partials())),
            other => other,
        }
    }

    /// A partial string turned unknown, what is inside a list or map kept:
    /// the value as a function that moves elements sees its argument.
    pub fn partial_as_unknown(self) -> Value {
        match self {
            Value::Partial(_) => Value::Unknown,
            Value::Sensitive(inner) => Value::Sensitive(Box::new(inner.partial_as_unknown())),
            other => other,
        }
    }

    /// A partial string that is one interpolation and nothing else
    /// (`${aws_s3_bucket.x.arn}`): the value of that expression, whose type
    /// is not known (it may be a list). One with text around it is a string.
    pub fn is_bare_interpolation(&self) -> bool {
        matches!(self.unmarked(), Value::Partial(text) if is_bare_interpolation(text))
    }

    /// JSON text of a value with unknown parts, for `jsonencode`: partial strings
    /// keep their text, unknown values become `"${unknown}"`.
    pub fn to_partial_json(&self) -> serde_json::Value {
        match self {
            Value::Unknown => serde_json::Value::String("${unknown}".to_string()),
            Value::Partial(s) => serde_json::Value::String(s.clone()),
            Value::Sensitive(inner) => inner.to_partial_json(),
            Value::List(items) => {
                serde_json::Value::Array(items.iter().map(Value::to_partial_json).collect())
            }
            Value::Map(map) => serde_json::Value::Object(
                map.iter()
                    .map(|(k, v)| (k.to_string(), v.to_partial_json()))
                    .collect(),
            ),
            other => other.to_json().unwrap_or(serde_json::Value::Null),
        }
    }

    /// Nested-block items: a list of objects, or a single object (CDKTF and
    /// plugin-framework resources write single blocks as objects).
    pub fn blocks(&self) -> Vec<&Map> {
        match self.unmarked() {
            Value::List(items) => items.iter().filter_map(Value::as_map).collect(),
            Value::Map(map) => vec![map],
            _ => Vec::new(),
        }
    }

    /// Whether some nested blocks are known only after apply: the value, or
    /// an element of its list, is not an object yet. `blocks` then misses
    /// blocks that may exist.
    pub fn blocks_unknown(&self) -> bool {
        match self.unmarked() {
            Value::List(items) => items
                .iter()
                .any(|i| matches!(i.unmarked(), Value::Unknown | Value::Partial(_))),
            Value::Unknown | Value::Partial(_) => true,
            _ => false,
        }
    }

    /// Member of a map value by key.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_map().and_then(|m| m.get(key))
    }

    /// Converts a JSON value (plan `after`, `constant_value`, tfvars.json).
    pub fn from_json(json: &serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(items) => {
                Value::List(items.iter().map(Value::from_json).collect())
            }
            serde_json::Value::Object(map) => Value::Map(
                map.iter()
                    .map(|(k, v)| (Key::from(k.as_str()), Value::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Converts to JSON for `jsonencode`; `None` when any part is unknown.
    /// Sensitive parts are encoded as their value: callers keep the result marked.
    pub fn to_json(&self) -> Option<serde_json::Value> {
        Some(match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => number_to_json(*n),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::List(items) => serde_json::Value::Array(
                items
                    .iter()
                    .map(Value::to_json)
                    .collect::<Option<Vec<_>>>()?,
            ),
            Value::Map(map) => serde_json::Value::Object(
                map.iter()
                    .map(|(k, v)| Some((k.to_string(), v.to_json()?)))
                    .collect::<Option<serde_json::Map<_, _>>>()?,
            ),
            Value::Unknown | Value::Partial(_) => return None,
            Value::Sensitive(inner) => inner.to_json()?,
        })
    }

    /// Moves every mark on a list or map down onto everything inside it, in
    /// place: the container keeps its mark and each value in it gets one.
    /// Rules read nested values through their containers (`get`, `blocks`,
    /// `as_list`), which look through a container's mark and so would lose
    /// it: on every value below, every read keeps it. Marking a map marks
    /// its keys too, and the container's own mark says so (`keys`). Nothing
    /// is allocated for a value without marks.
    pub fn push_marks(&mut self) {
        match self {
            Value::Sensitive(_) => self.mark_all(),
            Value::List(items) => items.iter_mut().for_each(Value::push_marks),
            Value::Map(map) => map.iter_mut().for_each(|(_, v)| v.push_marks()),
            _ => {}
        }
    }

    /// `push_marks`, and a marked list or map itself left unmarked (what is
    /// inside carries the mark): for a caller that takes the container
    /// apart, as the plan loader does with a wholly marked resource.
    pub fn push_marks_to_leaves(&mut self) {
        self.push_marks();
        if let Value::Sensitive(inner) = self
            && matches!(**inner, Value::List(_) | Value::Map(_))
        {
            let inner = std::mem::replace(&mut **inner, Value::Null);
            *self = inner;
        }
    }

    /// Marks this value and every value inside it, each once.
    fn mark_all(&mut self) {
        // Nested markers (`sensitive(sensitive(x))`) collapse to one.
        while let Value::Sensitive(inner) = self
            && matches!(**inner, Value::Sensitive(_))
        {
            let inner = std::mem::replace(&mut **inner, Value::Null);
            *self = inner;
        }
        if !matches!(self, Value::Sensitive(_)) {
            let value = std::mem::replace(self, Value::Null);
            *self = Value::Sensitive(Box::new(value));
        }
        if let Value::Sensitive(inner) = self {
            match &mut **inner {
                Value::List(items) => items.iter_mut().for_each(Value::mark_all),
                Value::Map(map) => map.iter_mut().for_each(|(_, v)| v.mark_all()),
                _ => {}
            }
        }
    }

    /// The entries of a map value, each key as a message may quote it:
    /// Terraform marks a map's keys with the map, so the keys of a marked
    /// map (or of any map inside a marked value) are quoted `(sensitive)`.
    pub fn keys(&self) -> impl Iterator<Item = (Text, &Value)> {
        let marked = matches!(self, Value::Sensitive(_));
        self.as_map()
            .into_iter()
            .flatten()
            .map(move |(k, v)| (Text::new(k.as_str(), marked), v))
    }

    /// Whether any part of the value is marked sensitive.
    pub fn has_sensitive(&self) -> bool {
        match self {
            Value::Sensitive(_) => true,
            Value::List(items) => items.iter().any(Value::has_sensitive),
            Value::Map(map) => map.values().any(Value::has_sensitive),
            _ => false,
        }
    }
}

/// Text a rule took from a value, to quote in a message: it remembers whether
/// that value was marked sensitive, and then prints `(sensitive)`. Logic reads
/// `as_str()`; only `Display` is for output, so a message that quotes it can
/// never carry the marked text. (No `Deref` to `str`: `Option::as_deref` and
/// friends would hand the raw text to `format!` without a trace.)
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text {
    text: String,
    sensitive: bool,
}

impl Text {
    pub fn new(text: impl Into<String>, sensitive: bool) -> Text {
        Text {
            text: text.into(),
            sensitive,
        }
    }

    /// Text from the configuration's structure or tfward itself: never marked.
    pub fn plain(text: impl Into<String>) -> Text {
        Text::new(text, false)
    }

    /// The text, for logic only: never format it into a message.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }

    /// Text derived from this one (a part of an ARN, a name in it): as marked as its source.
    pub fn derive(&self, text: impl Into<String>) -> Text {
        Text::new(text, self.sensitive)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

/// Display never reveals a sensitive text.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sensitive {
            f.write_str("(sensitive)")
        } else {
            f.write_str(&self.text)
        }
    }
}

fn number_to_json(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null)
    }
}

/// Display never reveals a sensitive value.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{}", number_to_json(*n)),
            Value::String(s) => f.write_str(s),
            Value::Unknown | Value::Partial(_) => f.write_str("(known after apply)"),
            Value::Sensitive(_) => f.write_str("(sensitive)"),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Value::Map(map) => {
                f.write_str("{")?;
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k} = {v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

/// Straight from JSON text into a `Value`, as `from_json` converts a parsed
/// tree: the plan loader reads each resource's values this way, without an
/// intermediate `serde_json::Value` of every resource.
impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        struct ValueVisitor;
        impl<'de> serde::de::Visitor<'de> for ValueVisitor {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
                Ok(Value::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
                Ok(Value::Number(n as f64))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
                Ok(Value::Number(n as f64))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
                Ok(Value::Number(n))
            }
            fn visit_str<E>(self, s: &str) -> Result<Value, E> {
                Ok(Value::String(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Value, E> {
                Ok(Value::String(s))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                // JSON gives no length up front: drop the growth slack of a value kept for the run.
                items.shrink_to_fit();
                Ok(Value::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry::<Key, Value>()? {
                    entries.push(entry);
                }
                Ok(Value::Map(map_from_entries(entries)))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// Whether a partial text is one `${...}` and nothing else: the value of
/// that expression, of a kind not known yet, rather than a string around it.
pub fn is_bare_interpolation(text: &str) -> bool {
    text.starts_with("${") && text.ends_with('}') && !text[2..].contains("${")
}

/// A partial text with each `${...}` part replaced by `with`: `"*"` gives the
/// IAM wildcard of what it may still turn out to be, `" "` its literal words.
/// An unterminated `${` ends the text there.
pub fn replace_interpolations(text: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        out.push_str(with);
        // Interpolations do not nest in the texts the loaders keep.
        match rest[start..].find('}') {
            Some(end) => rest = &rest[start + end + 1..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sens(v: Value) -> Value {
        Value::Sensitive(Box::new(v))
    }

    #[test]
    fn marks_move_to_the_leaves() {
        let s = |t: &str| Value::String(t.into());
        let mut v = Value::Map(map_from_entries(vec![
            ("a".into(), sens(Value::List(vec![s("x"), sens(s("y"))]))),
            ("b".into(), s("plain")),
            (
                "c".into(),
                sens(sens(Value::Map(map_from_entries(vec![(
                    "d".into(),
                    s("z"),
                )])))),
            ),
        ]));
        v.push_marks();
        assert_eq!(
            v.get("a"),
            Some(&sens(Value::List(vec![sens(s("x")), sens(s("y"))])))
        );
        assert_eq!(v.get("b"), Some(&s("plain")));
        assert_eq!(v.get("c").and_then(|c| c.get("d")), Some(&sens(s("z"))));
        // Keys of the marked map are marked; of the unmarked one, not.
        let keys = |v: &Value| -> Vec<String> { v.keys().map(|(k, _)| k.to_string()).collect() };
        assert_eq!(keys(v.get("c").unwrap()), ["(sensitive)"]);
        assert_eq!(keys(&v), ["a", "b", "c"]);
        // What a rule reads through `get` keeps the mark.
        assert_eq!(
            v.get("c")
                .and_then(|c| c.get("d"))
                .and_then(Value::quoted)
                .unwrap()
                .to_string(),
            "(sensitive)"
        );
        assert_eq!(Text::new("Sid1", false).to_string(), "Sid1");
    }

    #[test]
    fn interpolations_are_replaced() {
        assert_eq!(
            replace_interpolations("logs-${var.env}-trail", "*"),
            "logs-*-trail"
        );
        assert_eq!(replace_interpolations("${a}${b}", "*"), "**");
        assert_eq!(replace_interpolations("plain", "*"), "plain");
        assert_eq!(replace_interpolations("cut-${open", "*"), "cut-*");
        assert_eq!(
            replace_interpolations("app-${x}-replica", " "),
            "app- -replica"
        );
    }
}
