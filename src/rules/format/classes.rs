//! What the format rules care about in each three-byte character with lead byte E2, E3 or EF
//! (U+2000–U+3FFF and U+F000–U+FFFF: general and CJK punctuation, full-width forms), as bit
//! flags in a table built from the rules' own predicates, so the scan asks one question per
//! punctuation mark.

use super::{docnum, is_ideograph, pairs, repeated, width};

/// A mark the bracket balance looks at.
pub(super) const MARK: u8 = 1;
/// A bracket that may open the year of a document number.
pub(super) const OPENER: u8 = 2;
/// A clause starts after it (punctuation or white space).
pub(super) const CLAUSE: u8 = 4;
/// A full-width digit or Latin letter.
pub(super) const FULL_ALNUM: u8 = 16;
/// An ideograph (〇, the CJK extension A block).
pub(super) const IDEOGRAPH: u8 = 32;

/// The flags of every character from U+2000 to U+3FFF and from U+F000 to U+FFFF, and in the
/// high byte its bit among the full-width marks that decide the width style
/// ([`width::style_bit`]).
#[derive(Clone)]
pub(super) struct Classes {
    table: &'static [u16; 3 * 4096],
}

impl std::fmt::Debug for Classes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Classes").finish_non_exhaustive()
    }
}

/// The class table, computed at compile time from the rules' predicates: built at every start,
/// it cost 1.75 million instructions. (Evaluating it takes the compiler about a second, past
/// the point where it warns of a long evaluation.)
#[allow(long_running_const_eval)]
static TABLE: [u16; 3 * 4096] = table();

/// The entries of [`TABLE`], character by character.
const fn table() -> [u16; 3 * 4096] {
    let mut table = [0u16; 3 * 4096];
    let mut k = 0;
    while k < table.len() {
        let base = [0x2000, 0x3000, 0xF000][k / 4096];
        if let Some(c) = char::from_u32(base + (k % 4096) as u32) {
            table[k] = entry(c);
        }
        k += 1;
    }
    table
}

/// The flags of `c` in the low byte, its style bit in the high one.
const fn entry(c: char) -> u16 {
    const fn flag(yes: bool, flag: u8) -> u8 {
        if yes {
            flag
        } else {
            0
        }
    }
    let flags = flag(pairs::is_mark(c), MARK)
        | flag(docnum::is_opener(c), OPENER)
        | flag(crate::chars::is_whitespace(c) || repeated::is_clause_start(c), CLAUSE)
        | flag(width::is_full_width_alphanumeric(c), FULL_ALNUM)
        | flag(is_ideograph(c), IDEOGRAPH);
    flags as u16 | (width::style_bit(c) as u16) << 8
}

impl Default for Classes {
    fn default() -> Self {
        Classes { table: &TABLE }
    }
}

impl Classes {
    /// The flags and the style bit of the character `lead b1 b2`, where `lead` is E2, E3 or EF.
    #[inline]
    pub(super) fn of(&self, lead: u8, b1: u8, b2: u8) -> (u8, u8) {
        // E2 → 0, E3 → 1, EF → 2, without branching.
        let block = usize::from(lead & 1) + usize::from((lead >> 3) & 1);
        let entry =
            self.table[block * 4096 + ((usize::from(b1 & 0x3F) << 6) | usize::from(b2 & 0x3F))];
        (entry as u8, (entry >> 8) as u8)
    }
}

/// The character `lead b1 b2` of a valid three-byte sequence.
#[inline]
pub(super) fn decode(lead: u8, b1: u8, b2: u8) -> char {
    let code = (u32::from(lead & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
    char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table computed at compile time against the predicates called at run time, for
    /// every character it covers.
    #[test]
    fn the_table_is_the_predicates() {
        let classes = Classes::default();
        for c in (0x2000..0x4000).chain(0xF000..0x10000).filter_map(char::from_u32) {
            let flag = |yes: bool, flag: u8| if yes { flag } else { 0 };
            let flags = flag(pairs::is_mark(c), MARK)
                | flag(docnum::is_opener(c), OPENER)
                | flag(c.is_whitespace() || repeated::is_clause_start(c), CLAUSE)
                | flag(width::is_full_width_alphanumeric(c), FULL_ALNUM)
                | flag(is_ideograph(c), IDEOGRAPH);
            let mut buf = [0; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(classes.of(b[0], b[1], b[2]), (flags, width::style_bit(c)), "{c:?}");
        }
    }

    #[test]
    fn flags_follow_the_rules() {
        let classes = Classes::default();
        let of = |c: char| {
            let mut buf = [0; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(decode(b[0], b[1], b[2]), c);
            classes.of(b[0], b[1], b[2])
        };
        assert_eq!(of('《'), (MARK | CLAUSE, 0));
        assert_eq!(of('（'), (MARK | OPENER | CLAUSE, width::style_bit('（')));
        assert_eq!(of('〔'), (MARK | OPENER | CLAUSE, 0));
        assert_eq!(of('，'), (CLAUSE, width::style_bit('，')));
        // The scan takes these four after a run without the table (see `Scan::clause_mark` in
        // `scan.rs`).
        assert_eq!(of('、'), (CLAUSE, 0));
        assert_eq!(of('。'), (CLAUSE, 0));
        assert_eq!(of('\u{3000}'), (CLAUSE, 0));
        assert_ne!(width::style_bit('，'), 0);
        assert_eq!(of('Ａ'), (FULL_ALNUM, 0));
        assert_eq!(of('〇'), (IDEOGRAPH, 0));
        assert_eq!(of('—'), (0, 0));
    }
}
