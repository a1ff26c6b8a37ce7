//! Work done on several threads and handed back in order: each result is taken as soon as it
//! and every one before it are done, so the threads never wait for a whole batch to be
//! reported (the output is the same whatever the threads' timing).

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
            p = self.room.wait(p).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        if p.stop || p.next >= len {
            return None;
        }
        p.next += 1;
        Some(p.next - 1)
    }

    fn taken(&self, taken: usize) {
        self.lock().taken = taken;
        self.room.notify_all();
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.room.notify_all();
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

/// Runs `work` on every item, on `threads` threads, at most `ahead` items beyond the last one
/// taken, and hands each result to `take` in the items' order (on the calling thread). The
/// first error of `take` stops the run: items not yet started are not worked on.
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
        progress: Mutex::new(Progress { next: 0, taken: 0, stop: false }),
        room: Condvar::new(),
    };
    let (done, results) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(items.len()) {
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
        let taken = take_in_order(items, ahead, &results, &mut take, &shared);
        if taken.is_err() {
            shared.stop();
        }
        // Results still on their way are dropped with the channel.
        drop(results);
        taken
    })
}

/// Takes the results as they come, in the items' order; returns when every item is taken, the
/// threads are gone or `take` fails.
fn take_in_order<T, R, E>(
    items: &[T],
    ahead: usize,
    results: &mpsc::Receiver<(usize, R)>,
    take: &mut impl FnMut(&T, R) -> Result<(), E>,
    shared: &Shared,
) -> Result<(), E> {
    // Slot k holds the result of item taken + k once it is done.
    let mut waiting: VecDeque<Option<R>> = VecDeque::with_capacity(ahead);
    let mut taken = 0;
    while taken < items.len() {
        let Ok((i, r)) = results.recv() else {
            // Every thread has ended without finishing: one panicked (the scope says so).
            return Ok(());
        };
        let k = i - taken;
        if waiting.len() <= k {
            waiting.resize_with(k + 1, || None);
        }
        waiting[k] = Some(r);
        let before = taken;
        while let Some(Some(_)) = waiting.front() {
            let r = waiting.pop_front().flatten().expect("the front is done");
            take(&items[taken], r)?;
            taken += 1;
        }
        if taken > before {
            shared.taken(taken);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

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
