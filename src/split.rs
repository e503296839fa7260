//! Splits dump text into statements the way psql reads a script.
//!
//! This pass only finds boundaries: top-level `;` (outside literals, comments, parentheses and
//! the `BEGIN … END` body of a SQL-standard function), psql meta-command lines (`\restrict`,
//! `\connect`, …) and the data blocks of `COPY … FROM stdin`. It also reports unterminated
//! literals and comments where they open. The statements themselves are then tokenized by
//! sqlparser (see `tokenize`).

use crate::error::{Error, ErrorKind, Location};

/// One statement's text, still untokenized.
#[derive(Debug, Clone)]
pub(crate) struct RawStatement<'a> {
    /// From the statement's first token to its `;` (included) or the end of input.
    pub text: &'a str,
    /// Where `text` starts.
    pub start: Location,
    /// What statements of one line without meta-commands or `COPY` data have none of, boxed
    /// apart (absent, it takes 8 bytes, not 48: a one-line dump of `SELECT 1;` is 10 bytes a
    /// statement, and a statement 32 bytes).
    extra: Option<Box<Extra<'a>>>,
}

#[derive(Debug, Clone)]
struct Extra<'a> {
    /// The line of the statement's last character.
    end_line: u32,
    meta_lines: Box<[(usize, usize)]>,
    copy_rows: Box<[CopyRow<'a>]>,
    line_starts: Box<[u32]>,
}

impl<'a> RawStatement<'a> {
    fn new(
        text: &'a str,
        start: Location,
        end_line: u32,
        meta_lines: Vec<(usize, usize)>,
        copy_rows: Vec<CopyRow<'a>>,
        line_starts: &[u32],
    ) -> Self {
        let one_line = end_line == start.line;
        let plain = one_line && meta_lines.is_empty() && copy_rows.is_empty();
        let extra = (!(plain && line_starts.is_empty())).then(|| {
            Box::new(Extra {
                end_line,
                meta_lines: meta_lines.into_boxed_slice(),
                copy_rows: copy_rows.into_boxed_slice(),
                // Copied out at its exact length: the caller's buffer serves the next
                // statement.
                line_starts: Box::from(line_starts),
            })
        });
        RawStatement { text, start, extra }
    }

    /// The line of the statement's last character.
    pub(crate) fn end_line(&self) -> u32 {
        self.extra.as_ref().map_or(self.start.line, |e| e.end_line)
    }

    /// Lines inside `text` that are psql meta-commands (rare: pg_dump never writes them
    /// inside a statement). They are blanked before tokenizing.
    pub(crate) fn meta_lines(&self) -> &[(usize, usize)] {
        self.extra.as_ref().map_or(&[], |e| &e.meta_lines)
    }

    /// The rows of a `COPY … FROM stdin` data block that follows this statement.
    pub(crate) fn copy_rows(&self) -> &[CopyRow<'a>] {
        self.extra.as_ref().map_or(&[], |e| &e.copy_rows)
    }

    /// Where `text` can be cut between tokens, in order: where each line after the first
    /// starts, for the lines that start between tokens (a newline inside a literal or a
    /// comment starts none), and on a long line, after a comma every [`CUT_EVERY`] bytes.
    /// Cut there, the pieces tokenize on their own to the statement's tokens (see `fast::lines` and
    /// `tokenize::tokenize_cut`).
    pub(crate) fn line_starts(&self) -> &[u32] {
        self.extra.as_ref().map_or(&[], |e| &e.line_starts)
    }
}

/// A line longer than this is also cut after a comma (see [`RawStatement::line_starts`]), so
/// that no piece tokenized at once is much longer: sqlparser keeps 88 bytes for each token of
/// a piece, whitespace included (a one-line `INSERT … VALUES (1),(2),…` of 17 MB: 700 MB).
pub(crate) const CUT_EVERY: usize = 64 * 1024;

/// One line of a `COPY … FROM stdin` data block.
#[derive(Debug, Clone)]
pub(crate) struct CopyRow<'a> {
    pub text: &'a str,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

/// Which bytes continue an identifier (UTF-8 bytes of other characters included).
static IDENT_CHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80;
        b += 1;
    }
    table
};

fn is_ident_char(b: u8) -> bool {
    IDENT_CHAR[b as usize]
}

/// The offset of the first `a` or `b` in `bytes`, looking at eight bytes at a time.
fn find_either(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        // A zero byte in `word ^ (ONES * c)` is a `c` in the chunk.
        let word = u64::from_le_bytes(word);
        if has_zero(word ^ (ONES * u64::from(a))) || has_zero(word ^ (ONES * u64::from(b))) {
            break;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&c| c == a || c == b)
        .map(|k| at + k)
}

