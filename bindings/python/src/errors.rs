//! The library's errors as Python exceptions that carry the file and line.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use sanshen::config::ConfigError as TomlError;

create_exception!(
    sanshen,
    Error,
    PyValueError,
    "Anything sanshen refuses: the base of its errors."
);
create_exception!(
    sanshen,
    DictionaryError,
    Error,
    "A dictionary file that cannot be read or has a malformed line (`path`, `line`)."
);
create_exception!(
    sanshen,
    ConfigError,
    Error,
    "A sanshen.toml that cannot be read or is malformed (`path`, `line`)."
);

/// An exception of type `T` with `path` and `line` attributes.
fn located<T: pyo3::PyTypeInfo>(
    py: Python<'_>,
    message: String,
    path: String,
    line: Option<usize>,
) -> PyErr {
    let err = PyErr::new::<T, _>(message);
    let value = err.value(py);
    // Setting attributes on a fresh exception instance cannot fail.
    let _ = value.setattr("path", path);
    let _ = value.setattr("line", line);
    err
}

/// A library error (from building a linter) as a Python exception.
pub(crate) fn from_sanshen(py: Python<'_>, e: sanshen::Error) -> PyErr {
    let message = e.to_string();
    match e {
        sanshen::Error::Dict(d) => located::<DictionaryError>(py, message, d.file, Some(d.line)),
        sanshen::Error::Io { path, .. } | sanshen::Error::Utf8 { path, .. } => {
            located::<DictionaryError>(py, message, path.display().to_string(), None)
        }
        _ => Error::new_err(message),
    }
}

/// A `sanshen.toml` error as a Python exception.
pub(crate) fn from_config(py: Python<'_>, e: TomlError) -> PyErr {
    let message = e.to_string();
    located::<ConfigError>(py, message, e.file, e.line)
}
