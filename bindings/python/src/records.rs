//! The record dicts of one call's findings, made field by field rather than through `serde`.
//!
//! The first record of a call is made by [`Builder`] from the library's `Record`: it is the
//! reference for the fields and their order. When its keys are the [`FIELDS`] below, later
//! records are copies of a dict holding those keys and the values of their rule (family,
//! rule, category, severity, fixable: one such dict per rule and call, [`Rules`]), filled from
//! their `Record` directly (no field name looked up); otherwise (a field the library added
//! since), every record is made by [`Builder`]. Each distinct `source` is made
//! once and copied ([`crate::sources`]); the UTF-16 offsets are counted by [`crate::utf16`].

use crate::convert::Builder;
use crate::sources::Sources;
use crate::untrack;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use rustc_hash::{FxHashMap, FxHasher};
use sanshen::Utf16Counter;
use sanshen::{Family, Finding, Record, Severity};
use std::hash::{Hash, Hasher};

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

/// The keys of a record past its path, by field.
pub(crate) struct Keys<'py> {
    pub(crate) place: [Bound<'py, PyString>; 6],
    pub(crate) family: Bound<'py, PyString>,
    pub(crate) rule: Bound<'py, PyString>,
    pub(crate) category: Bound<'py, PyString>,
    pub(crate) severity: Bound<'py, PyString>,
    pub(crate) text: Bound<'py, PyString>,
    pub(crate) message: Bound<'py, PyString>,
    pub(crate) suggestions: Bound<'py, PyString>,
    pub(crate) fixable: Bound<'py, PyString>,
    pub(crate) evasion: Bound<'py, PyString>,
    pub(crate) source: Bound<'py, PyString>,
}

/// Makes the records of one call.
pub(crate) struct Records<'py> {
    objects: Builder<'py>,
    sources: Sources<'py>,
    rules: Rules<'py>,
    /// Unknown until the first record; then a dict with the [`FIELDS`] as keys, or none when
    /// the first record's keys differ.
    shape: Option<Option<Shape<'py>>>,
}

/// A dict with the keys of a record in order (its path set, other values `None`), and those
/// keys.
struct Shape<'py> {
    dict: Bound<'py, PyDict>,
    keys: Keys<'py>,
}

impl<'py> Records<'py> {
    /// A maker for one call's records.
    pub(crate) fn new(py: Python<'py>) -> Self {
        let (sources, rules) = Default::default();
        Records { objects: Builder::new(py), sources, rules, shape: None }
    }

