//! Whether a near miss of a protected term is wording of its own rather than a slip:
//! 关心和支持中国现代化建设 is one character from 中国式现代化, 统筹好发展和安全 one from
//! 统筹发展和安全, 军人代表大会 holds 人代表大会. The segmenter decides, with the lexicon's
//! common words (jieba's frequencies) and the near miss itself not taken as a word.
//!
//! The character n-gram model (`src/model/`) was tried first and does not tell them apart: it
//! was trained on text full of the protected terms, so it prefers the term by 10^8 over
//! 人类是命运共同体 and 统筹好发展和安全 as much as over 人民代表会, a real slip.

use super::Edit;
use crate::rules::Context;
use crate::span::Span;

/// The longest near miss with a character missing that may be wording of its own: two or
/// three common words meeting one character short of a term (中国|现代化, 国家|政局) happen by
/// chance; a longer run of the term's words one character short (国家互联信息办公室) is the
/// term misspelt.
const MAX_SHORT_WORDING: usize = 5;

/// Whether the near miss `window` (one `edit` from the protected term `term`) is wording of
/// its own: its characters belong to common words around it (军人|代表大会, 文化旅游部|门);
/// or, with a character missing, it is short and reads as common words (中国|现代化), or the
/// characters meeting at the gap make a common word and the whole reads as a phrase (以|人为|
/// 中心 is human-centred, not 以人民为中心 missing 民); or the added character is a function
/// character between common words (中华人民共和国|的|国旗, 统筹|好|发展和安全, 新发展|的|理念).
/// A substituted or swapped character that makes words (华中|人民|共和国) is still a slip: the
/// term is what was meant; so is a gap no word crosses (人民|代表|会, 人|检察院).
pub(super) fn is_wording(cx: &Context<'_>, window: Span, edit: Edit, term: &str) -> bool {
    if cx.crosses_word(window) {
        return true;
    }
    let written = &cx.text[window];
    match edit {
        Edit::Missing if written.chars().count() <= MAX_SHORT_WORDING => {
            let gap = window.start + first_difference(written, term).0;
            cx.reads_as_words(window, crate::segment::FUNCTION_CHARS)
                || (cx.joins_at(window, gap) && cx.reads_as_phrase(window))
        }
        Edit::Inserted => {
            let (at, added) = first_difference(written, term);
            let single = Span::new(window.start + at, window.start + at + added.len_utf8());
            is_function_char(added)
                && (cx.reads_as_words(window, crate::segment::FUNCTION_CHARS)
                    || cx.stands_between_words(window, single))
        }
        Edit::Missing | Edit::Substituted | Edit::Swapped => false,
    }
}

/// Whether the near miss `written` is `term` with only its structural particle 的 left out
/// (党自我革命 for 党的自我革命): Chinese drops 的 between a modifier and its noun freely, the
/// meaning is the term's, and the same writers put 中国共产党自我革命 beside it. The term's
/// wording keeps the 的, which is worth a note, not a warning of a serious error.
pub(super) fn only_de_missing(written: &str, term: &str, edit: Edit) -> bool {
    edit == Edit::Missing && missing_char(written, term) == Some('的')
}

/// The character of `term` that `written`, one character shorter, lacks: the first where
/// they differ, or the term's last.
fn missing_char(written: &str, term: &str) -> Option<char> {
    let mut theirs = term.chars();
    for c in written.chars() {
        let t = theirs.next()?;
        if t != c {
            return Some(t);
        }
    }
    theirs.next()
}

/// The byte offset in `written` of its first character that differs from `term`'s at the
/// same place, and that character (the last one when `written` is `term` with one more at
/// the end).
fn first_difference(written: &str, term: &str) -> (usize, char) {
    let mut theirs = term.chars();
    let mut last = (0, '\0');
    for (i, c) in written.char_indices() {
        if theirs.next() != Some(c) {
            return (i, c);
        }
        last = (i, c);
    }
    last
}

/// Characters that join words into a phrase.
fn is_function_char(c: char) -> bool {
    crate::segment::FUNCTION_CHARS.contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_difference() {
        assert_eq!(first_difference("中华人民共和国的国旗", "中华人民共和国国旗"), (21, '的'));
        assert_eq!(first_difference("两个一百百年", "两个一百年"), (12, '百'));
        assert_eq!(first_difference("以人为中心", "以人民为中心"), (6, '为'));
        assert_eq!(first_difference("中国人民银行行", "中国人民银行"), (18, '行'));
        assert!(is_function_char('好') && !is_function_char('百'));
    }

    #[test]
    fn the_missing_character() {
        assert_eq!(missing_char("党自我革命", "党的自我革命"), Some('的'));
        assert_eq!(missing_char("人民代表会", "人民代表大会"), Some('大'));
        assert_eq!(missing_char("中华人民共和", "中华人民共和国"), Some('国'));
        assert!(only_de_missing("党自我革命", "党的自我革命", Edit::Missing));
        assert!(!only_de_missing("人检察院", "人民检察院", Edit::Missing));
        assert!(!only_de_missing("党得自我革命", "党的自我革命", Edit::Substituted));
    }
}
