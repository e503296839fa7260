//! `parse_pair` on two threads that stay up from the first step to the last.
//!
//! Starting a thread costs 0.1 to 3.4 ms on a 2-CPU virtual machine (from `spawn` to the new
//! thread running), against steps of 2 to 12 ms on the MusicBrainz pair, so one helper thread
//! is started once: it splits the right side, tokenizes chunks in turn with this thread, then
//! classifies the right side, and between steps waits for this thread's results with a
//! [`Flag`]. Splitting and classifying the right side, and joining in the tokenizing,
//! are [`Claim`]s: when the helper is late (slow to start, or paused by the machine), this
//! thread does them, and waits for the helper only at the end. The results are those of the
//! one-thread path (tests in `fast`).

use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};
use std::time::Duration;

use super::{LEX_CHUNK, Plan, Sides, Split, classify_side, split_hashed};
use crate::classify::Order;
use crate::error::Error;
use crate::fast::handoff::{Claim, Flag, RaiseOnDrop, take_chunks};
use crate::fast::lines::{Cuts, Lexed};
use crate::parse::{Parsed, parse};
use crate::split::RawStatement;

/// What both threads tokenize from.
struct Work<'r, 'a> {
    /// Dropped once both threads are done with it (the tokens of the lines it shares are
    /// copied into the statements'): a tenth of the memory of a large dump.
    cuts: RwLock<Option<Cuts<'a>>>,
    texts: Vec<(usize, &'r RawStatement<'a>)>,
    next: AtomicUsize,
    /// Each side's statements' text ids, taken when the side is classified.
    left: Mutex<Vec<u32>>,
    right: Mutex<Vec<u32>>,
}

/// The tokens (or errors) of several distinct statement texts, in their order.
type LexedTexts = Vec<Lexed>;

impl Work<'_, '_> {
    /// The chunks this thread takes, tokenized.
    fn lex(&self) -> Vec<(usize, LexedTexts)> {
        let cuts = self.cuts.read().unwrap_or_else(PoisonError::into_inner);
        match cuts.as_ref() {
            // Fewer tasks than two chunks: one each, so that two long statements that share
            // lines (two versions of a wide table) are tokenized at once, each line's tokens
            // kept until the other has them, not all of them until the second one starts
            // (a table of 262,144 columns: 4 bytes of the peak per input byte).
            Some(cuts) => {
                let chunk = LEX_CHUNK.min(self.texts.len().div_ceil(2));
                take_chunks(&self.texts, chunk, &self.next, |chunk| cuts.lex_all(chunk))
            }
            None => Vec::new(),
        }
    }
}

/// Parses both dumps on this thread and one more; `None` if no thread could be started.
pub(super) fn parse_pair<'a>(left: &'a str, right: &'a str, order: Order) -> Option<Sides<'a>> {
    parse_pair_late(left, right, order, Duration::ZERO).map(|(parsed, _)| parsed)
}

/// A side's [`Split`], its hashes to be taken (freed) once the statements are paired.
type Held<'a> = Result<(Arc<Vec<RawStatement<'a>>>, Mutex<Vec<u64>>), Error>;

