//! Work done on several threads and handed back in order: each result is taken as soon as it
//! and every one before it are done, so the threads never wait for a whole batch to be
//! reported (the output is the same whatever the threads' timing). The calling thread is one
//! of the threads: it works on items too and takes the results between them, so that `n`
//! threads keep `n` cores busy and the results are not handed to a thread that only waits
//! for them (on two cores, such a third thread woke for every item and took a core from the
//! work each time).

use std::collections::VecDeque;
use std::sync::{mpsc, Condvar, Mutex};

/// How far the threads have got, shared between them and the taker.
struct Progress {
    /// The next item a thread will start.
    next: usize,
    /// Results taken so far: items `taken..taken + ahead` may be started.
    taken: usize,
    /// The taker has stopped (its output is gone) or a thread panicked: start nothing more.
    stop: bool,
    /// Threads waiting for room: the taker wakes them only if there are any, as waking
    /// costs a system call even when no thread waits.
    waiting: usize,
}

struct Shared {
    progress: Mutex<Progress>,
    room: Condvar,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Progress> {
        // A thread that panicked left the counts consistent: they are changed in one step.
        self.progress.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The next item to start, once there is room for it; `None` when all are started or the
    /// run stops.
    fn start(&self, len: usize, ahead: usize) -> Option<usize> {
        let mut p = self.lock();
        while !p.stop && p.next < len && p.next >= p.taken + ahead {
            p.waiting += 1;
            p = self.room.wait(p).unwrap_or_else(std::sync::PoisonError::into_inner);
            p.waiting -= 1;
        }
        p.begin(len)
    }

    /// The next item to start if there is room for it now; `None` when there is none, all
    /// are started or the run stops.
    fn try_start(&self, len: usize, ahead: usize) -> Option<usize> {
        let mut p = self.lock();
        match p.next < p.taken + ahead {
            true => p.begin(len),
            false => None,
        }
    }

    fn taken(&self, taken: usize) {
        let mut p = self.lock();
        p.taken = taken;
        if p.waiting > 0 {
            self.room.notify_all();
        }
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.room.notify_all();
    }
}

impl Progress {
    /// Starts the next item, unless all are started or the run stops.
    fn begin(&mut self, len: usize) -> Option<usize> {
        if self.stop || self.next >= len {
            return None;
        }
        self.next += 1;
        Some(self.next - 1)
    }
}

/// Stops the run if the thread holding it unwinds, so that no other thread waits for room the
/// lost item would have made.
struct StopOnPanic<'a>(&'a Shared);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// How many threads check files: `RAYON_NUM_THREADS` when it is a positive number, as for the
/// pool that checks JSON Lines batches, else the cores this process may use. Asking the pool
/// would start its threads, which only JSON Lines inputs use, at every start. Found once a
/// process: counting the cores reads the process's control groups (three files, some 16
/// system calls), and the start asks three times.
pub(crate) fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        let cores = || std::thread::available_parallelism().map_or(1, |n| n.get());
        threads_from(std::env::var("RAYON_NUM_THREADS").ok().as_deref(), cores)
    })
}

fn threads_from(var: Option<&str>, cores: impl FnOnce() -> usize) -> usize {
    match var.and_then(|v| v.parse::<usize>().ok()) {
        Some(n) if n > 0 => n,
        _ => cores(),
    }
}

