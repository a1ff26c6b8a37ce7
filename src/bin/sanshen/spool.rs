//! Output of one input kept until its turn comes (inputs are processed in parallel and
//! reported in order): in memory while it is small, then in an anonymous temporary file, so a
//! long diff or corrected text never has to be held in memory whole.

use std::io::{Seek, Write};

/// Bytes kept in memory before the rest goes to a temporary file.
const IN_MEMORY: usize = 1 << 20;

/// Bytes written now and copied out later.
#[derive(Default)]
pub(crate) struct Spool {
    memory: Vec<u8>,
    /// Where everything goes once [`IN_MEMORY`] bytes were written: a file with no name,
    /// removed by the system when it is closed.
    file: Option<std::fs::File>,
}

impl Spool {
    /// Copies everything written to `out`.
    pub(crate) fn copy_to(self, out: &mut impl Write) -> std::io::Result<()> {
        match self.file {
            None => out.write_all(&self.memory),
            Some(mut file) => {
                file.rewind()?;
                std::io::copy(&mut file, out).map(drop)
            }
        }
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(file) = &mut self.file {
            return file.write(buf);
        }
        self.memory.extend_from_slice(buf);
        if self.memory.len() > IN_MEMORY {
            let mut file = tempfile::tempfile()?;
            file.write_all(&self.memory)?;
            self.memory = Vec::new();
            self.file = Some(file);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_comes_back_in_order_whether_or_not_it_spilled() {
        for n in [0, 10, IN_MEMORY / 7 + 1] {
            let mut spool = Spool::default();
            let mut want = Vec::new();
            for i in 0..n {
                let line = format!("第{i}行\n");
                spool.write_all(line.as_bytes()).unwrap();
                want.extend_from_slice(line.as_bytes());
            }
            assert_eq!(spool.file.is_some(), want.len() > IN_MEMORY);
            let mut out = Vec::new();
            spool.copy_to(&mut out).unwrap();
            assert!(out == want, "{n} lines");
        }
    }
}
