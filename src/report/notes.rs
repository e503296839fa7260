//! What a change means in the words of the schema: an enum label added after another, a
//! column's type changed from one to another. The report and the JSON show these notes
//! instead of (or before) a diff of the source lines.

use std::fmt;

use crate::classify::object::{ObjectKind, unquoted_schema};
use crate::diff::change::{Change, ChangeKind, Snippet};
use crate::normalize::same_relative_to;
use crate::tokenize::Tok;

/// One thing that changed in a part of an object, in the words of the schema:
/// `type numeric(12,2) → numeric(10,2)`, `label 'refunded' added after 'shipped'`.
///
/// Its `Display` is that sentence; [`Note::aspect`], [`Note::left`] and [`Note::right`] give
/// its pieces.
///
/// ```
/// let diff = sql_compare::diff(
///     "CREATE TABLE t (total numeric(12,2) NOT NULL);",
///     "CREATE TABLE t (total numeric(10,2));",
/// )?;
/// let column = &diff.changes()[0].details()[0];
/// let notes: Vec<String> = column.notes().iter().map(|n| n.to_string()).collect();
/// assert_eq!(notes, ["type numeric(12,2) → numeric(10,2)", "nullability NOT NULL → NULL"]);
/// assert_eq!(column.notes()[0].aspect(), "type");
/// assert_eq!(column.notes()[0].left(), Some("numeric(12,2)"));
/// assert_eq!(column.notes()[0].right(), Some("numeric(10,2)"));
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    aspect: &'static str,
    old: Option<String>,
    new: Option<String>,
    text: String,
}

impl Note {
    /// What changed: `"type"`, `"default"`, `"nullability"`, `"collation"`, `"identity"`,
    /// `"generated"`, `"label"`, `"definition"` or `"owner"`. More may come.
    pub fn aspect(&self) -> &str {
        self.aspect
    }

    /// The left (old) side's value, as written in its dump (`None` when the left side has
    /// none, such as a label that was added).
    pub fn left(&self) -> Option<&str> {
        self.old.as_deref()
    }

    /// The right (new) side's value, as written in its dump (`None` when the right side has
    /// none).
    pub fn right(&self) -> Option<&str> {
        self.new.as_deref()
    }

    /// `aspect old → new`, `none` standing for a missing value.
    fn change(aspect: &'static str, old: Option<String>, new: Option<String>) -> Self {
        Self::change_or(aspect, old, new, "none")
    }