/// Runs `work` on every item, on `threads` threads (the calling thread and `threads - 1`
/// others), at most `ahead` items beyond the last one taken, and hands each result to `take`
/// in the items' order (on the calling thread). The first error of `take` stops the run:
/// items not yet started are not worked on.
pub(crate) fn in_order<T: Sync, R: Send, E>(
    items: &[T],
    threads: usize,
    ahead: usize,
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E> {
    if threads <= 1 || items.len() <= 1 {
        return items.iter().try_for_each(|item| take(item, work(item)));
    }
    let ahead = ahead.max(1);
    let shared = Shared {
        progress: Mutex::new(Progress { next: 0, taken: 0, stop: false, waiting: 0 }),
        room: Condvar::new(),
    };
    let (done, results) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 1..threads.min(items.len()) {
            let (done, shared, work) = (done.clone(), &shared, &work);
            scope.spawn(move || {
                let _guard = StopOnPanic(shared);
                while let Some(i) = shared.start(items.len(), ahead) {
                    if done.send((i, work(&items[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        let _guard = StopOnPanic(&shared);
        let mut taker = Taker { items, ahead, waiting: VecDeque::new(), taken: 0 };
        let taken = taker.run(&results, &work, &mut take, &shared);
        if taken.is_err() {
            shared.stop();
        }
        // Results still on their way are dropped with the channel.
        drop(results);
        taken
    })
}

/// The calling thread's part: the results waiting to be taken, and how many are.
struct Taker<'t, T, R> {
    items: &'t [T],
    ahead: usize,
    /// Slot k holds the result of item `taken + k` once it is done.
    waiting: VecDeque<Option<R>>,
    taken: usize,
}

impl<T, R> Taker<'_, T, R> {
    /// Works on items while there is room and takes the results, its own and the other
    /// threads', in the items' order; returns when every item is taken, the other threads
    /// are gone without finishing (one panicked: the scope says so) or `take` fails.
    fn run<E>(
        &mut self,
        results: &mpsc::Receiver<(usize, R)>,
        work: &impl Fn(&T) -> R,
        take: &mut impl FnMut(&T, R) -> Result<(), E>,
        shared: &Shared,
    ) -> Result<(), E> {
        let len = self.items.len();
        loop {
            while let Ok((i, r)) = results.try_recv() {
                self.done(i, r);
            }
            self.take_ready(take, shared)?;
            if self.taken == len {
                return Ok(());
            }
            if let Some(i) = shared.try_start(len, self.ahead) {
                let r = work(&self.items[i]);
                self.done(i, r);
                continue;
            }
            // No room, or every item started: what comes next is another thread's.
            match results.recv() {
                Ok((i, r)) => self.done(i, r),
                Err(_) => return Ok(()),
            }
        }
    }

    fn done(&mut self, i: usize, r: R) {
        let k = i - self.taken;
        if self.waiting.len() <= k {
            self.waiting.resize_with(k + 1, || None);
        }
        self.waiting[k] = Some(r);
    }

    /// Takes the results done in order from the front, and makes room for as many.
    fn take_ready<E>(
        &mut self,
        take: &mut impl FnMut(&T, R) -> Result<(), E>,
        shared: &Shared,
    ) -> Result<(), E> {
        let before = self.taken;
        while let Some(r) = self.waiting.front_mut().and_then(Option::take) {
            self.waiting.pop_front();
            take(&self.items[self.taken], r)?;
            self.taken += 1;
        }
        if self.taken > before {
            shared.taken(self.taken);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_thread_count_is_the_pools() {
        assert_eq!(threads(), rayon::current_num_threads());
        assert_eq!(threads_from(Some("3"), || 2), 3);
        assert_eq!(threads_from(Some("0"), || 2), 2);
        assert_eq!(threads_from(Some("two"), || 2), 2);
        assert_eq!(threads_from(None, || 5), 5);
    }

    /// Items whose work takes longer the earlier they are, so later ones finish first.
    fn slow_first(i: &usize) -> usize {
        std::thread::sleep(Duration::from_micros(((20 - i % 20) * 150) as u64));
        i * 10
    }

    #[test]
    fn results_are_taken_in_order_whatever_finishes_first() {
        let items: Vec<usize> = (0..200).collect();
        for (threads, ahead) in [(1, 8), (2, 1), (2, 3), (4, 16), (3, 500)] {
            let mut seen = Vec::new();
            let ran = in_order(&items, threads, ahead, slow_first, |item, r| {
                seen.push((*item, r));
                Ok::<(), ()>(())
            });
            assert_eq!(ran, Ok(()));
            let want: Vec<(usize, usize)> = items.iter().map(|&i| (i, i * 10)).collect();
            assert_eq!(seen, want, "{threads} threads, {ahead} ahead");
        }
    }

    #[test]
    fn no_more_than_ahead_items_are_done_beyond_the_last_taken() {
        let items: Vec<usize> = (0..100).collect();
        let taken = std::sync::atomic::AtomicUsize::new(0);
        let ahead = 4;
        in_order(
            &items,
            3,
            ahead,
            |&i| {
                // The taker counts here before it makes room, so this is never too low.
                let done = taken.load(std::sync::atomic::Ordering::SeqCst);
                assert!(i < done + ahead, "item {i} started with {done} taken");
                slow_first(&i)
            },
            |_, _| {
                taken.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(taken.into_inner(), 100);
    }

    #[test]
    fn the_calling_thread_works_beside_the_others() {
        let items: Vec<usize> = (0..64).collect();
        let caller = std::thread::current().id();
        for threads in [2, 3] {
            let ids = Mutex::new(Vec::new());
            let work = |i: &usize| {
                ids.lock().unwrap().push(std::thread::current().id());
                slow_first(i)
            };
            in_order(&items, threads, 8, work, |_, _| Ok::<(), ()>(())).unwrap();
            let mut ids = ids.into_inner().unwrap();
            assert!(ids.contains(&caller), "{threads} threads: the caller worked on nothing");
            ids.sort_by_key(|id| format!("{id:?}"));
            ids.dedup();
            assert!(ids.len() <= threads, "{threads} threads: {} worked", ids.len());
        }
    }

    #[test]
    fn an_error_while_taking_stops_the_work() {
        let items: Vec<usize> = (0..1000).collect();
        let worked = std::sync::atomic::AtomicUsize::new(0);
        let ran = in_order(
            &items,
            2,
            8,
            |&i| {
                worked.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                i
            },
            |&i, _| if i == 10 { Err(i) } else { Ok(()) },
        );
        assert_eq!(ran, Err(10));
        // What was started before the error, at most `ahead` beyond it.
        assert!(worked.into_inner() <= 11 + 8);
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller_instead_of_hanging() {
        let items: Vec<usize> = (0..50).collect();
        let ran = std::panic::catch_unwind(|| {
            in_order(
                &items,
                2,
                2,
                |&i| {
                    assert!(i != 5, "item five");
                    i
                },
                |_, _| Ok::<(), ()>(()),
            )
        });
        assert!(ran.is_err());
    }
}
