//! The one pass over a line for every format rule but headings: a byte loop that steps a
//! character at a time, costs an ideograph (most of Chinese text) a comparison with the next
//! character for the repetition rule and nothing else, and hands digits, brackets, quotation
//! marks and half-width punctuation to the rules that look at them.

use super::{classes, dates, docnum, pairs, repeated, utf8_len, width, FormatRules, Line};
use crate::finding::Finding;

/// One line's scan and what it carries from character to character.
pub(super) struct Scan<'s, 't> {
    rules: &'s FormatRules,
    /// The line, held by value so that its text stays in registers.
    line: Line<'t>,
    /// The checked text from the line's start to the text's end: the run windows and the
    /// repetition filter read on past the line's end (a line end is not an ideograph, so what
    /// they find there ends the run or is judged again within the line); within 19 bytes of
    /// the text's end, whatever the line, the windows are filled up with zeros
    /// ([`Scan::near_end`]).
    rest: &'t [u8],
    balance: &'s mut pairs::Balance<'t>,
    width: &'s mut width::Width,
    out: &'s mut Vec<Finding>,
    /// Whether a clause starts here, after punctuation or a space: only there are repeated
    /// words of two or more characters judged.
    clause_start: bool,
    from: Resume,
}

impl<'s, 't> Scan<'s, 't> {
    pub(super) fn new(
        rules: &'s FormatRules,
        line: Line<'t>,
        rest: &'t [u8],
        balance: &'s mut pairs::Balance<'t>,
        width: &'s mut width::Width,
        out: &'s mut Vec<Finding>,
    ) -> Self {
        let from = Resume::default();
        Scan { rules, line, rest, balance, width, out, clause_start: false, from }
    }

