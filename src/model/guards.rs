//! Positions the model does not second-guess, or doubts less, beyond names (`src/names.rs`):
//! financial numerals, the abbreviations of case numbers, words in short quotations, and
//! forms a text writes again and again.

use crate::span::Span;

/// The capital numerals of amounts (壹贰叁…, 人民币叁万元) and 〇: written on purpose, never
/// proposed against.
pub(super) fn numeral(c: char) -> bool {
    "〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億".contains(c)
}

/// The most characters of a case number's abbreviation beside its year.
const CASE: usize = 8;

/// Whether `span` lies in the abbreviation of a court's or procuratorate's case number: up to
/// [`CASE`] ideographs right after a year in brackets and before a digit or 字 ((2017)黔2631,
/// (2015)阿鲁刑初字), or right before such a year (以狮检公刑诉〔2019〕).
pub(super) fn case_number(text: &str, span: Span) -> bool {
    let ideograph = |c: &char| crate::chars::is_ideograph(*c);
    let back: Vec<char> =
        text[..span.start].chars().rev().take_while(ideograph).take(CASE).collect();
    let year_before =
        bracketed_year_ends(&text[..span.start - back.iter().map(|c| c.len_utf8()).sum::<usize>()]);
    let on: Vec<char> = text[span.end..].chars().take_while(ideograph).take(CASE + 1).collect();
    let rest = &text[span.end + on.iter().map(|c| c.len_utf8()).sum::<usize>()..];
    let width = span_chars(text, span) + on.len();
    let numbered = rest.starts_with(|c: char| c.is_ascii_digit()) || on.contains(&'字');
    let after_year = year_before && numbered && back.len() + width <= CASE;
    after_year || (bracketed_year_starts(rest) && width <= CASE)
}

fn span_chars(text: &str, span: Span) -> usize {
    text[span].chars().count()
}

/// The brackets a case number's year stands in.
const BRACKETS: [(char, char); 4] = [('（', '）'), ('(', ')'), ('〔', '〕'), ('[', ']')];

/// Whether `before` ends with a year of four digits in brackets.
fn bracketed_year_ends(before: &str) -> bool {
    let mut back = before.chars().rev();
    let close = back.next();
    let digits: Vec<char> = back.by_ref().take(4).collect();
    let open = back.next();
    digits.len() == 4
        && digits.iter().all(char::is_ascii_digit)
        && BRACKETS.iter().any(|&(o, c)| open == Some(o) && close == Some(c))
}

/// Whether `after` starts with a year of four digits in brackets.
fn bracketed_year_starts(after: &str) -> bool {
    let mut on = after.chars();
    let open = on.next();
    let digits: Vec<char> = on.by_ref().take(4).collect();
    let close = on.next();
    digits.len() == 4
        && digits.iter().all(char::is_ascii_digit)
        && BRACKETS.iter().any(|&(o, c)| open == Some(o) && close == Some(c))
}

/// The longest quotation, in characters, whose two-character words are not second-guessed.
const QUOTE: usize = 8;

/// Whether the characters `i..i + 2` lie in a short quotation (“一肩挑”, “急难愁盼”): a
/// slogan or a term is quoted as it is meant, where a homophone word is rarely the intent.
pub(super) fn quoted(chars: &[char], i: usize) -> bool {
    let open = chars[..i].iter().rev().take(QUOTE).position(|&c| c == '“' || c == '”');
    let close = chars[i + 2..].iter().take(QUOTE).position(|&c| c == '”' || c == '“');
    match (open, close) {
        (Some(o), Some(c)) => {
            chars[i - 1 - o] == '“' && chars[i + 2 + c] == '”' && o + c + 2 <= QUOTE
        }
        _ => false,
    }
}

/// Whether `span` lies in a short quotation of up to [`QUOTE`] characters (“五微一体”, “放管服”):
/// a coined term or a slogan is quoted as it is meant, and the n-grams know few of them.
pub(super) fn quoted_span(text: &str, span: Span) -> bool {
    let before: Vec<char> = text[..span.start].chars().rev().take(QUOTE).collect();
    let after: Vec<char> = text[span.end..].chars().take(QUOTE).collect();
    let open = before.iter().position(|&c| c == '“' || c == '”');
    let close = after.iter().position(|&c| c == '”' || c == '“');
    match (open, close) {
        (Some(o), Some(c)) => {
            before[o] == '“' && after[c] == '”' && o + c + span_chars(text, span) <= QUOTE
        }
        _ => false,
    }
}

/// The longest item, in characters, of a list whose two-character words are not second-guessed.
const ITEM: usize = 3;

