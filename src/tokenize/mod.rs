//! Tokenizes one statement with sqlparser's tokenizer (PostgreSQL dialect) and maps its tokens
//! to the crate's own canonical [`Tok`]s: comments and whitespace gone, keywords and unquoted
//! identifiers folded to lower case, literals kept exactly.

mod keywords;

use std::borrow::Cow;
use std::fmt;

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer, TokenizerError};

use self::keywords::{keyword_text, needs_quotes, quoted_equals_bare};
use crate::error::{Error, ErrorKind, Location, absolute};
use crate::split::{CUT_EVERY, RawStatement};

/// The kinds of string literal PostgreSQL has; they never compare equal to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum StrKind {
    Plain,
    Escape,
    National,
    Unicode,
    Hex,
    Bit,
}

/// The text of a token: up to [`Short::MAX`] bytes inside the token, longer boxed. 16 bytes;
/// most words and numbers of a dump are short, and a boxed text takes 32 bytes of the heap
/// however short (a one-line INSERT of a million numbers: 32 MB a side).
#[derive(Clone)]
pub(crate) enum Text {
    Boxed(Box<str>),
    Short(Short),
}

/// A text of at most [`Short::MAX`] bytes.
#[derive(Clone, Copy)]
pub(crate) struct Short {
    len: u8,
    bytes: [u8; Short::MAX],
}

