//! JSON values (the library's records, serialised) as Python objects.
//!
//! Building the objects is the one part of a check that holds the GIL, so it runs on one
//! core while the others wait: a [`Builder`] makes each distinct string once per call (the
//! field names, families, rules and messages repeat in every record) and keeps Python's
//! cycle collector from walking the new containers again and again ([`GcPause`]).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::Value;
use std::collections::HashMap;

/// Makes Python objects of JSON values, each distinct string once.
pub(crate) struct Builder<'py> {
    py: Python<'py>,
    strings: HashMap<String, Bound<'py, PyString>>,
}

impl<'py> Builder<'py> {
    /// A builder for one call's objects.
    pub(crate) fn new(py: Python<'py>) -> Self {
        Builder { py, strings: HashMap::new() }
    }

    /// `value` as the Python object `json.loads` would give.
    pub(crate) fn value(&mut self, value: &Value) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        Ok(match value {
            Value::Null => py.None().into_bound(py),
            Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u.into_pyobject(py)?.into_any(),
                (None, Some(i)) => i.into_pyobject(py)?.into_any(),
                _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
            },
            Value::String(s) => self.string(s).into_any(),
            Value::Array(items) => self.list(items)?.into_any(),
            Value::Object(fields) => {
                let dict = PyDict::new(py);
                for (key, item) in fields {
                    dict.set_item(self.string(key), self.value(item)?)?;
                }
                dict.into_any()
            }
        })
    }

    /// A list of values as a Python list.
    pub(crate) fn list(&mut self, values: &[Value]) -> PyResult<Bound<'py, PyList>> {
        let items = values.iter().map(|v| self.value(v)).collect::<PyResult<Vec<_>>>()?;
        PyList::new(self.py, items)
    }

    /// The one Python string of `s` in this call.
    fn string(&mut self, s: &str) -> Bound<'py, PyString> {
        if let Some(made) = self.strings.get(s) {
            return made.clone();
        }
        let made = PyString::new(self.py, s);
        self.strings.insert(s.to_owned(), made.clone());
        made
    }
}

/// Python's cycle collector paused (when it was running) while the GIL is held to build
/// records: they hold no cycles, and a collection every few hundred new containers would walk
/// the ones already made each time. Never held across a release of the GIL, so no other
/// Python thread sees the collector off.
pub(crate) struct GcPause<'py> {
    resume: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    pub(crate) fn new(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import("gc")?;
        if !gc.call_method0("isenabled")?.is_truthy()? {
            return Ok(GcPause { resume: None });
        }
        gc.call_method0("disable")?;
        Ok(GcPause { resume: Some(gc) })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.resume {
            // Enabling cannot fail short of the interpreter going away; nothing to do then.
            let _ = gc.call_method0("enable");
        }
    }
}

/// `value` as the Python object `json.loads` would give.
pub(crate) fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Builder::new(py).value(value)
}

/// A list of values as a Python list.
pub(crate) fn list<'py>(py: Python<'py>, values: &[Value]) -> PyResult<Bound<'py, PyList>> {
    let _gc = GcPause::new(py)?;
    Builder::new(py).list(values)
}
