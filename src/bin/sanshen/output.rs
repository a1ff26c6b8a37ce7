//! Printing findings: human-readable lines, JSON Lines, one JSON document, SARIF 2.1.0 or
//! GitHub workflow annotations.

use sanshen::{Record, Severity};
use std::io::{self, Write};
use unicode_segmentation::UnicodeSegmentation;

pub(crate) fn jsonl(out: &mut impl Write, record: &Record<'_>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// `path:line:col: severity [family/rule] 「text」 message → suggestion`
/// `source` is the line the finding starts on and the finding's byte offset in it.
pub(crate) fn human(
    out: &mut impl Write,
    r: &Record<'_>,
    source: Option<(&str, usize)>,
    color: bool,
) -> io::Result<()> {
    let code = match r.severity {
        "error" => "1;31",
        "warning" => "1;33",
        _ => "1;36",
    };
    let location = match (r.record, r.id) {
        _ if r.part.is_some() || r.page.is_some() => {
            format!("{}:{}:", r.path, crate::place::human_location(r).unwrap_or_default())
        }
        (Some(n), Some(id)) => format!("{}:{n}[{id}]:{}:{}:", r.path, r.line, r.column),
        (Some(n), None) => format!("{}:{n}:{}:{}:", r.path, r.line, r.column),
        _ => format!("{}:{}:{}:", r.path, r.line, r.column),
    };
    write!(
        out,
        "{} {} [{}] 「{}」 {}",
        paint(color, "1", &location),
        paint(color, code, r.severity),
        r.rule,
        paint(color, "1", r.text),
        r.message
    )?;
    if !r.suggestions.is_empty() {
        let s = r.suggestions.join(" | ");
        write!(out, " → {}", paint(color, "32", &s))?;
    }
    writeln!(out)?;
    if let Some((line, at)) = source {
        annotate(out, r, line, at, color, code)?;
    }
    Ok(())
}

/// Characters (grapheme clusters: 👍🏽 is one) of a long line shown on each side of a finding.
const SNIPPET_CHARS: usize = 24;

/// The source line (or the part of it around the finding) with a caret under the finding.
fn annotate(
    out: &mut impl Write,
    r: &Record<'_>,
    line: &str,
    at: usize,
    color: bool,
    code: &str,
) -> io::Result<()> {
    let end = (at + r.text.len()).min(line.len());
    // From the finding backwards, so a long line costs only the snippet.
    let mut back = line[..at].graphemes(true).rev();
    let mut lead: Vec<&str> = back.by_ref().take(SNIPPET_CHARS).collect();
    lead.reverse();
    let lead = lead.concat();
    let cut = back.next().is_some();
    let found: String = line[at..end].chars().filter(|c| *c != '\n' && *c != '\r').collect();
    let trail: String = line[end..].graphemes(true).take(SNIPPET_CHARS).collect();
    let more = line[end..].graphemes(true).nth(SNIPPET_CHARS).is_some();
    let (open, close) = (if cut { "..." } else { "" }, if more { "..." } else { "" });
    let number = r.line.to_string();
    let gutter = " ".repeat(number.len());
    writeln!(out, " {number} | {open}{lead}{found}{trail}{close}")?;
    let pad = width(open) + width(&lead);
    let carets = "^".repeat(width(&found).max(1));
    writeln!(out, " {gutter} | {}{}", " ".repeat(pad), paint(color, code, &carets))
}

/// The part of `line` that [`annotate`] shows around a finding of `len` bytes at `at` (one
/// character more on each side, so it still sees whether the line goes on), and the finding's
/// offset in it: all of a line is never kept for a finding.
pub(crate) fn snippet(line: &str, at: usize, len: usize) -> (String, usize) {
    let at = at.min(line.len());
    let end = (at + len).min(line.len());
    let start = line[..at].grapheme_indices(true).rev().nth(SNIPPET_CHARS).map_or(0, |(i, _)| i);
    let stop = line[end..]
        .grapheme_indices(true)
        .nth(SNIPPET_CHARS)
        .map_or(line.len(), |(i, g)| end + i + g.len());
    (line[start..stop].to_owned(), at - start)
}

/// Display width in a terminal, a grapheme cluster at a time: as wide as its first character
/// (what follows it — combining marks, skin tones, variation selectors, joined emoji — adds
/// nothing), and East Asian wide and full-width characters and emoji take two columns.
fn width(s: &str) -> usize {
    s.graphemes(true).map(|g| g.chars().next().map_or(0, char_width)).sum()
}

fn char_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F1E6..=0x1F1FF
        | 0x1F300..=0x1F64F
        | 0x1F680..=0x1F6FF
        | 0x1F900..=0x1F9FF
        | 0x1FA70..=0x1FAFF
        | 0x20000..=0x3FFFD => 2,
        0x0300..=0x036F | 0x200B..=0x200F | 0xFEFF => 0,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_is_annotated_as_the_whole_line() {
        let long = "前".repeat(60) + "布署" + &"后".repeat(60);
        let at = "前".len() * 60;
        let findings = sanshen::Linter::new().check("布署");
        let r = Record::new("-", 0, &findings[0], 0);
        for (line, at) in [(long.as_str(), at), ("请认真布署。", 9), ("布署", 0)] {
            let record_of = |line: &str, at: usize| {
                let mut out = Vec::new();
                annotate(&mut out, &r, line, at, false, "1").unwrap();
                String::from_utf8(out).unwrap()
            };
            let (part, offset) = snippet(line, at, "布署".len());
            assert!(part.len() <= line.len());
            assert_eq!(record_of(&part, offset), record_of(line, at), "{line}");
        }
    }

    #[test]
    fn widths_count_clusters_as_their_first_character() {
        assert_eq!(width("布署"), 4);
        assert_eq!(width("ab"), 2);
        assert_eq!(width("e\u{301}"), 1, "e and a combining acute accent");
        assert_eq!(width("👍🏽"), 2, "an emoji with a skin tone");
        assert_eq!(width("👨\u{200D}👩\u{200D}👧"), 2, "a family joined by ZWJ");
        assert_eq!(width("🇨🇳"), 2, "a flag: two regional indicators");
        assert_eq!(width("\u{301}"), 0, "a combining mark alone");
    }
}