    fn change_or(
        aspect: &'static str,
        old: Option<String>,
        new: Option<String>,
        missing: &str,
    ) -> Self {
        let text = format!(
            "{aspect} {} → {}",
            old.as_deref().unwrap_or(missing),
            new.as_deref().unwrap_or(missing)
        );
        Note {
            aspect,
            old,
            new,
            text,
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Change {
    /// What changed, in the words of the schema, for the parts whose difference it can tell:
    /// a column's type, default, nullability, collation, identity or generation expression;
    /// enum labels added, removed or moved; a constraint's or an index's definition; an owner.
    /// Empty for anything else (an added or removed object, a view's body…), whose lines the
    /// report shows instead.
    pub fn notes(&self) -> Vec<Note> {
        explain(self).map(|(notes, _)| notes).unwrap_or_default()
    }
}

/// The notes of a change, and whether they tell the whole difference (so that its source
/// lines need not be shown). `None` when there is nothing to say.
pub(crate) fn explain(c: &Change) -> Option<(Vec<Note>, bool)> {
    if c.change != ChangeKind::Changed || !c.details.is_empty() {
        return None;
    }
    let found = match c.kind {
        ObjectKind::Column => column(c),
        ObjectKind::Definition => match (c.left.as_slice(), c.right.as_slice()) {
            ([l], [r]) if is_enum(l.text()) && is_enum(r.text()) => enum_labels(c, l, r),
            _ => None,
        },
        ObjectKind::Constraint => one_each(c, "definition", constraint_definition),
        ObjectKind::Index => one_each(c, "definition", index_definition),
        ObjectKind::Owner => one_each(c, "owner", owner),
        _ => None,
    };
    found.filter(|(notes, _)| !notes.is_empty())
}

/// A note for a part with one snippet on each side, read by `read`.
fn one_each(
    c: &Change,
    aspect: &'static str,
    read: fn(&[Word<'_>]) -> Option<String>,
) -> Option<(Vec<Note>, bool)> {
    let ([l], [r]) = (c.left.as_slice(), c.right.as_slice()) else {
        return None;
    };
    let (old, new) = (read(&words(l.text()))?, read(&words(r.text()))?);
    if old == new {
        return None;
    }
    Some((vec![Note::change(aspect, Some(old), Some(new))], true))
}

/// A piece of SQL text between spaces at the top level: quotes and brackets are kept whole
/// (`numeric(12,2)`, `'a b'::text`, `"Mixed Case"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word<'a>(&'a str);

impl Word<'_> {
    fn is(&self, keyword: &str) -> bool {
        self.0.eq_ignore_ascii_case(keyword)
    }
}

/// The top-level words of `text`, without a final `;`.
fn words(text: &str) -> Vec<Word<'_>> {
    let text = text.trim().trim_end_matches(';').trim_end();
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == b.len() {
            break;
        }
        let start = i;
        let mut depth = 0usize;
        while i < b.len() {
            match b[i] {
                q @ (b'\'' | b'"') => {
                    i += 1;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                }
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth = depth.saturating_sub(1),
                c if c.is_ascii_whitespace() && depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        out.push(Word(&text[start..i.min(b.len())]));
    }
    out
}

fn join(words: &[Word<'_>]) -> String {
    let mut s = String::new();
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(w.0);
    }
    s
}

/// A piece of a snippet (a column's type, its default…): its words joined by single spaces,
/// and its tokens as the comparison read them, when it covers whole tokens of a snippet
/// that has them.
#[derive(Debug, Default, Clone)]
struct Piece<'s> {
    text: String,
    toks: Option<&'s [Tok]>,
}

/// A snippet's text with its tokens as the comparison read them and where each starts in
/// it; without tokens for a snippet the comparison did not read as SQL (see `Lexed`).
struct Lexical<'s> {
    text: &'s str,
    toks: Option<(&'s [Tok], Vec<usize>)>,
}

impl<'s> Lexical<'s> {
    fn of(s: &'s Snippet) -> Self {
        let toks = s.lexed.toks().zip(s.lexed.starts(s.text()));
        Lexical {
            text: s.text(),
            toks: toks.filter(|(t, at)| t.len() == at.len()),
        }
    }

    /// The piece of `words` (of this text, in order).
    fn piece(&self, words: &[Word<'s>]) -> Piece<'s> {
        let toks = match (words.first(), words.last()) {
            (Some(first), Some(last)) => {
                let from = self.offset(first.0);
                self.range(from, self.offset(last.0) + last.0.len())
            }
            _ => self.toks.as_ref().map(|_| &[][..]),
        };
        Piece {
            text: join(words),
            toks,
        }
    }

    /// The piece of `text`, a slice of this text, as it is written.
    fn around(&self, text: &'s str) -> Piece<'s> {
        let from = self.offset(text);
        Piece {
            text: text.to_string(),
            toks: self.range(from, from + text.len()),
        }
    }

    /// The byte of this text where `piece`, a slice of it, starts.
    fn offset(&self, piece: &str) -> usize {
        piece.as_ptr() as usize - self.text.as_ptr() as usize
    }

    /// The tokens of bytes `from..to` of this text, if they start and end between tokens
    /// (nothing but spaces, or the final `;`, between the ends and the nearest tokens).
    fn range(&self, from: usize, to: usize) -> Option<&'s [Tok]> {
        let (toks, at) = self.toks.as_ref()?;
        let i = at.partition_point(|&a| a < from);
        let j = at.partition_point(|&a| a < to).max(i);
        let blank = |a: usize, b: usize| {
            self.text.get(a..b.max(a)).is_some_and(|t| {
                t.trim_matches(|c: char| c.is_whitespace() || c == ';')
                    .is_empty()
            })
        };
        let end = |k: usize| at.get(k).copied().unwrap_or(self.text.len());
        (blank(from, end(i).min(to)) && blank(to, end(j))).then(|| &toks[i..j])
    }
}

/// Whether two pieces of SQL say the same, as the comparison read them (names relative to
/// `schema`); as text with spaces collapsed when one has no tokens.
fn same(a: &Piece<'_>, b: &Piece<'_>, schema: &str) -> bool {
    match (a.toks, b.toks) {
        (Some(x), Some(y)) => same_relative_to(x, y, schema),
        _ => join(&words(&a.text)) == join(&words(&b.text)),
    }
}

fn text_of(p: &Option<Piece<'_>>) -> Option<String> {
    p.as_ref().map(|p| p.text.clone())
}

fn same_opt(a: &Option<Piece<'_>>, b: &Option<Piece<'_>>, schema: &str) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => same(x, y, schema),
        (x, y) => x.is_none() && y.is_none(),
    }
}

/// A column's definition, broken into what migrations change one at a time.
#[derive(Debug, Default)]
struct ColumnDef<'s> {
    ty: Piece<'s>,
    default: Option<Piece<'s>>,
    not_null: bool,
    collation: Option<Piece<'s>>,
    identity: Option<String>,
    generated: Option<Piece<'s>>,
    /// Inline constraints and anything else.
    rest: Vec<Piece<'s>>,
}

/// The words that end a column's type in its definition: what follows is its default,
/// nullability, collation, generation or an inline constraint.
pub(crate) const COLUMN_KEYWORDS: &[&str] = &[
    "default",
    "not",
    "null",
    "collate",
    "generated",
    "constraint",
    "check",
    "references",
    "unique",
    "primary",
];

fn column_def(s: &Snippet) -> Option<ColumnDef<'_>> {
    let lexical = Lexical::of(s);
    let w = words(s.text());
    let stop = |x: &Word<'_>| COLUMN_KEYWORDS.iter().any(|k| x.is(k));
    let ty_end = w.iter().skip(1).position(stop).map_or(w.len(), |p| p + 1);
    if ty_end <= 1 {
        return None;
    }
    let mut def = ColumnDef {
        ty: lexical.piece(&w[1..ty_end]),
        ..ColumnDef::default()
    };
    let mut i = ty_end;
    // Up to the next keyword.
    let until = |from: usize| {
        w[from..]
            .iter()
            .position(&stop)
            .map_or(w.len(), |p| from + p)
    };
    while i < w.len() {
        if w[i].is("default") {
            // The value's first word is the value's, keyword or not (`DEFAULT NULL`).
            let end = until((i + 2).min(w.len()));
            def.default = Some(lexical.piece(&w[i + 1..end]));
            i = end;
        } else if w[i].is("not") && w.get(i + 1).is_some_and(|x| x.is("null")) {
            def.not_null = true;
            i += 2;
        } else if w[i].is("null") {
            i += 1;
        } else if w[i].is("collate") && i + 1 < w.len() {
            def.collation = Some(lexical.piece(&w[i + 1..i + 2]));
            i += 2;
        } else if w[i].is("generated") {
            let end = until(i + 1);
            let body = &w[i + 1..end];
            if body.iter().any(|x| x.is("identity")) {
                def.identity = Some(identity_kind(body));
            } else {
                // ALWAYS AS (expr) STORED: the expression and what follows it.
                let from = body.iter().position(|x| x.is("as")).map_or(0, |p| p + 1);
                def.generated = Some(lexical.piece(&body[from..]));
            }
            i = end;
        } else {
            let end = until(i + 1);
            def.rest.push(lexical.piece(&w[i..end]));
            i = end;
        }
    }
    Some(def)
}

/// `GENERATED ALWAYS` or `GENERATED BY DEFAULT`, from the words after `GENERATED`.
fn identity_kind(body: &[Word<'_>]) -> String {
    if body.first().is_some_and(|x| x.is("by")) {
        "GENERATED BY DEFAULT".to_string()
    } else {
        "GENERATED ALWAYS".to_string()
    }
}

/// What an `ALTER TABLE … ALTER COLUMN c …` statement sets on a column.
enum ColumnSetting<'s> {
    Default(Piece<'s>),
    Identity(String),
}

fn column_setting(s: &Snippet) -> Option<ColumnSetting<'_>> {
    let w = words(s.text());
    if !(w.first()?.is("alter") && w.get(1)?.is("table")) {
        return None;
    }
    let at = w.iter().position(|x| x.is("column"))?;
    let rest = w.get(at + 2..)?;
    match rest {
        [set, default, expr @ ..] if set.is("set") && default.is("default") && !expr.is_empty() => {
            Some(ColumnSetting::Default(Lexical::of(s).piece(expr)))
        }
        [add, generated, body @ ..]
            if add.is("add")
                && generated.is("generated")
                && body.iter().any(|x| x.is("identity")) =>
        {
            Some(ColumnSetting::Identity(identity_kind(body)))
        }
        _ => None,
    }
}

fn is_statement(s: &Snippet) -> bool {
    let w = words(s.text());
    w.len() > 1 && w[0].is("alter") && w[1].is("table")
}

/// One side of a changed column: its definition, if it differs, and what its separate
/// statements set. `None` when something is not understood.
struct ColumnSide<'s> {
    def: Option<ColumnDef<'s>>,
    default: Option<Piece<'s>>,
    identity: Option<String>,
}

