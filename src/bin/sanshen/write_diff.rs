//! `--diff` a piece at a time: each piece's changed lines become hunks as soon as the piece is
//! fixed, numbered as in the whole file. A line cut by the end of a piece (HTML cut inside a
//! long line) waits for the rest of it.

use crate::spool::Spool;
use std::io::Write;

/// A unified diff of one input, under way.
pub(crate) struct Diff {
    name: String,
    out: Spool,
    started: bool,
    /// The numbers of the next line of the text as read and as fixed.
    old_line: usize,
    new_line: usize,
    /// The start of a line that the piece before ended inside, as read and as fixed.
    old_tail: String,
    new_tail: String,
}

impl Diff {
    pub(crate) fn new(name: &str) -> Diff {
        Diff {
            name: name.trim_start_matches('/').to_owned(),
            out: Spool::default(),
            started: false,
            old_line: 1,
            new_line: 1,
            old_tail: String::new(),
            new_tail: String::new(),
        }
    }

    /// The next piece as read (`old`) and as fixed (`new`); fixes never cross a piece's end.
    pub(crate) fn piece(&mut self, old: &str, new: &str) -> std::io::Result<()> {
        if old == new && self.old_tail.is_empty() && self.new_tail.is_empty() {
            // The common case: nothing to show, lines to count.
            let Some(end) = old.rfind('\n') else {
                self.old_tail.push_str(old);
                self.new_tail.push_str(old);
                return Ok(());
            };
            let lines = memchr::memchr_iter(b'\n', old.as_bytes()).count();
            self.old_line += lines;
            self.new_line += lines;
            self.old_tail.push_str(&old[end + 1..]);
            self.new_tail.push_str(&old[end + 1..]);
            return Ok(());
        }
        let old = std::mem::take(&mut self.old_tail) + old;
        let new = std::mem::take(&mut self.new_tail) + new;
        let (old, old_tail) = split_last_line(&old);
        let (new, new_tail) = split_last_line(&new);
        self.old_tail.push_str(old_tail);
        self.new_tail.push_str(new_tail);
        self.lines(old, new)
    }

    /// Ends the diff: `None` if nothing changed.
    pub(crate) fn finish(mut self) -> std::io::Result<Option<Spool>> {
        let (old, new) = (std::mem::take(&mut self.old_tail), std::mem::take(&mut self.new_tail));
        self.lines(&old, &new)?;
        Ok(self.started.then_some(self.out))
    }

    /// Hunks for whole lines: one a changed line where the line counts agree, else one for
    /// all of them.
    fn lines(&mut self, old: &str, new: &str) -> std::io::Result<()> {
        if old == new {
            let lines = old.split_inclusive('\n').count();
            self.old_line += lines;
            self.new_line += lines;
            return Ok(());
        }
        let a: Vec<&str> = old.split_inclusive('\n').collect();
        let b: Vec<&str> = new.split_inclusive('\n').collect();
        self.start()?;
        if a.len() == b.len() {
            for (i, (x, y)) in a.iter().zip(&b).enumerate().filter(|(_, (x, y))| x != y) {
                writeln!(self.out, "@@ -{},1 +{},1 @@", self.old_line + i, self.new_line + i)?;
                push_line(&mut self.out, '-', x)?;
                push_line(&mut self.out, '+', y)?;
            }
        } else {
            let (o, n) = (self.old_line, self.new_line);
            writeln!(self.out, "@@ -{o},{} +{n},{} @@", a.len(), b.len())?;
            a.iter().try_for_each(|l| push_line(&mut self.out, '-', l))?;
            b.iter().try_for_each(|l| push_line(&mut self.out, '+', l))?;
        }
        self.old_line += a.len();
        self.new_line += b.len();
        Ok(())
    }

    fn start(&mut self) -> std::io::Result<()> {
        if !self.started {
            self.started = true;
            write!(self.out, "--- a/{0}\n+++ b/{0}\n", self.name)?;
        }
        Ok(())
    }
}

/// The whole lines of `text` and what follows its last line end.
fn split_last_line(text: &str) -> (&str, &str) {
    let end = text.rfind('\n').map_or(0, |i| i + 1);
    text.split_at(end)
}

fn push_line(out: &mut impl Write, sign: char, line: &str) -> std::io::Result<()> {
    write!(out, "{sign}{line}")?;
    if !line.ends_with('\n') {
        out.write_all(b"\n\\ No newline at end of file\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff(pieces: &[(&str, &str)]) -> String {
        let mut d = Diff::new("/a.txt");
        for (old, new) in pieces {
            d.piece(old, new).unwrap();
        }
        let mut out = Vec::new();
        if let Some(spool) = d.finish().unwrap() {
            spool.copy_to(&mut out).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn hunks_are_numbered_as_in_the_whole_file_however_it_was_cut() {
        let whole = diff(&[("一\n布署\n三\n再接再励", "一\n部署\n三\n再接再厉")]);
        assert_eq!(
            whole,
            "--- a/a.txt\n+++ b/a.txt\n@@ -2,1 +2,1 @@\n-布署\n+部署\n\
             @@ -4,1 +4,1 @@\n-再接再励\n\\ No newline at end of file\n\
             +再接再厉\n\\ No newline at end of file\n"
        );
        // Cut inside the second line, and inside the last.
        let cut = diff(&[("一\n布", "一\n部"), ("署\n三\n再接", "署\n三\n再接"), ("再励", "再厉")]);
        assert_eq!(cut, whole);
        assert_eq!(diff(&[("一\n", "一\n"), ("二", "二")]), "", "nothing changed");
    }

    #[test]
    fn a_piece_whose_line_count_changed_is_one_hunk_and_later_numbers_follow() {
        let got = diff(&[("一\n二\n", "一\n"), ("布署\n", "部署\n")]);
        assert_eq!(
            got,
            "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,1 @@\n-一\n-二\n+一\n@@ -3,1 +2,1 @@\n-布署\n+部署\n"
        );
    }
}
