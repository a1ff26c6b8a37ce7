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

/// Makes the address pattern now rather than at the first text (a two-thread build makes it
/// on its idle core).
pub(crate) fn prepare() {
    LazyLock::force(&START);
}

/// The spans of the addresses in `text`.
#[cfg(test)]
pub(crate) fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    spans_within(text, Span::new(0, text.len()), &mut out);
    out
}

/// Appends the spans of the addresses of `text` within `window`, which starts and ends at
/// the ends of runs of characters that are neither white space nor stop characters: an
/// address never holds one, so it lies within a run, and is found in a window as in the
/// whole text.
fn spans_within(text: &str, window: Span, out: &mut Vec<Span>) {
    let first = out.len();
    for m in START.find_iter(&text[window]) {
        let (start, matched) = (window.start + m.start(), window.start + m.end());
        // Not from inside an ASCII word (a/b/c, xD:/).
        if text[..start].chars().next_back().is_some_and(is_word) {
            continue;
        }
        if out[first..].last().is_some_and(|s| start < s.end) {
            continue;
        }
        let end = address_end(text, start, matched);
        if end > start {
            out.push(Span::new(start, end));
        }
    }
}

fn is_stop(c: char) -> bool {
    c.is_whitespace() || STOP.contains(c)
}

/// The runs (see [`spans_within`]) around `spans` (in order of start), merged where they
/// touch: each character of the text is looked at about once, and text far from any span
/// not at all.
fn windows(text: &str, spans: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        let floor = match out.last_mut() {
            Some(w) if s.start <= w.end => {
                if s.end > w.end {
                    w.end = run_end(text, s.end);
                }
                continue;
            }
            Some(w) => w.end,
            None => 0,
        };
        let start = text[floor..s.start]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_stop(c))
            .map_or(floor, |(i, c)| floor + i + c.len_utf8());
        out.push(Span::new(start, run_end(text, s.end)));
    }
    out
}

/// Where the run that goes on at `at` ends.
fn run_end(text: &str, at: usize) -> usize {
    text[at..].find(is_stop).map_or(text.len(), |i| at + i)
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

/// The findings that lie outside every address of `text`. Only the runs of text around the
/// findings are searched for addresses, so clean text costs nothing here.
pub(crate) fn outside(text: &str, findings: Vec<Finding>) -> Vec<Finding> {
    let mut spans: Vec<Span> = findings.iter().map(|f| f.span).collect();
    spans.sort_unstable_by_key(|s| s.start);
    let mut addresses = Vec::new();
    for w in windows(text, &spans) {
        if text[w].bytes().any(|b| matches!(b, b'/' | b'\\' | b'@' | b'.')) {
            spans_within(text, w, &mut addresses);
        }
    }
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
    fn addresses_found_around_spans_are_those_found_in_the_whole_text() {
        let text = "详见http://www.example.gov.cn/布署/通知.html。请访问http://x.gov.cn查看布署， \
                    来信请寄bushu@example.gov.cn或D:\\文件\\布署方案.docx，和/或上/下半年 ~/a/b/布署";
        let all = spans(text);
        assert_eq!(all.len(), 4, "{all:?}");
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for (k, &start) in starts.iter().enumerate() {
            for &end in starts[k..].iter().take(4) {
                let probe = Span::new(start, end);
                let mut found = Vec::new();
                for w in windows(text, &[probe]) {
                    spans_within(text, w, &mut found);
                }
                let want: Vec<Span> = all
                    .iter()
                    .copied()
                    .filter(|a| a.overlaps(probe) || a.start <= start && start < a.end)
                    .collect();
                for a in &want {
                    assert!(found.contains(a), "{a:?} around {probe:?}: {found:?}");
                }
                assert!(found.iter().all(|a| all.contains(a)), "{probe:?}: {found:?}");
            }
        }
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
