//! Dicts of structs made from a template: the first dict of a struct records its field names
//! in order, and later ones start as a copy of a dict with those keys (values `None`), so that
//! filling one replaces values in a key table of the right size instead of inserting into a
//! table that grows twice on the way to a record's seventeen fields.
//!
//! A struct whose fields differ from its template's (a field skipped when empty) gets a dict
//! of its own fields all the same: the template is only a head start.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use std::rc::Rc;

/// A struct's field names by address (the derived `Serialize` passes the same `&'static str`
/// each time), and a dict with those keys in that order.
pub(crate) struct Template<'py> {
    fields: Vec<usize>,
    keys: Vec<Bound<'py, PyString>>,
    dict: Bound<'py, PyDict>,
}

/// The address that stands for a field name.
pub(crate) fn address(name: &'static str) -> usize {
    name.as_ptr() as usize
}

/// One struct's dict being filled.
pub(crate) struct Shaped<'py> {
    pub(crate) dict: Bound<'py, PyDict>,
    /// The template the dict was copied from, while its fields agree with it.
    template: Option<Rc<Template<'py>>>,
    /// The fields set so far, by address and key.
    set: Vec<(usize, Bound<'py, PyString>)>,
}

impl<'py> Shaped<'py> {
    /// A dict for a struct of `len` fields with `template`'s keys, or an empty one.
    pub(crate) fn new(
        py: Python<'py>,
        template: Option<Rc<Template<'py>>>,
        len: usize,
    ) -> PyResult<Self> {
        let dict = match &template {
            Some(t) => t.dict.copy()?,
            None => PyDict::new(py),
        };
        Ok(Shaped { dict, template, set: Vec::with_capacity(len) })
    }

    /// The key of field `name` when it is the template's next field, so that it need not be
    /// looked up.
    pub(crate) fn next_key(&self, name: &'static str) -> Option<&Bound<'py, PyString>> {
        let t = self.template.as_ref()?;
        let n = self.set.len();
        (t.fields.get(n) == Some(&address(name))).then(|| &t.keys[n])
    }

    /// Sets field `name` (its interned key `key`) to `value`.
    pub(crate) fn field(
        &mut self,
        name: &'static str,
        key: Bound<'py, PyString>,
        value: Bound<'py, PyAny>,
    ) -> PyResult<()> {
        let at = address(name);
        let agrees =
            self.template.as_ref().is_some_and(|t| t.fields.get(self.set.len()) == Some(&at));
        if self.template.is_some() && !agrees {
            self.own_dict()?;
        }
        self.dict.set_item(&key, value)?;
        self.set.push((at, key));
        Ok(())
    }

    /// The dict, with no key of the template that was not set; and the template this struct's
    /// dicts should start from, if it had none.
    pub(crate) fn finish(mut self) -> PyResult<(Bound<'py, PyDict>, Option<Template<'py>>)> {
        if let Some(t) = &self.template {
            if t.fields.len() != self.set.len() {
                self.own_dict()?;
            }
            return Ok((self.dict, None));
        }
        let py = self.dict.py();
        let dict = PyDict::new(py);
        for (_, key) in &self.set {
            dict.set_item(key, py.None())?;
        }
        let fields = self.set.iter().map(|&(at, _)| at).collect();
        let keys = self.set.into_iter().map(|(_, key)| key).collect();
        Ok((self.dict, Some(Template { fields, keys, dict })))
    }

    /// Leaves the template: a new dict with the fields set so far.
    fn own_dict(&mut self) -> PyResult<()> {
        if self.template.take().is_none() {
            return Ok(());
        }
        let dict = PyDict::new(self.dict.py());
        for (_, key) in &self.set {
            if let Some(value) = self.dict.get_item(key)? {
                dict.set_item(key, value)?;
            }
        }
        self.dict = dict;
        Ok(())
    }
}
