//! Positions the model does not second-guess, or doubts less, beyond names (`src/names.rs`):
//! financial numerals, and forms a text writes again and again.

use crate::span::Span;

/// The capital numerals of amounts (壹贰叁…, 人民币叁万元) and 〇: written on purpose, never
/// proposed against.
pub(super) fn numeral(c: char) -> bool {
    "〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億".contains(c)
}

/// How many times more often (at least) a form appears than once, around a suspect, for the
/// text to be taken to write it on purpose.
const AGAIN: usize = 2;

/// How far (bytes) either side of a suspect the text is searched for the same form (a post,
/// or the part of a long document near it).
const REACH: usize = 6_000;

/// Evidence (natural log of the odds) a suspect loses when the text writes its form
/// deliberately: 0.999 becomes about 0.96, informative rather than a warning.
pub(super) const DELIBERATE: f32 = 3.5;

/// Whether the text around `span` writes the suspected form again: the written characters with
/// the one before them, or with the one after them, appear at least [`AGAIN`] more times
/// within [`REACH`] bytes, and the same with the correction never (急难愁盼 three times in a
/// notice is a phrase, not a slip).
pub(super) fn deliberate(text: &str, span: Span, correction: &str) -> bool {
    let from = floor_boundary(text, span.start.saturating_sub(REACH));
    let to = ceil_boundary(text, (span.end + REACH).min(text.len()));
    let near = &text[from..to];
    let written = &text[span];
    let before = text[..span.start].chars().next_back().filter(|c| !c.is_whitespace());
    let after = text[span.end..].chars().next().filter(|c| !c.is_whitespace());
    let with = |side: Option<char>, form: &str, left: bool| {
        side.map(|c| if left { format!("{c}{form}") } else { format!("{form}{c}") })
    };
    [(before, true), (after, false)].into_iter().any(|(side, left)| {
        let (Some(seen), Some(fixed)) = (with(side, written, left), with(side, correction, left))
        else {
            return false;
        };
        near.matches(seen.as_str()).count() > AGAIN && !near.contains(fixed.as_str())
    })
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn at(text: &str, part: &str) -> Span {
        let start = text.find(part).unwrap();
        Span::new(start, start + part.len())
    }

    #[test]
    fn capital_numerals() {
        assert!("人民币叁万元整".chars().any(numeral));
        assert!(!"人民币三万元整".chars().any(numeral));
        // 零 is also a common character, where a slip is a slip (机关及其零导干部).
        assert!(!numeral('零'));
    }

    #[test]
    fn forms_written_again_and_again() {
        let text = "解决急难愁盼问题。群众“急难愁盼”要回应。办好急难愁盼的事。";
        assert!(deliberate(text, at(text, "愁盼"), "纠纷"));
        // Twice is not enough, and the correction written elsewhere shows it is a slip.
        let twice = "解决急难愁盼问题。群众“急难愁盼”要回应。";
        assert!(!deliberate(twice, at(twice, "愁盼"), "纠纷"));
        let fixed = "营商环竟好，营商环竟优，营商环竟佳，营商环境";
        assert!(!deliberate(fixed, at(fixed, "竟"), "境"));
        let once = "持续优化营商环竟，激发市场主体活力。";
        assert!(!deliberate(once, at(once, "竟"), "境"));
    }
}
