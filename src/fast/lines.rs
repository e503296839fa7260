//! Cuts statements of several lines into lines, so that a line found in more than one
//! statement is tokenized once (see [`Cuts`]).

use std::sync::{Arc, Mutex, PoisonError};

use crate::error::Error;
use crate::fast::hash::{FastHashMap, Hashed};
use crate::split::RawStatement;
use crate::tokenize::{Buffer, Tokens, tokenize_cut, tokenize_statement, tokenize_text};

/// A statement's tokens, or the error tokenizing it gives: boxed, since an error is 88
/// bytes and a large dump has hundreds of thousands of these, almost all tokens.
pub(crate) type Lexed = Result<Arc<Tokens>, Box<Error>>;

/// No shared line: a [`Piece`] tokenized in its statement.
const OWN: u32 = u32::MAX;

/// A piece of a statement cut into lines: a run of lines that no other statement has,
/// tokenized with the statement, or a line found elsewhere too, tokenized once for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    from: u32,
    to: u32,
    /// Which shared line this is, or [`OWN`].
    shared: u32,
}

/// How the distinct statement texts of a plan are tokenized.
///
/// Two versions of a table differ in a line or in the order of their lines, and pg_dump
/// repeats lines across statements (`START WITH 1`, `id integer NOT NULL,`). So a statement
/// of several lines is cut into lines where they start between tokens (see
/// `RawStatement::line_starts`): a line found more than once is tokenized once, the runs of
/// the other lines with their statement, and the statement's tokens are its pieces' tokens
/// one after the other, as the statement tokenized whole would give them.
#[derive(Debug)]
pub(crate) struct Cuts<'a> {
    /// For each distinct text, its pieces in `pieces`; none if it is tokenized whole.
    of_text: Vec<(u32, u32)>,
    pub pieces: Vec<Piece>,
    /// The lines found more than once, each once, and their tokens once a statement needed
    /// them (on whichever thread came first).
    pub shared: Vec<&'a str>,
    lexed: Vec<Mutex<Line>>,
}

/// A shared line's tokens, once a statement needed them, and how many of its uses have yet
/// to take them: the last one moves them out instead of copying them, so that a line's tokens
/// are not kept a third time beside the statements' own (a one-line 17 MB INSERT that differs
/// in its last value shares all its pieces but the last with the other side: 256 MB a copy).
#[derive(Debug)]
struct Line {
    left: u32,
    tokens: Option<Result<Tokens, Error>>,
}

/// The lines of a statement that can be cut, as byte ranges of its text: none for a statement
/// of one line, or with meta-command lines or COPY rows (those are the statement's own).
fn lines<'r>(r: &'r RawStatement<'_>) -> impl Iterator<Item = (usize, usize)> + 'r {
    // Offsets are 32-bit: a statement of 4 GiB or more is not cut.
    let starts: &[u32] = if r.meta_lines().is_empty()
        && r.copy_rows().is_empty()
        && u32::try_from(r.text.len()).is_ok()
    {
        r.line_starts()
    } else {
        &[]
    };
    let count = if starts.is_empty() {
        0
    } else {
        starts.len() + 1
    };
    let from = std::iter::once(0).chain(starts.iter().map(|&s| s as usize));
    let to = starts.iter().map(|&s| s as usize).chain([r.text.len()]);
    from.zip(to).take(count)
}

