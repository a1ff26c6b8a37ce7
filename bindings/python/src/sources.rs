//! The `source` dicts of one call's records, each distinct source made once.
//!
//! A finding's source is a copy of its dictionary entry or roster row (file, line, the entry,
//! its note and example sentences), so the findings of a call share a few hundred sources
//! between thousands of records: building each one's dict anew hashed and compared every one
//! of its strings against the call's string cache. Here the first record of a source builds its
//! dict; later ones get a copy of that dict (and of its lists), so every record still has a
//! `source` of its own that no other record sees changed.
//!
//! A made source is kept as one piece of bytes ([`write()`]) that the next finding's source,
//! written the same way, is compared with: its strings lie wherever the checking threads put
//! them, and comparing field by field with a kept copy read as many scattered pieces again.

use crate::convert::Builder;
use crate::untrack;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rustc_hash::{FxHashMap, FxHasher};
use sanshen::{Source, SourceKind};
use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};

/// The `source` dicts made in one call, by a hash of the whole source.
#[derive(Default)]
pub(crate) struct Sources<'py> {
    made: FxHashMap<u64, Made<'py>>,
    /// Sources whose hash another one had first (a few, if ever).
    others: Vec<Made<'py>>,
    /// The bytes of the source looked up, reused from one to the next.
    scratch: Vec<u8>,
}

/// A source (its kind and its other fields' bytes, [`write()`]) and its dict; the keys of the
/// dict's lists, which each copy gets its own of.
struct Made<'py> {
    kind: SourceKind,
    bytes: Box<[u8]>,
    dict: Bound<'py, PyDict>,
    lists: Vec<(Bound<'py, PyAny>, Bound<'py, PyList>)>,
}

impl<'py> Sources<'py> {
    /// A new dict equal to the one `objects` makes of `source`.
    pub(crate) fn dict(
        &mut self,
        objects: &mut Builder<'py>,
        source: &Source,
    ) -> PyResult<Bound<'py, PyDict>> {
        write(source, &mut self.scratch);
        let mut h = FxHasher::default();
        (source.kind, &self.scratch).hash(&mut h);
        let key = h.finish();
        let is = |m: &&Made<'py>| m.kind == source.kind && *m.bytes == *self.scratch;
        let found = self.made.get(&key).filter(is).or_else(|| self.others.iter().find(is));
        if let Some(made) = found {
            return made.copy();
        }
        let made = Made::new(objects, source, &self.scratch)?;
        let copy = made.copy();
        match self.made.entry(key) {
            Entry::Vacant(e) => {
                e.insert(made);
            }
            Entry::Occupied(_) => self.others.push(made),
        }
        copy
    }
}

impl<'py> Made<'py> {
    /// The dict of `source`, whose bytes are `bytes`.
    fn new(objects: &mut Builder<'py>, source: &Source, bytes: &[u8]) -> PyResult<Self> {
        let dict = objects.value(source)?.cast_into::<PyDict>()?;
        let mut lists = Vec::new();
        for (k, v) in dict.iter() {
            if let Ok(list) = v.cast_into::<PyList>() {
                lists.push((k, list));
            }
        }
        Ok(Made { kind: source.kind, bytes: bytes.into(), dict, lists })
    }

    /// A copy of the dict, its lists copied too (their items, strings, are shared as the
    /// string cache shares them); out of the cycle collector ([`crate::untrack`]).
    fn copy(&self) -> PyResult<Bound<'py, PyDict>> {
        let copy = self.dict.copy()?;
        for (k, list) in &self.lists {
            let list = list.get_slice(0, list.len());
            copy.set_item(k, &list)?;
            untrack::list(&list);
        }
        untrack::dict(&copy);
        Ok(copy)
    }
}

/// Writes into `out` the fields of `source` but its kind, each behind its length or a tag, so
/// that two sources of a kind are equal exactly when their bytes are.
fn write(source: &Source, out: &mut Vec<u8>) {
    out.clear();
    let number = |out: &mut Vec<u8>, n: Option<usize>| match n {
        Some(n) => {
            out.push(1);
            out.extend_from_slice(&(n as u64).to_le_bytes());
        }
        None => out.push(0),
    };
    let text = |out: &mut Vec<u8>, s: &str| {
        number(out, Some(s.len()));
        out.extend_from_slice(s.as_bytes());
    };
    let maybe = |out: &mut Vec<u8>, s: &Option<String>| match s {
        Some(s) => text(out, s),
        None => out.push(0),
    };
    maybe(out, &source.file);
    number(out, source.line);
    maybe(out, &source.entry);
    maybe(out, &source.note);
    for list in [&source.examples, &source.counterexamples] {
        number(out, Some(list.len()));
        list.iter().for_each(|s| text(out, s));
    }
    match source.as_of {
        Some(d) => {
            out.push(1);
            out.extend_from_slice(&d.year.to_le_bytes());
            out.extend_from_slice(&d.month.to_le_bytes());
            out.extend_from_slice(&d.day.to_le_bytes());
        }
        None => out.push(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(source: &Source) -> Vec<u8> {
        let mut out = Vec::new();
        write(source, &mut out);
        out
    }

    #[test]
    fn sources_that_differ_in_any_field_have_different_bytes() {
        let findings = sanshen::Linter::new().check("各单位要认真布署。");
        let base = findings.iter().find_map(|f| f.source.clone()).expect("a finding with a source");
        let mut variants = vec![base.clone()];
        let mut change = |edit: &dyn Fn(&mut Source)| {
            let mut s = base.clone();
            edit(&mut s);
            variants.push(s);
        };
        change(&|s| s.file = None);
        change(&|s| s.line = s.line.map(|n| n + 1));
        change(&|s| s.line = None);
        // The same characters moved from one field to the next, or split differently.
        change(&|s| s.note = Some(format!("{:?}", s.note)));
        change(&|s| s.note = s.entry.take());
        change(&|s| s.examples = vec!["ab".into()]);
        change(&|s| s.examples = vec!["a".into(), "b".into()]);
        change(&|s| s.counterexamples = vec!["ab".into()]);
        change(&|s| s.as_of = sanshen::Date::new(2026, 12, 1));
        let all: Vec<Vec<u8>> = variants.iter().map(bytes).collect();
        for (i, a) in all.iter().enumerate() {
            for (j, b) in all.iter().enumerate() {
                assert_eq!(
                    a == b,
                    variants[i] == variants[j],
                    "{:?} {:?}",
                    variants[i],
                    variants[j]
                );
            }
        }
        assert_eq!(bytes(&base.clone()), all[0]);
    }
}
