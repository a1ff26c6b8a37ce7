//! Files that are not regular files: named pipes, devices and sockets.
//!
//! A named pipe or a device named on the command line is read once, from start to end, as a
//! stream (like standard input): it is never sniffed for an office document first, as a pipe
//! gives its bytes only once and a second open waits for a writer that may never come. Nothing
//! is ever written to one. In a folder, such files are skipped with a note: a pipe in a tree of
//! texts is seldom meant to be read, and reading it would wait for a writer.

use std::fs::FileType;

/// What kind of special file a path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Special {
    /// A named pipe (FIFO): its bytes can be read only once.
    Pipe,
    /// A character or block device, such as `/dev/zero` (possibly endless).
    Device,
    /// A socket: not a file that can be opened and read.
    Socket,
    /// Another kind of file that is not a regular file.
    Other,
}

impl Special {
    /// The kind of `file_type`, or `None` for a regular file or a folder.
    pub(crate) fn of(file_type: FileType) -> Option<Special> {
        if file_type.is_file() || file_type.is_dir() {
            return None;
        }
        Some(Special::of_unix(file_type).unwrap_or(Special::Other))
    }

    #[cfg(unix)]
    fn of_unix(file_type: FileType) -> Option<Special> {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            Some(Special::Pipe)
        } else if file_type.is_char_device() || file_type.is_block_device() {
            Some(Special::Device)
        } else if file_type.is_socket() {
            Some(Special::Socket)
        } else {
            None
        }
    }

    #[cfg(not(unix))]
    fn of_unix(_: FileType) -> Option<Special> {
        None
    }

    /// Whether it can be read as a stream (a socket cannot be opened as a file).
    pub(crate) fn readable(self) -> bool {
        matches!(self, Special::Pipe | Special::Device)
    }
}

impl std::fmt::Display for Special {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Special::Pipe => "a named pipe",
            Special::Device => "a device",
            Special::Socket => "a socket",
            Special::Other => "not a regular file",
        })
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn regular_files_and_folders_are_not_special() {
        let dir = std::env::temp_dir();
        assert_eq!(Special::of(std::fs::metadata(&dir).unwrap().file_type()), None);
        let exe = std::env::current_exe().unwrap();
        assert_eq!(Special::of(std::fs::metadata(exe).unwrap().file_type()), None);
    }

    #[test]
    fn devices_and_sockets_are_told_apart() {
        let null = std::fs::metadata("/dev/null").unwrap().file_type();
        assert_eq!(Special::of(null), Some(Special::Device));
        assert!(Special::Device.readable());
        let path = std::env::temp_dir().join(format!("sanshen-special-{}", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
        let kind = Special::of(std::fs::metadata(&path).unwrap().file_type());
        drop(listener);
        let _ = std::fs::remove_file(&path);
        assert_eq!(kind, Some(Special::Socket));
        assert!(!Special::Socket.readable());
    }
}
