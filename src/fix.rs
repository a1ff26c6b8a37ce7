//! Applying unambiguous fixes without touching anything else.

use crate::finding::Finding;

/// The result of [`Linter::fix`](crate::Linter::fix).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fixed {
    /// The text with the fixes applied.
    pub text: String,
    /// The findings that were fixed, in the order applied. Spans of the first round refer to
    /// the original text; a later round's, to the text after the rounds before it.
    pub applied: Vec<Finding>,
    /// The findings left for a person (not [`Finding::is_fixable`], overlapping a fix, or
    /// fixable but found after the last round); from [`Linter::fix`](crate::Linter::fix) their
    /// spans refer to the fixed text.
    pub remaining: Vec<Finding>,
    /// Whether the last check found nothing more to fix. [`Linter::fix`](crate::Linter::fix)
    /// checks again after each round that changed the text, four rounds at most: `false` when
    /// the rounds ran out while each fix still made another, so that fixing the result again
    /// would change it. [`apply_fixes`] makes one round and checks nothing: `true` only when it
    /// applied nothing.
    pub settled: bool,
}

/// Replaces the span of every fixable finding ([`Finding::is_fixable`]), in order, skipping any that
/// overlaps one already applied. Bytes outside the fixed spans are copied unchanged.
pub fn apply_fixes(text: &str, findings: Vec<Finding>) -> Fixed {
    let mut out = String::with_capacity(text.len());
    let mut applied = Vec::new();
    let mut remaining = Vec::new();
    let mut copied = 0;
    for f in findings {
        let usable = f.is_fixable()
            && f.span.start >= copied
            && f.span.end <= text.len()
            && text.get(f.span.start..f.span.end) == Some(f.text.as_str());
        if !usable {
            remaining.push(f);
            continue;
        }
        out.push_str(&text[copied..f.span.start]);
        out.push_str(&f.suggestions[0]);
        copied = f.span.end;
        applied.push(f);
    }
    out.push_str(&text[copied..]);
    let settled = applied.is_empty();
    Fixed { text: out, applied, remaining, settled }
}

/// Applies the fixes `check` finds, then checks the result again (at most four rounds in all):
/// a correction can, rarely, complete another known misspelling with its neighbours.
pub(crate) fn fix_in_rounds(text: &str, check: impl Fn(&str) -> Vec<Finding>) -> Fixed {
    fix_found_in_rounds(text, check(text), check)
}

/// [`fix_in_rounds`] of a text whose findings (`found`, from `check`) are known.
///
/// What is left was found in the text a round started from; when that round changed the text
/// (the rounds ran out while fixes still made others), the fixed text is checked once more, so
/// that what is left refers to it.
pub(crate) fn fix_found_in_rounds(
    text: &str,
    found: Vec<Finding>,
    check: impl Fn(&str) -> Vec<Finding>,
) -> Fixed {
    let mut fixed = apply_fixes(text, found);
    let mut changed = !fixed.applied.is_empty();
    for _ in 0..3 {
        if !fixed.remaining.iter().any(Finding::is_fixable) && fixed.applied.is_empty() {
            break;
        }
        let again = apply_fixes(&fixed.text, check(&fixed.text));
        changed = !again.applied.is_empty();
        fixed.text = again.text;
        fixed.applied.extend(again.applied);
        fixed.remaining = again.remaining;
        if !changed {
            break;
        }
    }
    if changed {
        fixed.remaining = check(&fixed.text);
    }
    fixed.settled = !fixed.remaining.iter().any(Finding::is_fixable) || !changed;
    fixed
}

#[cfg(test)]
mod tests {
    use crate::LinterBuilder;

    #[track_caller]
    fn assert_fix(text: &str, want: &str) {
        let mut b = LinterBuilder::new();
        b.builtin(false)
            .add_dictionary("t", "!family typo\n布署\t部署\n按装\t安装|按照\n湾政\t湾正\n!family sensitive\n台湾政府\t台湾当局\n")
            .unwrap();
        let linter = b.build().unwrap();
        let fixed = linter.fix(text);
        assert_eq!(fixed.text, want);
        assert!(fixed.settled);
        // Fixing again changes nothing.
        assert_eq!(linter.fix(&fixed.text).text, want);
    }

    #[test]
    fn fixes_only_the_unambiguous() {
        assert_fix("请布署，\r\n再按装。", "请部署，\r\n再按装。");
        assert_fix("", "");
        assert_fix("布署布署", "部署部署");
    }

    #[test]
    fn skips_overlapping_fixes() {
        // 台湾政府 and 湾政 overlap: the first is applied, the second left.
        assert_fix("台湾政府布署", "台湾当局部署");
    }

    #[test]
    fn what_is_left_refers_to_the_fixed_text_when_the_rounds_run_out() {
        let mut b = LinterBuilder::new();
        b.builtin(false).add_dictionary("t", "!family typo\n甲乙\t乙\n按装\t安装|按照\n").unwrap();
        let linter = b.build().unwrap();
        // Each fix makes the next: five rounds would be needed, and the last of the four
        // moves what follows.
        let fixed = linter.fix("甲甲甲甲甲乙，再按装。");
        assert_eq!((fixed.applied.len(), fixed.text.as_str()), (4, "甲乙，再按装。"));
        assert!(!fixed.settled, "fixing again would change the text");
        assert_ne!(linter.fix(&fixed.text).text, fixed.text);
        assert!(fixed.remaining.iter().any(|f| f.text == "按装"), "{:?}", fixed.remaining);
        for f in &fixed.remaining {
            assert_eq!(fixed.text.get(f.span.start..f.span.end), Some(f.text.as_str()), "{f:?}");
        }
    }

    #[cfg(feature = "model")]
    #[test]
    fn statistical_suggestions_are_left_for_a_person() {
        let text = "要持续优化营商环竟，提升政务服务水平。";
        let fixed = crate::Linter::new().fix(text);
        let model: Vec<_> = fixed.remaining.iter().filter(|f| f.rule == "typo/model").collect();
        assert!(!model.is_empty(), "the model finds 环竟: {:?}", fixed.remaining);
        assert!(model.iter().all(|f| f.suggestions.len() == 1 && !f.is_fixable()));
        assert_eq!(fixed.text, text);
        assert!(fixed.applied.is_empty());
    }
}
