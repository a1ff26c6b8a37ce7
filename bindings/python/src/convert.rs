//! The library's records as Python objects, made straight from their `Serialize`
//! implementation: the dicts have exactly the fields, in the order, that `serde_json` writes
//! for `sanshen check --format jsonl`, with no JSON value built in between.
//!
//! Building the objects is the one part of a check that holds the GIL, so it runs on one core
//! while the others check: a [`Builder`] makes each distinct string once per call (field names,
//! families, rules and messages repeat in every record; field names are interned, as Python's
//! own attribute names are) and [`GcPause`] keeps the cycle collector from walking the new
//! containers again and again.

use crate::shape::{address, Shaped, Template};
use crate::strings::Strings;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyList, PyString};
use rustc_hash::FxHashMap;
use serde::ser::{self, Impossible, Serialize};
use std::fmt;
use std::rc::Rc;

/// Makes Python objects of serialisable values, each distinct string once.
pub(crate) struct Builder<'py> {
    py: Python<'py>,
    strings: Strings<'py>,
    /// Field and variant names by address: the derived `Serialize` passes the same `&'static
    /// str` for a field every time, so no byte of it need be hashed or compared.
    fields: FxHashMap<(usize, usize), Bound<'py, PyString>>,
    /// Each struct's template dict, by the address of its name ([`crate::shape`]).
    templates: FxHashMap<usize, Rc<Template<'py>>>,
}

impl<'py> Builder<'py> {
    /// A builder for one call's objects.
    pub(crate) fn new(py: Python<'py>) -> Self {
        let (strings, fields, templates) = Default::default();
        Builder { py, strings, fields, templates }
    }

    /// The interpreter the objects are made for.
    pub(crate) fn py(&self) -> Python<'py> {
        self.py
    }

    /// `value` as the Python object `json.loads` would give for its JSON.
    pub(crate) fn value<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> PyResult<Bound<'py, PyAny>> {
        value.serialize(self).map_err(PyErr::from)
    }

    /// The one Python string of `s` in this call.
    pub(crate) fn string(&mut self, s: &str) -> Bound<'py, PyString> {
        self.strings.get(self.py, s)
    }

    /// The interned Python string of a struct's field name (or another string that stays
    /// where it is, such as a family's name), looked up by its address.
    pub(crate) fn field(&mut self, name: &'static str) -> Bound<'py, PyString> {
        let py = self.py;
        let at = (name.as_ptr() as usize, name.len());
        self.fields.entry(at).or_insert_with(|| PyString::intern(py, name)).clone()
    }
}

/// A Python exception raised while building objects (or a value that cannot be one).
#[derive(Debug)]
pub(crate) struct Error(PyErr);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e)
    }
}

impl From<Error> for PyErr {
    fn from(e: Error) -> Self {
        e.0
    }
}

type Made<'py> = Result<Bound<'py, PyAny>, Error>;

/// The elements of a sequence, made into a list at its end.
pub(crate) struct Seq<'b, 'py> {
    builder: &'b mut Builder<'py>,
    items: Vec<Bound<'py, PyAny>>,
}

/// A map, filled as its entries come.
pub(crate) struct Map<'b, 'py> {
    builder: &'b mut Builder<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

/// A struct, filled as its fields come, from its template when it has one.
pub(crate) struct Struct<'b, 'py> {
    builder: &'b mut Builder<'py>,
    name: usize,
    shaped: Shaped<'py>,
}

impl<'b, 'py> ser::Serializer for &'b mut Builder<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'b, 'py>;
    type SerializeTuple = Seq<'b, 'py>;
    type SerializeTupleStruct = Seq<'b, 'py>;
    type SerializeTupleVariant = Impossible<Self::Ok, Error>;
    type SerializeMap = Map<'b, 'py>;
    type SerializeStruct = Struct<'b, 'py>;
    type SerializeStructVariant = Impossible<Self::Ok, Error>;

