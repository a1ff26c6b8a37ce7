//! JSON Lines input: one post per line, the text in a named field, read as a stream.

use crate::args::CheckArgs;
use rayon::prelude::*;
use sanshen::{Date, Finding, Linter};
use std::io::BufRead;

/// The linters of a JSON Lines check: replies (by `--type-field`) may have their own.
pub(crate) struct Linters<'a> {
    pub(crate) posts: &'a Linter,
    pub(crate) replies: Option<&'a Linter>,
}

impl<'a> Linters<'a> {
    /// The linter for a record: the replies' one when its type field marks a reply.
    fn of(&self, record: &serde_json::Value, args: &CheckArgs) -> &'a Linter {
        let kind = args.type_field.as_ref().and_then(|f| record.get(f)).and_then(|v| v.as_str());
        match (self.replies, kind) {
            (Some(replies), Some(kind)) if sanshen::is_reply_type(kind) => replies,
            _ => self.posts,
        }
    }
}

/// One post and its findings.
pub(crate) struct Post {
    /// Line of the record in the file (1-based).
    pub(crate) line: usize,
    pub(crate) id: Option<String>,
    /// The post's publishing unit or account (`--unit-field`), for `--stats`.
    pub(crate) unit: Option<String>,
    pub(crate) findings: Vec<Finding>,
    /// UTF-16 offset of each finding in the text field.
    pub(crate) utf16: Vec<usize>,
    /// The characters around each finding, for baseline fingerprints.
    pub(crate) context: Vec<(String, String)>,
}

/// How many records, or bytes of them, are read and checked together: enough to keep both
/// cores busy, small enough that memory stays bounded on a file of any size.
const BATCH_RECORDS: usize = 2048;
const BATCH_BYTES: usize = 8 << 20;

/// Reads records from `reader` and checks the text field of each, calling `each` per post in
/// file order. Records are checked in parallel a batch at a time. A bad record (not UTF-8, not
/// JSON, no text field) is an error message and the rest go on; a read error ends the file with
/// a message. Only errors from `each` (writing output) are returned.
pub(crate) fn check_stream(
    name: &str,
    reader: impl BufRead,
    linters: &Linters<'_>,
    args: &CheckArgs,
    default_day: Date,
    errors: &mut Vec<String>,
    mut each: impl FnMut(Post) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut reader = reader;
    let mut line = 0;
    loop {
        let mut batch: Vec<(usize, Vec<u8>)> = Vec::new();
        let mut bytes = 0;
        let mut ended = false;
        while batch.len() < BATCH_RECORDS && bytes < BATCH_BYTES {
            let mut buf = Vec::new();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    ended = true;
                    break;
                }
                Ok(n) => {
                    line += 1;
                    bytes += n;
                    batch.push((line, buf));
                }
                Err(e) => {
                    let msg = format!("{name}:{}: cannot read: {e}", line + 1);
                    eprintln!("sanshen: {msg}");
                    errors.push(msg);
                    ended = true;
                    break;
                }
            }
        }
        let checked: Vec<_> =
            batch.par_iter().map(|(n, buf)| (*n, post(buf, linters, args, default_day))).collect();
        for (n, result) in checked {
            match result {
                Ok(Some(p)) => each(Post { line: n, ..p })?,
                Ok(None) => {}
                Err(e) => {
                    let msg = format!("{name}:{n}: {e}");
                    eprintln!("sanshen: {msg}");
                    errors.push(msg);
                }
            }
        }
        if ended {
            return Ok(());
        }
    }
}

/// Checks one record; `Ok(None)` for a blank line.
fn post(
    bytes: &[u8],
    linters: &Linters<'_>,
    args: &CheckArgs,
    default_day: Date,
) -> Result<Option<Post>, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {} of the record", e.valid_up_to()))?;
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Ok(None);
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let body = value
        .get(&args.field)
        .and_then(|v| v.as_str())
        .ok_or_else(|| format!("no string field `{}`", args.field))?;
    let id = args.id_field.as_ref().and_then(|f| value.get(f)).map(|v| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let day = match args.date_field.as_ref().and_then(|f| value.get(f)) {
        None | Some(serde_json::Value::Null) => default_day,
        Some(v) => {
            let s = v.as_str().unwrap_or_default();
            s.get(..10).and_then(|d| d.parse::<Date>().ok()).ok_or_else(|| {
                format!(
                    "field `{}` is not a date: {v}",
                    args.date_field.as_deref().unwrap_or_default()
                )
            })?
        }
    };
    let unit = args.unit_field.as_ref().and_then(|f| value.get(f)).map(|v| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let findings = linters.of(&value, args).check_as_of(body, day);
    let mut counter = sanshen::Utf16Counter::new(body);
    let utf16 = findings.iter().map(|f| counter.at(f.span.start)).collect();
    let context = findings.iter().map(|f| crate::baseline::context(body, f.span)).collect();
    Ok(Some(Post { line: 0, id, unit, findings, utf16, context }))
}
