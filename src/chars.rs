//! Character classes shared by every module: one definition of a CJK ideograph.

/// A CJK ideograph: the unified ideographs and their extensions A to H, the compatibility
/// ideographs, and 〇 (U+3007, the ideographic zero of 二〇二〇年).
pub(crate) const fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}'
        | '〇')
}

/// Whether `c` is alphanumeric, as [`char::is_alphanumeric`] says: ASCII and the unified
/// ideographs (most characters the judges step over) are answered by a range test, where the
/// standard library searches its Unicode tables for every character above ASCII.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match c {
        '\0'..='\x7F' => c.is_ascii_alphanumeric(),
        '\u{4E00}'..='\u{9FFF}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// [`char::is_whitespace`] usable in constants (it is `const` only from Rust 1.87): the
/// Unicode White_Space characters.
pub(crate) const fn is_whitespace(c: char) -> bool {
    matches!(c,
        '\t'..='\r'
        | ' '
        | '\u{85}'
        | '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}')
}

/// Whether `list` holds `c`, usable in constants (the format rules' class table is computed
/// at compile time from their predicates).
pub(crate) const fn holds(list: &[char], c: char) -> bool {
    let mut k = 0;
    while k < list.len() {
        if list[k] == c {
            return true;
        }
        k += 1;
    }
    false
}

/// The value of one of the Chinese digits 〇 and 一 to 九 (二〇一八年, 第三章).
pub(crate) fn chinese_digit(c: char) -> Option<u8> {
    match c {
        '〇' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The range tests against the standard library's predicates, over every character.
    #[test]
    fn as_the_standard_library_says() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_whitespace(c), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn chinese_digits() {
        let digits: Vec<_> = "〇一二三四五六七八九".chars().filter_map(chinese_digit).collect();
        assert_eq!(digits, (0..10).collect::<Vec<u8>>());
        for c in ['十', '零', '0', '两', 'a'] {
            assert_eq!(chinese_digit(c), None, "{c}");
        }
    }

    #[test]
    fn ideographs_and_others() {
        for c in [
            '一',
            '鿿',
            '㐀',
            '〇',
            '\u{20000}',
            '\u{2F800}',
            '\u{30000}',
            '\u{31350}',
            '\u{323AF}',
            '﨑',
        ] {
            assert!(is_ideograph(c), "{c:?}");
        }
        for c in ['a', '1', '，', '。', 'ア', '가', '\u{3006}', '\u{A000}', '\u{323B0}'] {
            assert!(!is_ideograph(c), "{c:?}");
        }
    }
}