fn held(split: Split<'_>) -> Held<'_> {
    split.map(|(raw, hashes)| (raw, Mutex::new(hashes)))
}

/// Takes a list out of its lock (a side's hashes, a side's text ids), to be freed or kept by
/// the taker.
fn take<T>(list: &Mutex<Vec<T>>) -> Vec<T> {
    std::mem::take(&mut *list.lock().unwrap_or_else(PoisonError::into_inner))
}

/// Which of the right side's steps this thread took: splitting, classifying.
type Taken = (bool, bool);

/// [`parse_pair`] with a helper that starts `late` (tests: the steps it would take are then
/// this thread's), and which steps this thread took.
fn parse_pair_late<'a>(
    left: &'a str,
    right: &'a str,
    order: Order,
    late: Duration,
) -> Option<(Sides<'a>, Taken)> {
    // What one thread hands the other, each with the flag that says it is there. The helper
    // raises `theirs_ready`, this thread `work_ready` and `done_ready`; `rsplit_ready`, the
    // thread that splits the right side. This thread only waits for steps the helper took on.
    // The left side's split (this thread makes it), declared out of the threads' scope since
    // the work borrows its statements.
    let lsplit: OnceLock<Held<'a>> = OnceLock::new();
    let rsplit: OnceLock<Held<'a>> = OnceLock::new();
    let (split_right, rsplit_ready) = (Claim::default(), Flag::default());
    // Left empty when a side does not split: the helper then stops.
    let work: OnceLock<Work<'_, 'a>> = OnceLock::new();
    let work_ready = Flag::default();
    // Taken by the helper when it joins in tokenizing, or by this thread when done with it
    // (the helper then does not join in).
    let join_lexing = Claim::default();
    // The helper's chunks; `None` if it did not get to the end of them.
    let theirs: Mutex<Option<Vec<(usize, LexedTexts)>>> = Mutex::new(None);
    let theirs_ready = Flag::default();
    let done: OnceLock<LexedTexts> = OnceLock::new();
    let done_ready = Flag::default();
    let classify_right = Claim::default();
    let rparsed: Mutex<Option<Result<Parsed<'a>, Error>>> = Mutex::new(None);

    let split = || {
        let mine = split_right.take();
        if mine {
            let _ = rsplit.set(held(split_hashed(right)));
            rsplit_ready.raise();
        }
        mine
    };
    let classify = |w: &Work<'_, 'a>, done: &LexedTexts| {
        let Some(Ok((rraw, _))) = rsplit.get() else {
            return false;
        };
        let mine = classify_right.take();
        if mine {
            let r = classify_side(Arc::clone(rraw), take(&w.right), done, order);
            *rparsed.lock().unwrap_or_else(PoisonError::into_inner) = Some(r);
        }
        mine
    };

    std::thread::scope(|s| {
        let helper = std::thread::Builder::new().spawn_scoped(s, || {
            let _raise = RaiseOnDrop([&rsplit_ready, &theirs_ready]);
            if !late.is_zero() {
                std::thread::sleep(late);
            }
            let _ = split();
            work_ready.wait();
            let Some(w) = work.get() else { return };
            if join_lexing.take() {
                let mine = w.lex();
                *theirs.lock().unwrap_or_else(PoisonError::into_inner) = Some(mine);
                theirs_ready.raise();
            }
            done_ready.wait();
            if let Some(done) = done.get() {
                let _ = classify(w, done);
            }
        });
        let Ok(helper) = helper else {
            return None;
        };
        let join = |helper: std::thread::ScopedJoinHandle<'_, ()>| {
            helper
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
        };
        let raise = RaiseOnDrop([&work_ready, &done_ready]);

        let l = lsplit.get_or_init(|| held(split_hashed(left)));
        let split_here = split();
        rsplit_ready.wait();
        let (Ok((lraw, lhash)), Some(Ok((rraw, rhash)))) = (l, rsplit.get()) else {
            // Bad input (or a helper that failed): the helper stops, and each side is parsed
            // on its own, which reports its first error.
            drop(raise);
            join(helper);
            return Some((
                (parse(left, order), parse(right, order)),
                (split_here, false),
            ));
        };
        let Plan {
            texts,
            left: left_ids,
            right: right_ids,
        } = Plan::new(lraw, &take(lhash), rraw, &take(rhash));
        let cuts = Cuts::new(&texts);
        let texts = texts.into_iter().enumerate().collect();
        let w = work.get_or_init(|| Work {
            cuts: RwLock::new(Some(cuts)),
            texts,
            next: AtomicUsize::new(0),
            left: Mutex::new(left_ids),
            right: Mutex::new(right_ids),
        });
        work_ready.raise();
        let mut chunks = w.lex();
        if !join_lexing.take() {
            // The helper is tokenizing too: its last chunk may not be done yet.
            theirs_ready.wait();
            let Some(more) = theirs.lock().unwrap_or_else(PoisonError::into_inner).take() else {
                // The helper stopped before the end (it panicked): its panic goes on here.
                drop(raise);
                join(helper);
                unreachable!("the helper hands its chunks over unless it panics");
            };
            chunks.extend(more);
        }
        *w.cuts.write().unwrap_or_else(PoisonError::into_inner) = None;
        chunks.sort_unstable_by_key(|&(k, _)| k);
        let done = done.get_or_init(|| {
            let mut all = Vec::with_capacity(chunks.iter().map(|(_, r)| r.len()).sum());
            chunks.into_iter().for_each(|(_, r)| all.extend(r));
            all
        });
        done_ready.raise();
        let l = classify_side(Arc::clone(lraw), take(&w.left), done, order);
        let classified_here = classify(w, done);
        drop(raise);
        join(helper);
        match rparsed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            Some(r) => Some(((l, r), (split_here, classified_here))),
            None => unreachable!("one thread or the other classifies the right side"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fast::tests::same;

    #[test]
    fn a_late_helper_leaves_its_steps_to_the_other_thread() {
        let left = "CREATE TABLE t (a int,\n  b text);\nCREATE INDEX i ON t (a);\n";
        let right = "CREATE TABLE t (b text,\n  a int);\nCREATE INDEX i ON t (a);\n";
        let order = Order::default();
        for (l, r) in [(left, right), (left, "SELECT 'x"), ("SELECT ._x;", right)] {
            let late = Duration::from_secs(1);
            let ((pl, pr), taken) = parse_pair_late(l, r, order, late).unwrap();
            // The right side's steps are this thread's; a dump that does not split stops
            // before classifying.
            let split = crate::split::split(l).is_ok() && crate::split::split(r).is_ok();
            assert_eq!(taken, (true, split), "{l} / {r}");
            assert!(same(&pl, &parse(l, order)), "{l}");
            assert!(same(&pr, &parse(r, order)), "{r}");
        }
    }
}
