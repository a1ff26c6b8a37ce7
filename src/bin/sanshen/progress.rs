//! A progress line on standard error for long runs.

/// A progress line on standard error for long runs, only when it is a terminal.
pub(crate) struct Progress {
    on: bool,
    started: std::time::Instant,
    last: std::time::Instant,
    files: usize,
    records: usize,
}

impl Progress {
    pub(crate) fn new() -> Progress {
        let now = std::time::Instant::now();
        let on = std::io::IsTerminal::is_terminal(&std::io::stderr())
            && std::env::var_os("CI").is_none();
        Progress { on, started: now, last: now, files: 0, records: 0 }
    }

    pub(crate) fn tick(&mut self, files: usize, records: usize) {
        self.files += files;
        self.records += records;
        let now = std::time::Instant::now();
        if self.on && now.duration_since(self.last).as_millis() >= 500 {
            self.last = now;
            let secs = now.duration_since(self.started).as_secs();
            eprint!("\r已检查 {} 个文件、{} 条记录（{secs} 秒）", self.files, self.records);
        }
    }

    pub(crate) fn done(&self) {
        if self.on && self.last != self.started {
            eprintln!();
        }
    }
}
