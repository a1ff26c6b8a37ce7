//! `sanshen.Linter`: built once from dictionaries and a `sanshen.toml`, then checks texts.

use crate::{convert, day, errors, records, untrack};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
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
    /// The same with abusive language an error, for replies ([`sanshen::Linter::for_replies`]).
    replies: sanshen::Linter,
    as_of: Option<Date>,
    /// What the linter was built from, for `describe()`.
    description: Value,
}

#[pymethods]
impl Linter {
    #[new]
    #[pyo3(signature = (dictionaries = None, as_of = None, config = None, builtin = true, model = None))]
    fn new(
        py: Python<'_>,
        dictionaries: Option<Vec<PathBuf>>,
        as_of: Option<&Bound<'_, PyAny>>,
        config: Option<PathBuf>,
        builtin: bool,
        model: Option<bool>,
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
        // `model=False` (or `True`) overrides the configuration; `None` leaves it (on by default).
        if let Some(on) = model {
            b.model(on);
        }
        let model = b.model_in_use();
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
            "model": model,
        });
        Ok(Linter { replies: linter.for_replies(), linter, as_of, description })
    }

    /// The findings of `text`, as the JSON records of `sanshen check --format jsonl`; a
    /// `reply` reports abusive language as an error.
    #[pyo3(signature = (text, date = None, format = "plain", reply = false))]
    fn check<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        date: Option<&Bound<'py, PyAny>>,
        format: &str,
        reply: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let day = self.day(date)?;
        let format = markup(format)?;
        let linter = self.linter_for(reply);
        let findings = py.detach(|| linter.check_markup_as_of(text, format, day));
        let records = convert::Builder::new(py).value(&Record::all("-", text, &findings))?;
        untrack::records(&records)?;
        Ok(records)
    }

    /// The findings of each text, checked in parallel without the GIL; `replies` says which
    /// texts are replies.
    #[pyo3(signature = (texts, dates = None, format = "plain", replies = None))]
    fn check_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        dates: Option<&Bound<'py, PyAny>>,
        format: &str,
        replies: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = markup(format)?;
        if texts.is_instance_of::<pyo3::types::PyString>() {
            let msg = "check_many takes an iterable of texts, not one string";
            return Err(pyo3::exceptions::PyTypeError::new_err(msg));
        }
        // Each text's UTF-8, held without a Rust copy: the 3.9 stable ABI encodes it into a
        // `bytes` object (only from 3.10 could it be read where CPython caches it).
        let texts: Vec<PyBackedStr> =
            texts.try_iter()?.map(|t| t?.extract()).collect::<PyResult<_>>()?;
        let days = self.days(dates, texts.len())?;
        let replies = replies_of(replies, texts.len())?;
        Ok(self.check_all(py, &texts, &days, &replies, format)?.into_any())
    }

    /// `text` with every unambiguous fix applied, and the findings applied and remaining.
    #[pyo3(signature = (text, date = None, reply = false))]
    fn fix<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        date: Option<&Bound<'py, PyAny>>,
        reply: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        let day = self.day(date)?;
        let linter = self.linter_for(reply);
        let fixed = py.detach(|| linter.fix_as_of(text, day));
        let mut objects = convert::Builder::new(py);
        let out = PyDict::new(py);
        out.set_item("text", &fixed.text)?;
        let applied = objects.value(&Record::all("-", text, &fixed.applied))?;
        let remaining = objects.value(&Record::all("-", &fixed.text, &fixed.remaining))?;
        untrack::records(&applied)?;
        untrack::records(&remaining)?;
        out.set_item("applied", applied)?;
        out.set_item("remaining", remaining)?;
        Ok(out)
    }

    /// What the linter was built from: version, dates, dictionaries, settings.
    fn describe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::Builder::new(py).value(&self.description)
    }

    fn __repr__(&self) -> String {
        let as_of = self.as_of.map_or_else(|| "None".to_owned(), |d| format!("'{d}'"));
        format!("Linter(entries={}, as_of={as_of})", self.linter.entry_count())
    }
}

impl Linter {
    /// The linter for a post: the replies' one for a reply.
    fn linter_for(&self, reply: bool) -> &sanshen::Linter {
        if reply {
            &self.replies
        } else {
            &self.linter
        }
    }

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