/// Whether the characters `i..i + 2` make most of a short item of a list separated by 、
/// (梭子蟹、青蟹。 石花菜、江篱、海带): such lists name things (species, tools, trades) the
/// model knows little of, and a homophone word in their place is rarely meant.
pub(super) fn listed(chars: &[char], i: usize) -> bool {
    let item = |c: &&char| crate::chars::is_ideograph(**c);
    let before = chars[..i].iter().rev().take_while(item).count();
    let after = chars[i + 2..].iter().take_while(item).count();
    let open = i.checked_sub(before + 1).map(|j| chars[j]);
    let close = chars.get(i + 2 + after).copied();
    before + 2 + after <= ITEM && (open == Some('、') || close == Some('、'))
}

/// The common nouns that end the name of a company or a group.
const FIRMS: [&str; 4] = ["集团", "有限", "股份", "公司"];

/// Whether the characters `i..i + 2` are the proper name of a firm: at most two more
/// characters before 集团, 有限公司, 股份 or 公司 (亨通集团, 盘锦鑫翔运输有限公司), where a homophone
/// word is rarely meant.
pub(super) fn firm(chars: &[char], i: usize) -> bool {
    (i + 2..=i + 4).any(|from| {
        FIRMS.iter().any(|w| {
            let w: Vec<char> = w.chars().collect();
            chars.get(from..from + w.len()) == Some(&w[..])
        })
    })
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

/// The highest confidence of a suspect whose written form is a legitimate alternative to its
/// correction (see [`alternative`]), or which lies in a short quotation (see [`quoted_span`]):
/// information at the default operating point, never a warning, as five characters of context
/// cannot tell two right words apart, nor a coined term from a slip.
pub(super) const ALTERNATIVE: f32 = 0.98;

/// The margin (log10) from which the n-grams overrule [`alternative`]: the text is then ten
/// billion times likelier corrected, beyond what a word the training text merely prefers gets.
pub(super) const OVERWHELMING: f32 = 10.0;

/// The margin (log10) a two-character homophone word ([`Kind::Word`](super::Kind::Word)) needs
/// to be a warning. Such a candidate replaces a pair the lexicon does not know, which is as
/// often a rare but right word (亟须, 涉堤, 愁盼) as a slip: the n-grams then prefer any common
/// word that sounds alike by six or seven orders (the largest margin of the development text's
/// words was 7.4), while the slips of half A that reach a warning are mostly well above eight.
pub(super) const WORD_MARGIN: f32 = 8.0;

/// Caps the confidence of suspects whose written form is a legitimate [`alternative`], which
/// lie in a short quotation, or whose written form makes a word the correction breaks
/// ([`breaks_word`]), at [`ALTERNATIVE`], unless their margin is [`OVERWHELMING`]; and that of
/// two-character homophone words below [`WORD_MARGIN`]. A step after the calibration
/// (`Tuning`), whose weights it leaves alone.
pub(super) fn settle(text: &str, found: &mut [super::Suspect]) {
    for s in found {
        if s.confidence <= ALTERNATIVE {
            continue;
        }
        let weak_word = s.kind == super::Kind::Word && s.margin < WORD_MARGIN;
        let doubtful = s.margin < OVERWHELMING
            && (alternative(text, s.span, &s.suggestion)
                || quoted_span(text, s.span)
                || breaks_word(text, s.span, &s.suggestion));
        if weak_word || doubtful {
            s.confidence = ALTERNATIVE;
        }
    }
}

/// Whether the written form at `span` and `correction` are both legitimate readings: one
/// division level for another (本县 and 本省 say which government speaks, which only the writer
/// knows), one function character for another before an agent ([`FUNCTION_SWAPS`]), or a real
/// word for another (城乡接合部 and 结合部, 相契合 and 相结合: a word of two to four characters of
/// the segmentation lexicon around the span reads as a word written either way), where the training text's preference for one is no evidence of a slip.
pub(super) fn alternative(text: &str, span: Span, correction: &str) -> bool {
    division_swap(&text[span], correction) || real_word(text, span, correction)
}

/// The characters that name a level of government or division.
const LEVELS: &str = "国省市县区州盟旗乡镇村";

fn division_swap(written: &str, correction: &str) -> bool {
    let level = |s: &str| {
        let mut c = s.chars();
        matches!((c.next(), c.next()), (Some(x), None) if LEVELS.contains(x))
    };
    (level(written) && level(correction)) || function_swap(written, correction)
}

/// Pairs of function characters that both read right before an agent: 由 introduces who acts
/// (并由证人证实), 有 says there is one (并有证人证实); which was meant only the
/// writer knows, and the n-grams of five characters see both everywhere.
const FUNCTION_SWAPS: [(&str, &str); 1] = [("由", "有")];

fn function_swap(written: &str, correction: &str) -> bool {
    FUNCTION_SWAPS
        .iter()
        .any(|&(x, y)| (x, y) == (written, correction) || (y, x) == (written, correction))
}

/// Whether the written form at `span` lies in a word of two to four lexicon characters with its
/// neighbours while with `correction` no such word covers it (拧紧责任螺丝 → 螺实): a slip
/// usually breaks a word, and the correction usually makes one; the other way round the n-grams
/// prefer a common character over a word they know too little of.
pub(super) fn breaks_word(text: &str, span: Span, correction: &str) -> bool {
    let Some((as_written, as_fixed, from, to)) = readings(text, span, correction) else {
        return false;
    };
    let covered = |chars: &[char]| {
        (0..=from).any(|start| {
            (to.max(start + 2)..=(start + 4).min(chars.len()))
                .any(|end| crate::segment::is_word(&chars[start..end].iter().collect::<String>()))
        })
    };
    covered(&as_written) && !covered(&as_fixed)
}

/// The text around `span` read as written and with `correction` (of the same length, up to four
/// characters) in its place, with up to three characters either side up to white space, and
/// where the span starts and ends in both.
fn readings(
    text: &str,
    span: Span,
    correction: &str,
) -> Option<(Vec<char>, Vec<char>, usize, usize)> {
    let written: Vec<char> = text[span].chars().collect();
    let fixed: Vec<char> = correction.chars().collect();
    if written.len() != fixed.len() || written.len() > 4 {
        return None;
    }
    let side = |c: &char| !c.is_whitespace();
    let mut before: Vec<char> = text[..span.start].chars().rev().take_while(side).take(3).collect();
    before.reverse();
    let after: Vec<char> = text[span.end..].chars().take_while(side).take(3).collect();
    let read = |middle: &[char]| [&before[..], middle, &after[..]].concat();
    Some((read(&written), read(&fixed), before.len(), before.len() + written.len()))
}

/// Whether a word of two to four lexicon characters covers `span` both as written and with
/// `correction` in its place (of the same length).
fn real_word(text: &str, span: Span, correction: &str) -> bool {
    let Some((as_written, as_fixed, from, to)) = readings(text, span, correction) else {
        return false;
    };
    (0..=from).any(|start| {
        (to.max(start + 2)..=(start + 4).min(as_written.len())).any(|end| {
            let word = |chars: &[char]| {
                crate::segment::is_word(&chars[start..end].iter().collect::<String>())
            };
            word(&as_written) && word(&as_fixed)
        })
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
    fn case_numbers() {
        let text = "（2017）黔2631刑初45号判决";
        assert!(case_number(text, at(text, "黔")));
        let text = "内蒙古自治区（2015）阿鲁刑初字第12号";
        assert!(case_number(text, at(text, "鲁")));
        let text = "检察院以狮检公刑诉〔2019〕1号起诉书指控";
        assert!(case_number(text, at(text, "狮")));
        // A slip in the words after a year is a slip.
        let text = "（2017）持续优化营商环竟。";
        assert!(!case_number(text, at(text, "竟")));
        let text = "2017年持续优化营商环竟1次";
        assert!(!case_number(text, at(text, "竟")));
    }

    #[test]
    fn short_quotations() {
        let chars: Vec<char> = "实行村党组织书记、主任“一肩挑”，全省".chars().collect();
        assert!(quoted(&chars, 13));
        let chars: Vec<char> = "提高用户漫溢度，积极".chars().collect();
        assert!(!quoted(&chars, 4));
        // A long quotation is prose, not a term.
        let chars: Vec<char> = "他说“我们要提高用户漫溢度和获得感”。".chars().collect();
        assert!(!quoted(&chars, 9));
    }

    #[test]
    fn spans_in_short_quotations() {
        let text = "以“五微一体”为体系";
        assert!(quoted_span(text, at(text, "微")));
        let text = "实行“一肩挑”，全省";
        assert!(quoted_span(text, at(text, "肩挑")));
        let text = "提高用户漫溢度，积极";
        assert!(!quoted_span(text, at(text, "漫")));
        // Outside the quotation, or in a long one, a slip is a slip.
        let text = "“一肩挑”漫溢度";
        assert!(!quoted_span(text, at(text, "漫")));
        let text = "他说“我们要提高用户漫溢度和获得感”。";
        assert!(!quoted_span(text, at(text, "漫")));
    }

    #[test]
    fn short_items_of_lists() {
        let chars: Vec<char> = "梭子蟹、青蟹。".chars().collect();
        assert!(listed(&chars, 4));
        let chars: Vec<char> = "石花菜、江篱、海带".chars().collect();
        assert!(listed(&chars, 4));
        // A longer item is a phrase, where a slip is a slip (攻到正派 for 公道正派).
        let chars: Vec<char> = "业为上、攻到正派；".chars().collect();
        assert!(!listed(&chars, 4));
        let chars: Vec<char> = "提高用户漫溢度，积极".chars().collect();
        assert!(!listed(&chars, 4));
    }

    #[test]
    fn firms() {
        let chars: Vec<char> = "如今，亨通集团有超过".chars().collect();
        assert!(firm(&chars, 3));
        let chars: Vec<char> = "盘锦鑫翔运输有限公司".chars().collect();
        assert!(firm(&chars, 2));
        let chars: Vec<char> = "提高用户漫溢度，积极".chars().collect();
        assert!(!firm(&chars, 4));
    }

    #[test]
    fn legitimate_alternatives() {
        let text = "突出抓好城乡接合部、流动人口聚居区";
        assert!(alternative(text, at(text, "接"), "结"), "接合 and 结合 are both words");
        let text = "与初心相契合、与使命相符合";
        assert!(alternative(text, at(text, "契"), "结"));
        let text = "本县行政区域内的企业";
        assert!(alternative(text, at(text, "县"), "省"), "a division level for another");
        // A slip makes no word where the correction does.
        let text = "持续优化营商环竟，激发活力";
        assert!(!alternative(text, at(text, "竟"), "境"));
        let text = "加强安全生产监官";
        assert!(!alternative(text, at(text, "官"), "管"));
        // 县负 and 省负 are no words: one level for another is a choice of its own.
        let text = "形成市统筹、县负总责的格局";
        assert!(!real_word(text, at(text, "县"), "省"));
        assert!(alternative(text, at(text, "县"), "省"));
        // A division level only for another one.
        let text = "本县行政区域";
        assert!(!alternative(text, at(text, "县"), "线"));
    }

    #[test]
    fn alternatives_are_capped_below_a_warning() {
        let suspect = |text: &str, part: &str, with: &str, margin: f32| super::super::Suspect {
            span: at(text, part),
            suggestion: with.to_owned(),
            confidence: 0.999,
            margin,
            kind: super::super::Kind::SameTone,
            around: [0.0; 3],
        };
        let text = "突出抓好城乡接合部、持续优化营商环竟，构建“五微一体”体系";
        let mut found = [
            suspect(text, "接", "结", 8.5),
            suspect(text, "竟", "境", 8.5),
            suspect(text, "接", "结", OVERWHELMING + 1.0),
            suspect(text, "微", "位", 8.5),
        ];
        settle(text, &mut found);
        let got: Vec<f32> = found.iter().map(|s| s.confidence).collect();
        assert_eq!(got, [ALTERNATIVE, 0.999, 0.999, ALTERNATIVE]);
    }

    #[test]
    fn words_the_correction_breaks() {
        let text = "拧紧责任螺丝，各司其职";
        assert!(breaks_word(text, at(text, "丝"), "实"), "螺丝 is a word, 螺实 none");
        // A slip breaks no word: it makes none, and the correction makes one.
        let text = "持续优化营商环竟，激发活力";
        assert!(!breaks_word(text, at(text, "竟"), "境"));
        let text = "加强安全生产监官";
        assert!(!breaks_word(text, at(text, "官"), "管"));
        // Both readings words: a real-word alternative, not a broken word.
        let text = "突出抓好城乡接合部";
        assert!(!breaks_word(text, at(text, "接"), "结"));
    }

    #[test]
    fn function_characters_before_an_agent() {
        let text = "并由证人朱某证实";
        assert!(alternative(text, at(text, "由"), "有"));
        let text = "并有证人证言证实";
        assert!(alternative(text, at(text, "有"), "由"));
        assert!(!function_swap("由", "友"));
    }

    #[test]
    fn weak_words_and_broken_words_are_capped_below_a_warning() {
        let suspect =
            |text: &str, part: &str, with: &str, margin: f32, kind| super::super::Suspect {
                span: at(text, part),
                suggestion: with.to_owned(),
                confidence: 0.999,
                margin,
                kind,
                around: [0.0; 3],
            };
        use super::super::Kind::{SameTone, Word};
        let text = "民生亟须加快恢复，拧紧责任螺丝，政府菜狗法律法规";
        let mut found = [
            suspect(text, "亟须", "继续", WORD_MARGIN - 1.0, Word),
            suspect(text, "菜狗", "采购", WORD_MARGIN + 0.5, Word),
            suspect(text, "丝", "实", 6.7, SameTone),
            suspect(text, "丝", "实", OVERWHELMING + 1.0, SameTone),
        ];
        settle(text, &mut found);
        let got: Vec<f32> = found.iter().map(|s| s.confidence).collect();
        assert_eq!(got, [ALTERNATIVE, 0.999, ALTERNATIVE, 0.999]);
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
