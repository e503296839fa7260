//! One side of a comparison parsed on its own: the dump split, tokenized and classified. This
//! is the reference parse; `fast::parse_pair` parses both sides at once and must give on each
//! exactly what [`parse`] gives.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::classify::{Classifier, Entry, Facts, Order};
use crate::error::{Error, Location};
use crate::split::{RawStatement, split};
use crate::tokenize::{Tokens, locate_each, tokenize_statement};

/// What a dump's statement adds to its text (the [`RawStatement`] of the same index in
/// [`Parsed::raw`]): its canonical tokens, which may be shared with a statement of the same
/// text, on this side or the other (see `fast`). 8 bytes a statement: a dump of `SELECT 1;`
/// lines is 10 bytes a statement.
#[derive(Debug)]
pub(crate) struct Stmt {
    pub tokens: Arc<Tokens>,
}

/// No text id: a statement parsed on its own, that no statement of the other side shares.
pub(crate) const NO_TEXT_ID: u32 = u32::MAX;

/// Where the tokens of a statement start, as bytes of its text (one a token but the `COPY`
/// rows), and where its lines end (the byte of each `\n`): 4 bytes a token and a line, for
/// the statements shown in a report only.
#[derive(Debug)]
pub(crate) struct Positions {
    pub tokens: Vec<u32>,
    newlines: Vec<u32>,
}

pub(crate) type Starts = Arc<Positions>;

/// Where the tokens of `text` start, as its bytes (the tokens [`tokenize`](crate::tokenize)
/// makes of it with its meta-command lines blanked, the final `;` left out), and where its
/// lines end: found by running sqlparser's tokenizer over it again, for the statements
/// that are shown only.
pub(crate) fn positions(text: &str, meta_lines: &[(usize, usize)], count: usize) -> Positions {
    let mut tokens = Vec::with_capacity(count + 1);
    let mut bytes = Bytes::new(text);
    if locate_each(text, meta_lines, |at| {
        tokens.push(bytes.at(at));
    }) {
        tokens.pop();
    }
    let newlines = text.match_indices('\n').map(|(i, _)| i as u32);
    Positions {
        tokens,
        newlines: newlines.collect(),
    }
}

/// A statement of a [`Parsed`] dump: its text, where it is, and its tokens.
pub(crate) struct StmtRef<'p, 'a> {
    pub text: &'a str,
    pub start: Location,
    /// The line of the statement's last character; `None` for a kept statement on one
    /// line or more that says no more (found from the text when asked for: see
    /// [`StmtRef::end_line`]).
    end_line: Option<u32>,
    pub tokens: &'p Arc<Tokens>,
    meta_lines: &'p [(usize, usize)],
    /// How many `COPY` data rows follow the text (the last tokens).
    copy_rows: usize,
    index: u32,
    /// The dump's starts of the statements asked for so far.
    known: &'p Mutex<HashMap<u32, Starts>>,
    starts: std::cell::OnceCell<Starts>,
}

impl StmtRef<'_, '_> {
    /// Where the tokens start: found when first asked for, and kept for the statement.
    fn starts(&self) -> &Positions {
        self.shared()
    }

    /// [`StmtRef::starts`], shared.
    fn shared(&self) -> &Starts {
        self.starts.get_or_init(|| {
            let mut known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
            let starts = known.entry(self.index).or_insert_with(|| {
                let count = self.tokens.toks.len() - self.copy_rows;
                Arc::new(positions(self.text, self.meta_lines, count))
            });
            Arc::clone(starts)
        })
    }

    /// The line of the statement's last character.
    pub fn end_line(&self) -> u32 {
        self.end_line.unwrap_or_else(|| {
            self.start.line + self.text.bytes().filter(|&b| b == b'\n').count() as u32
        })
    }

    /// Where the tokens start, as [`StmtRef::offset`] gives them one at a time, shared.
    pub fn positions(&self) -> Starts {
        Arc::clone(self.shared())
    }

    /// The statement's meta-command lines (see `RawStatement::meta_lines`).
    pub fn meta_lines(&self) -> &[(usize, usize)] {
        self.meta_lines
    }

