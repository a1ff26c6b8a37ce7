//! Equality of short byte strings without a call to `memcmp`.
//!
//! Every candidate hit compares a few bytes of the text with the pattern as written (a Chinese
//! word is six to twelve bytes). `==` on slices calls the C library's `memcmp`, whose call and
//! dispatch cost more than the comparison itself at these lengths: a quarter of a full review's
//! time went there. These helpers compare in machine words, inline.

/// Whether `a` and `b` hold the same bytes.
#[inline]
pub(crate) fn eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word =
        |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap_or_default());
    let half =
        |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap_or_default());
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        // Two overlapping words cover the whole slice.
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        _ => {
            let mut at = 0;
            while at + 8 <= n {
                if word(a, at) != word(b, at) {
                    return false;
                }
                at += 8;
            }
            word(a, n - 8) == word(b, n - 8)
        }
    }
}

/// Whether `s` starts with `prefix`.
#[inline]
pub(crate) fn starts_with(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && eq(&s.as_bytes()[..prefix.len()], prefix.as_bytes())
}

/// Whether `s` ends with `suffix`.
#[inline]
pub(crate) fn ends_with(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len() && eq(&s.as_bytes()[s.len() - suffix.len()..], suffix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_and_different_at_every_length_and_position() {
        let base: Vec<u8> = (0u8..40).map(|i| i.wrapping_mul(37) ^ 0x5A).collect();
        for n in 0..base.len() {
            let a = &base[..n];
            assert!(eq(a, a), "{n}");
            assert!(!eq(a, &base[..n + 1]), "{n}");
            for at in 0..n {
                let mut b = a.to_vec();
                b[at] ^= 0x01;
                assert!(!eq(a, &b), "{n} {at}");
            }
        }
    }

    #[test]
    fn prefixes_and_suffixes() {
        assert!(starts_with("中华人民共和国", "中华"));
        assert!(!starts_with("中华", "中华人民"));
        assert!(ends_with("中华人民共和国", "共和国"));
        assert!(!ends_with("共和国", "人民共和国"));
        assert!(starts_with("任何", "") && ends_with("", ""));
    }
}