    /// Visits the line, a character (or a run of ideographs) at a time.
    pub(super) fn line(mut self) {
        let b = self.line.text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let lead = b[i];
            i = match lead {
                0xE4..=0xE9 => self.ideographs(i),
                b'0'..=b'9' => self.digit(i),
                0x00..=0x7F => self.ascii(i, lead),
                0xE2 | 0xE3 | 0xEF => match self.symbol(i, lead) {
                    Some(next) => next,
                    None => break,
                },
                _ => {
                    self.clause_start = false;
                    i + utf8_len(lead)
                }
            };
        }
    }

    /// [`Scan::line`] a character at a time, each through the handler of its kind, without
    /// the run windows and the clause marks taken after a run: the reference the tests
    /// compare the scan with.
    #[cfg(test)]
    pub(super) fn line_by_chars(mut self) {
        let b = self.line.text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let lead = b[i];
            i = match lead {
                0xE4..=0xE9 => {
                    if self.clause_start {
                        self.repeat(i, true);
                    }
                    self.repeat(i, false);
                    self.clause_start = false;
                    i + 3
                }
                b'0'..=b'9' => self.digit(i),
                0x00..=0x7F => self.ascii(i, lead),
                0xE2 | 0xE3 | 0xEF => match self.symbol(i, lead) {
                    Some(next) => next,
                    None => break,
                },
                _ => {
                    self.clause_start = false;
                    i + utf8_len(lead)
                }
            };
        }
    }

    /// A run of ideographs of the basic plane from `i`, and the runs that follow it after
    /// ， 、 。 or an ideographic space; returns where the scan goes on. After punctuation a repeated word may start
    /// here; elsewhere only a character written twice matters. (Going on from a clause mark
    /// to the next run here, rather than through the line loop, spares most clause marks the
    /// loop's dispatch.)
    #[inline(always)]
    fn ideographs(&mut self, mut i: usize) -> usize {
        let rest = self.rest;
        let window_at = |i: usize| rest.get(i..).and_then(|r| r.first_chunk::<19>());
        'runs: loop {
            let Some(mut w) = window_at(i) else { return self.near_end(i) };
            if self.clause_start {
                self.clause_start = false;
                self.clause_repeat(i, w);
            }
            // The windows of one run: the most frequent step of the scan, kept free of the
            // clause start's test.
            loop {
                match run_window(w) {
                    Window::Plain => i += 15,
                    Window::Doubled(k) => {
                        self.repeat(i + k, false);
                        i += k + 3;
                    }
                    Window::End(k) => {
                        match self.clause_mark(i + k, w.get(k..).and_then(|r| r.first_chunk())) {
                            Step::On(next) => i = next,
                            Step::Out(next) => return next,
                        }
                        continue 'runs;
                    }
                }
                w = match window_at(i) {
                    Some(w) => w,
                    None => return self.near_end(i),
                };
            }
        }
    }

    /// At a clause start `i`, whose bytes (and more) are `w`: a word written twice may start
    /// here. (A character written twice here is left to the run's first window, which finds
    /// it and judges it as a clause start would: [`repeated::Repeats::repeat_at`] tries the
    /// single character first either way.)
    #[inline(always)]
    fn clause_repeat(&mut self, i: usize, w: &[u8; 19]) {
        let first = w.first_chunk::<16>().unwrap_or(&[0; 16]);
        if i >= self.from.repeat && repeated::Repeats::may_repeat_word_in(first) {
            self.judge_repeat(i, true);
        }
    }

    /// One window of a run from `i`, whose bytes (and the next four) are `w`: the repetition
    /// tests, and, where the run ends at ， 、 。 or an ideographic space, the mark too. It is
    /// [`Scan::near_end`]'s, whose windows are filled up with zeros past the text's end, and
    /// repeats the inner loop of [`Scan::ideographs`] (the two are changed together). A window
    /// may run on past the line: a line end is not a lead byte E4–E9, so the run ends at it,
    /// and a mark or ideograph before the first such byte is the line's.
    #[inline(always)]
    fn window(&mut self, i: usize, w: &[u8; 19]) -> Step {
        if self.clause_start {
            self.clause_start = false;
            self.clause_repeat(i, w);
        }
        match run_window(w) {
            Window::Plain => Step::On(i + 15),
            Window::Doubled(k) => {
                self.repeat(i + k, false);
                Step::On(i + k + 3)
            }
            Window::End(k) => self.clause_mark(i + k, w.get(k..).and_then(|r| r.first_chunk())),
        }
    }

    /// [`Scan::ideographs`] where fewer than 19 bytes of the text are left: each window filled
    /// up with zeros, which are neither lead bytes nor part of a character.
    #[cold]
    #[inline(never)]
    fn near_end(&mut self, mut i: usize) -> usize {
        loop {
            let rest = self.rest.get(i..).unwrap_or_default();
            let mut w = [0; 19];
            let n = rest.len().min(w.len());
            w[..n].copy_from_slice(&rest[..n]);
            match self.window(i, &w) {
                Step::On(next) => i = next,
                Step::Out(next) => return next,
            }
        }
    }

    /// Most runs end at ， 、 or 。 (at `i`, whose bytes and the next one's lead are `b`), which
    /// only start a clause (and, for ，, tell the width rule that full-width marks are in use):
    /// taken here, without the table and the branches the other punctuation needs. So is the
    /// ideographic space, which is white space to every rule.
    #[inline(always)]
    fn clause_mark(&mut self, i: usize, b: Option<&[u8; 4]>) -> Step {
        let next = match b {
            Some(&[0xEF, 0xBC, 0x8C, next]) => {
                self.width.saw(self.rules.comma_style);
                next
            }
            Some(&[0xE3, 0x80, 0x80..=0x82, next]) => next,
            _ => return Step::Out(i),
        };
        self.clause_start = true;
        match next {
            0xE4..=0xE9 => Step::On(i + 3),
            _ => Step::Out(i + 3),
        }
    }

    /// An ASCII digit: a date may start here.
    #[inline(always)]
    fn digit(&mut self, i: usize) -> usize {
        if i >= self.from.date {
            if let Some(end) = dates::at(&self.line, i, self.out) {
                self.from.date = end;
            }
        }
        self.clause_start = false;
        i + 1
    }

    /// Any other ASCII character: brackets for document numbers and the balance, half-width
    /// marks for the width rule.
    #[inline(always)]
    fn ascii(&mut self, i: usize, lead: u8) -> usize {
        if lead == b'(' || lead == b'[' {
            self.from.document_number(&self.line, i, self.out);
        }
        if (lead == b'(' || lead == b')') && i >= self.from.marks {
            self.balance.mark(&self.line, i, char::from(lead), self.out);
        }
        self.width.half_width_mark(&self.line, i);
        self.clause_start = lead.is_ascii_whitespace()
            || matches!(lead, b',' | b';' | b':' | b'?' | b'!' | b'(' | b')');
        i + 1
    }

    /// A three-byte character led by E2, E3 or EF: punctuation, full-width letters and digits,
    /// and the ideographs those planes hold, sorted by the class table. `None` when the line
    /// ends inside it.
    #[inline(always)]
    fn symbol(&mut self, i: usize, lead: u8) -> Option<usize> {
        let &[_, b1, b2] = self.line.text.as_bytes().get(i..)?.first_chunk::<3>()?;
        let (class, style) = self.rules.classes.of(lead, b1, b2);
        self.width.saw(style);
        if class & classes::IDEOGRAPH != 0 {
            self.repeat(i, self.clause_start);
        } else if class & (classes::MARK | classes::OPENER | classes::FULL_ALNUM) != 0 {
            self.marked(i, class, classes::decode(lead, b1, b2));
        }
        self.clause_start = class & classes::CLAUSE != 0;
        Some(i + 3)
    }

    /// A full-width mark, opening bracket or letter `c` at `i`, of class `class`.
    #[inline(always)]
    fn marked(&mut self, i: usize, class: u8, c: char) {
        if class & classes::OPENER != 0 {
            self.from.document_number(&self.line, i, self.out);
        }
        if class & classes::MARK != 0 && i >= self.from.marks {
            self.balance.mark(&self.line, i, c, self.out);
        }
        if class & classes::FULL_ALNUM != 0 && i >= self.from.width {
            self.from.width = width::full_width_run(&self.line, i, self.out);
        }
    }

    /// Looks for an accidental repeat at the ideograph at byte `i`.
    #[inline(always)]
    fn repeat(&mut self, i: usize, clause_start: bool) {
        if i >= self.from.repeat && repeated::Repeats::may_repeat_at(self.rest, i, clause_start) {
            self.judge_repeat(i, clause_start);
        }
    }

    /// Judges a repeat at `i` that the quick test let through.
    #[inline(always)]
    fn judge_repeat(&mut self, i: usize, clause_start: bool) {
        if let Some((end, f)) = self.rules.repeats.repeat_at(&self.line, i, clause_start) {
            self.out.push(f);
            self.from.repeat = end;
        }
    }
}