/// The closing summary of human output.
/// Inputs that could not be checked are counted apart: a file that could not be read is not
/// clean.
pub(crate) fn summary(
    out: &mut impl Write,
    counts: &[usize; 3],
    files: usize,
    unchecked: usize,
) -> io::Result<()> {
    let [info, warning, error] = counts;
    write!(out, "{} 个文件：{} 个错误，{} 个警告，{} 个提示", files, error, warning, info)?;
    if unchecked > 0 {
        write!(out, "；{unchecked} 处无法检查（见标准错误输出）")?;
    }
    writeln!(out)
}

pub(crate) fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

/// Escapes a value for a GitHub workflow command (`%`, CR and LF; in properties also `:` and
/// `,`).
fn github_escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// One GitHub workflow annotation: `::error file=…,line=…,col=…,title=…::message`.
pub(crate) fn github(out: &mut impl Write, r: &Record<'_>) -> io::Result<()> {
    let level = match r.severity {
        "error" => "error",
        "warning" => "warning",
        _ => "notice",
    };
    let mut message = format!("「{}」{}", r.text, r.message);
    if !r.suggestions.is_empty() {
        message.push_str(&format!(" → {}", r.suggestions.join(" | ")));
    }
    writeln!(
        out,
        "::{level} file={},line={},col={},title={}::{}",
        github_escape(r.path, true),
        r.line,
        r.column,
        github_escape(&format!("sanshen {}", r.rule), true),
        github_escape(&message, false)
    )
}

