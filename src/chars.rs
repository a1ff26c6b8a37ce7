//! Character classes shared by every module: one definition of a CJK ideograph.

/// A CJK ideograph: the unified ideographs and their extensions A to H, the compatibility
/// ideographs, and 〇 (U+3007, the ideographic zero of 二〇二〇年).
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}'
        | '〇')
}

#[cfg(test)]
mod tests {
    use super::*;

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
