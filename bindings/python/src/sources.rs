//! The `source` dicts of one call's records, each distinct source made once.
//!
//! A finding's source is a copy of its dictionary entry or roster row (file, line, the entry,
//! its note and example sentences), so the findings of a call share a few hundred sources
//! between thousands of records: building each one's dict anew hashed and compared every one
//! of its strings against the call's string cache. Here the first record of a source builds its
//! dict; later ones get a copy of that dict (and of its lists), so every record still has a
//! `source` of its own that no other record sees changed.

use crate::convert::Builder;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rustc_hash::{FxHashMap, FxHasher};
use sanshen::Source;
use std::hash::{Hash, Hasher};

/// The `source` dicts made in one call, by a hash of what identifies an entry.
#[derive(Default)]
pub(crate) struct Sources<'py> {
    made: FxHashMap<u64, Vec<Made<'py>>>,
}

/// A source and its dict; the keys of the dict's lists, which each copy gets its own of.
struct Made<'py> {
    source: Source,
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
        let same = self.made.entry(key(source)).or_default();
        if let Some(made) = same.iter().find(|m| m.source == *source) {
            return made.copy();
        }
        let dict = objects.value(source)?.cast_into::<PyDict>()?;
        let mut lists = Vec::new();
        for (k, v) in dict.iter() {
            if let Ok(list) = v.cast_into::<PyList>() {
                lists.push((k, list));
            }
        }
        let made = Made { source: source.clone(), dict, lists };
        let first = made.copy();
        same.push(made);
        first
    }
}

impl<'py> Made<'py> {
    /// A copy of the dict, its lists copied too (their items, strings, are shared as the
    /// string cache shares them).
    fn copy(&self) -> PyResult<Bound<'py, PyDict>> {
        let copy = self.dict.copy()?;
        for (k, list) in &self.lists {
            copy.set_item(k, list.get_slice(0, list.len()))?;
        }
        Ok(copy)
    }
}

/// What tells sources apart, hashed: the kind, file and line (the rest is compared on a hit).
fn key(source: &Source) -> u64 {
    let mut h = FxHasher::default();
    (source.kind, &source.file, source.line).hash(&mut h);
    h.finish()
}