struct Scanner<'a> {
    src: &'a str,
    b: &'a [u8],
    i: usize,
    line: u32,
    line_start: usize,
    /// A byte of the current line (or before it) and its column less one: the column of a
    /// later byte is counted on from there, never from the start of the line (recounting from
    /// the start makes a one-line dump of 80,000 statements take 6.7 s).
    counted_to: usize,
    counted: u32,
}

impl<'a> Scanner<'a> {
    /// The location of byte `self.i`, which is never before the last one asked for.
    fn here(&mut self) -> Location {
        if self.counted_to < self.line_start {
            self.counted_to = self.line_start;
            self.counted = 0;
        }
        debug_assert!(
            self.counted_to <= self.i,
            "locations are asked for in order"
        );
        let from = self.counted_to.min(self.i);
        // Columns count characters: every byte but UTF-8 continuation bytes starts one.
        let chars = self.b[from..self.i]
            .iter()
            .filter(|&&c| c & 0xc0 != 0x80)
            .count();
        self.counted = self.counted.saturating_add(chars as u32);
        self.counted_to = self.i;
        Location::new(self.line, self.counted.saturating_add(1))
    }

    /// Notes a newline at byte `pos`: the next line starts after it.
    fn newline_at(&mut self, pos: usize) {
        self.line += 1;
        self.line_start = pos + 1;
    }

    fn skip_to_eol(&mut self) {
        self.i = find_either(&self.b[self.i..], b'\n', b'\n').map_or(self.b.len(), |n| self.i + n);
    }

    /// Skips a `--` comment: it ends at a line feed or a carriage return, as in PostgreSQL's
    /// and psql's lexers (and sqlparser's).
    fn skip_line_comment(&mut self) {
        self.i = find_either(&self.b[self.i..], b'\n', b'\r').map_or(self.b.len(), |n| self.i + n);
    }

    /// Skips a `'…'` literal (`escapes` for `E'…'`: a backslash escapes the byte after it) or a
    /// `"…"` identifier, starting at its opening `quote`; a doubled `quote` inside stands for
    /// one. `missing` when the text ends before the closing quote.
    fn skip_quoted(&mut self, quote: u8, escapes: bool, missing: ErrorKind) -> Result<(), Error> {
        let open = self.here();
        self.i += 1;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b if b == quote => {
                    if self.b.get(self.i + 1) == Some(&quote) {
                        self.i += 2;
                        continue;
                    }
                    self.i += 1;
                    return Ok(());
                }
                b'\\' if escapes => {
                    if self.b.get(self.i + 1) == Some(&b'\n') {
                        self.newline_at(self.i + 1);
                    }
                    self.i += 2;
                }
                b'\n' => {
                    self.newline_at(self.i);
                    self.i += 1;
                }
                _ => self.i += 1,
            }
        }
        Err(Error::new(missing, Some(open)))
    }

    fn skip_block_comment(&mut self) -> Result<(), Error> {
        let open = self.here();
        let mut depth = 0usize;
        while self.i < self.b.len() {
            match (self.b[self.i], self.b.get(self.i + 1)) {
                (b'/', Some(b'*')) => {
                    depth += 1;
                    self.i += 2;
                }
                (b'*', Some(b'/')) => {
                    depth -= 1;
                    self.i += 2;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                (b'\n', _) => {
                    self.newline_at(self.i);
                    self.i += 1;
                }
                _ => self.i += 1,
            }
        }
        Err(Error::new(ErrorKind::UnterminatedBlockComment, Some(open)))
    }

    /// At a `$` that is not part of an identifier: the length of a `$tag$` opener, if it is one.
    fn dollar_tag_len(&self) -> Option<usize> {
        let rest = &self.b[self.i + 1..];
        if rest.first() == Some(&b'$') {
            return Some(2);
        }
        if !rest.first().is_some_and(|&c| is_ident_start(c)) {
            return None;
        }
        let n = rest
            .iter()
            .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80))?;
        (rest[n] == b'$').then_some(n + 2)
    }

    fn skip_dollar_body(&mut self, tag_len: usize) -> Result<(), Error> {
        let open = self.here();
        let tag = &self.src[self.i..self.i + tag_len];
        let body_start = self.i + tag_len;
        match self.src[body_start..].find(tag) {
            Some(n) => {
                let end = body_start + n + tag_len;
                for (k, &c) in self.b[self.i..end].iter().enumerate() {
                    if c == b'\n' {
                        self.newline_at(self.i + k);
                    }
                }
                self.i = end;
                Ok(())
            }
            None => Err(Error::new(
                ErrorKind::UnterminatedDollarQuote {
                    tag: tag.to_string(),
                },
                Some(open),
            )),
        }
    }
}