/// A GitHub workflow annotation for an input that could not be checked.
pub(crate) fn github_error(out: &mut impl Write, message: &str) -> io::Result<()> {
    writeln!(out, "::error title=sanshen::{}", github_escape(message, false))
}

/// The end line and column of a record, from its start and text.
fn end_position(r: &Record<'_>) -> (usize, usize) {
    let breaks = r.text.matches('\n').count();
    match r.text.rsplit_once('\n') {
        Some((_, last)) => (r.line + breaks, last.chars().count() + 1),
        None => (r.line, r.column + r.text.chars().count()),
    }
}

/// A SARIF 2.1.0 result for a record.
pub(crate) fn sarif_result(r: &Record<'_>) -> serde_json::Value {
    let level = match r.severity {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    };
    let (end_line, end_column) = end_position(r);
    let mut message = r.message.to_owned();
    if !r.suggestions.is_empty() {
        message.push_str(&format!("（建议：{}）", r.suggestions.join("、")));
    }
    let mut result = serde_json::json!({
        "ruleId": r.rule,
        "level": level,
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": sarif_uri(r.path) },
                "region": {
                    "startLine": r.line,
                    "startColumn": r.column,
                    "endLine": end_line,
                    "endColumn": end_column,
                    "byteOffset": r.start,
                    "byteLength": r.end - r.start,
                    "snippet": { "text": r.text }
                }
            }
        }],
        "properties": { "family": r.family, "category": r.category }
    });
    if r.fixable && r.record.is_none() {
        result["fixes"] = serde_json::json!([{
            "description": { "text": format!("改为“{}”", r.suggestions[0]) },
            "artifactChanges": [{
                "artifactLocation": { "uri": sarif_uri(r.path) },
                "replacements": [{
                    "deletedRegion": { "byteOffset": r.start, "byteLength": r.end - r.start },
                    "insertedContent": { "text": r.suggestions[0] }
                }]
            }]
        }]);
    }
    if let (Some(n), Some(id)) = (r.record, r.id) {
        result["properties"]["record"] = n.into();
        result["properties"]["id"] = id.into();
    }
    sarif_review(r, &mut result);
    result
}

/// The source, fingerprint and review state of a SARIF result: an accepted or dismissed
/// finding is a result with a suppression and its justification.
fn sarif_review(r: &Record<'_>, result: &mut serde_json::Value) {
    if let Some(s) = r.source {
        result["properties"]["source"] = serde_json::to_value(s).unwrap_or_default();
    }
    if let Some(fp) = &r.fingerprint {
        result["partialFingerprints"] = serde_json::json!({ "sanshen/v2": fp });
    }
    let Some(v) = &r.review else { return };
    result["properties"]["review"] = serde_json::to_value(v).unwrap_or_default();
    if matches!(v.decision, sanshen::Decision::Accepted | sanshen::Decision::Dismissed) {
        let mut suppression = serde_json::json!({ "kind": "external", "status": "accepted" });
        let mut why = v.decision.label().to_owned();
        if let Some(reason) = &v.reason {
            why = format!("{why}：{reason}");
        }
        suppression["justification"] = why.into();
        result["suppressions"] = serde_json::json!([suppression]);
    }
}

/// A relative URI reference for a path (standard input is `stdin`).
fn sarif_uri(path: &str) -> String {
    if path == "-" {
        return "stdin".to_owned();
    }
    let mut uri = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(b as char);
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri
}

/// The whole SARIF log for the results of a run.
/// Inputs that could not be checked are tool execution notifications, and make the run
/// unsuccessful.
pub(crate) fn sarif_log(
    results: Vec<serde_json::Value>,
    roster: serde_json::Value,
    errors: &[String],
) -> serde_json::Value {
    let mut rules: Vec<&str> = results.iter().filter_map(|r| r["ruleId"].as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    let rules: Vec<serde_json::Value> = rules.into_iter().map(sarif_rule).collect();
    let notifications: Vec<serde_json::Value> = errors
        .iter()
        .map(|e| serde_json::json!({ "level": "error", "message": { "text": e } }))
        .collect();
    serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "sanshen",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules
            }},
            "invocations": [{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications
            }],
            "columnKind": "unicodeCodePoints",
            "properties": { "roster": roster },
            "results": results
        }]
    })
}

