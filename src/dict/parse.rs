//! The line parser shared by the shipped dictionaries and user files.

use super::columns::{attr, bad_value, columns, date, fixes, flag, list, one_char, severity};
use super::family::FileFamily;
use super::{
    Confusable, DictError, DictErrorKind, Dictionary, Entry, EntryKind, InstitutionRule, Origin,
    RosterRow, SegmentWord, TitleAlias,
};
use crate::date::Date;
use crate::finding::Severity;
use std::sync::Arc;

/// Defaults set by directives, in force for the lines after them.
#[derive(Default)]
struct State {
    family: Option<FileFamily>,
    category: Option<String>,
    severity: Option<Severity>,
    as_of: Option<Date>,
}

/// The default severity of an entry with no `!severity` or `severity=`.
fn default_severity(kind: EntryKind, category: Option<&str>) -> Severity {
    match (kind, category) {
        (EntryKind::Typo, Some("variant")) => Severity::Warning,
        (EntryKind::Sensitive, Some("advertising")) => Severity::Warning,
        (EntryKind::Sensitive, Some("illegal")) => Severity::Info,
        _ => Severity::Error,
    }
}

pub(super) fn parse(file: &str, text: &str) -> Result<Dictionary, DictError> {
    let file: Arc<str> = Arc::from(file);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut dict = Dictionary::default();
    let mut state = State::default();
    for (i, raw) in text.split('\n').enumerate() {
        let origin = Origin { file: file.clone(), line: i + 1 };
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let err = |kind| DictError { file: file.to_string(), line: i + 1, kind };
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(directive) = trimmed.strip_prefix('!') {
            directive_line(directive, &mut state).map_err(err)?;
            continue;
        }
        let family = state.family.ok_or_else(|| err(DictErrorKind::NoFamily))?;
        let fields: Vec<&str> = line.split('\t').collect();
        record(family, &fields, &state, origin, &mut dict).map_err(err)?;
    }
    Ok(dict)
}

fn directive_line(directive: &str, state: &mut State) -> Result<(), DictErrorKind> {
    let (name, value) = directive.split_once(char::is_whitespace).unwrap_or((directive, ""));
    let value = value.trim();
    if value.is_empty() {
        return Err(match name {
            "family" | "category" | "severity" | "as-of" => {
                DictErrorKind::DirectiveValue(name.to_owned())
            }
            _ => DictErrorKind::UnknownDirective(name.to_owned()),
        });
    }
    match name {
        "family" => {
            let family = FileFamily::from_name(value)
                .ok_or_else(|| DictErrorKind::UnknownFamily(value.to_owned()))?;
            *state = State { family: Some(family), as_of: state.as_of, ..State::default() };
        }
        "category" => state.category = Some(value.to_owned()),
        "severity" => state.severity = Some(severity("severity", value)?),
        "as-of" => state.as_of = Some(date("as-of", value)?),
        _ => return Err(DictErrorKind::UnknownDirective(name.to_owned())),
    }
    Ok(())
}

/// Reads one line of `family` into `dict`.
fn record(
    family: FileFamily,
    fields: &[&str],
    state: &State,
    origin: Origin,
    dict: &mut Dictionary,
) -> Result<(), DictErrorKind> {
    let (first, second, attrs) = columns(family, fields)?;
    match family {
        FileFamily::Entries(kind) => {
            dict.entries.push(entry(kind, first, second, &attrs, state, origin)?);
        }
        FileFamily::Roster => dict.roster.push(roster_row(first, second, &attrs, state, origin)?),
        FileFamily::Title => dict.titles.push(title(first, second, &attrs, origin)?),
        FileFamily::Institution => {
            dict.institutions.push(institution(first, second, &attrs, origin)?);
        }
        FileFamily::Confusable => {
            dict.confusables.push(confusable(first, second, state.category.clone(), origin)?);
        }
        FileFamily::Word => dict.words.push(segment_word(first, &attrs, origin)?),
        FileFamily::Fold => dict.folds.push((one_char(first)?, one_char(second)?)),
        FileFamily::Repeat => repeat_list(dict, state)?.push(first.to_owned()),
    }
    Ok(())
}

fn institution(
    institution: &str,
    fixes_field: &str,
    attrs: &[(&str, &str)],
    origin: Origin,
) -> Result<InstitutionRule, DictErrorKind> {
    Ok(InstitutionRule {
        institution: institution.to_owned(),
        fixes: fixes(fixes_field)?,
        word_check: word_check(attrs)?,
        note: attr(attrs, "note").map(str::to_owned),
        origin,
    })
}

fn segment_word(
    word: &str,
    attrs: &[(&str, &str)],
    origin: Origin,
) -> Result<SegmentWord, DictErrorKind> {
    let freq = attr(attrs, "freq")
        .map(|v| v.parse().map_err(|_| bad_value("freq", v, "expected a number")))
        .transpose()?;
    Ok(SegmentWord { word: word.to_owned(), freq, origin })
}

