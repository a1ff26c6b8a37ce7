//! Records kept out of Python's cycle collector.
//!
//! A record holds strings, numbers, `None`, booleans, lists of strings and the `source` dict:
//! no reference cycle. Left tracked, every record, its `suggestions` and its source with two
//! lists (five containers a finding) are walked by the next young-generation collection, and
//! again by the older generations' while the caller keeps them: about a quarter of the time
//! `check_many` adds to the checks. CPython itself stops tracking dicts and tuples that hold
//! no container; a dict starts being tracked again when a container is put into it. A list is
//! never tracked again by CPython: a cycle a caller makes through a record's list (appending
//! the record to its own `suggestions`) is freed only once it is broken.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// Takes a dict out of the cycle collector (nothing when it is not in it).
pub(crate) fn dict(made: &Bound<'_, PyDict>) {
    // SAFETY: a dict is a collector-aware type (the header read exists), it is alive, and
    // the GIL is held, as the `Bound` proves.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(made.as_ptr().cast()) }
}

/// Takes a list out of the cycle collector (nothing when it is not in it).
pub(crate) fn list(made: &Bound<'_, PyList>) {
    // SAFETY: as for `dict`.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(made.as_ptr().cast()) }
}

/// Takes each record of `records` out of the cycle collector (the list itself stays in).
pub(crate) fn records(records: &Bound<'_, PyAny>) -> PyResult<()> {
    for record in records.try_iter()? {
        all(&record?);
    }
    Ok(())
}

/// Takes `made` out of the cycle collector, and every list and dict inside it.
pub(crate) fn all(made: &Bound<'_, PyAny>) {
    if let Ok(dict) = made.cast::<PyDict>() {
        dict.values().iter().for_each(|v| all(&v));
        self::dict(dict);
    } else if let Ok(made) = made.cast::<PyList>() {
        made.iter().for_each(|v| all(&v));
        list(made);
    }
}
