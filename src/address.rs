//! Addresses in running text — URLs, e-mail addresses and file paths — whose characters are
//! not prose: `http://www.example.gov.cn/布署/通知.html` names a folder, and "fixing" it
//! breaks the link. Findings inside them are not reported.

use crate::finding::Finding;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// Characters that end an address (besides white space): quotes and brackets, and Chinese
/// punctuation.
const STOP: &str = r#"<>"'`，。；：！？、（）《》〈〉「」『』【】〔〕“”‘’…—"#;

/// Where an address may start; its end is found by [`address_end`].
static START: LazyLock<Regex> = LazyLock::new(|| {
    let part = format!(r"[A-Za-z0-9._~-][^/\s{STOP}]*");
    let pattern = [
        // Schemes and bare www. hosts.
        r"(?i)(?:https?|ftp|file)://",
        r"(?i)www\.[a-z0-9-]",
        // An e-mail address: ASCII, so it never swallows the sentence before it.
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
        // A Windows path (C:\ or C:/) or a UNC share (\\server\).
        r"(?:[A-Za-z]:[\\/]|\\\\[A-Za-z0-9])",
        // A Unix path of two or more parts from /, ./, ../ or ~/, the first part starting
        // with an ASCII character (not 和/或/, 上/下/左).
        &format!(r"(?:~|\.{{1,2}})?/{part}/"),
    ]
    .join("|");
    Regex::new(&pattern).expect("the address pattern is valid")
});

/// The spans of the addresses in `text`.
pub(crate) fn spans(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for m in START.find_iter(text) {
        // Not from inside an ASCII word (a/b/c, xD:/).
        if text[..m.start()].chars().next_back().is_some_and(is_word) {
            continue;
        }
        if out.last().is_some_and(|s| m.start() < s.end) {
            continue;
        }
        let end = address_end(text, m.start(), m.end());
        if end > m.start() {
            out.push(Span::new(m.start(), end));
        }
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The end of an address that starts at `start` and whose pattern matched up to `matched`:
/// up to a stop character, less trailing sentence punctuation, and less a trailing run of
/// non-ASCII text unless a path separator or `=` leads into it (`…/通知.html` and `…/布署/`
/// are the address; in `http://x.gov.cn查看`, 查看 is the sentence).
fn address_end(text: &str, start: usize, matched: usize) -> usize {
    let rest = &text[matched..];
    let run = rest.find(|c: char| STOP.contains(c) || c.is_whitespace()).unwrap_or(rest.len());
    let mut end = matched + run;
    let tail = text[start..end].trim_end_matches(|c: char| !c.is_ascii());
    let lead_in = tail.chars().next_back();
    if !matches!(lead_in, Some('/' | '\\' | '=')) && tail.len() > matched - start {
        end = start + tail.len();
    }
    let trimmed = text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
    start + trimmed.len().max(matched - start).min(end - start)
}

/// The findings that lie outside every address of `text`.
pub(crate) fn outside(text: &str, findings: Vec<Finding>) -> Vec<Finding> {
    if findings.is_empty() || !text.bytes().any(|b| matches!(b, b'/' | b'\\' | b'@' | b'.')) {
        return findings;
    }
    let addresses = spans(text);
    if addresses.is_empty() {
        return findings;
    }
    findings
        .into_iter()
        .filter(|f| {
            let i = addresses.partition_point(|a| a.end <= f.span.start);
            addresses.get(i).is_none_or(|a| !a.overlaps(f.span))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn assert_addresses(text: &str, want: &[&str]) {
        let got: Vec<&str> = spans(text).into_iter().map(|s| &text[s]).collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn urls_emails_and_paths() {
        assert_addresses(
            "详见http://www.example.gov.cn/布署/通知.html。",
            &["http://www.example.gov.cn/布署/通知.html"],
        );
        assert_addresses("请访问http://x.gov.cn查看布署。", &["http://x.gov.cn"]);
        assert_addresses("网址：www.gov.cn/布署/，欢迎访问", &["www.gov.cn/布署/"]);
        assert_addresses("来信请寄bushu@example.gov.cn。", &["bushu@example.gov.cn"]);
        assert_addresses(r"附件在D:\文件\布署方案.docx中", &[r"D:\文件\布署方案.docx"]);
        assert_addresses("见/srv/site/布署/通知.html。", &["/srv/site/布署/通知.html"]);
        assert_addresses("和/或，上/下半年，2026/07/15", &[]);
    }

    #[test]
    fn findings_in_addresses_are_dropped() {
        let text = "请认真布署，见http://www.example.gov.cn/布署/通知.html。";
        let findings = crate::Linter::new().check(text);
        let texts: Vec<(usize, &str)> =
            findings.iter().map(|f| (f.span.start, f.text.as_str())).collect();
        assert_eq!(texts, [(9, "布署")]);
    }
}