impl Short {
    const MAX: usize = 7;
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Boxed(s) => s,
            Text::Short(s) => std::str::from_utf8(&s.bytes[..s.len as usize]).unwrap_or_default(),
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        if s.len() <= Short::MAX {
            let mut bytes = [0; Short::MAX];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Text::Short(Short {
                len: s.len() as u8,
                bytes,
            })
        } else {
            Text::Boxed(s.into())
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        if s.len() <= Short::MAX {
            Text::from(&*s)
        } else {
            Text::Boxed(s.into_boxed_str())
        }
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// A canonical token: 24 bytes, its text inside it or boxed (a `String` would make it 32; a
/// long differing statement keeps the tokens of both sides: a one-line 17 MB INSERT, 8
/// million tokens a side).
///
/// A keyword and a word of the same text are the same token: they compare, order and hash as
/// one (see [`Tok::word`]).
#[derive(Debug, Clone)]
pub(crate) enum Tok {
    /// A keyword: a word of a static spelling instead of a string of its own (most of a
    /// dump's words; see [`keyword_text`]).
    Keyword(&'static str),
    /// A keyword or an identifier as PostgreSQL folds it (unquoted: lower-cased; quoted: its
    /// text when folding would not change it).
    Word(Text),
    /// A quoted identifier that differs from any unquoted spelling (`"Foo"`, `"select"`), as
    /// PostgreSQL reads it: without its quotes, a doubled `""` inside it one `"`. Writers
    /// quote and escape it again (see [`write_ident`]).
    Quoted(Text),
    Number(Text),
    Str(StrKind, Text),
    /// The body of a dollar-quoted string; the tag does not matter.
    Dollar(Text),
    /// `,` `(` `)` `[` `]` `.` `;` and `:` standing for `::`.
    Punct(char),
    /// An operator: a run of operator characters with no space inside.
    Op(Text),
    Other(Text),
}

/// A token as it compares: keywords and words are one kind. Its variants are in the order
/// tokens sort in.
#[derive(PartialEq, Eq, Hash, PartialOrd, Ord)]
enum View<'t> {
    Word(&'t str),
    Quoted(&'t str),
    Number(&'t str),
    Str(StrKind, &'t str),
    Dollar(&'t str),
    Punct(char),
    Op(&'t str),
    Other(&'t str),
}

impl Tok {
    fn view(&self) -> View<'_> {
        match self {
            Tok::Keyword(s) => View::Word(s),
            Tok::Word(s) => View::Word(s),
            Tok::Quoted(s) => View::Quoted(s),
            Tok::Number(s) => View::Number(s),
            Tok::Str(k, s) => View::Str(*k, s),
            Tok::Dollar(s) => View::Dollar(s),
            Tok::Punct(c) => View::Punct(*c),
            Tok::Op(s) => View::Op(s),
            Tok::Other(s) => View::Other(s),
        }
    }

    /// The text of a keyword or word.
    pub(crate) fn word(&self) -> Option<&str> {
        match self {
            Tok::Keyword(s) => Some(s),
            Tok::Word(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn is_word(&self, w: &str) -> bool {
        self.word() == Some(w)
    }

    pub(crate) fn is_punct(&self, c: char) -> bool {
        matches!(self, Tok::Punct(p) if *p == c)
    }

    /// The identifier text of a word or quoted identifier.
    pub(crate) fn ident(&self) -> Option<&str> {
        match self {
            Tok::Keyword(s) => Some(s),
            Tok::Word(s) => Some(s),
            Tok::Quoted(s) => Some(s),
            _ => None,
        }
    }
}

impl PartialEq for Tok {
    fn eq(&self, other: &Self) -> bool {
        self.view() == other.view()
    }
}

impl Eq for Tok {}

impl std::hash::Hash for Tok {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.view().hash(state);
    }
}

impl PartialOrd for Tok {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Tok {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.view().cmp(&other.view())
    }
}

/// The token of a quoted identifier whose text between the quotes is `raw` (the tokenizer
/// keeps a doubled `""` as written): the identifier unescaped, a bare word when it means the
/// same as one.
fn quoted_ident(mut raw: String) -> Tok {
    if raw.contains("\"\"") {
        raw = raw.replace("\"\"", "\"");
    }
    if quoted_equals_bare(&raw) {
        Tok::Word(raw.into())
    } else {
        Tok::Quoted(raw.into())
    }
}

fn is_operator_text(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b"+-*/<>=~!@#%^&|`?".contains(&b))
}

/// A statement's canonical tokens. They depend on the statement's text alone, so that a text
/// that appears twice is tokenized once. Where each starts is not kept: it is needed only to
/// show a difference, and [`locate_each`] finds it again then (the token lists are most of the
/// memory a comparison uses).
#[derive(Debug, Clone, Default)]
pub(crate) struct Tokens {
    pub toks: Vec<Tok>,
}

/// Tokenizes one raw statement. The final `;` is dropped. An error's location is relative to
/// the statement: line 1, column 1 is its first character (see [`absolute`]).
pub(crate) fn tokenize(stmt: &RawStatement<'_>) -> Result<Tokens, Error> {
    tokenize_into(stmt, &mut Vec::new())
}

/// sqlparser's tokens of one text, kept from one text to the next by a caller that tokenizes
/// many, so that the list is not grown again for each.
pub(crate) type Buffer = Vec<TokenWithSpan>;

/// [`tokenize`] with a buffer for sqlparser's tokens that the caller keeps from one statement
/// to the next, so that it is not grown again for every statement.
pub(crate) fn tokenize_into(
    stmt: &RawStatement<'_>,
    raw: &mut Vec<TokenWithSpan>,
) -> Result<Tokens, Error> {
    let mut out = Tokens::default();
    let text = blank_meta_lines(stmt.text, stmt.meta_lines());
    let cuts = stmt.line_starts().iter().map(|&at| at as usize);
    tokenize_cut(&text, cuts, raw, &mut out)?;
    out.drop_final_semicolon();
    Ok(out)
}

/// Tokenizes a raw statement and the rows of its `COPY` data block (one string token per
/// row). An error's location is relative to the statement.
pub(crate) fn tokenize_statement(r: &RawStatement<'_>, buf: &mut Buffer) -> Result<Tokens, Error> {
    let mut tokens = tokenize_into(r, buf)?;
    tokens.toks.reserve_exact(r.copy_rows().len());
    for row in r.copy_rows() {
        tokens.toks.push(Tok::Str(StrKind::Plain, row.text.into()));
    }
    Ok(tokens)
}

/// Appends the tokens of `text`, a piece of a statement that starts a line (or the
/// statement), as [`tokenize_text`] does, but a long text in pieces of [`CUT_EVERY`] bytes or
/// more, cut at some of `cuts` (offsets in `text` between tokens, in order; see
/// `RawStatement::line_starts`): sqlparser's list of a piece's tokens, 88 bytes a token, is
/// then never that of a whole long statement. If a piece does not tokenize, `text` is
/// tokenized whole, for the error it gives so.
pub(crate) fn tokenize_cut(
    text: &str,
    cuts: impl Iterator<Item = usize>,
    raw: &mut Vec<TokenWithSpan>,
    out: &mut Tokens,
) -> Result<(), Error> {
    if text.len() <= CUT_EVERY {
        return tokenize_text(text, raw, out, None);
    }
    let before = out.toks.len();
    let mut piece = Tokens::default();
    let mut from = 0;
    let ends = cuts.filter(|&at| at > 0 && at < text.len());
    for end in ends.chain([text.len()]) {
        if end - from < CUT_EVERY && end < text.len() {
            continue;
        }
        if tokenize_text(&text[from..end], raw, &mut piece, None).is_err() {
            out.toks.truncate(before);
            return tokenize_text(text, raw, out, None);
        }
        out.append_line(&mut piece);
        from = end;
    }
    // Grown by doubling: a long statement's list gives back what it does not use.
    out.toks.shrink_to_fit();
    Ok(())
}

/// The tokens of a piece of SQL that is one statement (a statement, a column definition, an
/// expression), or none if it does not lex or holds several.
pub(crate) fn statement_toks(text: &str) -> Option<Vec<Tok>> {
    match crate::split::split(text).ok()?.as_slice() {
        [one] => tokenize(one).ok().map(|t| t.toks),
        _ => None,
    }
}

/// Where each token of a statement starts, relative to the statement (the tokens [`tokenize`]
/// makes of the same text and meta-command lines), each location handed to `each` as it is
/// found, the final `;` included: whether there is one (its location is then the last handed
/// over). The caller keeps them as it needs them, in a list it sizes once (a one-line 17 MB
/// INSERT has 8 million tokens: a list of their locations grown by doubling, then copied with
/// their bytes, takes 160 MB).
pub(crate) fn locate_each(
    text: &str,
    meta_lines: &[(usize, usize)],
    mut each: impl FnMut(Location),
) -> bool {
    // Only whether the last token is a `;` is kept of the tokens, not a list of them all (a
    // second list of a long differing statement's tokens: a one-line 17 MB INSERT, 256 MB).
    let mut ends_with_semicolon = false;
    let text = blank_meta_lines(text, meta_lines);
    // The text tokenized once already, without error; a long one in the pieces it was
    // tokenized in (see `tokenize_cut`), found again by splitting it alone.
    let cuts = match (text.len() > CUT_EVERY).then(|| crate::split::split(&text)) {
        Some(Ok(stmts)) if stmts.len() == 1 => stmts[0].line_starts().into(),
        _ => Vec::new(),
    };
    let mut raw = Vec::new();
    let mut piece = Tokens::default();
    let mut piece_starts = Vec::new();
    // Where the current piece starts in `text`, and its location there.
    let (mut from, mut at) = (0, Location::new(1, 1));
    let ends = cuts
        .iter()
        .map(|&c| c as usize)
        .filter(|&c| c > 0 && c < text.len());
    for end in ends.chain([text.len()]) {
        if end - from < CUT_EVERY && end < text.len() {
            continue;
        }
        let _ = tokenize_text(
            &text[from..end],
            &mut raw,
            &mut piece,
            Some(&mut piece_starts),
        );
        piece_starts
            .drain(..)
            .for_each(|rel| each(absolute(at, rel)));
        if let Some(last) = piece.toks.last() {
            ends_with_semicolon = last.is_punct(';');
        }
        piece.toks.clear();
        // The next piece's location, from this one's characters.
        let done = &text[from..end];
        at = match done.rfind('\n') {
            Some(nl) => Location::new(
                at.line + done.matches('\n').count() as u32,
                done[nl + 1..].chars().count() as u32 + 1,
            ),
            None => Location::new(at.line, at.column + done.chars().count() as u32),
        };
        from = end;
    }
    ends_with_semicolon
}

/// A statement's text with its meta-command lines blanked.
fn blank_meta_lines<'t>(text: &'t str, meta_lines: &[(usize, usize)]) -> Cow<'t, str> {
    if meta_lines.is_empty() {
        return Cow::Borrowed(text);
    }
    // Last first, so that earlier offsets stay valid; a line may run past the end of a final
    // statement that has no `;`.
    let mut owned = text.to_string();
    for &(from, to) in meta_lines.iter().rev() {
        let to = to.min(owned.len());
        if let Some(line) = owned.get(from..to) {
            let blank = " ".repeat(line.chars().count());
            owned.replace_range(from..to, &blank);
        }
    }
    Cow::Owned(owned)
}

/// Appends the tokens of `text`, a piece of a statement that starts a line (or the
/// statement), and to `starts` where each starts, relative to `text`. An error's location is
/// relative to `text`.
pub(crate) fn tokenize_text(
    text: &str,
    raw: &mut Vec<TokenWithSpan>,
    out: &mut Tokens,
    mut starts: Option<&mut Vec<Location>>,
) -> Result<(), Error> {
    let dialect = PostgreSqlDialect {};
    raw.clear();
    Tokenizer::new(&dialect, text)
        .with_unescape(false)
        .tokenize_with_location_into_buf(raw)
        .map_err(|e| tokenizer_error(text, raw, &e))?;

    // The tokens kept: every one but whitespace, less the operator characters glued together
    // (rare). Exact capacities: the token lists are most of the memory a comparison uses.
    let kept = raw
        .iter()
        .filter(|t| !matches!(t.token, Token::Whitespace(_) | Token::EOF))
        .count();
    out.toks.reserve(kept);
    let mut adjacent = false;
    for t in raw.drain(..) {
        let mut located = |loc: sqlparser::tokenizer::Location| {
            if let Some(starts) = starts.as_deref_mut() {
                starts.push(relative(loc.line, loc.column));
            }
        };
        let tok = match t.token {
            Token::Whitespace(_) | Token::EOF => {
                adjacent = false;
                continue;
            }
            Token::Word(mut w) => match w.quote_style {
                None => match keyword_text(w.keyword) {
                    Some(text) => Tok::Keyword(text),
                    None => {
                        w.value.make_ascii_lowercase();
                        Tok::Word(w.value.into())
                    }
                },
                Some(_) => quoted_ident(w.value),
            },
            Token::Number(n, _) => Tok::Number(n.into()),
            Token::SingleQuotedString(s) => Tok::Str(StrKind::Plain, s.into()),
            Token::EscapedStringLiteral(s) => Tok::Str(StrKind::Escape, s.into()),
            Token::NationalStringLiteral(s) => Tok::Str(StrKind::National, s.into()),
            Token::UnicodeStringLiteral(s) => Tok::Str(StrKind::Unicode, s.into()),
            Token::HexStringLiteral(s) => Tok::Str(StrKind::Hex, s.into()),
            Token::SingleQuotedByteStringLiteral(s) => Tok::Str(StrKind::Bit, s.into()),
            Token::DoubleQuotedString(s) => quoted_ident(s),
            Token::DollarQuotedString(d) => Tok::Dollar(d.value.into()),
            Token::Comma => Tok::Punct(','),
            Token::LParen => Tok::Punct('('),
            Token::RParen => Tok::Punct(')'),
            Token::LBracket => Tok::Punct('['),
            Token::RBracket => Tok::Punct(']'),
            Token::Period => Tok::Punct('.'),
            Token::SemiColon => Tok::Punct(';'),
            Token::DoubleColon => Tok::Punct(':'),
            other => {
                let s = other.to_string();
                if is_operator_text(&s) {
                    if adjacent {
                        if let Some(Tok::Op(prev)) = out.toks.last_mut() {
                            let mut joined = String::from(&**prev);
                            joined.push_str(&s);
                            *prev = joined.into();
                            continue;
                        }
                    }
                    adjacent = true;
                    out.toks.push(Tok::Op(s.into()));
                    located(t.span.start);
                    continue;
                }
                Tok::Other(s.into())
            }
        };
        adjacent = false;
        let tok = respell(&out.toks, tok);
        out.toks.push(tok);
        located(t.span.start);
    }
    Ok(())
}

impl Tokens {
    /// Appends `line`, the tokens of a line tokenized on its own (see [`tokenize_text`]).
    pub(crate) fn push_line(&mut self, line: &Tokens) {
        let Some((first, rest)) = line.toks.split_first() else {
            return;
        };
        self.toks.reserve(line.toks.len());
        // Within the line, its own tokenizing has respelled already.
        let first = respell(&self.toks, first.clone());
        self.toks.push(first);
        self.toks.extend_from_slice(rest);
    }

    /// [`Tokens::push_line`], the tokens moved out of `line`, which is left empty.
    pub(crate) fn append_line(&mut self, line: &mut Tokens) {
        let mut toks = line.toks.drain(..);
        let Some(first) = toks.next() else {
            return;
        };
        self.toks.reserve(toks.len() + 1);
        let first = respell(&self.toks, first);
        self.toks.push(first);
        self.toks.extend(toks);
    }

    /// Drops the `;` that ends a statement; whether there was one.
    pub(crate) fn drop_final_semicolon(&mut self) -> bool {
        let found = self.toks.last().is_some_and(|t| t.is_punct(';'));
        if found {
            self.toks.pop();
        }
        found
    }

    /// A copy with no spare capacity; `self` is left empty, its capacity kept. A long list
    /// is handed over instead, its spare capacity given back (a copy would be one more list
    /// of the statement's tokens at the peak, 32 bytes a token, and the buffer kept could be
    /// twice that).
    pub(crate) fn take_exact(&mut self) -> Tokens {
        if self.toks.len() >= 1 << 16 {
            let mut toks = std::mem::take(&mut self.toks);
            toks.shrink_to_fit();
            return Tokens { toks };
        }
        Tokens {
            toks: self.toks.drain(..).collect(),
        }
    }
}

/// Spellings of equal meaning that pg_dump versions differ in, made one: `EXECUTE PROCEDURE
/// f()` (pg_dump ≤ 10) is `EXECUTE FUNCTION f()` (≥ 11). (Schema qualifiers, in names and in
/// `'s'::regclass` literals, are the canonical reader's business: see `SkipSchema`.)
///
/// It looks back one token, and what it writes is never what it looks back for: so a line
/// tokenized on its own needs it again for its first token only (see [`Tokens::push_line`]).
fn respell(toks: &[Tok], tok: Tok) -> Tok {
    match (&tok, toks) {
        (w, [.., prev]) if w.is_word("procedure") && prev.is_word("execute") => {
            Tok::Keyword("function")
        }
        _ => tok,
    }
}

/// The crate's own error for what sqlparser's tokenizer rejected in `text`, `raw` holding
/// the tokens it read before: its messages change from one sqlparser release to the next,
/// ours do not. An unterminated construct is located where it opens (as the scanner locates
/// those it finds), the other errors where sqlparser puts them. The cases are those
/// sqlparser 0.63 can raise with the PostgreSQL dialect.
fn tokenizer_error(text: &str, raw: &[TokenWithSpan], e: &TokenizerError) -> Error {
    let message = e.message.as_str();
    // The failed token starts where the last one read ends.
    let open = raw.last().map_or(Location::new(1, 1), |t| {
        relative(t.span.end.line, t.span.end.column)
    });
    let from = offset_at(text, open);
    let at = relative(e.location.line, e.location.column);
    let (kind, loc) = if message.starts_with("Unterminated string literal")
        || message.starts_with("Unterminated unicode encoded string literal")
        || message.starts_with("Unexpected EOF while parsing hex digit")
    {
        (ErrorKind::UnterminatedString, open)
    } else if message.starts_with("Unterminated encoded string literal") {
        // An `E'…'` string whose escapes did not decode: unterminated, or a bad escape.
        if escape_string_closes(&text[from..]) {
            (ErrorKind::InvalidEscape, open)
        } else {
            (ErrorKind::UnterminatedString, open)
        }
    } else if message.starts_with("Invalid hex digit in escaped unicode string")
        || message.starts_with("Invalid unicode character")
    {
        (ErrorKind::InvalidEscape, open)
    } else if message.starts_with("Expected close delimiter") {
        (ErrorKind::UnterminatedQuotedIdentifier, open)
    } else if message.starts_with("Unexpected EOF while in a multi-line comment") {
        (ErrorKind::UnterminatedBlockComment, open)
    } else if message.starts_with("Unterminated dollar-quoted") {
        let tag = dollar_tag(&text[from..]);
        (ErrorKind::UnterminatedDollarQuote { tag }, open)
    } else if message.starts_with("Unexpected character '_'") {
        // Located at the `.` of `._`, or at the `_` after a number.
        (ErrorKind::UnexpectedCharacter('_'), at)
    } else if message.starts_with("Expected a valid binary operator after") {
        let operator = text[from..]
            .chars()
            .take_while(|c| "+-*/<>=~!@#%^&|`?".contains(*c))
            .collect();
        (ErrorKind::UnknownOperator { operator }, open)
    } else {
        (ErrorKind::Syntax, at)
    };
    Error::new(kind, Some(loc))
}

/// The byte offset in `text` of a 1-based line and column (columns count characters), or
/// the end of `text`.
fn offset_at(text: &str, loc: Location) -> usize {
    let mut line_start = 0;
    for _ in 1..loc.line {
        match text[line_start..].find('\n') {
            Some(nl) => line_start += nl + 1,
            None => return text.len(),
        }
    }
    let line = &text[line_start..];
    let column = line
        .char_indices()
        .nth(loc.column.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i);
    line_start + column
}

/// Whether the `E'…'` string that `text` starts with is closed: a backslash escapes the next
/// character, a doubled quote stands for one.
fn escape_string_closes(text: &str) -> bool {
    let Some(body) = text.get(1..).and_then(|t| t.strip_prefix('\'')) else {
        return false;
    };
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '\'' if chars.as_str().starts_with('\'') => {
                chars.next();
            }
            '\'' => return true,
            _ => {}
        }
    }
    false
}

/// The opening tag of the dollar-quoted string that `text` starts with: `$$`, `$body$`.
fn dollar_tag(text: &str) -> String {
    let name: String = text
        .chars()
        .skip(1)
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    format!("${name}$")
}

fn relative(line: u64, column: u64) -> Location {
    Location::new(line.max(1) as u32, column.max(1) as u32)
}

/// Writes tokens as SQL text, one space between tokens except around `.`, `::`, `(`, `)`, `,`.
pub(crate) fn write_tokens<'t>(
    f: &mut impl fmt::Write,
    toks: impl IntoIterator<Item = &'t Tok>,
) -> fmt::Result {
    let mut prev: Option<&Tok> = None;
    for t in toks {
        if let Some(p) = prev {
            let tight = matches!(p, Tok::Punct('(' | '.' | ':' | '['))
                || matches!(t, Tok::Punct(')' | ',' | '.' | ':' | ']' | ';'))
                || (matches!(t, Tok::Punct('(' | '['))
                    && matches!(p, Tok::Keyword(_) | Tok::Word(_) | Tok::Quoted(_)));
            if !tight {
                f.write_char(' ')?;
            }
        }
        write_tok(f, t)?;
        prev = Some(t);
    }
    Ok(())
}

/// Tokens as SQL text (see [`write_tokens`]).
pub(crate) fn render<'t>(toks: impl IntoIterator<Item = &'t Tok>) -> String {
    let mut s = String::new();
    let _ = write_tokens(&mut s, toks);
    s
}

pub(crate) fn write_tok(f: &mut impl fmt::Write, t: &Tok) -> fmt::Result {
    match t {
        Tok::Keyword(s) => f.write_str(s),
        Tok::Word(s) => f.write_str(s),
        Tok::Quoted(s) => write_quoted(f, s),
        Tok::Number(s) | Tok::Op(s) | Tok::Other(s) => f.write_str(s),
        Tok::Str(kind, s) => {
            let prefix = match kind {
                StrKind::Plain => "",
                StrKind::Escape => "E",
                StrKind::National => "N",
                StrKind::Unicode => "U&",
                StrKind::Hex => "X",
                StrKind::Bit => "B",
            };
            write!(f, "{prefix}'{s}'")
        }
        Tok::Dollar(s) => write!(f, "$${s}$$"),
        Tok::Punct(':') => f.write_str("::"),
        Tok::Punct(c) => f.write_char(*c),
    }
}

/// Renders an identifier token (a word or a quoted identifier) as [`write_ident`] does; other
/// tokens write nothing.
pub(crate) fn write_name(f: &mut String, t: &Tok) {
    if let Some(ident) = t.ident() {
        let _ = write_ident(f, ident);
    }
}

/// Renders an identifier as PostgreSQL's `quote_ident` does: bare when it reads back as
/// itself (see [`needs_quotes`]), else between `"` with every `"` inside it doubled.
pub(crate) fn write_ident(f: &mut impl fmt::Write, ident: &str) -> fmt::Result {
    if !needs_quotes(ident) {
        return f.write_str(ident);
    }
    write_quoted(f, ident)
}

/// An identifier between `"`, every `"` inside it doubled.
fn write_quoted(f: &mut impl fmt::Write, ident: &str) -> fmt::Result {
    f.write_char('"')?;
    for (k, piece) in ident.split('"').enumerate() {
        if k > 0 {
            f.write_str("\"\"")?;
        }
        f.write_str(piece)?;
    }
    f.write_char('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error `tokenize_text` gives for `text`, as `line:column: message`.
    fn tokenizer_message(text: &str) -> String {
        tokenize_text(text, &mut Vec::new(), &mut Tokens::default(), None)
            .unwrap_err()
            .to_string()
    }

    /// Every error sqlparser's tokenizer raises for PostgreSQL, in the crate's own words,
    /// at the line and column where the construct opens (or the character that is wrong).
    const TOKENIZER_ERRORS: &[(&str, &str)] = &[
        ("SELECT 'abc", "1:8: unterminated quoted string"),
        ("SELECT\n  x, 'abc\ndef", "2:6: unterminated quoted string"),
        ("SELECT E'abc", "1:8: unterminated quoted string"),
        ("SELECT E'it\\'s", "1:8: unterminated quoted string"),
        ("SELECT U&'abc", "1:8: unterminated quoted string"),
        ("SELECT U&'ab\\00", "1:8: unterminated quoted string"),
        ("SELECT E'\\u12' ", "1:8: invalid escape in quoted string"),
        ("SELECT U&'\\zzzz'", "1:8: invalid escape in quoted string"),
        (
            "SELECT U&'\\+FFFFFF'",
            "1:8: invalid escape in quoted string",
        ),
        ("SELECT \"abc", "1:8: unterminated quoted identifier"),
        ("SELECT 1 /* a /* b */", "1:10: unterminated block comment"),
        ("SELECT $$abc", "1:8: unterminated dollar-quoted string $$"),
        (
            "SELECT\n $body$ abc $bod$",
            "2:2: unterminated dollar-quoted string $body$",
        ),
        ("SELECT ._x", "1:8: unexpected character '_'"),
        ("SELECT a |& b", "1:10: unknown operator |&"),
        ("SELECT a @- b", "1:10: unknown operator @-"),
    ];

    #[test]
    fn tokenizer_errors_have_our_own_messages() {
        for (text, message) in TOKENIZER_ERRORS {
            assert_eq!(&tokenizer_message(text), message, "{text:?}");
        }
    }

    #[test]
    fn no_tokenizer_wording_leaks() {
        for (text, _) in TOKENIZER_ERRORS {
            let message = tokenizer_message(text);
            let words = message.split_once(": ").unwrap().1;
            assert_eq!(words, words.to_lowercase(), "{text:?}");
            assert!(!words.ends_with('.'), "{text:?}");
            let sqlparser_words = [
                "literal",
                "expected a",
                "expected close",
                "eof",
                "delimiter",
                "multi-line",
                "at line",
                "hex digit",
            ];
            for sqlparser in sqlparser_words {
                assert!(!words.contains(sqlparser), "{text:?}: {words}");
            }
        }
    }

    /// [`locate_each`]'s locations in a list, without the final `;`.
    fn locate(text: &str, meta_lines: &[(usize, usize)]) -> Vec<Location> {
        let mut starts = Vec::new();
        if locate_each(text, meta_lines, |at| starts.push(at)) {
            starts.pop();
        }
        starts
    }
    use crate::split::split;

    fn toks(src: &str) -> Vec<Tok> {
        let stmts = split(src).unwrap();
        tokenize(&stmts[0]).unwrap().toks
    }

    #[test]
    fn folds_keywords_and_bare_identifiers() {
        assert_eq!(
            toks("CREATE TABLE Foo (A INTEGER)"),
            toks("create table foo (a integer)")
        );
        assert_eq!(toks("SELECT \"actor\""), toks("SELECT actor"));
        assert_ne!(toks("SELECT \"Actor\""), toks("SELECT actor"));
        assert_ne!(toks("SELECT \"select\""), toks("SELECT select"));
        assert_eq!(toks("SELECT \"name\""), toks("SELECT name"));
    }

    #[test]
    fn keywords_share_a_static_spelling() {
        let t = toks("SeLeCt \"select\", \"action\", Action, actor_id FROM x");
        assert!(matches!(&t[0], Tok::Keyword("select")));
        assert_eq!(t[1], Tok::Quoted("select".into()));
        // An unreserved keyword quoted is the bare word, whichever way it is stored.
        assert_eq!(t[3], t[5]);
        assert!(matches!(&t[5], Tok::Keyword("action")));
        assert!(matches!(&t[7], Tok::Word(w) if &**w == "actor_id"));
    }

    #[test]
    fn literals_keep_their_text() {
        assert_ne!(toks("SELECT 'A'"), toks("SELECT 'a'"));
        assert_ne!(toks("SELECT E'a'"), toks("SELECT 'a'"));
        assert_eq!(toks("SELECT $f$ x $f$"), toks("SELECT $$ x $$"));
        assert_ne!(toks("SELECT $$ x $$"), toks("SELECT $$x$$"));
    }

    #[test]
    fn tokens_are_never_glued() {
        assert_ne!(toks("CREATE TABLE t (a bc)"), toks("CREATE TABLE t (ab c)"));
        assert_ne!(toks("SELECT 12"), toks("SELECT 1 2"));
        assert_ne!(toks("SELECT a ~<< b"), toks("SELECT a ~ << b"));
        assert_eq!(toks("SELECT a+b"), toks("SELECT a + b"));
    }

    #[test]
    fn comments_and_whitespace_do_not_count() {
        assert_eq!(
            toks("CREATE TABLE t ( -- c\n a int /* x */ , b text);"),
            toks("CREATE TABLE t (a int, b text)")
        );
    }

    #[test]
    fn pg_dump_version_spellings_are_made_one() {
        assert_eq!(
            toks("CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE PROCEDURE f()"),
            toks("CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()")
        );
    }

    #[test]
    fn meta_commands_inside_a_statement_are_blanked() {
        // Found by fuzzing: a meta-command line at the end of a final statement without `;`.
        let t = toks("SELECT 1,\n\\x é\n");
        assert_eq!(t, toks("SELECT 1,"));
        let t = toks("SELECT 'é',\n\\a é\n2,\n\\b\n3;");
        assert_eq!(t, toks("SELECT 'é', 2, 3"));
    }

    #[test]
    fn token_locations_are_relative_to_the_statement() {
        let stmts = split("SELECT 1;\n\n  SELECT\n  x;").unwrap();
        let starts = locate(stmts[1].text, &[]);
        assert_eq!(starts, vec![Location::new(1, 1), Location::new(2, 3)]);
        let at = |rel| absolute(stmts[1].start, rel);
        assert_eq!(at(starts[0]), Location::new(3, 3));
        assert_eq!(at(starts[1]), Location::new(4, 3));
        // One location for each token kept: operator characters glued into one token, the
        // final `;` dropped, meta-command lines blank.
        let src = "SELECT a+-b,\n\\x\n  c ;";
        let stmt = &split(src).unwrap()[0];
        let t = tokenize(stmt).unwrap();
        let starts = locate(stmt.text, stmt.meta_lines());
        assert_eq!(t.toks.len(), starts.len());
        assert_eq!(starts[2], Location::new(1, 9));
        assert_eq!(starts[3], Location::new(1, 11));
        assert_eq!(starts[5], Location::new(3, 3));
        let err = tokenize(&split("SELECT 1;\n  SELECT ._x").unwrap()[1]).unwrap_err();
        assert_eq!(err.location(), Some(Location::new(1, 8)));
    }

    #[test]
    fn quoted_identifiers_hold_the_name_postgresql_reads() {
        let t = toks(r#"SELECT "a""b", "a""""b", "", "é", "Ab", "x y""#);
        assert_eq!(t[1], Tok::Quoted(r#"a"b"#.into()));
        assert_eq!(t[3], Tok::Quoted(r#"a""b"#.into()));
        assert_eq!(t[5], Tok::Quoted("".into()));
        // A quoted name that means the bare word is the bare word.
        assert!(matches!(&t[7], Tok::Word(w) if &**w == "é"));
        assert_eq!(toks(r#"SELECT "é""#), toks("SELECT é"));
        assert_ne!(toks(r#"SELECT "a""b""#), toks(r#"SELECT "a""""b""#));
        // Written back escaped once.
        assert_eq!(render(&t), r#"select "a""b", "a""""b", "", é, "Ab", "x y""#);
        let names: Vec<String> = t
            .iter()
            .filter(|x| x.ident().is_some())
            .skip(1)
            .map(|x| {
                let mut s = String::new();
                write_name(&mut s, x);
                s
            })
            .collect();
        assert_eq!(
            names,
            [
                r#""a""b""#,
                r#""a""""b""#,
                r#""""#,
                r#""é""#,
                r#""Ab""#,
                r#""x y""#
            ]
        );
    }

    #[test]
    fn identifiers_are_written_as_quote_ident_writes_them() {
        let ident = |s: &str| {
            let mut out = String::new();
            write_ident(&mut out, s).unwrap();
            out
        };
        assert_eq!(ident("actor"), "actor");
        assert_eq!(ident("Actor"), r#""Actor""#);
        assert_eq!(ident(r#"a"b"#), r#""a""b""#);
        assert_eq!(ident("select"), r#""select""#);
        assert_eq!(ident("action"), "action");
        assert_eq!(ident("ß"), r#""ß""#);
        assert_eq!(ident("a\nb"), "\"a\nb\"");
    }

    #[test]
    fn long_statements_tokenize_in_pieces_as_whole() {
        // One line, cut after commas, and lines: every kind of token next to a comma.
        let item = "(1, 'é,b', E'c\\',d', \"Q,\", $$,$$, x.y, a+-b, /* , */ 2.5e1),\n";
        let mut text = String::from("INSERT INTO t VALUES ");
        while text.len() < 3 * CUT_EVERY {
            text.push_str(&item[..item.len() - 1]);
        }
        text.push_str("(0);\nSELECT ");
        while text.len() < 6 * CUT_EVERY {
            text.push_str(item);
        }
        text.push_str("EXECUTE,\nPROCEDURE;");
        let stmts = split(&text).unwrap();
        for stmt in &stmts {
            let cut = tokenize(stmt).unwrap().toks;
            let mut starts = Vec::new();
            let mut whole = Tokens::default();
            tokenize_text(stmt.text, &mut Vec::new(), &mut whole, Some(&mut starts)).unwrap();
            if whole.drop_final_semicolon() {
                starts.pop();
            }
            assert_eq!(cut, whole.toks);
            assert_eq!(locate(stmt.text, &[]), starts);
            assert!(
                stmt.line_starts().len() >= 2,
                "{}",
                stmt.line_starts().len()
            );
        }
    }

    #[test]
    fn renders_tokens_readably() {
        let t = toks("SELECT a.b::text, f(1, 'x') FROM \"T\"");
        assert_eq!(render(&t), "select a.b::text, f(1, 'x') from \"T\"");
    }
}