    /// The records of each text, one Python list each, in the order of the texts. The texts
    /// are checked on the rayon pool without the GIL while this thread turns the findings that
    /// are ready into Python objects: building objects needs the GIL and so one core, and would
    /// otherwise wait for all the checks and then leave the other cores idle. The findings are
    /// taken [`BATCH`] texts at a time: each batch pauses the cycle collector, and when it
    /// resumes, the next container made sets off a collection that walks what the batch made
    /// (and, every so often, everything made before): one a text cost a sixth of this thread's
    /// time.
    fn check_all<'py>(
        &self,
        py: Python<'py>,
        texts: &[PyBackedStr],
        days: &[Date],
        replies: &[bool],
        format: Markup,
    ) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::new(py, std::iter::repeat_n(py.None().into_bound(py), texts.len()))?;
        let mut records = records::Records::new(py);
        let gc = convert::Gc::new(py)?;
        let (send, checked) = std::sync::mpsc::channel::<Checked>();
        std::thread::scope(|s| {
            s.spawn(move || {
                let posts = texts.par_chunks(SEND).zip(days.par_chunks(SEND));
                let posts = posts.zip(replies.par_chunks(SEND)).enumerate();
                // A send fails only once the receiving end stopped on an error: stop too.
                let _ = posts.try_for_each_with(send, |send, (c, ((texts, days), replies))| {
                    let posts = texts.iter().zip(days).zip(replies).enumerate();
                    let checked = posts.map(|(j, ((text, day), reply))| {
                        let linter = self.linter_for(*reply);
                        (c * SEND + j, linter.check_markup_as_of(text, format, *day))
                    });
                    send.send(checked.collect())
                });
            });
            // `checked` is dropped when this closure returns, before the scope joins the
            // checking thread, so that thread stops at its next send after an error.
            let mut checked = checked;
            loop {
                // The receiver is not `Sync`: it goes into the GIL-free closure and back.
                let (back, ready) = py.detach(move || {
                    let ready = ready_findings(&checked, BATCH);
                    (checked, ready)
                });
                checked = back;
                if ready.is_empty() {
                    return Ok(out);
                }
                let _paused = gc.pause()?;
                for (i, findings) in ready {
                    out.set_item(i, records.of(&texts[i], &findings)?)?;
                }
            }
        })
    }
}

/// Whether each of `n` texts is a reply: from `replies` (same length as the texts), or none.
fn replies_of(replies: Option<&Bound<'_, PyAny>>, n: usize) -> PyResult<Vec<bool>> {
    let Some(replies) = replies.filter(|r| !r.is_none()) else { return Ok(vec![false; n]) };
    let replies: Vec<bool> = replies.try_iter()?.map(|r| reply_of(&r?)).collect::<PyResult<_>>()?;
    if replies.len() != n {
        let msg = format!("{} replies for {n} texts", replies.len());
        return Err(PyValueError::new_err(msg));
    }
    Ok(replies)
}

/// One item of `replies`: a bool, a post's type (`"评论"`, read as the command line reads a
/// type field) or `None` (not a reply).
fn reply_of(item: &Bound<'_, PyAny>) -> PyResult<bool> {
    if item.is_none() {
        return Ok(false);
    }
    if let Ok(b) = item.extract::<bool>() {
        return Ok(b);
    }
    match item.extract::<PyBackedStr>() {
        Ok(t) => Ok(sanshen::is_reply_type(&t)),
        Err(_) => {
            let msg = format!("replies holds a bool, a post type or None, not {item}");
            Err(pyo3::exceptions::PyTypeError::new_err(msg))
        }
    }
}

/// Texts whose findings are turned into Python objects at a time (fewer when the last ones
/// are checked).
const BATCH: usize = 64;

/// Texts checked in a row by one thread and sent together: a send to the thread that builds
/// the objects wakes it when it waits, and waking it for every text was a measurable part of
/// the processor time (BENCHMARKS.md, "Python and Spark").
const SEND: usize = 8;

/// The findings of a few texts in a row, each with the text's index.
type Checked = Vec<(usize, Vec<Finding>)>;

/// The findings received: at least `batch` texts' (waiting for them), or all that are left
/// once the checks are done; none when every text has been checked.
fn ready_findings(checked: &std::sync::mpsc::Receiver<Checked>, batch: usize) -> Checked {
    let mut ready = Vec::with_capacity(batch + SEND);
    while ready.len() < batch {
        let Ok(more) = checked.recv() else { break };
        ready.extend(more);
    }
    ready
}