fn column_side(snippets: &[Snippet]) -> Option<ColumnSide<'_>> {
    let mut side = ColumnSide {
        def: None,
        default: None,
        identity: None,
    };
    for s in snippets {
        if is_statement(s) {
            match column_setting(s)? {
                ColumnSetting::Default(d) if side.default.is_none() => side.default = Some(d),
                ColumnSetting::Identity(k) if side.identity.is_none() => side.identity = Some(k),
                _ => return None,
            }
        } else if side.def.is_none() {
            side.def = Some(column_def(s)?);
        } else {
            return None;
        }
    }
    Some(side)
}

fn column(c: &Change) -> Option<(Vec<Note>, bool)> {
    let schema = unquoted_schema(&c.name);
    let (l, r) = (column_side(&c.left)?, column_side(&c.right)?);
    let mut notes = Vec::new();
    let mut whole = true;
    // Without both definitions (they are equal), only what the statements set changed.
    let (ld, rd) = (l.def.as_ref(), r.def.as_ref());
    if let (Some(a), Some(b)) = (ld, rd) {
        if !same(&a.ty, &b.ty, &schema) {
            notes.push(Note::change(
                "type",
                Some(a.ty.text.clone()),
                Some(b.ty.text.clone()),
            ));
        }
        if !same_opt(&a.collation, &b.collation, &schema) {
            notes.push(Note::change_or(
                "collation",
                text_of(&a.collation),
                text_of(&b.collation),
                "default",
            ));
        }
        whole &= a.rest.len() == b.rest.len()
            && a.rest.iter().zip(&b.rest).all(|(x, y)| same(x, y, &schema));
    } else if ld.is_some() || rd.is_some() {
        whole = false;
    }
    fn default<'s>(s: &ColumnSide<'s>) -> Option<Piece<'s>> {
        s.def
            .as_ref()
            .and_then(|d| d.default.clone())
            .or_else(|| s.default.clone())
    }
    let (da, db) = (default(&l), default(&r));
    if !same_opt(&da, &db, &schema) {
        notes.push(Note::change("default", text_of(&da), text_of(&db)));
    }
    if let (Some(a), Some(b)) = (ld, rd) {
        if a.not_null != b.not_null {
            let null = |n: bool| Some(if n { "NOT NULL" } else { "NULL" }.to_string());
            notes.push(Note::change(
                "nullability",
                null(a.not_null),
                null(b.not_null),
            ));
        }
    }
    let identity = |s: &ColumnSide| {
        s.def
            .as_ref()
            .and_then(|d| d.identity.clone())
            .or_else(|| s.identity.clone())
    };
    let (ia, ib) = (identity(&l), identity(&r));
    if ia != ib {
        notes.push(Note::change("identity", ia, ib));
    } else if l.identity.is_some() && r.identity.is_some() {
        // The same kind of identity with other sequence options: the lines tell.
        whole = false;
    }
    if let (Some(a), Some(b)) = (ld, rd) {
        if !same_opt(&a.generated, &b.generated, &schema) {
            notes.push(Note::change(
                "generated",
                text_of(&a.generated),
                text_of(&b.generated),
            ));
        }
    }
    Some((notes, whole))
}