/// What the scanner remembers of the words of the current statement.
#[derive(Default)]
struct WordState {
    count: usize,
    /// First letters of the leading `CREATE [OR REPLACE] FUNCTION|PROCEDURE` words, as psql does.
    lead: [u8; 4],
    first_is_copy: bool,
    last_is_stdin: bool,
    /// Inside `CREATE [OR REPLACE] FUNCTION|PROCEDURE`, where `BEGIN … END` holds `;`.
    in_routine: bool,
    begin_depth: usize,
}

impl WordState {
    fn word(&mut self, w: &[u8], paren_depth: usize) {
        let is = |k: &str| w.eq_ignore_ascii_case(k.as_bytes());
        if self.count < self.lead.len() {
            if self.count == 0 {
                self.first_is_copy = is("copy");
            }
            if is("create") || is("function") || is("procedure") || is("or") || is("replace") {
                self.lead[self.count] = w[0].to_ascii_lowercase();
            }
            let l = &self.lead;
            self.in_routine = l[0] == b'c'
                && (l[1] == b'f'
                    || l[1] == b'p'
                    || (l[1] == b'o' && l[2] == b'r' && matches!(l[3], b'f' | b'p')));
        }
        self.count += 1;
        if self.first_is_copy {
            self.last_is_stdin = is("stdin");
        }
        if self.in_routine && paren_depth == 0 && (3..=5).contains(&w.len()) {
            if is("begin") {
                self.begin_depth += 1;
            } else if is("case") {
                if self.begin_depth >= 1 {
                    self.begin_depth += 1;
                }
            } else if is("end") {
                self.begin_depth = self.begin_depth.saturating_sub(1);
            }
        }
    }
}

/// Splits `src` into statements. Comments and blank text between statements are dropped.
pub(crate) fn split(src: &str) -> Result<Vec<RawStatement<'_>>, Error> {
    // A byte-order mark is not text.
    let bom = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let mut s = Scanner {
        src,
        b: src.as_bytes(),
        i: bom,
        line: 1,
        line_start: bom,
        counted_to: bom,
        counted: 0,
    };
    // Room for a statement every 128 bytes (pg_dump's average is 150 to 250), made at once:
    // growing the list of a large dump by doubling copies it again and again, into memory the
    // system must hand out fresh. Capacity never written to costs no memory.
    let mut out = Vec::with_capacity(src.len() / 128);
    let mut start: Option<(usize, Location)> = None;
    let mut meta_lines = Vec::new();
    let mut line_starts = Vec::new();
    let mut words = WordState::default();
    let mut paren_depth = 0usize;
    let mut line_has_token = false;

    while s.i < s.b.len() {
        let c = s.b[s.i];
        match c {
            b'\n' => {
                s.newline_at(s.i);
                s.i += 1;
                line_has_token = false;
                if let Some((offset, _)) = start {
                    line_starts.push((s.i - offset) as u32);
                }
                continue;
            }
            b' ' | b'\t' | b'\r' | b'\x0c' => {
                s.i += 1;
                continue;
            }
            b'\\' if !line_has_token => {
                // A psql meta-command: the rest of the line is not SQL.
                let from = s.i;
                s.skip_to_eol();
                if let Some((offset, _)) = start {
                    meta_lines.push((from - offset, s.i - offset));
                }
                continue;
            }
            b'-' if s.b.get(s.i + 1) == Some(&b'-') => {
                s.skip_line_comment();
                continue;
            }
            b'/' if s.b.get(s.i + 1) == Some(&b'*') => {
                s.skip_block_comment()?;
                continue;
            }
            _ => {}
        }
        line_has_token = true;
        if start.is_none() {
            start = Some((s.i, s.here()));
        }
        match c {
            b'\'' => {
                let escapes = s.i >= 1
                    && matches!(s.b[s.i - 1], b'e' | b'E')
                    && (s.i < 2 || !is_ident_char(s.b[s.i - 2]));
                s.skip_quoted(b'\'', escapes, ErrorKind::UnterminatedString)?;
            }
            b'"' => s.skip_quoted(b'"', false, ErrorKind::UnterminatedQuotedIdentifier)?,
            b'$' if s.i == 0 || !is_ident_char(s.b[s.i - 1]) => match s.dollar_tag_len() {
                Some(n) => s.skip_dollar_body(n)?,
                None => s.i += 1,
            },
            b',' => {
                s.i += 1;
                if let Some((offset, _)) = start {
                    let last = line_starts.last().map_or(0, |&at| at as usize);
                    if s.i - offset - last >= CUT_EVERY {
                        line_starts.push((s.i - offset) as u32);
                    }
                }
            }
            b'(' => {
                paren_depth += 1;
                s.i += 1;
            }
            b')' => {
                paren_depth = paren_depth.saturating_sub(1);
                s.i += 1;
            }
            b';' if paren_depth == 0 && words.begin_depth == 0 => {
                s.i += 1;
                let (offset, loc) = start.take().unwrap_or_else(|| (s.i - 1, s.here()));
                let (text, end_line) = (&src[offset..s.i], s.line);
                let copy_rows = if words.first_is_copy && words.last_is_stdin {
                    line_has_token = false;
                    copy_block(&mut s)
                } else {
                    Vec::new()
                };
                out.push(RawStatement::new(
                    text,
                    loc,
                    end_line,
                    std::mem::take(&mut meta_lines),
                    copy_rows,
                    &line_starts,
                ));
                line_starts.clear();
                words = WordState::default();
            }
            c if is_ident_start(c) => {
                let from = s.i;
                s.i += s.b[from..]
                    .iter()
                    .position(|&b| !is_ident_char(b))
                    .unwrap_or(s.b.len() - from);
                words.word(&s.b[from..s.i], paren_depth);
            }
            c if c.is_ascii_digit() => {
                while s.i < s.b.len() && (s.b[s.i].is_ascii_alphanumeric() || s.b[s.i] == b'.') {
                    s.i += 1;
                }
            }
            _ => s.i += 1,
        }
    }
    if let Some((offset, loc)) = start {
        let text = src[offset..].trim_end();
        let end_line = loc.line + text.matches('\n').count() as u32;
        line_starts.retain(|&at| (at as usize) < text.len());
        out.push(RawStatement::new(
            text,
            loc,
            end_line,
            meta_lines,
            Vec::new(),
            &line_starts,
        ));
    }
    // Grown by doubling from a guess: what is not used is given back.
    out.shrink_to_fit();
    Ok(out)
}

