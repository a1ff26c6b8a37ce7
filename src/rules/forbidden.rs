//! Wording a sentence names as forbidden: a law or a notice that forbids an expression quotes
//! it (招聘不得设置“男性优先”, 广告不得含有“包治百病”等内容), and the writer does not use it.

use crate::finding::{Family, Finding, Severity};
use crate::span::Span;

/// Words that forbid what follows them in their sentence.
const PROHIBITIONS: [&str; 16] = [
    "不得", "不准", "不许", "不应", "严禁", "禁止", "禁用", "杜绝", "取缔", "制止", "纠正", "防止",
    "严防", "避免", "慎用", "不宜",
];

/// Words that say the prohibition is about wording (谎称, 使用, 含有, 标注 …): the law forbids
/// saying or printing the expression, not a deed it describes (禁止虐待弱智妇女).
const SAYING: [&str; 12] =
    ["称", "使用", "含有", "标注", "标明", "标示", "出现", "宣传", "表述", "用语", "字样", "词语"];

/// Quotation marks that open and close a quoted expression.
const QUOTES: [(char, char); 4] = [('“', '”'), ('‘', '’'), ('「', '」'), ('『', '』')];

/// How far before a hit its sentence is searched for a prohibition, in bytes (about 170
/// characters): a line with no sentence end costs no more than a sentence.
const MAX_LOOK_BACK: usize = 512;

/// Characters that end a sentence: the prohibition must stand in the hit's own sentence.
const SENTENCE_ENDS: [char; 6] = ['。', '！', '？', '；', '\n', '!'];

/// A sensitive finding whose sentence forbids it before the hit is kept as a note (`info`):
/// the text names the wording in order to forbid it.
pub(crate) fn as_named(mut finding: Finding, text: &str) -> Finding {
    if finding.family == Family::Sensitive
        && finding.severity != Severity::Info
        && forbids(text, finding.span)
    {
        finding.severity = Severity::Info;
        finding.message.push_str("（句中禁止使用该用语，请核对是否为引述）");
    }
    finding
}

/// Whether the sentence of `span`, before it, holds a prohibition (不得, 禁止; not 不得不) of
/// wording: a word of saying follows it ([`SAYING`]) or the hit is quoted.
fn forbids(text: &str, span: Span) -> bool {
    let quoted = {
        let (before, after) =
            (text[..span.start].chars().next_back(), text[span.end..].chars().next());
        QUOTES.iter().any(|&(open, close)| before == Some(open) && after == Some(close))
    };
    let mut from = span.start.saturating_sub(MAX_LOOK_BACK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..span.start];
    let sentence = before.rfind(SENTENCE_ENDS).map_or(before, |i| {
        let end = before[i..].chars().next().map_or(0, char::len_utf8);
        &before[i + end..]
    });
    PROHIBITIONS.iter().any(|word| {
        sentence.match_indices(word).any(|(i, _)| {
            let rest = &sentence[i + word.len()..];
            !rest.starts_with('不') && (quoted || SAYING.iter().any(|s| rest.contains(s)))
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::finding::{Family, Severity};
    use crate::Linter;

    #[track_caller]
    fn sensitive(text: &str) -> Vec<Severity> {
        let linter = Linter::builder().model(false).build().unwrap();
        let found = linter.check(text).into_iter().filter(|f| f.family == Family::Sensitive);
        found.map(|f| f.severity).collect()
    }

    #[test]
    fn forbidden_wording_is_a_note() {
        assert_eq!(sensitive("医疗广告不得含有“包治百病”等内容。"), [Severity::Info]);
        assert_eq!(sensitive("招聘时严禁标注“男性优先”。"), [Severity::Info]);
        assert_eq!(sensitive("经营者不得谎称最低价或者极品等。"), [Severity::Info]);
    }

    #[test]
    fn the_look_back_is_bounded() {
        let far = format!("不得谎称{}极品。", "和".repeat(300));
        assert_eq!(sensitive(&far), [Severity::Warning]);
        assert!(super::forbids("不得谎称极品", crate::span::Span::new(12, 18)));
    }

    #[test]
    fn wording_used_is_reported() {
        assert_eq!(sensitive("本院特效药包治百病。"), [Severity::Warning]);
        // The prohibition of another sentence, or one that reads otherwise, does not count.
        assert_eq!(sensitive("不得迟到。本院特效药包治百病。"), [Severity::Warning]);
        assert_eq!(sensitive("我们不得不说，本院特效药包治百病。"), [Severity::Warning]);
        // A prohibition of a deed, not of wording.
        let deed = "禁止虐待弱智妇女。";
        assert_eq!(sensitive(deed), [Severity::Error]);
    }
}
