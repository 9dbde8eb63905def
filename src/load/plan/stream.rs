//! The large arrays of a plan read one element at a time, as the parser
//! reaches them: the elements of `resource_changes` and the resources of a
//! module tree (`planned_values`, `prior_state.values`, a state's `values`).
//!
//! Collecting a section first, even as unparsed slices, scans all of it once
//! more and touches all of its pages at once: a mapped 70 MB `planned_values`
//! would then sit in memory beside the finished model.

use super::check::{self, Mistake, Seg};
use crate::error::Error;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// Where the elements handed to `each` are in a section.
#[derive(Clone, Copy)]
pub enum Shape {
    /// The section is an array: its elements.
    Array,
    /// A module (`resources`, `child_modules`): its resources, then those of
    /// its child modules, in document order.
    Module,
    /// An array of modules.
    Modules,
    /// One member of an object; the others are skipped.
    Member(&'static str, &'static Shape),
}

pub enum WalkError {
    /// `each` failed: its error, as it returned it.
    Stopped(Error),
    /// A part of the section is not of the shape: which, by its path.
    Shape(Mistake),
    /// Not JSON (the parser's error, with line and column in the section).
    Syntax(serde_json::Error),
}

/// Hands `each` every element `shape` locates in `text`, with its path in the
/// section, in document order.
pub fn walk<'de, F>(text: &'de str, shape: Shape, each: &mut F) -> Result<(), WalkError>
where
    F: FnMut(&'de RawValue, &[Seg]) -> Result<(), Error>,
{
    let mut failed = None;
    let mut mistake = None;
    let mut path = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = Seed {
        shape,
        each,
        failed: &mut failed,
        mistake: &mut mistake,
        path: &mut path,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    match (failed, mistake, parsed) {
        (Some(err), _, _) => Err(WalkError::Stopped(err)),
        (None, Some(mistake), _) => Err(WalkError::Shape(mistake)),
        (None, None, Err(err)) => Err(WalkError::Syntax(err)),
        (None, None, Ok(())) => Ok(()),
    }
}

struct Seed<'a, F> {
    shape: Shape,
    each: &'a mut F,
    failed: &'a mut Option<Error>,
    mistake: &'a mut Option<Mistake>,
    path: &'a mut Vec<Seg>,
}

impl<F> Seed<'_, F> {
    fn inner(&mut self, shape: Shape) -> Seed<'_, F> {
        Seed {
            shape,
            each: &mut *self.each,
            failed: &mut *self.failed,
            mistake: &mut *self.mistake,
            path: &mut *self.path,
        }
    }

    /// A value of the wrong type where the shape wants `self.shape`.
    fn wrong<E: de::Error>(self, found: &'static str) -> Result<(), E> {
        let expected = match self.shape {
            Shape::Array | Shape::Modules => check::LIST,
            Shape::Module | Shape::Member(..) => check::OBJECT,
        };
        *self.mistake = Some(Mistake {
            path: self.path.clone(),
            expected,
            found,
        });
        Err(de::Error::custom("wrong type"))
    }
}