    /// The records of `text`'s findings (as the linter returns them, in order), named `-`:
    /// equal to what [`Builder`] makes of `Record::all("-", text, findings)`.
    pub(crate) fn of(&mut self, text: &str, findings: &[Finding]) -> PyResult<Bound<'py, PyList>> {
        let mut utf16 = Utf16Counter::new(text);
        let mut made = Vec::with_capacity(findings.len());
        for f in findings {
            made.push(self.record(f, utf16.at(f.span.start))?.into_any());
        }
        PyList::new(self.objects.py(), made)
    }

    /// One record's dict: `f`'s record, `f` starting at UTF-16 offset `utf16`.
    fn record(&mut self, f: &Finding, utf16: usize) -> PyResult<Bound<'py, PyDict>> {
        let r = Record::new("-", 0, f, utf16);
        let Some(shape) = &self.shape else {
            let made = self.objects.value(&r)?.cast_into::<PyDict>()?;
            self.shape = Some(Shape::of(&made, r.path)?);
            untrack::all(&made);
            return Ok(made);
        };
        match shape {
            Some(shape) if only_the_fields(&r) => {
                fill(&r, f, shape, &mut self.objects, &mut self.sources, &mut self.rules)
            }
            _ => {
                let made = self.objects.value(&r)?;
                untrack::all(&made);
                made.cast_into::<PyDict>().map_err(Into::into)
            }
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
        let [path_key, line, column, start, end, start_utf16, end_utf16, family, rule, category, severity, text, message, suggestions, fixable, evasion, source]: [Bound<'py, PyString>; 17] =
            keys.try_into().map_err(|_| PyValueError::new_err("a record of 17 fields"))?;
        let place = [line, column, start, end, start_utf16, end_utf16];
        let keys = Keys {
            place,
            family,
            rule,
            category,
            severity,
            text,
            message,
            suggestions,
            fixable,
            evasion,
            source,
        };
        dict.set_item(&path_key, PyString::new(py, path))?;
        Ok(Some(Shape { dict, keys }))
    }

    /// A record with its path and every other value `None`.
    fn blank(&self) -> PyResult<Bound<'py, PyDict>> {
        self.dict.copy()
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

/// `r`'s record (of `f`), as `serde` would write it, filled field by field from a blank one.
fn fill<'py>(
    r: &Record<'_>,
    f: &Finding,
    shape: &Shape<'py>,
    objects: &mut Builder<'py>,
    sources: &mut Sources<'py>,
    rules: &mut Rules<'py>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = rules.blank(f, shape, objects)?;
    let py = d.py();
    let k = &shape.keys;
    for (key, n) in
        k.place.iter().zip([r.line, r.column, r.start, r.end, r.start_utf16, r.end_utf16])
    {
        d.set_item(key, n)?;
    }
    d.set_item(&k.text, objects.string(r.text))?;
    d.set_item(&k.message, objects.string(r.message))?;
    let suggestions = r.suggestions.iter().map(|s| objects.string(s));
    let suggestions = PyList::new(py, suggestions)?;
    d.set_item(&k.suggestions, &suggestions)?;
    untrack::list(&suggestions);
    if let Some(evasion) = r.evasion {
        d.set_item(&k.evasion, objects.value(evasion)?)?;
    }
    if let Some(source) = r.source {
        d.set_item(&k.source, sources.dict(objects, source)?)?;
    }
    untrack::dict(&d);
    Ok(d)
}

/// Blank records with the fields of a rule filled (family, rule, category, severity, fixable):
/// a call's findings come from a few dozen rules, so each record starts from its rule's
/// rather than setting and looking up those five values again.
#[derive(Default)]
struct Rules<'py> {
    made: FxHashMap<u64, Vec<Rule<'py>>>,
}

/// One rule's fields and its blank record.
struct Rule<'py> {
    family: Family,
    severity: Severity,
    fixable: bool,
    rule: String,
    category: Option<String>,
    blank: Bound<'py, PyDict>,
}

impl<'py> Rules<'py> {
    /// A new blank record with `f`'s rule fields.
    fn blank(
        &mut self,
        f: &Finding,
        shape: &Shape<'py>,
        objects: &mut Builder<'py>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let fixable = f.is_fixable();
        let mut h = FxHasher::default();
        (f.family, f.severity, fixable, &f.rule, &f.category).hash(&mut h);
        let same = self.made.entry(h.finish()).or_default();
        let is = |r: &&Rule<'py>| {
            (r.family, r.severity, r.fixable) == (f.family, f.severity, fixable)
                && r.rule == f.rule
                && r.category == f.category
        };
        if let Some(rule) = same.iter().find(is) {
            return rule.blank.copy();
        }
        let k = &shape.keys;
        let blank = shape.blank()?;
        // The family and severity are the names of `f`'s, which stay where they are.
        blank.set_item(&k.family, objects.field(f.family.as_str()))?;
        blank.set_item(&k.rule, objects.string(&f.rule))?;
        if let Some(category) = &f.category {
            blank.set_item(&k.category, objects.string(category))?;
        }
        blank.set_item(&k.severity, objects.field(f.severity.as_str()))?;
        blank.set_item(&k.fixable, PyBool::new(blank.py(), fixable))?;
        let copy = blank.copy();
        let (rule, category) = (f.rule.clone(), f.category.clone());
        same.push(Rule { family: f.family, severity: f.severity, fixable, rule, category, blank });
        copy
    }
}
