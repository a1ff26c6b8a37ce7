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
/// or, with a character missing, it is short and reads as common words (中国|现代化); or the
/// added character is a function character between common words (中华人民共和国|的|国旗,
/// 统筹|好|发展和安全). A substituted or swapped character that makes words (华中|人民|共和国)
/// is still a slip: the term is what was meant.
pub(super) fn is_wording(cx: &Context<'_>, window: Span, edit: Edit, term: &str) -> bool {
    if cx.crosses_word(window) {
        return true;
    }
    let written = &cx.text[window];
    let fits = match edit {
        Edit::Missing => written.chars().count() <= MAX_SHORT_WORDING,
        Edit::Inserted => added_char(written, term).is_some_and(is_function_char),
        Edit::Substituted | Edit::Swapped => false,
    };
    fits && cx.reads_as_words(window, crate::segment::FUNCTION_CHARS)
}

/// The character `written` has that `term` lacks, when it has exactly one more.
fn added_char(written: &str, term: &str) -> Option<char> {
    let mut extra = written.chars().zip(term.chars()).find(|(a, b)| a != b).map(|(a, _)| a);
    extra.get_or_insert_with(|| written.chars().last().unwrap_or_default());
    extra
}

/// Characters that join words into a phrase.
fn is_function_char(c: char) -> bool {
    crate::segment::FUNCTION_CHARS.contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_added_character() {
        assert_eq!(added_char("中华人民共和国的国旗", "中华人民共和国国旗"), Some('的'));
        assert_eq!(added_char("两个一百百年", "两个一百年"), Some('百'));
        assert!(is_function_char('好') && !is_function_char('百'));
    }
}
