//! The progress line of long runs, on standard error and only when it is a terminal.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// How often the line is redrawn.
const EVERY: Duration = Duration::from_millis(500);

/// Counts files and records and redraws one line (`\r`) with them as a run goes on.
pub(crate) struct Progress<W: Write = std::io::Stderr> {
    out: Option<W>,
    /// How long after the start the line first appears.
    first: Duration,
    started: Instant,
    shown: Option<Instant>,
    files: usize,
    records: usize,
}

impl Progress {
    /// A line that appears once a run has taken half a second (`sanshen check`).
    pub(crate) fn new() -> Progress {
        Progress::on_terminal(EVERY)
    }

    /// A line that appears from the first tick (`sanshen audit`, always a long run).
    pub(crate) fn from_start() -> Progress {
        Progress::on_terminal(Duration::ZERO)
    }

    fn on_terminal(first: Duration) -> Progress {
        let on = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        Progress::to(on.then(std::io::stderr), first, Instant::now())
    }
}

impl<W: Write> Progress<W> {
    fn to(out: Option<W>, first: Duration, started: Instant) -> Progress<W> {
        Progress { out, first, started, shown: None, files: 0, records: 0 }
    }

    pub(crate) fn tick(&mut self, files: usize, records: usize) {
        self.tick_at(files, records, Instant::now());
    }

    fn tick_at(&mut self, files: usize, records: usize, now: Instant) {
        self.files += files;
        self.records += records;
        let due = match self.shown {
            None => now.duration_since(self.started) >= self.first,
            Some(at) => now.duration_since(at) >= EVERY,
        };
        let Some(out) = self.out.as_mut().filter(|_| due) else { return };
        self.shown = Some(now);
        let secs = now.duration_since(self.started).as_secs();
        // A terminal that went away is no reason to stop the run.
        let _ = write!(out, "\r已检查 {} 个文件、{} 条记录（{secs} 秒）", self.files, self.records);
        let _ = out.flush();
    }

    /// Ends the line, if one was drawn.
    pub(crate) fn done(&mut self) {
        if let Some(out) = self.out.as_mut().filter(|_| self.shown.is_some()) {
            let _ = writeln!(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(p: &Progress<Vec<u8>>) -> &str {
        std::str::from_utf8(p.out.as_deref().unwrap()).unwrap()
    }

    #[test]
    fn the_line_is_redrawn_at_most_every_half_second() {
        let start = Instant::now();
        let mut p = Progress::to(Some(Vec::new()), EVERY, start);
        p.tick_at(1, 10, start + Duration::from_millis(100));
        assert_eq!(shown(&p), "", "too early");
        p.tick_at(1, 10, start + Duration::from_millis(600));
        p.tick_at(0, 5, start + Duration::from_millis(900));
        assert_eq!(shown(&p), "\r已检查 2 个文件、20 条记录（0 秒）");
        p.tick_at(0, 5, start + Duration::from_millis(2200));
        p.done();
        assert_eq!(
            shown(&p),
            "\r已检查 2 个文件、20 条记录（0 秒）\r已检查 2 个文件、30 条记录（2 秒）\n"
        );
    }

    #[test]
    fn from_the_start_the_first_tick_is_shown() {
        let start = Instant::now();
        let mut p = Progress::to(Some(Vec::new()), Duration::ZERO, start);
        p.tick_at(0, 2048, start);
        assert_eq!(shown(&p), "\r已检查 0 个文件、2048 条记录（0 秒）");
    }

    #[test]
    fn nothing_is_written_when_off_or_never_shown() {
        let start = Instant::now();
        let mut quiet = Progress::to(Some(Vec::new()), EVERY, start);
        quiet.tick_at(1, 1, start);
        quiet.done();
        assert_eq!(shown(&quiet), "");
        let mut off: Progress<Vec<u8>> = Progress::to(None, Duration::ZERO, start);
        off.tick_at(1, 1, start + EVERY);
        off.done();
        assert!(off.out.is_none());
    }
}
