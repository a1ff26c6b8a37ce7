//! One edit between a protected term and the text around an anchor hit: the kinds of slip,
//! and the search for the one-edit window.

use super::{Anchor, Protected, Term, MIN_INDEL_CHARS};
use crate::chars::is_ideograph;
use crate::span::Span;

/// What kind of slip a near miss is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Edit {
    Substituted,
    Swapped,
    Missing,
    Inserted,
}

impl Edit {
    pub(super) fn label(self) -> &'static str {
        match self {
            Edit::Substituted => "错字",
            Edit::Swapped => "字序颠倒",
            Edit::Missing => "漏字",
            Edit::Inserted => "多字",
        }
    }
}

impl Protected {
    /// The one-edit variant of `term` around an anchor hit, if there is one.
    pub(super) fn near_miss(
        &self,
        text: &str,
        hit: Span,
        a: &Anchor,
        term: &Term,
        scratch: &mut Scratch,
    ) -> Option<(Span, Edit)> {
        let n = term.chars.len();
        // Characters (with byte starts) from one before the term's expected start to one after
        // its expected end.
        let local = &mut scratch.local;
        local.clear();
        local.extend(text[..hit.start].char_indices().rev().take(a.offset + 1));
        local.reverse();
        let anchor_at = local.len();
        let anchor_len = a.len;
        let after_needed = n - a.offset - anchor_len + 1;
        local.extend(text[hit.start..hit.end].char_indices().map(|(i, c)| (hit.start + i, c)));
        local.extend(
            text[hit.end..].char_indices().take(after_needed).map(|(i, c)| (hit.end + i, c)),
        );
        // Byte end of the window `local[..k]`.
        let end_of = |k: usize| match local.get(k) {
            Some((i, _)) => *i,
            None => local[k - 1].0 + local[k - 1].1.len_utf8(),
        };
        // The characters alone, once: each window tried is a slice of them.
        let chars = &mut scratch.window;
        chars.clear();
        chars.extend(local.iter().map(|(_, c)| *c));
        let expected = anchor_at as isize - a.offset as isize;
        for shift in [0isize, -1, 1] {
            let start = expected + shift;
            if start < 0 {
                continue;
            }
            for len in [n, n - 1, n + 1] {
                let (s, e) = (start as usize, start as usize + len);
                // The window must hold the whole anchor.
                if e > local.len() || s > anchor_at || e < anchor_at + anchor_len {
                    continue;
                }
                // A short term in quotes is clearly meant: “一带路”.
                let quoted = s > 0 && chars[s - 1] == '“' && chars.get(e) == Some(&'”');
                if let Some(edit) = self.one_edit(&term.chars, &chars[s..e], quoted) {
                    let span = Span::new(local[s].0, end_of(e));
                    return Some((span, edit));
                }
            }
        }
        None
    }

    /// Whether `w` is `t` with exactly one allowed edit; `quoted` allows a missing or inserted
    /// character in a short term.
    pub(super) fn one_edit(&self, t: &[char], w: &[char], quoted: bool) -> Option<Edit> {
        let n = t.len();
        let first = t.iter().zip(w).position(|(a, b)| a != b).unwrap_or(n.min(w.len()));
        if w.len() == n {
            if first == n {
                return None;
            }
            let rest_same = |from: usize| t[from..] == w[from..];
            if rest_same(first + 1) {
                let similar = self.confusable.contains(&(t[first], w[first]));
                return similar.then_some(Edit::Substituted);
            }
            let swapped = first + 1 < n && w[first] == t[first + 1] && w[first + 1] == t[first];
            return (swapped && rest_same(first + 2)).then_some(Edit::Swapped);
        }
        if n < MIN_INDEL_CHARS && !quoted {
            return None;
        }
        // Only inside the term: at its edges a missing or extra character is another word.
        if w.len() + 1 == n {
            let inside = first > 0 && first < n - 1;
            return (inside && w[first..] == t[first + 1..]).then_some(Edit::Missing);
        }
        let inside = first > 0 && first < n;
        let cjk = is_ideograph(w[first]);
        (w.len() == n + 1 && inside && cjk && w[first + 1..] == t[first..])
            .then_some(Edit::Inserted)
    }
}

/// Buffers reused from one anchor hit to the next.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// The characters around a hit, with their byte offsets.
    local: Vec<(usize, char)>,
    /// The characters around a hit alone, of which each candidate window is a slice.
    window: Vec<char>,
}