/// A rule's SARIF descriptor, from the registry: its Chinese name and description, default
/// level and family.
fn sarif_rule(id: &str) -> serde_json::Value {
    match sanshen::registry::rule_by_id(id) {
        Some(r) => serde_json::json!({
            "id": r.id,
            "name": r.name,
            "shortDescription": { "text": format!("{}：{}", r.family.label(), r.name) },
            "fullDescription": { "text": r.description },
            "defaultConfiguration": { "level": match r.severity {
                sanshen::Severity::Error => "error",
                sanshen::Severity::Warning => "warning",
                sanshen::Severity::Info => "note",
            } },
            "properties": { "family": r.family.as_str() }
        }),
        None => serde_json::json!({ "id": id, "shortDescription": { "text": id } }),
    }
}

/// The `--format json` document: every finding, counts by family, category and severity, how
/// old the leader roster is for the day checked, and the inputs that could not be checked
/// (`errors`, counted in `summary.errors`).
pub(crate) fn json_document(
    findings: Vec<serde_json::Value>,
    files: usize,
    roster: serde_json::Value,
    errors: &[String],
) -> serde_json::Value {
    let mut by_family = serde_json::Map::new();
    let mut by_category = serde_json::Map::new();
    let mut by_severity = serde_json::Map::new();
    let bump = |map: &mut serde_json::Map<String, serde_json::Value>, key: &str| {
        let n = map.get(key).and_then(serde_json::Value::as_u64).unwrap_or(0);
        map.insert(key.to_owned(), (n + 1).into());
    };
    for f in &findings {
        bump(&mut by_family, f["family"].as_str().unwrap_or_default());
        bump(&mut by_severity, f["severity"].as_str().unwrap_or_default());
        if let Some(c) = f["category"].as_str() {
            bump(&mut by_category, c);
        }
    }
    serde_json::json!({
        "summary": {
            "files": files,
            "findings": findings.len(),
            "by_family": by_family,
            "by_category": by_category,
            "by_severity": by_severity,
            "roster": roster,
            "errors": errors.len()
        },
        "findings": findings,
        "errors": errors.iter().map(|e| serde_json::json!({ "message": e })).collect::<Vec<_>>()
    })
}

/// Counts for `--stats`, in the spirit of an inspection report's tables.
#[derive(Default)]
pub(crate) struct Stats {
    total: usize,
    by: [std::collections::BTreeMap<String, usize>; 5],
}

impl Stats {
    const TITLES: [&'static str; 5] = ["按类别", "按分类", "按严重程度", "按单位", "最常见"];

    pub(crate) fn add(&mut self, r: &Record<'_>) {
        self.total += 1;
        let keys =
            [Some(r.family), r.category, Some(r.severity), r.unit.or(Some(r.path)), Some(r.text)];
        for (map, key) in self.by.iter_mut().zip(keys) {
            if let Some(k) = key {
                *map.entry(k.to_owned()).or_default() += 1;
            }
        }
    }

    /// Writes the tables, most frequent first (at most 20 rows each).
    pub(crate) fn write(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(out, "统计：共 {} 处", self.total)?;
        for (title, map) in Self::TITLES.iter().zip(&self.by) {
            let mut rows: Vec<(&String, &usize)> = map.iter().collect();
            rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let shown: Vec<String> =
                rows.iter().take(20).map(|(k, n)| format!("{k} {n}")).collect();
            writeln!(out, "{title}：{}", shown.join("，"))?;
        }
        Ok(())
    }
}
