//! A dictionary line's columns and `key=value` attributes, and the values they hold, each
//! read with an error that says what is wrong.

use super::family::{first_name, second_name, FileFamily};
use super::{DictErrorKind, EntryKind};
use crate::date::Date;
use crate::finding::Severity;

/// A line's `key=value` columns, in order.
pub(super) type Attributes<'a> = Vec<(&'a str, &'a str)>;

/// A line's first two columns (`-` for a second one the family lets lines omit) and its
/// attributes.
pub(super) fn columns<'a>(
    family: FileFamily,
    fields: &[&'a str],
) -> Result<(&'a str, &'a str, Attributes<'a>), DictErrorKind> {
    // Allow-list, protected, word and repeat lines may omit the `-` second column.
    let optional_second = matches!(
        family,
        FileFamily::Entries(EntryKind::Allow)
            | FileFamily::Entries(EntryKind::Protected)
            | FileFamily::Word
            | FileFamily::Repeat
    );
    let needed = if optional_second { 1 } else { 2 };
    if fields.len() < needed {
        return Err(DictErrorKind::FieldCount { expected: needed, found: fields.len() });
    }
    let first = text_field(fields[0], first_name(family))?;
    let second = match fields.get(1) {
        Some(f) => text_field(f, second_name(family))?,
        None => "-",
    };
    let attrs = attributes(family, fields.get(2..).unwrap_or(&[]))?;
    Ok((first, second, attrs))
}

/// The single character a `fold` column holds.
pub(super) fn one_char(s: &str) -> Result<char, DictErrorKind> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(bad_value("character", s, "expected a single character")),
    }
}

pub(super) fn text_field<'a>(field: &'a str, what: &'static str) -> Result<&'a str, DictErrorKind> {
    if field.is_empty() {
        return Err(DictErrorKind::Empty(what));
    }
    if field.trim() != field {
        return Err(DictErrorKind::Whitespace(what));
    }
    Ok(field)
}

pub(super) fn attributes<'a>(
    family: FileFamily,
    columns: &[&'a str],
) -> Result<Attributes<'a>, DictErrorKind> {
    let mut attrs = Vec::with_capacity(columns.len());
    for column in columns {
        if column.trim().is_empty() {
            continue;
        }
        let (key, value) = column
            .split_once('=')
            .ok_or_else(|| DictErrorKind::NotAttribute((*column).to_owned()))?;
        if !family.knows(key) {
            return Err(DictErrorKind::UnknownAttribute {
                key: key.to_owned(),
                family: family.name(),
            });
        }
        attrs.push((key, text_field(value, "attribute value")?));
    }
    Ok(attrs)
}

pub(super) fn attr<'a>(attrs: &[(&str, &'a str)], key: &str) -> Option<&'a str> {
    attrs.iter().rev().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

pub(super) fn flag(attrs: &[(&str, &str)], key: &str) -> Result<Option<bool>, DictErrorKind> {
    match attr(attrs, key) {
        None => Ok(None),
        Some("yes") => Ok(Some(true)),
        Some("no") => Ok(Some(false)),
        Some(v) => Err(bad_value(key, v, "expected yes or no")),
    }
}

pub(super) fn bad_value(key: &str, value: &str, reason: &str) -> DictErrorKind {
    DictErrorKind::BadValue {
        key: key.to_owned(),
        value: value.to_owned(),
        reason: reason.to_owned(),
    }
}

pub(super) fn severity(key: &str, value: &str) -> Result<Severity, DictErrorKind> {
    value.parse().map_err(|_| bad_value(key, value, "expected error, warning or info"))
}

pub(super) fn date(key: &str, value: &str) -> Result<Date, DictErrorKind> {
    value.parse().map_err(|reason: String| bad_value(key, value, &reason))
}

/// Splits a `|`-separated list; `-` is the empty list.
pub(super) fn list(field: &str) -> Result<Vec<String>, DictErrorKind> {
    if field == "-" {
        return Ok(Vec::new());
    }
    field.split('|').map(|s| text_field(s, "list item").map(str::to_owned)).collect()
}

pub(super) fn fixes(field: &str) -> Result<Vec<(String, String)>, DictErrorKind> {
    list(field)?
        .into_iter()
        .map(|pair| match pair.split_once('>') {
            Some((w, r)) if !w.is_empty() && !r.is_empty() => Ok((w.to_owned(), r.to_owned())),
            _ => Err(bad_value("title fixes", &pair, "expected WRONG>RIGHT")),
        })
        .collect()
}
