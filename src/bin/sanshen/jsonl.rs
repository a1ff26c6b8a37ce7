//! JSON Lines input: one post per line, the text in a named field, read as a stream.

use crate::args::CheckArgs;
use sanshen::{Date, Finding, Linter};
use std::io::BufRead;

/// One post and its findings.
pub(crate) struct Post {
    /// Line of the record in the file (1-based).
    pub(crate) line: usize,
    pub(crate) id: Option<String>,
    pub(crate) findings: Vec<Finding>,
    /// UTF-16 offset of each finding in the text field.
    pub(crate) utf16: Vec<usize>,
}

/// Reads records from `reader` and checks the text field of each, calling `each` per post.
/// A bad record (not UTF-8, not JSON, no text field) is an error message and the rest go on; a
/// read error ends the file with a message. Only errors from `each` (writing output) are
/// returned.
pub(crate) fn check_stream(
    name: &str,
    reader: impl BufRead,
    linter: &Linter,
    args: &CheckArgs,
    default_day: Date,
    errors: &mut Vec<String>,
    mut each: impl FnMut(Post) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut reader = reader;
    let mut buf = Vec::new();
    let mut line = 0;
    loop {
        buf.clear();
        let n = match reader.read_until(b'\n', &mut buf) {
            Ok(n) => n,
            Err(e) => {
                let msg = format!("{name}:{}: cannot read: {e}", line + 1);
                eprintln!("sanshen: {msg}");
                errors.push(msg);
                return Ok(());
            }
        };
        if n == 0 {
            return Ok(());
        }
        line += 1;
        match post(&buf, linter, args, default_day) {
            Ok(Some((id, findings, utf16))) => each(Post { line, id, findings, utf16 })?,
            Ok(None) => {}
            Err(e) => {
                let msg = format!("{name}:{line}: {e}");
                eprintln!("sanshen: {msg}");
                errors.push(msg);
            }
        }
    }
}

/// A checked record: its id, findings and their UTF-16 offsets.
type Checked = (Option<String>, Vec<Finding>, Vec<usize>);

/// Checks one record; `Ok(None)` for a blank line.
fn post(
    bytes: &[u8],
    linter: &Linter,
    args: &CheckArgs,
    default_day: Date,
) -> Result<Option<Checked>, String> {
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
    let findings = linter.check_as_of(body, day);
    let mut counter = crate::output::Utf16Counter::new(body);
    let utf16 = findings.iter().map(|f| counter.at(f.span.start)).collect();
    Ok(Some((id, findings, utf16)))
}