impl<'a> Cuts<'a> {
    pub(crate) fn new(statements: &[&RawStatement<'a>]) -> Self {
        // Every line, numbered by its text, and how often each text occurs.
        // At most this many lines: the lists are sized once instead of grown by doubling.
        let most: usize = statements.iter().map(|r| r.line_starts().len() + 1).sum();
        let mut ids = Vec::with_capacity(most);
        let mut texts: Vec<&'a str> = Vec::new();
        let mut uses: Vec<u32> = Vec::new();
        let mut seen: FastHashMap<Hashed<'a>, u32> = FastHashMap::default();
        for r in statements {
            for (from, to) in lines(r) {
                let line = Hashed::new(&r.text[from..to]);
                let id = *seen.entry(line).or_insert_with(|| {
                    texts.push(line.text);
                    uses.push(0);
                    texts.len() as u32 - 1
                });
                uses[id as usize] += 1;
                ids.push(id);
            }
        }
        drop(seen);
        let mut shared_as = vec![OWN; texts.len()];
        let mut shared = Vec::new();
        let mut of_text = Vec::with_capacity(statements.len());
        let mut pieces = Vec::with_capacity(most);
        let mut ids = ids.into_iter();
        for r in statements {
            let first = pieces.len();
            for ((from, to), id) in lines(r).zip(&mut ids) {
                let id = id as usize;
                let (from, to) = (from as u32, to as u32);
                if uses[id] > 1 {
                    if shared_as[id] == OWN {
                        shared_as[id] = shared.len() as u32;
                        shared.push(texts[id]);
                    }
                    pieces.push(Piece {
                        from,
                        to,
                        shared: shared_as[id],
                    });
                } else {
                    match pieces[first..].last_mut() {
                        Some(run) if run.shared == OWN => run.to = to,
                        _ => pieces.push(Piece {
                            from,
                            to,
                            shared: OWN,
                        }),
                    }
                }
            }
            // A statement none of whose lines is found elsewhere is tokenized whole.
            if pieces.len() == first + 1 && pieces[first].shared == OWN {
                pieces.truncate(first);
            }
            of_text.push((first as u32, pieces.len() as u32));
        }
        // Each shared line's uses, to count down as statements take its tokens.
        let mut left = vec![0; shared.len()];
        for (&k, &n) in shared_as.iter().zip(&uses) {
            if k != OWN {
                left[k as usize] = n;
            }
        }
        let lexed = left
            .into_iter()
            .map(|left| Mutex::new(Line { left, tokens: None }))
            .collect();
        Cuts {
            of_text,
            pieces,
            shared,
            lexed,
        }
    }

    pub(crate) fn pieces(&self, text_id: usize) -> &[Piece] {
        let (a, b) = self.of_text[text_id];
        &self.pieces[a as usize..b as usize]
    }

    /// The tokens of each of `texts` (numbered). A statement with a piece that does not
    /// tokenize is tokenized whole, for the error it gives so.
    pub(crate) fn lex_all(&self, texts: &[(usize, &RawStatement<'_>)]) -> Vec<Lexed> {
        let mut buf: Buffer = Vec::new();
        let mut scratch = Tokens::default();
        texts
            .iter()
            .map(|&(t, r)| {
                let pieces = self.pieces(t);
                if !pieces.is_empty() && self.join(r, pieces, &mut buf, &mut scratch) {
                    return Ok(Arc::new(scratch.take_exact()));
                }
                scratch.toks.clear();
                tokenize_statement(r, &mut buf)
                    .map(Arc::new)
                    .map_err(Box::new)
            })
            .collect()
    }

    /// Tokenizes a statement piece by piece into `out`; false if a piece does not tokenize.
    fn join(
        &self,
        r: &RawStatement<'_>,
        pieces: &[Piece],
        buf: &mut Buffer,
        out: &mut Tokens,
    ) -> bool {
        // Room for a token every 2 bytes, made at once: memory not written is not resident, and
        // a list grown by doubling leaves copies that the allocator may keep (a table of
        // 262,144 columns on lines of their own: 4 bytes of the peak per input byte).
        out.toks.reserve(r.text.len() / 2);
        for p in pieces {
            if p.shared == OWN {
                let (from, to) = (p.from as usize, p.to as usize);
                let text = &r.text[from..to];
                let starts = r.line_starts();
                let first = starts.partition_point(|&at| (at as usize) <= from);
                let cuts = starts[first..]
                    .iter()
                    .map(|&at| at as usize)
                    .take_while(|&at| at < to)
                    .map(|at| at - from);
                if tokenize_cut(text, cuts, buf, out).is_err() {
                    return false;
                }
            } else {
                let k = p.shared as usize;
                let mut line = self.lexed[k].lock().unwrap_or_else(PoisonError::into_inner);
                let line = &mut *line;
                line.left = line.left.saturating_sub(1);
                let lexed = line.tokens.get_or_insert_with(|| {
                    let mut tokens = Tokens::default();
                    tokenize_text(self.shared[k], buf, &mut tokens, None).map(|()| tokens)
                });
                match lexed {
                    Ok(tokens) if line.left == 0 => {
                        out.append_line(tokens);
                        tokens.toks.shrink_to_fit();
                    }
                    Ok(tokens) => out.push_line(tokens),
                    Err(_) => return false,
                }
            }
        }
        out.drop_final_semicolon();
        true
    }
}
