//! Shared tables that the first checks would otherwise make on a checking thread, made ahead
//! on the core a two-thread build leaves idle while its last steps run on the calling thread.

use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

/// Which shared tables to make.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tables {
    /// The statistical model's (read by the typo rule's judge as well as by the model's own
    /// rule; its tables are read where they lie, 0.07 M instructions without its idioms).
    pub(super) model: bool,
    /// The model's list of idioms (3.2 M instructions, its order checked), read only by the
    /// model's rule.
    pub(super) idioms: bool,
    /// The address pattern (1.2 M) and the lists of names, read once a text has hits.
    pub(super) text: bool,
    /// The names of administrative divisions (2.2 M), read only by the model's rule.
    pub(super) divisions: bool,
}

/// Makes the shared tables a review reads on first need. Each is made once whichever thread
/// asks first; a thread that asks while another makes it waits for it, as it would for its
/// own.
pub(super) fn shared_tables(tables: Tables) {
    if tables.model {
        crate::model::Model::embedded();
    }
    if tables.idioms {
        crate::model::Model::embedded().idioms();
    }
    if tables.text {
        crate::address::prepare();
        crate::names::prepare();
    }
    if tables.divisions {
        crate::names::prepare_divisions();
    }
}

/// Spawns [`shared_tables`] on a thread of its own, once a process, and hands back its handle
/// (`None` when it was started before or cannot start: the tables are then made at their
/// first use). Nothing needs to wait for it: it touches only process-wide tables, and a
/// process that ends first loses nothing.
pub(super) fn spawn_shared_tables(tables: Tables) -> Option<JoinHandle<()>> {
    static STARTED: AtomicBool = AtomicBool::new(false);
    match STARTED.swap(true, Ordering::Relaxed) {
        true => None,
        false => std::thread::Builder::new().spawn(move || shared_tables(tables)).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_tables_are_started_once_a_process() {
        let all = Tables { model: true, idioms: true, text: true, divisions: true };
        let started: Vec<_> = (0..4)
            .map(|_| std::thread::spawn(move || spawn_shared_tables(all)))
            .filter_map(|t| t.join().unwrap())
            .collect();
        // Builds on two threads elsewhere in the tests may have started it first.
        assert!(started.len() <= 1);
        started.into_iter().for_each(|t| t.join().expect("made without panicking"));
        assert_eq!(spawn_shared_tables(all).map(|_| ()), None, "started before");
        shared_tables(all);
    }
}