/// The `repeat` list the current `!category` names.
fn repeat_list<'d>(
    dict: &'d mut Dictionary,
    state: &State,
) -> Result<&'d mut Vec<String>, DictErrorKind> {
    match state.category.as_deref() {
        None => Ok(&mut dict.repeats),
        Some("ending") => Ok(&mut dict.repeat_ending),
        Some("starting") => Ok(&mut dict.repeat_starting),
        Some(c) => Err(bad_value("category", c, "expected ending or starting")),
    }
}

fn entry(
    kind: EntryKind,
    pattern: &str,
    suggestions: &str,
    attrs: &[(&str, &str)],
    state: &State,
    origin: Origin,
) -> Result<Entry, DictErrorKind> {
    let suggestions = list(suggestions)?;
    if let Some(s) = suggestions.iter().find(|s| *s == pattern) {
        return Err(DictErrorKind::SuggestionIsPattern(s.clone()));
    }
    let category = attr(attrs, "category").map(str::to_owned).or_else(|| state.category.clone());
    let severity = match attr(attrs, "severity") {
        Some(v) => severity("severity", v)?,
        None => state.severity.unwrap_or_else(|| default_severity(kind, category.as_deref())),
    };
    let word_check = word_check(attrs)?;
    let all = |key: &str| -> Vec<String> {
        attrs.iter().filter(|(k, _)| *k == key).map(|(_, v)| (*v).to_owned()).collect()
    };
    Ok(Entry {
        kind,
        pattern: pattern.to_owned(),
        suggestions,
        category,
        severity,
        word_check,
        evasion: flag(attrs, "evasion")?.unwrap_or(false),
        fuzzy: flag(attrs, "fuzzy")?.unwrap_or(true),
        note: attr(attrs, "note").map(str::to_owned),
        ok: all("ok"),
        bad: all("bad"),
        lead: 0,
        origin,
    })
}

fn word_check(attrs: &[(&str, &str)]) -> Result<bool, DictErrorKind> {
    match attr(attrs, "check") {
        None => Ok(false),
        Some("word") => Ok(true),
        Some(v) => Err(bad_value("check", v, "expected word")),
    }
}

fn title(
    canonical: &str,
    aliases: &str,
    attrs: &[(&str, &str)],
    origin: Origin,
) -> Result<TitleAlias, DictErrorKind> {
    let complete = match attr(attrs, "holders") {
        None | Some("some") => false,
        Some("all") => true,
        Some(v) => return Err(bad_value("holders", v, "expected all or some")),
    };
    Ok(TitleAlias {
        canonical: canonical.to_owned(),
        aliases: list(aliases)?,
        ambiguous: flag(attrs, "ambiguous")?.unwrap_or(false),
        complete,
        since: attr(attrs, "since").map(|v| date("since", v)).transpose()?,
        note: attr(attrs, "note").map(str::to_owned),
        origin,
    })
}

fn roster_row(
    name: &str,
    title: &str,
    attrs: &[(&str, &str)],
    state: &State,
    origin: Origin,
) -> Result<RosterRow, DictErrorKind> {
    let from = attr(attrs, "from").map(|v| date("from", v)).transpose()?;
    let to = attr(attrs, "to").map(|v| date("to", v)).transpose()?;
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(bad_value("to", &t.to_string(), "ends before `from`"));
        }
    }
    let removed = match attr(attrs, "end") {
        None => false,
        Some("removed") => true,
        Some(v) => return Err(bad_value("end", v, "expected removed")),
    };
    let rank = attr(attrs, "rank")
        .map(|v| v.parse().map_err(|_| bad_value("rank", v, "expected a positive number")))
        .transpose()?;
    Ok(RosterRow {
        name: name.to_owned(),
        title: title.to_owned(),
        from,
        to,
        removed,
        rank,
        note: attr(attrs, "note").map(str::to_owned),
        source: attr(attrs, "source").map(str::to_owned),
        as_of: state.as_of,
        origin,
    })
}