fn is_enum(text: &str) -> bool {
    let w = words(text);
    w.len() > 4
        && w[0].is("create")
        && w[1].is("type")
        && w[3].is("as")
        && w[4]
            .0
            .get(..4)
            .is_some_and(|k| k.eq_ignore_ascii_case("enum"))
}

/// The labels of `CREATE TYPE … AS ENUM (…)` as written, with the text around the list.
fn enum_parts(text: &str) -> Option<(&str, Vec<&str>, &str)> {
    let open = text.find('(')?;
    let b = text.as_bytes();
    let mut labels = Vec::new();
    let mut start = open + 1;
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\'' => {
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    i += 1;
                }
            }
            b',' => {
                labels.push(text[start..i].trim());
                start = i + 1;
            }
            b')' => {
                let last = text[start..i].trim();
                if !last.is_empty() || !labels.is_empty() {
                    labels.push(last);
                }
                return Some((&text[..open], labels, &text[i + 1..]));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn enum_labels(c: &Change, l: &Snippet, r: &Snippet) -> Option<(Vec<Note>, bool)> {
    let (lhead, old, ltail) = enum_parts(l.text())?;
    let (rhead, new, rtail) = enum_parts(r.text())?;
    let schema = unquoted_schema(&c.name);
    let (lx, rx) = (Lexical::of(l), Lexical::of(r));
    let whole = same(&lx.around(lhead), &rx.around(rhead), &schema)
        && same(&lx.around(ltail), &rx.around(rtail), &schema);
    let mut notes = Vec::new();
    let label = |text: String, old: Option<&str>, new: Option<&str>| Note {
        aspect: "label",
        old: old.map(str::to_string),
        new: new.map(str::to_string),
        text,
    };
    let place = |list: &[&str], k: usize| match (k.checked_sub(1).map(|p| list[p]), list.get(k + 1))
    {
        (Some(prev), _) => format!("after {prev}"),
        (None, Some(next)) => format!("before {next}"),
        (None, None) => "as the only label".to_string(),
    };
    for (k, x) in new.iter().enumerate() {
        if !old.contains(x) {
            let text = format!("label {x} added {}", place(&new, k));
            notes.push(label(text, None, Some(x)));
        }
    }
    for (k, x) in old.iter().enumerate() {
        if !new.contains(x) {
            let text = format!("label {x} removed (it was {})", place(&old, k));
            notes.push(label(text, Some(x), None));
        }
    }
    // Labels that moved, told only when no label came or went: the order is compared only
    // with strict enum order, and next to an added label a move would be noise.
    if notes.is_empty() {
        for k in moved(&old, &new) {
            let x = new[k];
            let from = old.iter().position(|y| *y == x).unwrap_or_default();
            let (was, now) = (place(&old, from), place(&new, k));
            let text = format!("label {x} moved {now} (it was {was})");
            notes.push(Note {
                aspect: "label",
                old: Some(was),
                new: Some(now),
                text,
            });
        }
    }
    Some((notes, whole))
}

/// The positions in `new` of the labels that are not in a longest run of labels kept in the
/// same order as in `old` (both lists hold the same labels).
fn moved(old: &[&str], new: &[&str]) -> Vec<usize> {
    let (n, m) = (old.len(), new.len());
    let Some(lcs) = super::Lcs::new(old, new, 1_000_000) else {
        return Vec::new();
    };
    let (mut i, mut j) = (0, 0);
    let mut kept = vec![false; m];
    while i < n && j < m {
        if old[i] == new[j] {
            kept[j] = true;
            i += 1;
            j += 1;
        } else if lcs.len(i + 1, j) >= lcs.len(i, j + 1) {
            i += 1;
        } else {
            j += 1;
        }
    }
    (0..m).filter(|&k| !kept[k]).collect()
}

/// What follows `CONSTRAINT name` (`PRIMARY KEY (id)`, `CHECK (…)`).
fn constraint_definition(w: &[Word<'_>]) -> Option<String> {
    let at = w.iter().position(|x| x.is("constraint"))?;
    let rest = w.get(at + 2..).filter(|r| !r.is_empty())?;
    Some(join(rest))
}

/// What follows `ON table` in `CREATE INDEX`, after `UNIQUE` if the index is unique
/// (`USING btree (email)`).
fn index_definition(w: &[Word<'_>]) -> Option<String> {
    if !w.first()?.is("create") {
        return None;
    }
    let unique = w.get(1).is_some_and(|x| x.is("unique"));
    let on = w.iter().position(|x| x.is("on"))?;
    let table = if w.get(on + 1)?.is("only") {
        on + 2
    } else {
        on + 1
    };
    let rest = join(w.get(table + 1..).filter(|r| !r.is_empty())?);
    Some(if unique {
        format!("UNIQUE {rest}")
    } else {
        rest
    })
}

/// The role after `OWNER TO`.
fn owner(w: &[Word<'_>]) -> Option<String> {
    let at = w.iter().position(|x| x.is("owner"))?;
    (w.get(at + 1)?.is("to") && w.len() == at + 3).then(|| w[at + 2].0.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(left: &str, right: &str) -> Vec<String> {
        let d = crate::diff(left, right).unwrap();
        d.changes()
            .iter()
            .flat_map(|c| c.details())
            .flat_map(|p| p.notes())
            .map(|n| n.to_string())
            .collect()
    }

    fn whole(left: &str, right: &str) -> bool {
        let d = crate::diff(left, right).unwrap();
        d.changes()
            .iter()
            .flat_map(|c| c.details())
            .all(|p| explain(p).is_some_and(|(_, w)| w))
    }

    #[test]
    fn words_keep_quotes_and_brackets() {
        let w: Vec<&str> = words("total numeric(12, 2) DEFAULT 'a b'::text \"X y\";")
            .iter()
            .map(|w| w.0)
            .collect();
        assert_eq!(
            w,
            [
                "total",
                "numeric(12, 2)",
                "DEFAULT",
                "'a b'::text",
                "\"X y\""
            ]
        );
    }

    #[test]
    fn enum_labels_added_removed_moved() {
        let a = "CREATE TYPE public.status AS ENUM (\n    'new',\n    'paid',\n    'shipped'\n);";
        let b = "CREATE TYPE public.status AS ENUM (\n    'new',\n    'paid',\n    'shipped',\n    'refunded'\n);";
        assert_eq!(notes(a, b), ["label 'refunded' added after 'shipped'"]);
        assert!(whole(a, b));
        assert_eq!(
            notes(b, a),
            ["label 'refunded' removed (it was after 'shipped')"]
        );
        let c = "CREATE TYPE public.status AS ENUM ('draft', 'new', 'shipped');";
        assert_eq!(
            notes(a, c),
            [
                "label 'draft' added before 'new'",
                "label 'paid' removed (it was after 'new')"
            ]
        );
        let strict = crate::Comparer::new().strict_enum_order(true);
        let d = strict
            .diff(
                "CREATE TYPE e AS ENUM ('a', 'b', 'c');",
                "CREATE TYPE e AS ENUM ('b', 'c', 'a');",
            )
            .unwrap();
        let n = d.changes()[0].details()[0].notes();
        assert_eq!(n.len(), 1);
        assert_eq!(
            n[0].to_string(),
            "label 'a' moved after 'c' (it was before 'b')"
        );
        assert_eq!(n[0].left(), Some("before 'b'"));
    }

    #[test]
    fn column_properties_old_and_new() {
        let a = "CREATE TABLE public.t (\n    total numeric(12,2) DEFAULT 0 NOT NULL,\n    name text COLLATE \"C\"\n);";
        let b = "CREATE TABLE public.t (\n    total numeric(10,2) DEFAULT 1,\n    name text\n);";
        assert_eq!(
            notes(a, b),
            [
                "collation \"C\" → default",
                "type numeric(12,2) → numeric(10,2)",
                "default 0 → 1",
                "nullability NOT NULL → NULL",
            ]
        );
        assert!(whole(a, b));
        // Schema-qualified or not, the same type is no change.
        assert_eq!(
            notes(
                "CREATE TABLE public.t (a public.mood NOT NULL);",
                "CREATE TABLE public.t (a mood);"
            ),
            ["nullability NOT NULL → NULL"]
        );
        // `DEFAULT NULL` is a default of NULL, not an empty one; a generated column's
        // expression is told too.
        assert_eq!(
            notes(
                "CREATE TABLE public.t (a text DEFAULT NULL, g int);",
                "CREATE TABLE public.t (a text DEFAULT 'x', g int GENERATED ALWAYS AS (1) STORED);"
            ),
            ["default NULL → 'x'", "generated none → (1) STORED"]
        );
    }

    #[test]
    fn defaults_and_identities_set_by_statements() {
        let t = "CREATE TABLE public.t (id integer NOT NULL);\n";
        let a = format!(
            "{t}ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.s'::regclass);"
        );
        let b = format!(
            "{t}ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.s2'::regclass);"
        );
        assert_eq!(
            notes(&a, &b),
            ["default nextval('public.s'::regclass) → nextval('public.s2'::regclass)"]
        );
        assert_eq!(
            notes(&a, t),
            ["default nextval('public.s'::regclass) → none"]
        );
        let id = format!(
            "{t}ALTER TABLE public.t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (\n    SEQUENCE NAME public.t_id_seq\n    START WITH 1\n);"
        );
        assert_eq!(notes(t, &id), ["identity none → GENERATED ALWAYS"]);
        assert!(whole(t, &id));
        let by_default = id.replace("ALWAYS", "BY DEFAULT");
        assert_eq!(
            notes(&id, &by_default),
            ["identity GENERATED ALWAYS → GENERATED BY DEFAULT"]
        );
    }

    #[test]
    fn constraints_indexes_owners() {
        let t = "CREATE TABLE public.t (id int, name text);\n";
        let a = format!(
            "{t}ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);\nCREATE INDEX t_name ON public.t USING btree (name);\nALTER TABLE public.t OWNER TO shop;"
        );
        let b = format!(
            "{t}ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id, name);\nCREATE UNIQUE INDEX t_name ON public.t USING btree (name);\nALTER TABLE public.t OWNER TO app;"
        );
        assert_eq!(
            notes(&a, &b),
            [
                "definition PRIMARY KEY (id) → PRIMARY KEY (id, name)",
                "definition USING btree (name) → UNIQUE USING btree (name)",
                "owner shop → app",
            ]
        );
        assert!(whole(&a, &b));
    }

    #[test]
    fn nothing_to_say_about_added_objects_or_bodies() {
        assert!(notes("", "CREATE TABLE t (a int);").is_empty());
        assert!(notes("CREATE VIEW v AS SELECT 1;", "CREATE VIEW v AS SELECT 2;").is_empty());
        // A changed inline constraint is told by the lines.
        let a = "CREATE TABLE t (a int CHECK (a > 0));";
        let b = "CREATE TABLE t (a int CHECK (a > 1));";
        assert!(!whole(a, b));
    }
}
