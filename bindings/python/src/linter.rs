//! `sanshen.Linter`: built once from dictionaries and a `sanshen.toml`, then checks texts.

use crate::{convert, day, errors};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;
use sanshen::config::Config;
use sanshen::{Date, Finding, LinterBuilder, Markup, Record};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// How a text is read before it is checked: `plain`, `html` or `markdown`.
fn markup(name: &str) -> PyResult<Markup> {
    name.parse().map_err(PyValueError::new_err)
}

/// Checks Chinese text for typos, sensitive expressions, leaders' names and titles, and
/// official-document format. Built once, then safe to share between threads.
#[pyclass(frozen, module = "sanshen")]
pub(crate) struct Linter {
    linter: sanshen::Linter,
    as_of: Option<Date>,
    /// What the linter was built from, for `describe()`.
    description: Value,
}

#[pymethods]
impl Linter {
    #[new]
    #[pyo3(signature = (dictionaries = None, as_of = None, config = None, builtin = true))]
    fn new(
        py: Python<'_>,
        dictionaries: Option<Vec<PathBuf>>,
        as_of: Option<&Bound<'_, PyAny>>,
        config: Option<PathBuf>,
        builtin: bool,
    ) -> PyResult<Linter> {
        let as_of = day::extract(as_of)?;
        let dictionaries = dictionaries.unwrap_or_default();
        let settings = match &config {
            Some(path) => Config::load(path).map_err(|e| errors::from_config(py, e))?,
            None => Config::default(),
        };
        let root = config.as_deref().and_then(Path::parent).unwrap_or(Path::new(""));
        let mut b = LinterBuilder::new();
        settings.apply(&mut b, root).map_err(|e| errors::from_sanshen(py, e))?;
        if !builtin {
            b.builtin(false);
        }
        for path in &dictionaries {
            b.add_dictionary_file(path).map_err(|e| errors::from_sanshen(py, e))?;
        }
        let linter = py.detach(|| b.build()).map_err(|e| errors::from_sanshen(py, e))?;
        let files: Vec<PathBuf> =
            settings.dictionaries.iter().map(|p| root.join(p)).chain(dictionaries).collect();
        let builtin = builtin && settings.builtin.unwrap_or(true);
        let description = json!({
            "sanshen_version": env!("CARGO_PKG_VERSION"),
            "as_of": as_of,
            "roster_as_of": linter.roster_as_of(),
            "roster_date": linter.roster_date(),
            "builtin": builtin,
            "dictionaries": files,
            "config": config,
            "settings": settings,
            "entries": linter.entry_count(),
        });
        Ok(Linter { linter, as_of, description })
    }

    /// The findings of `text`, as the JSON records of `sanshen check --format jsonl`.
    #[pyo3(signature = (text, date = None, format = "plain"))]
    fn check<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        date: Option<&Bound<'py, PyAny>>,
        format: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let day = self.day(date)?;
        let format = markup(format)?;
        let records = py.detach(|| self.records(text, day, format));
        Ok(convert::list(py, &records)?.into_any())
    }

    /// The findings of each text, checked in parallel without the GIL.
    #[pyo3(signature = (texts, dates = None, format = "plain"))]
    fn check_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        dates: Option<&Bound<'py, PyAny>>,
        format: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = markup(format)?;
        if texts.is_instance_of::<pyo3::types::PyString>() {
            let msg = "check_many takes an iterable of texts, not one string";
            return Err(pyo3::exceptions::PyTypeError::new_err(msg));
        }
        let texts: Vec<String> =
            texts.try_iter()?.map(|t| t?.extract()).collect::<PyResult<_>>()?;
        let days = self.days(dates, texts.len())?;
        let lists = self.check_in_chunks(py, &texts, &days, format)?;
        let out = pyo3::types::PyList::new(py, lists)?;
        Ok(out.into_any())
    }

    /// `text` with every unambiguous fix applied, and the findings applied and remaining.
    #[pyo3(signature = (text, date = None))]
    fn fix<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        date: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let day = self.day(date)?;
        let (fixed, applied, remaining) = py.detach(|| {
            let fixed = self.linter.fix_as_of(text, day);
            let applied = records_of(text, &fixed.applied);
            let remaining = records_of(&fixed.text, &fixed.remaining);
            (fixed.text, applied, remaining)
        });
        let out = PyDict::new(py);
        out.set_item("text", fixed)?;
        out.set_item("applied", convert::list(py, &applied)?)?;
        out.set_item("remaining", convert::list(py, &remaining)?)?;
        Ok(out)
    }

    /// What the linter was built from: version, dates, dictionaries, settings.
    fn describe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_py(py, &self.description)
    }

    fn __repr__(&self) -> String {
        let as_of = self.as_of.map_or_else(|| "None".to_owned(), |d| format!("'{d}'"));
        format!("Linter(entries={}, as_of={as_of})", self.linter.entry_count())
    }
}

