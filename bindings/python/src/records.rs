//! The record dicts of one call's findings, made field by field rather than through `serde`.
//!
//! The first record of a call is made by [`Builder`] from the library's `Record`: it is the
//! reference for the fields and their order. When its keys are the [`FIELDS`] below, later
//! records are copies of a dict holding those keys, filled from their `Record` directly (no
//! field name looked up, the family and severity looked up by address); otherwise (a field the
//! library added since), every record is made by [`Builder`]. Each distinct `source` is made
//! once and copied ([`crate::sources`]).

use crate::convert::Builder;
use crate::sources::Sources;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use sanshen::{Finding, Record, Utf16Counter};

/// The fields of a record as `serde` writes them, for the library's `Record` of today.
const FIELDS: [&str; 17] = [
    "path",
    "line",
    "column",
    "start",
    "end",
    "start_utf16",
    "end_utf16",
    "family",
    "rule",
    "category",
    "severity",
    "text",
    "message",
    "suggestions",
    "fixable",
    "evasion",
    "source",
];

/// Makes the records of one call.
pub(crate) struct Records<'py> {
    objects: Builder<'py>,
    sources: Sources<'py>,
    /// Unknown until the first record; then a dict with the [`FIELDS`] as keys, or none when
    /// the first record's keys differ.
    shape: Option<Option<Shape<'py>>>,
}

/// A dict with the keys of a record in order (values `None`), and those keys.
struct Shape<'py> {
    dict: Bound<'py, PyDict>,
    keys: Vec<Bound<'py, PyString>>,
    path: Bound<'py, PyString>,
}

impl<'py> Records<'py> {
    /// A maker for one call's records.
    pub(crate) fn new(py: Python<'py>) -> Self {
        Records { objects: Builder::new(py), sources: Sources::default(), shape: None }
    }

    /// The records of `text`'s findings (as the linter returns them, in order), named `-`:
    /// equal to what [`Builder`] makes of `Record::all("-", text, findings)`.
    pub(crate) fn of(&mut self, text: &str, findings: &[Finding]) -> PyResult<Bound<'py, PyList>> {
        let mut counter = Utf16Counter::new(text);
        let mut made = Vec::with_capacity(findings.len());
        for f in findings {
            let record = Record::new("-", 0, f, counter.at(f.span.start));
            made.push(self.record(&record, f)?.into_any());
        }
        PyList::new(self.objects.py(), made)
    }

    /// One record's dict.
    fn record(&mut self, r: &Record<'_>, f: &Finding) -> PyResult<Bound<'py, PyDict>> {
        let Some(shape) = &self.shape else {
            let made = self.objects.value(r)?.cast_into::<PyDict>()?;
            self.shape = Some(Shape::of(&made, r.path)?);
            return Ok(made);
        };
        let plain = only_the_fields(r);
        match shape {
            Some(shape) if plain => {
                let d = shape.dict.copy()?;
                fill(&d, (r, f), shape, &mut self.objects, &mut self.sources)?;
                Ok(d)
            }
            _ => self.objects.value(r)?.cast_into::<PyDict>().map_err(Into::into),
        }
    }
}

impl<'py> Shape<'py> {
    /// The shape of records like `made` when its keys are the [`FIELDS`], in order.
    fn of(made: &Bound<'py, PyDict>, path: &str) -> PyResult<Option<Self>> {
        let keys: Vec<Bound<'py, PyString>> =
            made.keys().iter().map(|k| k.cast_into::<PyString>()).collect::<Result<_, _>>()?;
        if keys.len() != FIELDS.len() || keys.iter().zip(FIELDS).any(|(k, f)| k != f) {
            return Ok(None);
        }
        let py = made.py();
        let dict = PyDict::new(py);
        for k in &keys {
            dict.set_item(k, py.None())?;
        }
        Ok(Some(Shape { dict, keys, path: PyString::new(py, path) }))
    }
}

/// Whether `r` has no field but the [`FIELDS`] (the others are only for some fronts' inputs).
fn only_the_fields(r: &Record<'_>) -> bool {
    r.explanation.is_none()
        && r.fingerprint.is_none()
        && r.review.is_none()
        && r.record.is_none()
        && r.id.is_none()
        && r.unit.is_none()
        && r.part.is_none()
        && r.region.is_none()
        && r.paragraph.is_none()
        && r.cell.is_none()
        && r.offset.is_none()
        && r.page.is_none()
        && r.page_line.is_none()
}

/// Sets the values of `d`, a copy of the shape's dict, to `r`'s, as `serde` would write them.
fn fill<'py>(
    d: &Bound<'py, PyDict>,
    (r, f): (&Record<'_>, &Finding),
    shape: &Shape<'py>,
    objects: &mut Builder<'py>,
    sources: &mut Sources<'py>,
) -> PyResult<()> {
    let py = d.py();
    let k = &shape.keys;
    d.set_item(&k[0], &shape.path)?;
    for (key, n) in
        k[1..7].iter().zip([r.line, r.column, r.start, r.end, r.start_utf16, r.end_utf16])
    {
        d.set_item(key, n)?;
    }
    // The family and severity are the names of `f`'s, which stay where they are.
    d.set_item(&k[7], objects.field(f.family.as_str()))?;
    d.set_item(&k[8], objects.string(r.rule))?;
    if let Some(category) = r.category {
        d.set_item(&k[9], objects.string(category))?;
    }
    d.set_item(&k[10], objects.field(f.severity.as_str()))?;
    d.set_item(&k[11], objects.string(r.text))?;
    d.set_item(&k[12], objects.string(r.message))?;
    let suggestions = r.suggestions.iter().map(|s| objects.string(s));
    d.set_item(&k[13], PyList::new(py, suggestions)?)?;
    d.set_item(&k[14], PyBool::new(py, r.fixable))?;
    if let Some(evasion) = r.evasion {
        d.set_item(&k[15], objects.value(evasion)?)?;
    }
    if let Some(source) = r.source {
        d.set_item(&k[16], sources.dict(objects, source)?)?;
    }
    Ok(())
}