    /// Where token `k` starts, if the positions were found already.
    pub fn known_positions(&self) -> Option<Starts> {
        if let Some(s) = self.starts.get() {
            return Some(Arc::clone(s));
        }
        let known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        known.get(&self.index).map(Arc::clone)
    }

    /// How many of the tokens are the statement's text's, the `COPY` data rows that follow
    /// it left out.
    pub fn text_tokens(&self) -> usize {
        self.tokens.toks.len() - self.copy_rows
    }

    /// The line in the input where token `k` starts, if there is a token `k`.
    pub fn line(&self, k: usize) -> Option<u32> {
        let count = self.tokens.toks.len();
        let first_row = count - self.copy_rows;
        if k < first_row {
            let starts = self.starts();
            debug_assert_eq!(starts.tokens.len(), first_row, "a start for every token");
            let &at = starts.tokens.get(k)?;
            let before = starts.newlines.partition_point(|&n| n < at);
            Some(self.start.line + before as u32)
        } else if k < count {
            // A `COPY` data row: one a line, from the line after the statement's end.
            let row = (k - first_row) as u32;
            Some(self.end_line() + 1 + row)
        } else {
            None
        }
    }

    /// Where token `k` starts in the input, if there is a token `k`.
    #[cfg(test)]
    pub fn location(&self, k: usize) -> Option<Location> {
        let line = self.line(k)?;
        if k >= self.tokens.toks.len() - self.copy_rows {
            return Some(Location::new(line, 1));
        }
        let at = self.offset(k)?;
        let from = self.text[..at].rfind('\n').map(|n| n + 1);
        let column = self.text[from.unwrap_or(0)..at].chars().count() as u32 + 1;
        Some(match from {
            None => Location::new(line, self.start.column + column - 1),
            Some(_) => Location::new(line, column),
        })
    }

    /// The byte of the statement's text where token `k` starts: its end for a `COPY` data row
    /// (they follow the text), `None` if there is no token `k`.
    pub fn offset(&self, k: usize) -> Option<usize> {
        let count = self.tokens.toks.len();
        let first_row = count - self.copy_rows;
        if k < first_row {
            self.starts().tokens.get(k).map(|&at| at as usize)
        } else if k < count {
            Some(self.text.len())
        } else {
            None
        }
    }
}

/// Finds the byte of each of a text's locations (relative to it, asked for in order) in one
/// walk over the text (counting each one's column from its line's start would take a line of
/// many tokens a time quadratic in its length).
struct Bytes<'t> {
    text: &'t str,
    chars: std::str::CharIndices<'t>,
    line: u32,
    column: u32,
    byte: usize,
}

impl<'t> Bytes<'t> {
    fn new(text: &'t str) -> Self {
        Bytes {
            text,
            chars: text.char_indices(),
            line: 1,
            column: 1,
            byte: 0,
        }
    }

    fn at(&mut self, loc: Location) -> u32 {
        while (self.line, self.column) < (loc.line, loc.column) {
            let Some((i, c)) = self.chars.next() else {
                self.byte = self.text.len();
                break;
            };
            self.byte = i + c.len_utf8();
            if c == '\n' {
                (self.line, self.column) = (self.line + 1, 1);
            } else {
                self.column += 1;
            }
        }
        self.byte as u32
    }
}

/// A parsed dump.
#[derive(Debug)]
pub(crate) struct Parsed<'a> {
    /// The statements' texts and where they are (shared with the parts of `fast` that
    /// tokenize them, until those are done).
    pub raw: Arc<Vec<RawStatement<'a>>>,
    /// What each statement of `raw` adds.
    pub stmts: Vec<Stmt>,
    /// Which distinct statement text of the comparison each statement is (see `fast`):
    /// statements of the two sides with the same text id have the same text and share their
    /// tokens. [`NO_TEXT_ID`] when parsed on its own.
    pub text_ids: Vec<u32>,
    /// The schema that unqualified names are read in, as an index into `search_paths`, from
    /// the first statement of each run of statements read in one schema (dumps set it once
    /// or a few times): a statement's entries follow from its tokens and this (see
    /// [`Parsed::search_path`]).
    pub search_path_runs: Vec<(u32, u32)>,
    pub entries: Vec<Entry>,
    pub facts: Facts,
    /// The default schemas that statements are read in (`SET search_path`), each once; see
    /// [`Parsed::search_path`].
    pub search_paths: Vec<Option<String>>,
    /// Where the tokens of the statements shown in a report start (see [`StmtRef`]).
    starts: Mutex<HashMap<u32, Starts>>,
}

