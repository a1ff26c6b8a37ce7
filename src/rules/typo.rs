//! The `typo` family: known misspellings from the dictionary.

use super::{entry_finding, quoted_list, with_note, Context};
use crate::chars::is_ideograph;
use crate::dict::Entry;
use crate::finding::{Finding, Severity};
use crate::registry::TYPO_DICTIONARY;
use crate::span::Span;

/// Judges a hit of a typo entry.
pub(crate) fn judge(entry: &Entry, span: Span, cx: &Context<'_>) -> Option<Finding> {
    let found = &cx.text[span];
    let message = match (entry.category.as_deref(), entry.suggestions.as_slice()) {
        (_, []) => format!("“{found}”疑为错别字"),
        (Some("variant"), s) => format!("“{found}”是非推荐词形，应写作{}", quoted_list(s)),
        (_, [one]) => format!("“{found}”应为“{one}”"),
        (_, many) => format!("“{found}”疑为错别字，可改为{}", quoted_list(many)),
    };
    if entry.category.as_deref() != Some("variant") && written_is_likelier(entry, span, cx) {
        return None;
    }
    let finding = entry_finding(&TYPO_DICTIONARY, entry, span, cx.text, with_note(message, entry));
    Some(titled_idiom(real_words(finding, entry, cx), entry, cx.text))
}

/// The longest title between book-title marks that [`in_title`] looks through, in bytes.
const MAX_TITLE: usize = 300;

/// An idiom in the title of a work (《小题大作：大学宿舍对人的一辈子有什么影响》) may be the
/// author's play on it, and a title is cited as its author wrote it: kept as a note (`info`).
fn titled_idiom(mut finding: Finding, entry: &Entry, text: &str) -> Finding {
    let idiom = entry.category.as_deref() == Some("idiom");
    if idiom && finding.severity != Severity::Info && in_title(text, finding.span) {
        finding.severity = Severity::Info;
        finding.message.push_str("（在书名号中，可能是作者有意改写，请核对原题）");
    }
    finding
}

/// Whether `span` lies between book-title marks on one line: a 《 before it and a 》 after it,
/// with no mark closing or opening between them and the hit.
fn in_title(text: &str, span: Span) -> bool {
    let mut from = span.start.saturating_sub(MAX_TITLE);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (span.end + MAX_TITLE).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let (before, after) = (&text[from..span.start], &text[span.end..to]);
    let opened = before.rfind(['《', '》', '\n']).is_some_and(|i| before[i..].starts_with('《'));
    let closed = after.find(['《', '》', '\n']).is_some_and(|i| after[i..].starts_with('》'));
    opened && closed
}

/// Whether the statistical model (`src/model/`), reading the characters around the hit, finds
/// the text as written likelier than with every correction in its place: the hit's characters
/// then belong to the words around it in a way the lexicon did not tell (经|消保委 is no
/// 经销; 在|坐得满满当当 is no 在座). Real misspellings are much less likely than their
/// corrections in official prose (签定 → 签订 by 10^2.9, 等侯 → 等候 by 10^6). A build without
/// the model's data has no opinion, and nothing is dropped.
fn written_is_likelier(entry: &Entry, span: Span, cx: &Context<'_>) -> bool {
    let model = crate::model::Model::embedded();
    let word_level = (2..=3).contains(&cx.text[span].chars().count());
    // Only characters that touch others may belong to a word beside them: “临模” quoted alone
    // is the wrong form itself, whatever the model makes of it.
    let touches = cx.text[..span.start].chars().next_back().is_some_and(is_ideograph)
        || cx.text[span.end..].chars().next().is_some_and(is_ideograph);
    word_level
        && touches
        && entry.category.as_deref() != Some("idiom")
        && !entry.suggestions.is_empty()
        && entry
            .suggestions
            .iter()
            .all(|fix| model.preference(cx.text, span, fix).is_some_and(|lift| lift < MODEL_DOUBT))
}

/// The model's preference for a correction (log10 of how many times likelier the text is with
/// it) below which the written form stands: below zero, the model finds what is written
/// likelier.
const MODEL_DOUBT: f32 = -2.0;

/// A hit that reads as common words of its own (荣光|焕发 for 容光焕发, 水利|发电 for 水力发电)
/// may be what the writer meant: the correction would turn real words into others with
/// another meaning. Such a finding is kept as a note (`info`), never an error or a warning.
/// Variant forms (帐簿/账簿) mean the same as their correction and keep their severity
/// (`info` unless configured otherwise).
fn real_words(mut finding: Finding, entry: &Entry, cx: &Context<'_>) -> Finding {
    let variant = entry.category.as_deref() == Some("variant");
    let words = cx.reads_as_words(finding.span, "")
        || function_words(cx.text, finding.span)
        || opens_clause(entry, cx.text, finding.span);
    if !variant && finding.severity != Severity::Info && words {
        finding.severity = Severity::Info;
        finding.message.push_str("（所写是常用词，请核对原意）");
    }
    finding
}

