//! Dates from Python, and today in Beijing: the library reads no clock, so the binding says
//! which day a text is checked as of.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use sanshen::Date;

/// China Standard Time is UTC+8 all year.
const BEIJING_OFFSET_SECS: u64 = 8 * 3600;

/// Today's date in Beijing.
pub(crate) fn beijing_today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch(((secs + BEIJING_OFFSET_SECS) / 86_400) as i64)
}

/// A date given as `"YYYY-MM-DD"` or as anything with `isoformat()` (`datetime.date`,
/// `datetime.datetime`: its own date), or `None`.
pub(crate) fn extract(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Date>> {
    let Some(value) = value.filter(|v| !v.is_none()) else { return Ok(None) };
    let text: String = match value.is_instance_of::<PyString>() {
        true => value.extract()?,
        false => value.call_method0("isoformat")?.extract()?,
    };
    let day = text.get(..10).filter(|_| text.len() == 10 || text.as_bytes()[10] == b'T');
    day.and_then(|d| d.parse::<Date>().ok())
        .map(Some)
        .ok_or_else(|| PyValueError::new_err(format!("not a date (YYYY-MM-DD): {text:?}")))
}