impl<'a> Parsed<'a> {
    /// The schema that statement `k` is read in, as an index into `search_paths`.
    pub(crate) fn search_path(&self, k: u32) -> u32 {
        let run = self
            .search_path_runs
            .partition_point(|&(first, _)| first <= k);
        run.checked_sub(1).map_or(0, |r| self.search_path_runs[r].1)
    }

    /// Statement `k`.
    pub(crate) fn stmt(&self, k: u32) -> StmtRef<'_, 'a> {
        let raw = &self.raw[k as usize];
        StmtRef {
            text: raw.text,
            start: raw.start,
            end_line: Some(raw.end_line()),
            tokens: &self.stmts[k as usize].tokens,
            meta_lines: raw.meta_lines(),
            copy_rows: raw.copy_rows().len(),
            index: k,
            known: &self.starts,
            starts: std::cell::OnceCell::new(),
        }
    }
}

/// What a [`Parsed`] owns, without the input text it borrows.
pub(crate) struct OwnedParts {
    _stmts: Vec<Stmt>,
    _entries: Vec<Entry>,
    _facts: Facts,
}

impl Parsed<'_> {
    /// The parts that own memory, to be freed elsewhere or later.
    pub(crate) fn into_owned(self) -> OwnedParts {
        OwnedParts {
            _stmts: self.stmts,
            _entries: self.entries,
            _facts: self.facts,
        }
    }
}

/// A statement's place in a [`Kept`] text, where the statements' texts follow each other (a
/// statement's text ends where the next one's starts): its first byte and first line; what
/// else its [`RawStatement`] says, for the few statements that say more, in `Kept::extras`.
/// 8 bytes, a quarter of a `RawStatement`, whose list it takes the place of (a dump of a
/// million one-line statements: 8 MB a side).
#[derive(Debug)]
struct Span {
    from: u32,
    line: u32,
}

/// What a statement that starts after a line's first column, or has meta-command lines or
/// `COPY` data, adds to its [`Span`] (pg_dump writes few such).
#[derive(Debug)]
struct SpanExtra {
    column: u32,
    end_line: u32,
    meta_lines: Box<[(usize, usize)]>,
    copy_rows: usize,
}

/// One side of a comparison that found differences, kept for a migration draft: a copy of
/// its statements' texts, each one's place, and the parse's tokens, entries and facts. A
/// draft reads the objects of both sides from these, without parsing again.
#[derive(Debug)]
pub(crate) struct Kept {
    text: Box<str>,
    spans: Vec<Span>,
    /// The statements (by index, in order) whose [`SpanExtra`] is not the default.
    extras: Vec<(u32, SpanExtra)>,
    pub stmts: Vec<Stmt>,
    pub entries: Vec<Entry>,
    pub facts: Facts,
    /// Where the tokens of the statements that were shown start (see [`StmtRef`]).
    starts: Mutex<HashMap<u32, Starts>>,
}

