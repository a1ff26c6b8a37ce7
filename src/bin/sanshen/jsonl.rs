//! JSON Lines input: one post per line, the text in a named field, read as a stream.

use crate::args::CheckArgs;
use rayon::prelude::*;
use sanshen::{Date, Finding, Linter};
use std::io::BufRead;

/// The linters of a JSON Lines check: replies have their own.
pub(crate) struct Linters<'a> {
    pub(crate) posts: &'a Linter,
    pub(crate) replies: &'a crate::replies::Replies,
}

impl<'a> Linters<'a> {
    /// The linter for a record: the replies' one when its type marks a reply.
    fn of(&self, record: &Record, args: &CheckArgs) -> &'a Linter {
        if is_reply(record, args) {
            self.replies.get(self.posts)
        } else {
            self.posts
        }
    }
}

type Record = std::collections::HashMap<String, serde_json::Value>;

/// Whether a record is a reply: its `--type-field`, or without one any of the usual type
/// fields ([`sanshen::TYPE_FIELDS`]), holds a reply type (reply, comment, 回复, 评论 …).
fn is_reply(record: &Record, args: &CheckArgs) -> bool {
    sanshen::is_reply(args.type_field.as_deref(), |f| record.get(f).and_then(|v| v.as_str()))
}

/// The fields a post's type is read from: `--type-field`, else the usual ones.
fn type_fields(args: &CheckArgs) -> impl Iterator<Item = &str> {
    let usual = sanshen::TYPE_FIELDS.iter().copied().filter(|_| args.type_field.is_none());
    args.type_field.as_deref().into_iter().chain(usual)
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
    pub(crate) context: Vec<crate::gate::Around>,
    /// What the reader should know about the record (a date it could not read, a duplicate
    /// key), for standard error; the post is still checked.
    pub(crate) notes: Vec<String>,
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
                Ok(Some(p)) => {
                    p.notes.iter().for_each(|note| eprintln!("sanshen: {name}:{n}: {note}"));
                    each(Post { line: n, ..p })?
                }
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
    // The vectorised validator first (see `decode::utf8`); the standard one says where it fails.
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => std::str::from_utf8(bytes)
            .map_err(|e| format!("invalid UTF-8 at byte {} of the record", e.valid_up_to()))?,
    };
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Ok(None);
    }
    let wanted: Vec<&str> = [Some(args.field.as_str()), args.id_field.as_deref()]
        .into_iter()
        .chain([args.date_field.as_deref(), args.unit_field.as_deref()])
        .flatten()
        .chain(type_fields(args))
        .collect();
    let text = without_lone_surrogates(text);
    let mut de = serde_json::Deserializer::from_str(&text);
    let fields = serde::de::DeserializeSeed::deserialize(Wanted(&wanted), &mut de)
        .and_then(|f| de.end().map(|()| f))
        .map_err(|e| format!("invalid JSON: {e}"))?;
    let value = &fields.values;
    let mut notes: Vec<String> = fields
        .duplicates
        .iter()
        .map(|k| format!("duplicate key `{k}`, the last one is used"))
        .collect();
    let body = value
        .get(&args.field)
        .and_then(|v| v.as_str())
        .ok_or_else(|| format!("no string field `{}`", args.field))?;
    let id = args.id_field.as_ref().and_then(|f| value.get(f)).map(shown);
    let field = args.date_field.as_deref().unwrap_or_default();
    let day = match args.date_field.as_ref().and_then(|f| value.get(f)) {
        None | Some(serde_json::Value::Null) => default_day,
        Some(v) => match v.as_str().and_then(post_date) {
            Some(d) => d,
            None => {
                notes.push(format!(
                    "field `{field}` is not a date ({v}), checked as of {default_day}"
                ));
                default_day
            }
        },
    };
    let unit = args.unit_field.as_ref().and_then(|f| value.get(f)).map(shown);
    let findings = linters.of(value, args).check_as_of(body, day);
    let mut counter = sanshen::Utf16Counter::new(body);
    let utf16 = findings.iter().map(|f| counter.at(f.span.start)).collect();
    let context = findings.iter().map(|f| crate::gate::Around::of(body, f.span)).collect();
    Ok(Some(Post { line: 0, id, unit, findings, utf16, context, notes }))
}

/// A field's value as output shows it: a string as it is, anything else (a number) as JSON.
fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A post's date in a common spelling: `2026-07-15…` (an ISO date, perhaps with a time),
/// `2026/07/15`, `2026.07.15` or `20260715`.
fn post_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 8 {
        return format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8]).parse().ok();
    }
    let head: String =
        s.get(..10)?.chars().map(|c| if c == '/' || c == '.' { '-' } else { c }).collect();
    head.parse().ok()
}

/// The record with every lone UTF-16 surrogate escape (`\ud800` from a truncated emoji)
/// replaced by `\ufffd`, which JSON parsers accept; pairs are left alone.
fn without_lone_surrogates(text: &str) -> std::borrow::Cow<'_, str> {
    let unit = |at: usize| {
        text.get(at..at + 6)
            .and_then(|e| e.strip_prefix("\\u"))
            .and_then(|h| u16::from_str_radix(h, 16).ok())
    };
    let bytes = text.as_bytes();
    let mut lone = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            Some(0xD800..=0xDBFF) if matches!(unit(i + 6), Some(0xDC00..=0xDFFF)) => i += 12,
            Some(0xD800..=0xDFFF) => {
                lone.push(i);
                i += 6;
            }
            _ => i += 2,
        }
    }
    if lone.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = text.to_owned();
    for at in lone {
        out.replace_range(at..at + 6, "\\ufffd");
    }
    std::borrow::Cow::Owned(out)
}

/// The top-level fields a record is read for, and the keys it repeats. Other values are
/// skipped unread, so a number out of range in an unrelated field does not lose the post.
struct Wanted<'a>(&'a [&'a str]);

#[derive(Default)]
struct Fields {
    values: std::collections::HashMap<String, serde_json::Value>,
    duplicates: Vec<String>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Wanted<'_> {
    type Value = Fields;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Fields, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Wanted<'_> {
    type Value = Fields;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields::default();
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) && !fields.duplicates.contains(&key) {
                fields.duplicates.push(key.clone());
            }
            if self.0.contains(&key.as_str()) {
                fields.values.insert(key, map.next_value()?);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(fields)
    }
}