fn confusable(
    ch: &str,
    similar: &str,
    category: Option<String>,
    origin: Origin,
) -> Result<Confusable, DictErrorKind> {
    let mut chars = ch.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return Err(bad_value("character", ch, "expected a single character"));
    };
    let similar = similar.chars().filter(|s| *s != c).collect();
    Ok(Confusable { ch: c, similar, category, origin })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn parse_err(text: &str) -> (usize, DictErrorKind) {
        let e = parse("user.tsv", text).unwrap_err();
        assert_eq!(e.file, "user.tsv");
        (e.line, e.kind)
    }

    #[test]
    fn repeat_lines_by_category() {
        let dict = parse(
            "r.tsv",
            "!family repeat\n常常\n!category ending\n目的\n!category starting\n是否\n",
        )
        .unwrap();
        assert_eq!(
            (dict.repeats, dict.repeat_ending, dict.repeat_starting),
            (vec!["常常".to_owned()], vec!["目的".to_owned()], vec!["是否".to_owned()])
        );
        let (line, kind) = parse_err("!family repeat\n!category middle\n目的\n");
        assert_eq!(line, 3);
        assert!(kind.to_string().contains("expected ending or starting"), "{kind}");
    }

    #[test]
    fn entries_with_directives_and_attributes() {
        let text = "\u{feff}# comment\r\n!family typo\r\n!category idiom\n\n再接再励\t再接再厉\tnote=厉同砺\n在坐\t在座\tcheck=word\tok=在坐车\tbad=在坐的各位\tseverity=warning\n";
        let dict = parse("t.tsv", text).unwrap();
        assert_eq!(dict.entries.len(), 2);
        let e = &dict.entries[0];
        assert_eq!(
            (e.pattern.as_str(), e.suggestions.as_slice()),
            ("再接再励", &["再接再厉".to_owned()][..])
        );
        assert_eq!(e.category.as_deref(), Some("idiom"));
        assert_eq!(e.severity, Severity::Error);
        assert_eq!(e.note.as_deref(), Some("厉同砺"));
        assert_eq!(e.origin.line, 5);
        let e = &dict.entries[1];
        assert!(e.word_check);
        assert_eq!(e.severity, Severity::Warning);
        assert_eq!(e.ok, ["在坐车"]);
        assert_eq!(e.bad, ["在坐的各位"]);
    }

    #[test]
    fn category_defaults_for_severity() {
        let dict = parse(
            "s",
            "!family sensitive\n最佳产品\t-\tcategory=advertising\n冰毒\t-\tcategory=illegal\n",
        )
        .unwrap();
        assert_eq!(dict.entries[0].severity, Severity::Warning);
        assert_eq!(dict.entries[1].severity, Severity::Info);
        assert!(dict.entries[0].suggestions.is_empty());
    }

    #[test]
    fn roster_titles_institutions_confusables() {
        let text = "!family roster\n!as-of 2026-03-13\n李克强\t国务院总理\tfrom=2013-03-15\tto=2023-03-11\n!family title\n国务院总理\t总理\n!family institution\n人大常委会\t副主席>副主任|主席>主任\n!family confusable\n治\t冶制\n";
        let dict = parse("r", text).unwrap();
        let row = &dict.roster[0];
        assert_eq!(row.to, Some(Date::new(2023, 3, 11).unwrap()));
        assert_eq!(row.as_of, Some(Date::new(2026, 3, 13).unwrap()));
        assert_eq!(dict.titles[0].aliases, ["总理"]);
        assert_eq!(dict.institutions[0].fixes[0], ("副主席".to_owned(), "副主任".to_owned()));
        assert_eq!(dict.confusables[0].similar, ['冶', '制']);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse_err("布署\t部署\n"), (1, DictErrorKind::NoFamily));
        assert_eq!(
            parse_err("!family typo\n\n布署\n"),
            (3, DictErrorKind::FieldCount { expected: 2, found: 1 })
        );
        assert!(matches!(
            parse_err("!family typo\n布署\t部署\tfoo\n"),
            (2, DictErrorKind::NotAttribute(_))
        ));
        assert!(matches!(
            parse_err("!family typo\n布署\t部署\tcolor=red\n"),
            (2, DictErrorKind::UnknownAttribute { .. })
        ));
        assert!(matches!(
            parse_err("!family typo\n布署\t部署\tseverity=fatal\n"),
            (2, DictErrorKind::BadValue { .. })
        ));
        assert!(matches!(parse_err("!family nope\n"), (1, DictErrorKind::UnknownFamily(_))));
        assert!(matches!(parse_err("!colour red\n"), (1, DictErrorKind::UnknownDirective(_))));
        assert!(matches!(
            parse_err("!family typo\n布署\t布署\n"),
            (2, DictErrorKind::SuggestionIsPattern(_))
        ));
        assert!(matches!(
            parse_err("!family typo\n 布署\t部署\n"),
            (2, DictErrorKind::Whitespace(_))
        ));
        assert!(matches!(
            parse_err("!family roster\n张三\t县长\tfrom=2021-02-30\n"),
            (2, DictErrorKind::BadValue { .. })
        ));
        assert!(matches!(
            parse_err("!family roster\n张三\t县长\tfrom=2021-02-03\tto=2020-01-01\n"),
            (2, DictErrorKind::BadValue { .. })
        ));
        assert!(matches!(
            parse_err("!family institution\n政协\t副主任\n"),
            (2, DictErrorKind::BadValue { .. })
        ));
        assert!(matches!(
            parse_err("!family confusable\n治理\t冶\n"),
            (2, DictErrorKind::BadValue { .. })
        ));
    }

    #[test]
    fn segmenter_words() {
        let dict = parse("w", "!family word\n为人民服务\t-\tfreq=5000\n坐车\n").unwrap();
        assert_eq!(dict.words[0].freq, Some(5000));
        assert_eq!(dict.words[1].word, "坐车");
    }

    #[test]
    fn allow_lines_need_no_suggestion_column() {
        let dict = parse("a", "!family allow\n严厉打击网络赌博\n").unwrap();
        assert_eq!(dict.entries[0].kind, EntryKind::Allow);
    }
}