impl Parsed<'_> {
    /// The parts a migration draft reads, the statements' texts copied once, after what is
    /// not kept is freed; none if they hold 4 GiB or more.
    pub(crate) fn keep(self, input: &str) -> Option<Kept> {
        let Parsed {
            raw,
            stmts,
            text_ids,
            search_path_runs,
            entries,
            facts,
            search_paths,
            starts,
        } = self;
        drop((text_ids, search_path_runs, search_paths));
        let total: usize = raw.iter().map(|r| r.text.len()).sum();
        u32::try_from(total).ok()?;
        let base = input.as_ptr() as usize;
        let mut extras = Vec::new();
        // The bytes of the input before each statement, after the one before (comments,
        // blank lines, `COPY` data): where to copy its text from, once the list of statements
        // is freed.
        let mut gaps: Vec<u32> = Vec::with_capacity(raw.len());
        let (mut from, mut end, mut fits) = (0, 0, true);
        let spans: Vec<Span> = raw
            .iter()
            .enumerate()
            .map(|(k, r)| {
                if r.start.column != 1 || !r.meta_lines().is_empty() || !r.copy_rows().is_empty() {
                    let extra = SpanExtra {
                        column: r.start.column,
                        end_line: r.end_line(),
                        meta_lines: r.meta_lines().into(),
                        copy_rows: r.copy_rows().len(),
                    };
                    extras.push((k as u32, extra));
                }
                let at = (r.text.as_ptr() as usize).wrapping_sub(base);
                let gap = u32::try_from(at.wrapping_sub(end));
                fits &= gap.is_ok();
                gaps.push(gap.unwrap_or_default());
                end = at + r.text.len();
                let span = Span {
                    from: from as u32,
                    line: r.start.line,
                };
                from += r.text.len();
                span
            })
            .collect();
        drop(raw);
        if !fits {
            return None;
        }
        // The statements' texts one after the other, without the comments and blank lines
        // between them (a fifth of a pg_dump file or more) or the `COPY` data after them.
        let mut kept = String::with_capacity(total);
        let mut at = 0;
        for (k, gap) in gaps.into_iter().enumerate() {
            at += gap as usize;
            let len = spans.get(k + 1).map_or(total, |s| s.from as usize) - spans[k].from as usize;
            kept.push_str(input.get(at..at + len).unwrap_or_default());
            at += len;
        }
        Some(Kept {
            text: kept.into_boxed_str(),
            spans,
            extras,
            stmts,
            entries,
            facts,
            starts,
        })
    }
}

impl Kept {
    /// Where statement `k`'s text is in the kept text.
    fn range(&self, k: usize) -> std::ops::Range<usize> {
        let from = self.spans[k].from as usize;
        let to = self
            .spans
            .get(k + 1)
            .map_or(self.text.len(), |s| s.from as usize);
        from..to
    }

    /// Statement `k`, as [`Parsed::stmt`] gives it.
    pub(crate) fn stmt(&self, k: u32) -> StmtRef<'_, '_> {
        let span = &self.spans[k as usize];
        let extra = self
            .extras
            .binary_search_by_key(&k, |&(i, _)| i)
            .ok()
            .map(|i| &self.extras[i].1);
        let text = self.text.get(self.range(k as usize)).unwrap_or_default();
        StmtRef {
            text,
            start: Location::new(span.line, extra.map_or(1, |e| e.column)),
            // Counted when asked for: the draft takes a statement once for each part it
            // reads, and a table of 10,000 columns is 10,000 lines.
            end_line: extra.map(|e| e.end_line),
            tokens: &self.stmts[k as usize].tokens,
            meta_lines: extra.map_or(&[], |e| &e.meta_lines),
            copy_rows: extra.map_or(0, |e| e.copy_rows),
            index: k,
            known: &self.starts,
            starts: std::cell::OnceCell::new(),
        }
    }

