//! The `sanshen` Python package's native module (`sanshen._sanshen`): a thin front over the
//! library that speaks its JSON record, one Python dict per finding.

mod convert;
mod day;
mod errors;
mod linter;
mod records;
mod reply;
mod shape;
mod sources;
mod strings;
mod untrack;

use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// sanshen (三审): pre-publication review of Chinese government posts.
#[pymodule]
fn _sanshen(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<linter::Linter>()?;
    m.add_function(wrap_pyfunction!(reply::is_reply, m)?)?;
    m.add("TYPE_FIELDS", PyTuple::new(py, sanshen::TYPE_FIELDS)?)?;
    m.add("REPLY_TYPES", PyTuple::new(py, sanshen::REPLY_TYPES)?)?;
    m.add("Error", py.get_type::<errors::Error>())?;
    m.add("DictionaryError", py.get_type::<errors::DictionaryError>())?;
    m.add("ConfigError", py.get_type::<errors::ConfigError>())?;
    Ok(())
}