impl Linter {
    /// The day to check as of: given, else the linter's, else today in Beijing.
    fn day(&self, date: Option<&Bound<'_, PyAny>>) -> PyResult<Date> {
        Ok(day::extract(date)?.or(self.as_of).unwrap_or_else(day::beijing_today))
    }

    /// One day per text: from `dates` (same length as the texts, `None` items allowed).
    fn days(&self, dates: Option<&Bound<'_, PyAny>>, n: usize) -> PyResult<Vec<Date>> {
        let default = self.day(None)?;
        let Some(dates) = dates.filter(|d| !d.is_none()) else { return Ok(vec![default; n]) };
        let days: Vec<Date> = dates
            .try_iter()?
            .map(|d| Ok(day::extract(Some(&d?))?.unwrap_or(default)))
            .collect::<PyResult<_>>()?;
        if days.len() != n {
            let msg = format!("{} dates for {n} texts", days.len());
            return Err(PyValueError::new_err(msg));
        }
        Ok(days)
    }

    /// The records of each text as Python lists. The texts are checked a chunk at a time on the
    /// rayon pool, without the GIL, while this thread turns the chunk before into Python
    /// objects: building objects needs the GIL and so one core, and would otherwise wait for
    /// all the checks and then leave the other cores idle.
    fn check_in_chunks<'py>(
        &self,
        py: Python<'py>,
        texts: &[String],
        days: &[Date],
        format: Markup,
    ) -> PyResult<Vec<Bound<'py, PyList>>> {
        const CHUNK: usize = 64;
        let mut objects = convert::Builder::new(py);
        let mut lists = Vec::with_capacity(texts.len());
        let (done, checked) = std::sync::mpsc::sync_channel::<Vec<Vec<Value>>>(2);
        std::thread::scope(|s| {
            s.spawn(move || {
                for (texts, days) in texts.chunks(CHUNK).zip(days.chunks(CHUNK)) {
                    let chunk = texts.par_iter().zip(days);
                    let records = chunk.map(|(t, d)| self.records(t, *d, format)).collect();
                    if done.send(records).is_err() {
                        return; // the receiving end stopped on an error
                    }
                }
            });
            // `checked` is dropped when this closure returns, before the scope joins the
            // checking thread, so that thread never waits on a full channel for ever.
            let mut checked = checked;
            loop {
                // The receiver is not `Sync`: it goes into the GIL-free closure and back.
                let (back, chunk) = py.detach(move || {
                    let chunk = checked.recv();
                    (checked, chunk)
                });
                checked = back;
                let Ok(chunk) = chunk else { break };
                let _gc = convert::GcPause::new(py)?;
                for records in &chunk {
                    lists.push(objects.list(records)?);
                }
            }
            Ok(lists)
        })
    }

    /// The records of one text, serialised.
    fn records(&self, text: &str, day: Date, format: Markup) -> Vec<Value> {
        records_of(text, &self.linter.check_markup_as_of(text, format, day))
    }
}

/// The JSON records of findings of `text`, named `-` as standard input is.
fn records_of(text: &str, findings: &[Finding]) -> Vec<Value> {
    Record::all("-", text, findings)
        .iter()
        .map(|r| serde_json::to_value(r).unwrap_or(Value::Null))
        .collect()
}
