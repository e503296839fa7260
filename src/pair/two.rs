//! `parse_pair` on two threads that stay up from the first step to the last.
//!
//! Starting a thread for each step cost 0.1 to 3.4 ms a step on the 2-CPU virtual machine
//! this was measured on (the time from `spawn` to the new thread running), against steps of
//! 2 to 12 ms on the MusicBrainz pair. Here one helper thread is started once: it splits the
//! right side, tokenizes chunks in turn with this thread, then classifies the right side, and
//! between steps waits for this thread's results with a [`Flag`]. The results are those of
//! the one-thread path (tests in `pair`).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError, RwLock};
use std::time::{Duration, Instant};

use super::{LEX_CHUNK, Plan, Split, side, split_hashed, take_chunks};
use crate::classify::Order;
use crate::cut::Cuts;
use crate::error::Error;
use crate::lex::Tokens;
use crate::scan::RawStatement;
use crate::schema::{Parsed, parse};

/// A flag one thread raises and another waits for. The waiting thread spins for a moment
/// first: the steps between two hand-offs are short, and a thread that sleeps is slow to wake
/// on a busy or virtual machine. Then it sleeps until the flag is raised.
#[derive(Default)]
pub(super) struct Flag {
    up: AtomicBool,
    lock: Mutex<bool>,
    raised: Condvar,
}

impl Flag {
    /// How long a waiting thread spins before it sleeps.
    const SPIN: Duration = Duration::from_millis(2);

    pub(super) fn raise(&self) {
        let mut up = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        *up = true;
        self.up.store(true, Ordering::Release);
        self.raised.notify_all();
    }

    pub(super) fn wait(&self) {
        let start = Instant::now();
        while !self.up.load(Ordering::Acquire) {
            if start.elapsed() > Self::SPIN {
                let mut up = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
                while !*up {
                    up = self.raised.wait(up).unwrap_or_else(PoisonError::into_inner);
                }
                return;
            }
            std::hint::spin_loop();
        }
    }
}

/// Raises its flags when dropped: however a thread leaves (a panic included), the other one
/// does not wait for it forever.
struct RaiseOnDrop<'f>([&'f Flag; 2]);

impl Drop for RaiseOnDrop<'_> {
    fn drop(&mut self) {
        for flag in self.0 {
            flag.raise();
        }
    }
}

/// What both threads tokenize from.
struct Work<'r, 'a> {
    /// Dropped once both threads are done with it (the tokens of the lines it shares are
    /// copied into the statements'): a tenth of the memory of a large dump.
    cuts: RwLock<Option<Cuts<'a>>>,
    tasks: Vec<(usize, &'r RawStatement<'a>)>,
    next: AtomicUsize,
    left: Vec<u32>,
    right: Vec<u32>,
}

type Lexed = Vec<Result<Arc<Tokens>, Error>>;

impl Work<'_, '_> {
    /// The chunks this thread takes, tokenized.
    fn lex(&self) -> Vec<(usize, Lexed)> {
        let cuts = self.cuts.read().unwrap_or_else(PoisonError::into_inner);
        match cuts.as_ref() {
            Some(cuts) => take_chunks(&self.tasks, LEX_CHUNK, &self.next, |chunk| {
                cuts.lex_all(chunk)
            }),
            None => Vec::new(),
        }
    }
}

/// Parses both dumps on this thread and one more; `None` if no thread could be started.
pub(super) fn parse_pair<'a>(
    left: &'a str,
    right: &'a str,
    order: Order,
) -> Option<(Result<Parsed<'a>, Error>, Result<Parsed<'a>, Error>)> {
    // What one thread hands the other, each with the flag that says it is there. The helper
    // raises `rsplit_ready` and `theirs_ready`, this thread `work_ready` and `done_ready`.
    let lsplit: OnceLock<Split<'a>> = OnceLock::new();
    let rsplit: OnceLock<Split<'a>> = OnceLock::new();
    let rsplit_ready = Flag::default();
    // Empty when there is nothing to tokenize: the helper stops.
    let work: OnceLock<Work<'_, 'a>> = OnceLock::new();
    let work_ready = Flag::default();
    // The helper's chunks; `None` if it did not get to the end of them.
    let theirs: Mutex<Option<Vec<(usize, Lexed)>>> = Mutex::new(None);
    let theirs_ready = Flag::default();
    let done: OnceLock<Lexed> = OnceLock::new();
    let done_ready = Flag::default();

    std::thread::scope(|s| {
        let helper = std::thread::Builder::new().spawn_scoped(s, || {
            let _raise = RaiseOnDrop([&rsplit_ready, &theirs_ready]);
            let _ = rsplit.set(split_hashed(right));
            rsplit_ready.raise();
            work_ready.wait();
            let w = work.get()?;
            let mine = w.lex();
            *theirs.lock().unwrap_or_else(PoisonError::into_inner) = Some(mine);
            theirs_ready.raise();
            done_ready.wait();
            let (Some(Ok((rraw, _))), Some(done)) = (rsplit.get(), done.get()) else {
                return None;
            };
            Some(side(rraw, &w.right, done, order))
        });
        let Ok(helper) = helper else {
            return None;
        };
        let join = |helper: std::thread::ScopedJoinHandle<'_, _>| {
            helper
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
        };
        let raise = RaiseOnDrop([&work_ready, &done_ready]);

        let l = lsplit.get_or_init(|| split_hashed(left));
        rsplit_ready.wait();
        let (Ok((lraw, lhash)), Some(Ok((rraw, rhash)))) = (l, rsplit.get()) else {
            // Bad input (or a helper that failed): the helper stops, and each side is parsed
            // on its own, which reports its first error.
            drop(raise);
            join(helper);
            return Some((parse(left, order), parse(right, order)));
        };
        let Plan {
            tasks,
            left: ltask,
            right: rtask,
        } = Plan::new(lraw, lhash, rraw, rhash);
        let cuts = Cuts::new(&tasks);
        let tasks = tasks.into_iter().enumerate().collect();
        let w = work.get_or_init(|| Work {
            cuts: RwLock::new(Some(cuts)),
            tasks,
            next: AtomicUsize::new(0),
            left: ltask,
            right: rtask,
        });
        work_ready.raise();
        let mut chunks = w.lex();
        theirs_ready.wait();
        let Some(more) = theirs.lock().unwrap_or_else(PoisonError::into_inner).take() else {
            // The helper stopped before the end (it panicked): its panic goes on from here.
            drop(raise);
            join(helper);
            unreachable!("the helper hands its chunks over unless it panics");
        };
        chunks.extend(more);
        *w.cuts.write().unwrap_or_else(PoisonError::into_inner) = None;
        chunks.sort_unstable_by_key(|&(k, _)| k);
        let done = done.get_or_init(|| chunks.into_iter().flat_map(|(_, r)| r).collect());
        done_ready.raise();
        let l = side(lraw, &w.left, done, order);
        drop(raise);
        match join(helper) {
            Some(r) => Some((l, r)),
            None => unreachable!("the helper classifies the right side once given its tokens"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_wakes_a_thread_that_sleeps_or_spins() {
        for pause in [Duration::ZERO, Flag::SPIN * 3] {
            let flag = Flag::default();
            std::thread::scope(|s| {
                s.spawn(|| {
                    std::thread::sleep(pause);
                    flag.raise();
                });
                flag.wait();
            });
            assert!(flag.up.load(Ordering::Acquire));
            // A raised flag does not wait.
            flag.wait();
        }
    }
}
