//! Sharing work out between threads ([`Threads`]) and handing work and results from one
//! thread to another (see `fast::two`): a
//! [`Flag`] to wait on, a [`Claim`] on a step that either thread may take, and chunks of a
//! list that threads take in turn ([`take_chunks`]).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// A flag one thread raises and another waits for, asleep on a `Condvar` from the start: a
/// thread that spins first takes a CPU the other thread may need, and makes the comparison no
/// faster (generated 50 MB pair, medians of 15 interleaved runs: 7298 ms spinning up to 2 ms,
/// 6534 ms asleep).
#[derive(Default)]
pub(crate) struct Flag {
    up: Mutex<bool>,
    raised: Condvar,
}

impl Flag {
    pub(crate) fn raise(&self) {
        *self.up.lock().unwrap_or_else(PoisonError::into_inner) = true;
        self.raised.notify_all();
    }

    pub(crate) fn wait(&self) {
        let mut up = self.up.lock().unwrap_or_else(PoisonError::into_inner);
        while !*up {
            up = self.raised.wait(up).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// Raises its flags when dropped: however a thread leaves (a panic included), the other one
/// does not wait for it forever.
pub(crate) struct RaiseOnDrop<'f, const N: usize>(pub [&'f Flag; N]);

impl<const N: usize> Drop for RaiseOnDrop<'_, N> {
    fn drop(&mut self) {
        for flag in self.0 {
            flag.raise();
        }
    }
}

/// A step that either thread may take: the first to get to it does it. A thread can be slow
/// to start, or paused by the machine; the other then does its share.
#[derive(Default)]
pub(crate) struct Claim(AtomicBool);

impl Claim {
    pub(crate) fn take(&self) -> bool {
        !self.0.swap(true, Ordering::AcqRel)
    }
}

/// `f` over the chunks of `items` that this thread takes, in turn with others that share
/// `next`: each chunk numbered, with its results.
pub(crate) fn take_chunks<T, R>(
    items: &[T],
    chunk: usize,
    next: &AtomicUsize,
    f: impl Fn(&[T]) -> Vec<R>,
) -> Vec<(usize, Vec<R>)> {
    let chunk = chunk.max(1);
    let mut done = Vec::new();
    loop {
        let k = next.fetch_add(1, Ordering::Relaxed);
        let from = k.saturating_mul(chunk);
        if from >= items.len() {
            return done;
        }
        done.push((k, f(&items[from..items.len().min(from + chunk)])));
    }
}

/// Whether work is shared out between two threads: only when this process may run on more
/// than one CPU (a process pinned to one CPU gets nothing from a second thread but the cost of
/// switching between them) and the input is large enough to pay for starting a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Threads {
    pub(crate) two: bool,
}

impl Threads {
    /// Below this many bytes of input, one thread does everything.
    #[cfg(not(fuzzing))]
    const MIN_BYTES: usize = 64 * 1024;
    /// In fuzz builds (`--cfg fuzzing`, set by cargo-fuzz), whose inputs are a few KiB, inputs
    /// take the two-thread path from a few hundred bytes on, so that fuzzing covers both paths.
    #[cfg(fuzzing)]
    const MIN_BYTES: usize = 256;

    /// The threads to use for inputs of `bytes` bytes on this machine.
    pub(crate) fn for_input(bytes: usize) -> Self {
        let two = bytes >= Self::MIN_BYTES
            && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
        Threads { two }
    }

    /// Runs `f` and `g`: at once, `f` on a second thread, or one after the other.
    pub(crate) fn both<A: Send, B>(
        self,
        f: impl FnOnce() -> A + Send,
        g: impl FnOnce() -> B,
    ) -> (A, B) {
        if !self.two {
            return (f(), g());
        }
        let slot = Mutex::new(Some(f));
        let run = || {
            let f = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
            f.map(|f| f())
        };
        let (a, b) = std::thread::scope(|s| {
            // If no thread can be started, `f` runs on this one after `g`.
            let handle = std::thread::Builder::new().spawn_scoped(s, run).ok();
            let b = g();
            let a = match handle {
                Some(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                None => None,
            };
            (a, b)
        });
        match a.or_else(run) {
            Some(a) => (a, b),
            None => unreachable!("`f` runs on one thread or the other"),
        }
    }

    /// Drops `value` on a thread of its own that nobody waits for, when there are two CPUs:
    /// freeing a large parsed dump (hundreds of thousands of small allocations) is work the
    /// caller does not need to wait for (the release CLI freeing inline takes 13.1 % more
    /// time on the MusicBrainz pair and 12.2 % on the generated 50 MB pair, medians of runs
    /// side by side, `scripts/side-by-side.sh`). Inline otherwise, or if no thread can be
    /// started.
    ///
    /// Fuzz builds drop inline too: libFuzzer checks for leaks after an input with
    /// LeakSanitizer, which takes the thread-local destructor list of a thread still running
    /// then (glibc's, allocated by `__cxa_thread_atexit_impl`) for a leak.
    pub(crate) fn free_later<T: Send + 'static>(self, value: T) {
        if self.two && !cfg!(fuzzing) {
            // On failure the closure, and `value` with it, is dropped here.
            let _ = std::thread::Builder::new()
                .name("sql-compare-free".into())
                .spawn(move || drop(value));
        } else {
            drop(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_flag_wakes_a_thread_that_waits() {
        for pause in [Duration::ZERO, Duration::from_millis(5)] {
            let flag = Flag::default();
            std::thread::scope(|s| {
                s.spawn(|| {
                    std::thread::sleep(pause);
                    flag.raise();
                });
                flag.wait();
            });
            assert!(*flag.up.lock().unwrap());
            // A raised flag does not wait.
            flag.wait();
        }
    }

    #[test]
    fn a_claim_is_taken_once() {
        let claim = Claim::default();
        let taken = std::thread::scope(|s| {
            let other = s.spawn(|| claim.take());
            let here = claim.take();
            [here, other.join().unwrap()]
        });
        assert_eq!(taken.iter().filter(|&&t| t).count(), 1);
        assert!(!claim.take());
    }
}
