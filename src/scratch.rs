//! Working memory the review keeps from one text to the next: the lists that grow with a
//! text's length (correctly written terms, near misses, line starts, headings, the terms'
//! cover) keep their room, so that the next text, or the next piece of a large file, writes to
//! pages the process already has instead of faulting fresh ones in (some 600 a piece of
//! 16 MiB). A few sets are kept at a time, up to a cap in bytes, so that a huge text does not
//! pin its memory for ever. Nothing here starts a thread, and no review waits for another:
//! a review that finds the pool in use by another thread's takes fresh memory, or lets its set
//! go, rather than wait for the lock.

use crate::review::Candidates;
use crate::rules::format::Outline;
use std::sync::{Mutex, MutexGuard, TryLockError};

/// Bytes of room kept in all: a 16 MiB piece's lists take some 8 MiB, so two threads' sets
/// and their spares fit.
const KEPT_BYTES: usize = 32 << 20;
/// Sets kept: one for each thread of a run on two cores, and spares.
const KEPT_SETS: usize = 4;

/// The pool every linter's reviews take their working memory from.
static POOL: Pool = Pool::new(KEPT_SETS, KEPT_BYTES);

/// One review's working memory.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub(crate) candidates: Candidates,
    pub(crate) line_starts: Vec<u32>,
    pub(crate) outline: Outline,
    /// The correctly written terms' cover: their ends and least starts.
    pub(crate) cover: (Vec<usize>, Vec<usize>),
}

impl Scratch {
    /// Empties every list but the outline's, keeping its room; the outline is emptied where
    /// each review starts it (`Outline::start`). The lists are named in full, so that a list
    /// added to the candidates must be named here too.
    pub(crate) fn clear(&mut self) {
        let Candidates { allow, protected, entries, mentions, anchors, proposed } =
            &mut self.candidates;
        let crate::rules::leader::Mentions { names, variants, titles } = mentions;
        allow.clear();
        protected.clear();
        entries.clear();
        names.clear();
        variants.clear();
        titles.clear();
        anchors.clear();
        proposed.clear();
        self.line_starts.clear();
        self.cover.0.clear();
        self.cover.1.clear();
    }

    /// The bytes of room the lists hold.
    fn room(&self) -> usize {
        let c = &self.candidates;
        let m = &c.mentions;
        bytes(&c.allow)
            + bytes(&c.protected)
            + bytes(&c.entries)
            + bytes(&m.names)
            + bytes(&m.variants)
            + bytes(&m.titles)
            + bytes(&c.anchors)
            + bytes(&c.proposed)
            + bytes(&self.line_starts)
            + self.outline.room()
            + bytes(&self.cover.0)
            + bytes(&self.cover.1)
    }
}

/// The bytes of room of `v`.
fn bytes<T>(v: &Vec<T>) -> usize {
    v.capacity() * std::mem::size_of::<T>()
}

/// Sets of working memory kept for the next review, at most `sets` holding at most `bytes`.
struct Pool {
    kept: Mutex<Vec<Scratch>>,
    sets: usize,
    bytes: usize,
}

impl Pool {
    const fn new(sets: usize, bytes: usize) -> Pool {
        Pool { kept: Mutex::new(Vec::new()), sets, bytes }
    }

    /// The kept sets, unless another thread holds them right now. (A poisoned lock only says
    /// that a thread panicked while holding it; the sets it left are whole.)
    fn try_kept(&self) -> Option<MutexGuard<'_, Vec<Scratch>>> {
        match self.kept.try_lock() {
            Ok(kept) => Some(kept),
            Err(TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }

    /// A kept set, or a new one (also when another thread holds the pool).
    fn take(&self) -> Scratch {
        self.try_kept().and_then(|mut kept| kept.pop()).unwrap_or_default()
    }

    /// Keeps `scratch`, emptied, if the pool has room for it; else (or when another thread
    /// holds the pool) lets it go.
    fn give(&self, mut scratch: Scratch) {
        scratch.clear();
        let room = scratch.room();
        let Some(mut kept) = self.try_kept() else { return };
        let held: usize = kept.iter().map(Scratch::room).sum();
        if kept.len() < self.sets && held + room <= self.bytes {
            kept.push(scratch);
        }
    }
}

/// Working memory for one review: a kept set, or a new one.
pub(crate) fn take() -> Scratch {
    POOL.take()
}

/// Gives working memory back for a later review (kept unless the pool is full).
pub(crate) fn give(scratch: Scratch) {
    POOL.give(scratch);
}

#[cfg(test)]
mod tests {
    use super::{Pool, Scratch};

    /// A set with `n` protected terms' room.
    fn holding(n: usize) -> Scratch {
        let mut s = Scratch::default();
        s.candidates.protected.reserve_exact(n);
        s.line_starts.push(7);
        s
    }

    #[test]
    fn the_pool_keeps_what_fits_and_no_more() {
        let one = holding(1000).room();
        let pool = Pool::new(2, 2 * one);
        pool.give(holding(1000));
        pool.give(holding(1000));
        // Over the count.
        pool.give(holding(10));
        assert_eq!(pool.kept.lock().unwrap().len(), 2);
        let taken = pool.take();
        assert_eq!(taken.room(), one);
        assert!(taken.line_starts.is_empty(), "a kept set is emptied");
        // Over the bytes: one set of twice the room does not fit beside the other.
        pool.give(holding(2000));
        assert_eq!(pool.kept.lock().unwrap().len(), 1);
        let huge = Pool::new(4, one / 2);
        huge.give(holding(1000));
        assert!(huge.kept.lock().unwrap().is_empty(), "a set over the cap is let go");
        assert_eq!(huge.take().room(), 0);
    }

    #[test]
    fn a_review_never_waits_for_the_pool() {
        let one = holding(1000).room();
        let pool = Pool::new(4, 4 * one);
        pool.give(holding(1000));
        {
            // Another review holds the pool: a set is made fresh, and one given back is let go.
            let held = pool.kept.lock().unwrap();
            assert_eq!(pool.take().room(), 0);
            pool.give(holding(1000));
            assert_eq!(held.len(), 1);
        }
        assert_eq!(pool.take().room(), one, "the kept set is there once the pool is free");
        assert!(pool.kept.lock().unwrap().is_empty());
    }

    #[test]
    fn a_pool_poisoned_by_a_panic_still_serves() {
        let pool = Pool::new(4, usize::MAX);
        pool.give(holding(1000));
        let poisoning = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _held = pool.kept.lock().unwrap();
            panic!("a panic while the pool is held");
        }));
        assert!(poisoning.is_err() && pool.kept.is_poisoned());
        assert_eq!(pool.take().room(), holding(1000).room());
        pool.give(holding(10));
        assert_eq!(pool.kept.lock().unwrap_or_else(|p| p.into_inner()).len(), 1);
    }
}