    /// The statement whose text holds `piece` (a slice of this side's text, found by where it
    /// is), and the byte of the statement's text where it starts, if any.
    pub(crate) fn stmt_at(&self, piece: &str) -> Option<(u32, usize)> {
        let at = (piece.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        if at >= self.text.len() || at + piece.len() > self.text.len() {
            return None;
        }
        let k = self
            .spans
            .partition_point(|s| s.from as usize <= at)
            .checked_sub(1)?;
        let range = self.range(k);
        (at + piece.len() <= range.end && k < self.stmts.len())
            .then_some((k as u32, at - range.start))
    }

    /// The text blanked (spaces, each line kept): what is read of it then is read from the
    /// parse, not from the text (for tests).
    #[cfg(test)]
    pub(crate) fn blank_text(&mut self) {
        let blank: String = self
            .text
            .chars()
            .flat_map(|c| std::iter::repeat_n(if c == '\n' { '\n' } else { ' ' }, c.len_utf8()))
            .collect();
        self.text = blank.into();
    }

    /// The length of the text.
    pub(crate) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// How many statements there are.
    pub(crate) fn len(&self) -> u32 {
        self.stmts.len() as u32
    }
}

/// Splits, tokenizes and classifies a dump.
pub(crate) fn parse(src: &str, order: Order) -> Result<Parsed<'_>, Error> {
    let raw = split(src)?;
    let mut buf = Vec::new();
    let tokens = raw
        .iter()
        .map(|r| match tokenize_statement(r, &mut buf) {
            Ok(t) => Ok(Arc::new(t)),
            Err(e) => Err(e.in_statement_at(r.start)),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let lists = PresizedLists::new(&raw);
    let text_ids = vec![NO_TEXT_ID; raw.len()];
    Ok(classify(
        Arc::new(raw),
        |k, _| tokens.get(k),
        text_ids,
        order,
        lists,
    ))
}

/// The lists that classifying a dump fills, its statements and their entries, made ahead.
pub(crate) struct PresizedLists {
    stmts: Vec<Stmt>,
    entries: Vec<Entry>,
}

impl PresizedLists {
    /// Lists with room for the statements of `raw`, and for an entry a statement and one more
    /// per 16 bytes of text (a column of a table, `c1 int,`, takes 8 bytes or more). Memory
    /// that is not written is not resident: a list made large enough at once is never copied
    /// to a larger one, copies that the allocator may keep resident after freeing them (a
    /// table of 262,144 columns a side, the list grown by doubling: 47× the input at the peak).
    pub(crate) fn new(raw: &[RawStatement<'_>]) -> Self {
        let statements = raw.len();
        let bytes: usize = raw.iter().map(|r| r.text.len()).sum();
        PresizedLists {
            stmts: Vec::with_capacity(statements),
            entries: Vec::with_capacity(statements + bytes / 16),
        }
    }
}

/// Classifies a dump's statements, given the text id of each and its tokens (`tokens(k, text_id)`
/// for statement `k`; the statements from the first without tokens on are left out), into
/// the lists of `lists`.
pub(crate) fn classify<'a, 't>(
    raw: Arc<Vec<RawStatement<'a>>>,
    tokens: impl Fn(usize, u32) -> Option<&'t Arc<Tokens>>,
    mut text_ids: Vec<u32>,
    order: Order,
    lists: PresizedLists,
) -> Parsed<'a> {
    let PresizedLists {
        mut stmts,
        mut entries,
    } = lists;
    let mut facts = Facts::default();
    let mut search_paths = vec![None];
    let mut search_path = 0;
    let mut search_path_runs = Vec::new();
    let tokens_of = |k: usize| text_ids.get(k).and_then(|&t| tokens(k, t));
    for (k, r) in raw.iter().enumerate() {
        let Some(tokens) = tokens_of(k) else {
            break;
        };
        if search_paths[search_path] != facts.default_schema {
            search_path = match search_paths.iter().position(|c| *c == facts.default_schema) {
                Some(k) => k,
                None => {
                    search_paths.push(facts.default_schema.clone());
                    search_paths.len() - 1
                }
            };
            search_path_runs.push((k as u32, search_path as u32));
        }
        let before = entries.len();
        let mut c = Classifier {
            order,
            out: &mut entries,
            facts: &mut facts,
        };
        c.statement(&tokens.toks, r.copy_rows().len());
        let k = stmts.len() as u32;
        for e in &mut entries[before..] {
            e.stmt = k;
        }
        stmts.push(Stmt {
            tokens: Arc::clone(tokens),
        });
    }
    text_ids.truncate(stmts.len());
    Parsed {
        raw,
        stmts,
        text_ids,
        search_path_runs,
        entries,
        facts,
        search_paths,
        starts: Mutex::default(),
    }
}

/// Decodes a file's bytes, or says where it stops being UTF-8.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let line = valid.matches('\n').count() as u32 + 1;
        // A leading byte-order mark is not text (the scanner skips it too).
        let last = valid.rsplit('\n').next().unwrap_or_default();
        let last = if line == 1 {
            last.strip_prefix('\u{feff}').unwrap_or(last)
        } else {
            last
        };
        let column = last.chars().count() as u32 + 1;
        Error::new(
            crate::error::ErrorKind::InvalidUtf8 { offset },
            Some(Location::new(line, column)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn invalid_utf8_reports_offset_line_and_column() {
        let err = decode(b"SELECT 1;\nSELECT '\xff';").unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidUtf8 { offset: 18 });
        assert_eq!(err.location(), Some(Location::new(2, 9)));
        let err = decode(b"\xef\xbb\xbfSELECT \xff;").unwrap_err();
        assert_eq!(err.location(), Some(Location::new(1, 8)));
    }

    #[test]
    fn offsets_follow_lines_and_characters() {
        let text = "CREATE TABLE t (\n    é int,\n    b text\n)";
        let at = [(1, 1), (1, 16), (2, 5), (2, 7), (3, 5), (4, 1), (9, 1)];
        let at: Vec<Location> = at.iter().map(|&(l, c)| Location::new(l, c)).collect();
        let mut bytes = Bytes::new(text);
        let offsets: Vec<u32> = at.into_iter().map(|loc| bytes.at(loc)).collect();
        assert_eq!(offsets, [0, 15, 21, 24, 33, 40, 41]);
        assert_eq!(&text[33..39], "b text");
    }

    #[test]
    fn copy_rows_become_data_entries() {
        let p = parse(
            "COPY public.t (a) FROM stdin;\n1\n2\n\\.\n",
            Order::default(),
        )
        .unwrap();
        assert_eq!(p.entries.len(), 3);
        assert!(
            p.entries
                .iter()
                .all(|e| e.part.kind == crate::classify::object::ObjectKind::Data)
        );
    }
}

#[cfg(test)]
mod kept_tests {
    use super::*;

    /// What a kept side says of each statement, as the parse said it.
    fn described(s: &StmtRef<'_, '_>) -> String {
        format!(
            "{:?} {:?} {} {:?} {} {:?}",
            s.text,
            s.start,
            s.end_line(),
            s.meta_lines(),
            s.text_tokens(),
            (0..s.tokens.toks.len())
                .map(|k| s.line(k))
                .collect::<Vec<_>>(),
        )
    }

    /// A kept side gives every statement as the parse did: its text, where it starts and
    /// ends, its meta-command lines, `COPY` rows and lines; whatever the dump's line breaks,
    /// columns, comments between statements and characters.
    #[test]
    fn a_kept_side_gives_each_statement_as_the_parse() {
        let dumps = [
            "CREATE TABLE t (a int);\n-- a comment\n\nCREATE VIEW v AS\n  SELECT a FROM t;\n",
            "SELECT 1; SELECT 2;  /* é */ SELECT 3;\r\nCREATE TABLE \"ü\" (\r\n  a int\r\n);\r\n",
            "CREATE TABLE t (a int);\nCOPY t (a) FROM stdin;\n1\n2\n\\.\n\\set x 1\nCOMMENT ON TABLE t IS 'x';\nCREATE INDEX i ON t\n\\connect - u\n (a);\nSELECT 'no end'",
            "\u{feff}SET search_path = s;\n\tCREATE TABLE s.t (a text DEFAULT 'é,\n;');   SELECT 1\n;",
            "",
        ];
        for dump in dumps {
            let p = parse(dump, Order::default()).unwrap();
            let want: Vec<String> = (0..p.stmts.len() as u32)
                .map(|k| described(&p.stmt(k)))
                .collect();
            let kept = p.keep(dump).unwrap();
            let got: Vec<String> = (0..kept.len()).map(|k| described(&kept.stmt(k))).collect();
            assert_eq!(got, want, "{dump:?}");
            for k in 0..kept.len() {
                let text = kept.stmt(k).text;
                if !text.is_empty() {
                    assert_eq!(kept.stmt_at(text), Some((k, 0)), "{text:?}");
                }
            }
        }
    }

    /// Taking a statement of a kept side costs the same whatever its length: a draft takes
    /// one for each part it reads (a table of 100,000 columns, taken 10,000 times, in well
    /// under a second; counting its lines each time, minutes).
    #[test]
    fn a_kept_statement_is_taken_without_reading_its_text() {
        let columns: Vec<String> = (0..100_000).map(|i| format!("    c{i} integer")).collect();
        let dump = format!("CREATE TABLE t (\n{}\n);\n", columns.join(",\n"));
        let kept = parse(&dump, Order::default()).unwrap().keep(&dump).unwrap();
        assert_eq!(kept.stmt(0).end_line(), 100_002);
        let t = std::time::Instant::now();
        let lines: u64 = (0..10_000)
            .map(|_| u64::from(kept.stmt(0).start.line))
            .sum();
        assert_eq!(lines, 10_000);
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
    }
}
