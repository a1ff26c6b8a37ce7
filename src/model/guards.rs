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