impl<'de, F> DeserializeSeed<'de> for Seed<'_, F>
where
    F: FnMut(&'de RawValue, &[Seg]) -> Result<(), Error>,
{
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F> Visitor<'de> for Seed<'_, F>
where
    F: FnMut(&'de RawValue, &[Seg]) -> Result<(), Error>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.shape {
            Shape::Array => f.write_str("a list"),
            Shape::Module => f.write_str("a module (`resources`, `child_modules`)"),
            Shape::Modules => f.write_str("a list of modules"),
            Shape::Member(name, _) => write!(f, "an object with `{name}`"),
        }
    }

    // A missing part (null) has nothing in it.
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.wrong(check::BOOL)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.wrong("a number")
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.wrong("a number")
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.wrong("a number")
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.wrong(check::STRING)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        match self.shape {
            Shape::Modules => {
                let mut i = 0;
                loop {
                    self.path.push(Seg::Index(i));
                    let more = seq.next_element_seed(self.inner(Shape::Module))?.is_some();
                    self.path.pop();
                    if !more {
                        return Ok(());
                    }
                    i += 1;
                }
            }
            Shape::Array => {}
            Shape::Module | Shape::Member(..) => return self.wrong(check::LIST),
        }
        let mut i = 0;
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            self.path.push(Seg::Index(i));
            let result = (self.each)(raw, self.path);
            self.path.pop();
            if let Err(err) = result {
                *self.failed = Some(err);
                return Err(de::Error::custom("stopped"));
            }
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let shape = self.shape;
        let wanted: &[&'static str] = match &shape {
            Shape::Module => &["resources", "child_modules"],
            Shape::Member(name, _) => std::slice::from_ref(name),
            Shape::Array | Shape::Modules => return self.wrong(check::OBJECT),
        };
        let mut member_done = false;
        while let Some(key) = map.next_key_seed(KeyAmong(wanted))? {
            let inner = match (shape, key) {
                (Shape::Module, Some("resources")) => Some(Shape::Array),
                (Shape::Module, Some("child_modules")) => Some(Shape::Modules),
                (Shape::Member(_, inner), Some(_)) if !member_done => {
                    member_done = true;
                    Some(*inner)
                }
                _ => None,
            };
            match (inner, key) {
                (Some(shape), Some(key)) => {
                    self.path.push(Seg::Key(key.to_string()));
                    let result = map.next_value_seed(self.inner(shape));
                    self.path.pop();
                    result?
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// An object key: which of `wanted` it is, if any (the others are not kept).
struct KeyAmong<'a>(&'a [&'static str]);

impl<'de> DeserializeSeed<'de> for KeyAmong<'_> {
    type Value = Option<&'static str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeyAmong<'_> {
    type Value = Option<&'static str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().copied().find(|k| *k == key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT_MODULE: Shape = Shape::Member("root_module", &Shape::Module);

    fn addresses(text: &str, shape: Shape) -> Result<Vec<String>, WalkError> {
        let mut seen = Vec::new();
        walk(text, shape, &mut |raw: &RawValue, _: &[Seg]| {
            let v: serde_json::Value = serde_json::from_str(raw.get()).unwrap();
            seen.push(v["address"].as_str().unwrap_or("?").to_string());
            Ok(())
        })?;
        Ok(seen)
    }

    #[test]
    fn module_trees_are_walked_in_document_order() {
        let text = r#"{"outputs": {"x": {"value": [1, 2]}}, "root_module": {
            "resources": [{"address": "a"}, {"address": "b"}],
            "child_modules": [
                {"address": "module.m", "resources": [{"address": "module.m.c"}],
                 "child_modules": [{"resources": [{"address": "module.m.module.n.d"}]}]},
                {"resources": [{"address": "module.o.e"}], "child_modules": null}
            ]}}"#;
        let Ok(seen) = addresses(text, ROOT_MODULE) else {
            panic!("a well-formed tree walks");
        };
        assert_eq!(
            seen,
            ["a", "b", "module.m.c", "module.m.module.n.d", "module.o.e"]
        );
    }

    #[test]
    fn missing_and_null_parts_hold_nothing() {
        for text in [
            "null",
            "{}",
            r#"{"root_module": null}"#,
            r#"{"root_module": {"resources": null}}"#,
            r#"{"root_module": {}}"#,
        ] {
            assert!(
                addresses(text, ROOT_MODULE).is_ok_and(|s| s.is_empty()),
                "{text}"
            );
        }
    }

    #[test]
    fn a_wrong_shape_is_named_by_its_path() {
        let text = r#"{"root_module": {"child_modules": [{}, {"resources": "nope"}]}}"#;
        match addresses(text, ROOT_MODULE) {
            Err(WalkError::Shape(m)) => {
                assert_eq!(
                    check::FieldPath(m.path).to_string(),
                    "root_module.child_modules[1].resources"
                );
                assert_eq!((m.expected, m.found), ("a list", "a string"));
            }
            _ => panic!("a string where resources belong is a shape error"),
        }
        assert!(matches!(
            addresses(r#"{"root_module": [1]}"#, ROOT_MODULE),
            Err(WalkError::Shape(Mistake {
                found: "a list",
                ..
            }))
        ));
        assert!(matches!(
            addresses("[1, 2", Shape::Array),
            Err(WalkError::Syntax(_))
        ));
    }

    #[test]
    fn the_callers_error_stops_the_walk_and_comes_back_as_is() {
        let mut calls = 0;
        let result = walk(
            "[1, 2, 3]",
            Shape::Array,
            &mut |raw: &RawValue, _: &[Seg]| {
                calls += 1;
                if raw.get() == "2" {
                    return Err(Error::input("p.json", "element 2 is bad"));
                }
                Ok(())
            },
        );
        assert_eq!(calls, 2, "the walk stops at the failing element");
        match result {
            Err(WalkError::Stopped(err)) => assert!(err.to_string().contains("element 2 is bad")),
            _ => panic!("the caller's error comes back"),
        }
    }
}