    fn serialize_bool(self, v: bool) -> Made<'py> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Made<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Made<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Made<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Made<'py> {
        let Ok(made) = v.into_pyobject(self.py);
        Ok(made.into_any())
    }
    fn serialize_u8(self, v: u8) -> Made<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Made<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Made<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Made<'py> {
        let Ok(made) = v.into_pyobject(self.py);
        Ok(made.into_any())
    }
    fn serialize_f32(self, v: f32) -> Made<'py> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Made<'py> {
        let Ok(made) = v.into_pyobject(self.py);
        Ok(made.into_any())
    }
    fn serialize_char(self, v: char) -> Made<'py> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Made<'py> {
        Ok(self.string(v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Made<'py> {
        Ok(PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Made<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Made<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Made<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Made<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Made<'py> {
        Ok(self.field(variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Made<'py> {
        value.serialize(self)
    }
    /// `{variant: value}`, as `serde_json` writes it.
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Made<'py> {
        let dict = PyDict::new(self.py);
        dict.set_item(self.field(variant), value.serialize(&mut *self)?)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'b, 'py>, Error> {
        Ok(Seq { builder: self, items: Vec::with_capacity(len.unwrap_or(0)) })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'b, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Seq<'b, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(ser::Error::custom(format_args!(
            "{name}::{variant}: tuple variants have no record form"
        )))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'b, 'py>, Error> {
        let dict = PyDict::new(self.py);
        Ok(Map { builder: self, dict, key: None })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Struct<'b, 'py>, Error> {
        let name = address(name);
        let template = self.templates.get(&name).cloned();
        let shaped = Shaped::new(self.py, template, len)?;
        Ok(Struct { builder: self, name, shaped })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(ser::Error::custom(format_args!(
            "{name}::{variant}: struct variants have no record form"
        )))
    }
}

impl<'py> Seq<'_, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(&mut *self.builder)?);
        Ok(())
    }

    fn list(self) -> Made<'py> {
        Ok(PyList::new(self.builder.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeSeq for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Made<'py> {
        self.list()
    }
}

impl<'py> ser::SerializeTuple for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Made<'py> {
        self.list()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Made<'py> {
        self.list()
    }
}

impl<'py> ser::SerializeMap for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(&mut *self.builder)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map value without a key"))?;
        self.dict.set_item(key, value.serialize(&mut *self.builder)?)?;
        Ok(())
    }
    fn end(self) -> Made<'py> {
        Ok(self.dict.into_any())
    }
}

impl<'py> ser::SerializeStruct for Struct<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let key = match self.shaped.next_key(name) {
            Some(key) => key.clone(),
            None => self.builder.field(name),
        };
        let value = value.serialize(&mut *self.builder)?;
        Ok(self.shaped.field(name, key, value)?)
    }
    fn end(self) -> Made<'py> {
        let (dict, template) = self.shaped.finish()?;
        if let Some(t) = template {
            self.builder.templates.entry(self.name).or_insert_with(|| Rc::new(t));
        }
        Ok(dict.into_any())
    }
}

/// Python's `gc` module, imported once per call rather than once per batch of records.
pub(crate) struct Gc<'py> {
    gc: Bound<'py, PyModule>,
}

impl<'py> Gc<'py> {
    pub(crate) fn new(py: Python<'py>) -> PyResult<Self> {
        Ok(Gc { gc: py.import("gc")? })
    }

    /// The cycle collector paused (when it was running) until the pause is dropped.
    pub(crate) fn pause(&self) -> PyResult<GcPause<'_, 'py>> {
        if !self.gc.call_method0("isenabled")?.is_truthy()? {
            return Ok(GcPause { resume: None });
        }
        self.gc.call_method0("disable")?;
        Ok(GcPause { resume: Some(&self.gc) })
    }
}

/// Python's cycle collector paused (when it was running) while the GIL is held to build
/// records: they hold no cycles, and a collection every few hundred new containers would walk
/// the ones already made each time. Never held across a release of the GIL, so no other
/// Python thread sees the collector off.
pub(crate) struct GcPause<'g, 'py> {
    resume: Option<&'g Bound<'py, PyModule>>,
}

impl Drop for GcPause<'_, '_> {
    fn drop(&mut self) {
        if let Some(gc) = self.resume {
            // Enabling cannot fail short of the interpreter going away; nothing to do then.
            let _ = gc.call_method0("enable");
        }
    }
}