/// Reads the data rows after `COPY … FROM stdin;`, up to the line `\.` or the end of input.
fn copy_block<'a>(s: &mut Scanner<'a>) -> Vec<CopyRow<'a>> {
    // The data starts on the line after the command.
    s.skip_to_eol();
    let mut rows = Vec::new();
    while s.i < s.b.len() {
        // At a newline: step over it.
        s.newline_at(s.i);
        s.i += 1;
        let from = s.i;
        s.skip_to_eol();
        let line = s.src[from..s.i].trim_end_matches('\r');
        if line == "\\." {
            break;
        }
        if s.i >= s.b.len() && line.is_empty() {
            break;
        }
        rows.push(CopyRow { text: line });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<&str> {
        split(src).unwrap().iter().map(|s| s.text).collect()
    }

    #[test]
    fn lines_start_only_between_tokens() {
        let src = "\nCREATE TABLE t (\n a text DEFAULT 'x\ny', -- c\n b int /* d\n */,\n c text DEFAULT $$\n$$\n);\n\nSELECT 1";
        let stmts = split(src).unwrap();
        let starts: Vec<&str> = stmts[0]
            .line_starts()
            .iter()
            .map(|&at| &stmts[0].text[at as usize..])
            .map(|rest| rest.lines().next().unwrap_or(""))
            .collect();
        assert_eq!(
            starts,
            [
                " a text DEFAULT 'x",
                " b int /* d",
                " c text DEFAULT $$",
                ");"
            ]
        );
        assert!(stmts[1].line_starts().is_empty());
    }

    #[test]
    fn line_ends_are_found_wherever_they_are() {
        for end in [b'\n', b'\r'] {
            for len in 0..20 {
                for at in 0..=len {
                    let mut bytes = vec![b'x'; len];
                    let want = (at < len).then(|| {
                        bytes[at] = end;
                        at
                    });
                    let found = find_either(&bytes, b'\n', b'\r');
                    assert_eq!(found, want, "length {len}, {end} at {at}");
                }
            }
        }
        let newline = |bytes: &[u8]| find_either(bytes, b'\n', b'\n');
        // Bytes one away from `\n` (0x0a) and high bytes are not newlines.
        assert_eq!(newline(&[0x0b, 0x09, 0x8a, 0xff, 0x0d, 0x0a]), Some(5));
        assert_eq!(newline("éééé\n".as_bytes()), Some(8));
    }

    #[test]
    fn a_line_comment_ends_at_a_carriage_return_too() {
        // As in PostgreSQL and psql: `SELECT 2;` after the `\r` is SQL, its `;` ends a statement.
        assert_eq!(
            texts("SELECT 1 -- c\rSELECT 2;\nSELECT 3;"),
            ["SELECT 1 -- c\rSELECT 2;", "SELECT 3;"]
        );
        assert_eq!(
            texts("SELECT 1; -- c\r\nSELECT 2;"),
            ["SELECT 1;", "SELECT 2;"]
        );
    }

    #[test]
    fn splits_at_top_level_semicolons_only() {
        assert_eq!(
            texts("SET a = 1; SET b = 'x;y';\nCREATE TABLE t (a int, CHECK (a > 0));"),
            vec![
                "SET a = 1;",
                "SET b = 'x;y';",
                "CREATE TABLE t (a int, CHECK (a > 0));"
            ]
        );
    }

    #[test]
    fn missing_final_semicolon_keeps_the_statement() {
        assert_eq!(
            texts("SELECT 1;\nSELECT 2\n\n"),
            vec!["SELECT 1;", "SELECT 2"]
        );
    }

    #[test]
    fn comments_between_statements_are_dropped() {
        assert_eq!(
            texts("-- a; b\n/* c; /* nested; */ d */ SELECT 1; -- e\n"),
            vec!["SELECT 1;"]
        );
    }

    #[test]
    fn meta_commands_are_skipped_but_not_inside_literals() {
        let src = "\\restrict abc\nCREATE FUNCTION f() RETURNS text AS $$\n\\not a command;\n$$;\nSELECT E'\n\\x';\n\\unrestrict abc\n";
        assert_eq!(
            texts(src),
            vec![
                "CREATE FUNCTION f() RETURNS text AS $$\n\\not a command;\n$$;",
                "SELECT E'\n\\x';"
            ]
        );
    }

    #[test]
    fn copy_data_is_not_sql() {
        let src = "COPY public.t (a, b) FROM stdin;\n1\t'unterminated\n2\t$$\n\\.\nSELECT 1;\n";
        let stmts = split(src).unwrap();
        assert_eq!(stmts.len(), 2);
        let rows: Vec<_> = stmts[0].copy_rows().iter().map(|r| r.text).collect();
        // One row a line, from the line after the command's.
        assert_eq!(stmts[0].end_line(), 1);
        assert_eq!(rows, vec!["1\t'unterminated", "2\t$$"]);
        assert_eq!(stmts[1].text, "SELECT 1;");
        assert_eq!(stmts[1].start, Location::new(5, 1));
    }

    #[test]
    fn begin_atomic_bodies_keep_their_semicolons() {
        let src = "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\n SELECT CASE WHEN true THEN 1 END;\nEND;\nSELECT 2;";
        assert_eq!(texts(src).len(), 2);
    }

    #[test]
    fn a_byte_order_mark_is_not_text() {
        let stmts = split("\u{feff}SELECT 1;").unwrap();
        assert_eq!(stmts[0].text, "SELECT 1;");
        assert_eq!(stmts[0].start, Location::new(1, 1));
    }

    #[test]
    fn locations_are_one_based_and_count_characters() {
        let stmts = split("-- é\n  SELECT 'é'; SELECT 2;").unwrap();
        assert_eq!(stmts[0].start, Location::new(2, 3));
        assert_eq!(stmts[1].start, Location::new(2, 15));
    }

    #[test]
    fn unterminated_constructs_are_errors_at_their_start() {
        let cases: [(&str, ErrorKind, Location); 4] = [
            (
                "SELECT 1;\nSELECT 'abc",
                ErrorKind::UnterminatedString,
                Location::new(2, 8),
            ),
            (
                "SELECT \"abc",
                ErrorKind::UnterminatedQuotedIdentifier,
                Location::new(1, 8),
            ),
            (
                "CREATE FUNCTION f() AS $body$ x",
                ErrorKind::UnterminatedDollarQuote {
                    tag: "$body$".into(),
                },
                Location::new(1, 24),
            ),
            (
                "SELECT 1; /* x",
                ErrorKind::UnterminatedBlockComment,
                Location::new(1, 11),
            ),
        ];
        for (src, kind, loc) in cases {
            let err = split(src).unwrap_err();
            assert_eq!(err.kind(), &kind, "{src}");
            assert_eq!(err.location(), Some(loc), "{src}");
        }
    }

    #[test]
    fn dollar_signs_inside_identifiers_and_parameters_are_not_quotes() {
        assert_eq!(texts("SELECT a$b$c, $1; SELECT 2;").len(), 2);
    }
}