/// Where a run's scan goes on: in the run, or back in the line loop.
enum Step {
    On(usize),
    Out(usize),
}

/// What the first five characters of a window of nineteen bytes that starts with an ideograph
/// hold, for the repetition rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Window {
    /// Five ideographs, none written twice (equal to the next character).
    Plain,
    /// Ideographs up to byte `k`, where one may be written twice.
    Doubled(usize),
    /// Ideographs up to byte `k`, where something else starts.
    End(usize),
}

/// Looks at five characters at once: two 16-byte vector comparisons give, for every byte,
/// whether it equals the byte three further on and whether it is not a lead byte E4–E9. Where
/// the five characters are ideographs, their lead bytes sit at 0, 3, 6, 9 and 12, and a
/// character may be doubled when its first and last bytes equal the next one's (the caller
/// compares the whole characters: the middle byte differs in about one window of a thousand).
/// The first position where either holds is the answer: before it, the characters are what
/// was assumed.
#[inline]
fn run_window(w: &[u8; 19]) -> Window {
    use wide::{i8x16, u8x16, CmpGt};
    const LEADS: u32 = 0b1_0010_0100_1001;
    let signed = |v: u8x16| i8x16::new(v.to_array().map(|b| b as i8));
    let a = u8x16::new(*w.first_chunk::<16>().unwrap_or(&[0; 16]));
    let ahead = u8x16::new(*w.last_chunk::<16>().unwrap_or(&[0; 16]));
    let same = signed(a.cmp_eq(ahead)).move_mask() as u32;
    // E4–E9 moved to 0x80–0x85, the six smallest signed bytes: anything above is another byte.
    let moved = signed(a + u8x16::splat(0x80_u8.wrapping_sub(0xE4)));
    let other = moved.cmp_gt(i8x16::splat(0x85_u8 as i8)).move_mask() as u32;
    let doubled = same & (same >> 2);
    match (doubled | other) & LEADS {
        0 => Window::Plain,
        bad => {
            let k = bad.trailing_zeros() as usize;
            match other & (1 << k) != 0 {
                true => Window::End(k),
                false => Window::Doubled(k),
            }
        }
    }
}

/// Where each rule resumes on a line, after what it has consumed: a repeat, a date, a run of
/// full-width letters, a document number (whose brackets are its own business, not the
/// balance's).
#[derive(Clone, Copy, Debug, Default)]
struct Resume {
    repeat: usize,
    date: usize,
    width: usize,
    marks: usize,
}

impl Resume {
    /// Judges a document number whose year may open at byte `i`.
    fn document_number(&mut self, line: &Line<'_>, i: usize, out: &mut Vec<Finding>) {
        if let Some(f) = docnum::judge(line, i) {
            self.marks = f.span.end - line.offset;
            out.push(f);
        }
    }
}