/// Whether an idiom hit is two words of the lexicon that the text goes on from without a
/// break, a particle or a function word: 让历史荣光|焕发|新的时代光芒 is a subject, a verb and its
/// object, where 容光焕发, a closed four-character idiom, takes no object after it. The idiom's
/// slips stand alone or before a particle (容光焕发地, 融会贯通于): 荣光焕发的笑容 stays an error.
fn opens_clause(entry: &Entry, text: &str, span: Span) -> bool {
    let hit = &text[span];
    let Some((half, _)) = hit.char_indices().nth(2) else { return false };
    let four = hit.chars().count() == 4;
    let next = text[span.end..].chars().next();
    entry.category.as_deref() == Some("idiom")
        && four
        && crate::segment::is_word(&hit[..half])
        && crate::segment::is_word(&hit[half..])
        && next.is_some_and(|c| is_ideograph(c) && !crate::segment::is_function_word(c))
}

/// Whether the hit is function words only, each a word of its own, followed by another (既|将|其:
/// 既 opens a 既…又 pair and 将其 is “take it”; 即将 “about to” cannot take 其): the boundary
/// is the grammar's, which no lexicon tells.
fn function_words(text: &str, span: Span) -> bool {
    let next = text[span.end..].chars().next();
    text[span].chars().all(crate::segment::is_function_word)
        && next.is_some_and(crate::segment::is_function_word)
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::{Family, Linter};

    #[track_caller]
    fn severity(text: &str, found: &str) -> Severity {
        let linter = Linter::builder().model(false).build().unwrap();
        let all = linter.check(text);
        let f = all.iter().find(|f| f.family == Family::Typo && f.text == found);
        f.unwrap_or_else(|| panic!("{text}: no typo finding {found}: {all:?}")).severity
    }

    #[test]
    fn real_words_are_only_noted() {
        assert_eq!(
            severity("水利发电工程项目应当与电网配套工程同步建设。", "水利发电"),
            Severity::Info
        );
        assert_eq!(severity("全县春耕生产正如火如茶地展开。", "如火如茶"), Severity::Error);
        // Function words each of their own: 既…又, 将其 “take it”.
        assert_eq!(severity("既将其作为手段，又将其作为目标。", "既将"), Severity::Info);
        assert_eq!(severity("会议既将召开，请做好准备。", "既将"), Severity::Error);
        // Two words the text goes on from as a clause: glory | shines forth | a new light.
        let clause = "有的创建“红色名村”，让历史荣光焕发新的时代光芒。";
        assert_eq!(severity(clause, "荣光焕发"), Severity::Info);
        assert_eq!(severity("他满面荣光焕发，精神很好。", "荣光焕发"), Severity::Error);
        assert_eq!(severity("他荣光焕发地走上讲台。", "荣光焕发"), Severity::Error);
        // A variant form means what its correction means: it is a note unless configured.
        assert_eq!(severity("依法设置会计帐簿。", "帐簿"), Severity::Info);
    }

    #[test]
    fn idioms_in_a_title_are_only_noted() {
        let title = "作了一场题为《小题大作：大学宿舍对人的一辈子有什么影响》的讲座。";
        assert_eq!(severity(title, "小题大作"), Severity::Info);
        assert_eq!(severity("对这件事不要小题大作。", "小题大作"), Severity::Warning);
        assert_eq!(severity("《通知》要求不要小题大作。", "小题大作"), Severity::Warning);
    }

    #[test]
    fn a_correction_the_model_finds_less_likely_is_dropped() {
        let linter = Linter::builder().model(false).build().unwrap();
        let typos = |text: &str| -> Vec<String> {
            let found = linter.check(text).into_iter().filter(|f| f.family == Family::Typo);
            found.map(|f| f.text).collect()
        };
        assert_eq!(typos("由移民本人与接收单位签定安置就业合同。"), ["签定"]);
        if cfg!(feature = "model") {
            // 经|消保委: the consumer association, not 经销.
            assert!(typos("经消保委调解达成协议的，根据消费争议处理。").is_empty());
        }
    }

    #[test]
    fn variant_forms_are_warnings_where_configured() {
        let linter =
            Linter::builder().model(false).override_severity("variant", Severity::Warning).build();
        let found = linter.unwrap().check("依法设置会计帐簿。");
        let f = found.iter().find(|f| f.text == "帐簿").expect("a finding of 帐簿");
        assert_eq!(f.severity, Severity::Warning);
    }
}
