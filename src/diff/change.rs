//! The result of a comparison: per-object changes with their source text and lines.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::classify::object::ObjectKind;
use crate::error::Side;
use crate::fast::handoff::Threads;
use crate::parse::{Kept, Starts, StmtRef, positions};
use crate::tokenize::{Tok, Tokens};

/// Whether an object or part is only on the right, only on the left, or on both but different.
///
/// ```
/// use sql_compare::ChangeKind;
///
/// let diff = sql_compare::diff("CREATE TABLE a (x int);", "CREATE TABLE b (x int);")?;
/// let kinds: Vec<ChangeKind> = diff.iter().map(|c| c.change()).collect();
/// assert_eq!(kinds, [ChangeKind::Removed, ChangeKind::Added]);
/// assert_eq!(ChangeKind::Added.to_string(), "added");
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Only in the right (new) dump.
    Added,
    /// Only in the left (old) dump.
    Removed,
    /// In both, with different definitions.
    Changed,
}

impl ChangeKind {
    /// `"added"`, `"removed"` or `"changed"`.
    ///
    /// ```
    /// assert_eq!(sql_compare::ChangeKind::Removed.as_str(), "removed");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }

    pub(crate) fn mirror(self) -> Self {
        match self {
            ChangeKind::Added => ChangeKind::Removed,
            ChangeKind::Removed => ChangeKind::Added,
            ChangeKind::Changed => ChangeKind::Changed,
        }
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A range of 1-based source lines, both ends included.
///
/// ```
/// let diff = sql_compare::diff("CREATE TABLE t (\n  a int\n);", "CREATE TABLE u (a int);")?;
/// let t = &diff.changes()[0];
/// let lines = t.left()[0].lines();
/// assert_eq!((lines.start(), lines.end()), (1, 3));
/// assert_eq!(lines.to_string(), "1-3");
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineRange {
    start: u32,
    end: u32,
}

impl LineRange {
    pub(crate) fn new(start: u32, end: u32) -> Self {
        LineRange { start, end }
    }

    /// The first line.
    pub fn start(self) -> u32 {
        self.start
    }

    /// The last line (the first, for a range of one line).
    pub fn end(self) -> u32 {
        self.end
    }
}

impl std::fmt::Display for LineRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

/// A piece of one dump's text that a change is about, with its lines.
///
/// ```
/// let diff = sql_compare::diff(
///     "CREATE TABLE t (a int);\nCOMMENT ON TABLE t IS 'old';",
///     "CREATE TABLE t (a int);\n\nCOMMENT ON TABLE t IS 'new';",
/// )?;
/// let comment = &diff.changes()[0].details()[0];
/// assert_eq!(comment.left()[0].text(), "COMMENT ON TABLE t IS 'old';");
/// assert_eq!(comment.right()[0].lines().start(), 3);
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Snippet {
    lines: LineRange,
    text: String,
    /// The tokens of `text` as the comparison read them (no part of equality, order, hash or
    /// `Debug`).
    pub(crate) lexed: Lexed,
}

impl Snippet {
    /// A snippet with no tokens of the comparison's (text the comparison wrote, or a row).
    pub(crate) fn new(lines: LineRange, text: String) -> Self {
        Snippet::with_tokens(lines, text, Lexed::default())
    }

    /// A snippet with the tokens the comparison read it as.
    pub(crate) fn with_tokens(lines: LineRange, text: String, lexed: Lexed) -> Self {
        Snippet { lines, text, lexed }
    }

    /// Where it stands in its dump.
    pub fn lines(&self) -> LineRange {
        self.lines
    }

    /// The source text (for a column: its definition inside `CREATE TABLE`).
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Debug for Snippet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snippet")
            .field("lines", &self.lines)
            .field("text", &self.text)
            .finish()
    }
}

/// One difference: an object (or a part of one) added, removed or changed, with the text of
/// each side that differs.
///
/// ```
/// use sql_compare::{ChangeKind, ObjectKind};
///
/// let diff = sql_compare::diff(
///     "CREATE TABLE t (id int);",
///     "CREATE TABLE t (id bigint);",
/// )?;
/// let column = &diff.changes()[0].details()[0];
/// assert_eq!((column.change(), column.kind()), (ChangeKind::Changed, ObjectKind::Column));
/// assert_eq!(column.name(), "public.t.id");
/// assert_eq!(column.left()[0].text(), "id int");
/// assert_eq!(column.right()[0].text(), "id bigint");
/// assert_eq!(column.left()[0].lines().start(), 1);
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub(crate) change: ChangeKind,
    pub(crate) kind: ObjectKind,
    pub(crate) name: String,
    pub(crate) left: Vec<Snippet>,
    pub(crate) right: Vec<Snippet>,
    pub(crate) details: Vec<Change>,
}

impl Change {
    /// Added, removed or changed.
    pub fn change(&self) -> ChangeKind {
        self.change
    }

    /// The kind of object or part.
    pub fn kind(&self) -> ObjectKind {
        self.kind
    }

    /// The schema-qualified name (`public.users`, `public.users.email`, `public.f(integer)`),
    /// as SQL: each identifier written as PostgreSQL's `quote_ident` writes it, bare when it
    /// is lower-case ASCII letters, digits and underscores (not first) and no reserved word,
    /// else between `"` with each `"` inside it doubled (the table named `a"b` is
    /// `public."a""b"`, `Users` is `public."Users"`, `é` is `public."é"`). A part without a
    /// name of its own (an unnamed constraint) is named by its text.
    ///
    /// ```
    /// let diff = sql_compare::diff(
    ///     r#"CREATE TABLE public."a""b" (x int); CREATE TABLE "Users" (id int);"#,
    ///     r#"CREATE TABLE public."a""b" (x bigint);"#,
    /// )?;
    /// let names: Vec<&str> = diff.iter().map(|c| c.name()).collect();
    /// assert_eq!(names, [r#"public."Users""#, r#"public."a""b""#]);
    /// assert_eq!(diff.changes()[1].details()[0].name(), r#"public."a""b".x"#);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The left dump's text for this change: the statements of a removed object, or what
    /// differs of a changed part.
    pub fn left(&self) -> &[Snippet] {
        &self.left
    }

    /// The right dump's text for this change.
    pub fn right(&self) -> &[Snippet] {
        &self.right
    }

    /// For a changed object: its parts that differ (columns, constraints, indexes, owner…).
    pub fn details(&self) -> &[Change] {
        &self.details
    }

    fn mirror(mut self) -> Self {
        self.change = self.change.mirror();
        std::mem::swap(&mut self.left, &mut self.right);
        self.details = self.details.into_iter().map(Change::mirror).collect();
        self
    }
}

/// How many top-level objects a [`SchemaDiff`] has added, removed and changed.
///
/// ```
/// let diff = sql_compare::diff("CREATE TABLE a (x int);", "CREATE TABLE b (x int);")?;
/// let counts = diff.counts();
/// assert_eq!((counts.added(), counts.removed(), counts.changed()), (1, 1, 0));
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Counts {
    added: usize,
    removed: usize,
    changed: usize,
}

impl Counts {
    /// Objects only in the right dump.
    pub fn added(self) -> usize {
        self.added
    }

    /// Objects only in the left dump.
    pub fn removed(self) -> usize {
        self.removed
    }

    /// Objects in both, with different definitions.
    pub fn changed(self) -> usize {
        self.changed
    }
}

/// The differences between two dumps, per object, in a deterministic order.
///
/// Its `Display` is a readable report that prints nothing when the dumps are equal.
///
/// ```
/// use sql_compare::{ChangeKind, ObjectKind};
///
/// let diff = sql_compare::diff(
///     "CREATE TABLE t (id int, note text);",
///     "CREATE TABLE t (id int);\nCREATE TABLE u (id int);",
/// )?;
/// assert_eq!(diff.len(), 2);
/// for change in &diff {
///     println!("{} {} {}", change.change(), change.kind(), change.name());
/// }
/// let t = &diff.changes()[0];
/// assert_eq!((t.change(), t.kind(), t.name()), (ChangeKind::Changed, ObjectKind::Table, "public.t"));
/// assert_eq!(t.details()[0].name(), "public.t.note");
/// assert!(diff.to_string().ends_with("2 objects differ: 1 added, 0 removed, 1 changed\n"));
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchemaDiff {
    pub(crate) changes: Vec<Change>,
    pub(crate) labels: Option<(String, String)>,
    /// Sides whose line numbers point into no file (see [`SchemaDiff::hide_line_numbers`]).
    pub(crate) hidden_lines: [bool; 2],
    /// What the comparison parsed of the two dumps, kept when they differ: a migration draft
    /// reads from it the objects that did not change but depend on, or are depended on by,
    /// what did.
    pub(crate) sources: Option<Sources>,
}

/// The two sides of a comparison as it parsed them (see [`Kept`]), shared by the clones of a
/// [`SchemaDiff`]. They are no part of the differences: two comparisons with the same changes
/// are equal whatever texts they came from.
#[derive(Clone)]
pub(crate) struct Sources {
    pair: Arc<KeptPair>,
    /// Whether the right side is the pair's first ([`SchemaDiff::mirror`]).
    mirrored: bool,
}

/// Both sides kept; freed when the last diff that holds them goes, on a thread of its own
/// for large dumps, as `Comparer::run` frees the parsed sides of equal dumps (hundreds of
/// thousands of small allocations).
struct KeptPair(Option<[Kept; 2]>);

impl Drop for KeptPair {
    fn drop(&mut self) {
        if let Some(sides) = self.0.take() {
            let bytes = sides[0].text_len() + sides[1].text_len();
            Threads::for_input(bytes).free_later(sides);
        }
    }
}

impl Sources {
    /// Both sides, as the comparison parsed them.
    pub(crate) fn new(left: Kept, right: Kept) -> Self {
        Sources {
            pair: Arc::new(KeptPair(Some([left, right]))),
            mirrored: false,
        }
    }

    /// Side 0 (left) or 1 (right).
    pub(crate) fn side(&self, side: usize) -> &Kept {
        match &self.pair.0 {
            Some(sides) => &sides[(side & 1) ^ usize::from(self.mirrored)],
            None => unreachable!("the sides are taken only when they are dropped"),
        }
    }

    /// Both sides, for a test to change what they hold.
    #[cfg(test)]
    pub(crate) fn sides_mut(&mut self) -> Option<&mut [Kept; 2]> {
        Arc::get_mut(&mut self.pair)?.0.as_mut()
    }
}

impl PartialEq for Sources {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Sources {}

impl std::fmt::Debug for Sources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sources").finish_non_exhaustive()
    }
}

impl SchemaDiff {
    /// True when the two dumps describe the same schema.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The number of objects that differ.
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// The objects that differ, sorted by name in natural order (`t2` before `t10`), then by
    /// kind.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// Iterates over the objects that differ.
    pub fn iter(&self) -> std::slice::Iter<'_, Change> {
        self.changes.iter()
    }

    /// How many objects were added, removed and changed.
    ///
    /// ```
    /// let diff = sql_compare::diff(
    ///     "CREATE TABLE a (x int); CREATE TABLE b (x int);",
    ///     "CREATE TABLE b (x bigint); CREATE TABLE c (x int); CREATE TABLE d (x int);",
    /// )?;
    /// let counts = diff.counts();
    /// assert_eq!((counts.added(), counts.removed(), counts.changed()), (2, 1, 1));
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    pub fn counts(&self) -> Counts {
        let n = |k| self.changes.iter().filter(|c| c.change == k).count();
        Counts {
            added: n(ChangeKind::Added),
            removed: n(ChangeKind::Removed),
            changed: n(ChangeKind::Changed),
        }
    }

    /// Names the two inputs: the report starts with `- left: LABEL` and `+ right: LABEL`,
    /// and its lines say where they are in each file (`a.sql:12: …`). Line numbers are shown
    /// only for labelled inputs: a dump given as text has no file for them to point into.
    /// [`diff_files`](crate::diff_files) labels the inputs with their paths.
    ///
    /// ```
    /// let diff = sql_compare::diff("CREATE TABLE t (a int);", "CREATE TABLE t (a bigint);")?
    ///     .with_labels("models.sql", "migrated.sql");
    /// assert_eq!(diff.labels(), Some(("models.sql", "migrated.sql")));
    /// assert!(diff.to_string().starts_with("- left: models.sql\n+ right: migrated.sql\n"));
    /// assert!(diff.to_string().contains("- models.sql:1: a int\n"));
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn with_labels(mut self, left: impl Into<String>, right: impl Into<String>) -> Self {
        self.labels = Some((left.into(), right.into()));
        self
    }

    /// Shows no line numbers for one side: its label names something that is not a file the
    /// reader has (a database URL dumped by pg_dump in memory, an expression in a test).
    ///
    /// ```
    /// use sql_compare::Side;
    ///
    /// let diff = sql_compare::diff("CREATE VIEW v AS SELECT 1;", "CREATE VIEW v AS SELECT 2;")?
    ///     .with_labels("models.sql", "postgresql://localhost/app")
    ///     .hide_line_numbers(Side::Right);
    /// assert_eq!(diff.to_string(), "\
    /// - left: models.sql
    /// + right: postgresql://localhost/app
    /// changed view public.v
    ///   changed definition public.v
    ///     - models.sql:1: CREATE VIEW v AS SELECT 1;
    ///     + CREATE VIEW v AS SELECT 2;
    /// 1 object differs: 0 added, 0 removed, 1 changed
    /// ");
    /// assert!(diff.has_line_numbers(Side::Left) && !diff.has_line_numbers(Side::Right));
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn hide_line_numbers(mut self, side: Side) -> Self {
        self.hidden_lines[side_index(side)] = true;
        self
    }

    /// Whether the report shows line numbers for a side: it has a label
    /// ([`SchemaDiff::with_labels`]) and they are not hidden
    /// ([`SchemaDiff::hide_line_numbers`]).
    pub fn has_line_numbers(&self, side: Side) -> bool {
        self.labels.is_some() && !self.hidden_lines[side_index(side)]
    }

    /// The labels set by [`SchemaDiff::with_labels`], if any.
    pub fn labels(&self) -> Option<(&str, &str)> {
        self.labels.as_ref().map(|(l, r)| (l.as_str(), r.as_str()))
    }

    /// The same differences seen from the other side: what was added is removed.
    ///
    /// ```
    /// use sql_compare::ChangeKind;
    ///
    /// let diff = sql_compare::diff("", "CREATE TABLE t (a int);")?;
    /// assert_eq!(diff.changes()[0].change(), ChangeKind::Added);
    /// let back = diff.mirror();
    /// assert_eq!(back.changes()[0].change(), ChangeKind::Removed);
    /// assert_eq!(back.changes()[0].left()[0].text(), "CREATE TABLE t (a int);");
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn mirror(self) -> Self {
        let mut changes: Vec<Change> = self.changes.into_iter().map(Change::mirror).collect();
        sort_changes(&mut changes);
        let [l, r] = self.hidden_lines;
        let sources = self.sources.map(|s| Sources {
            mirrored: !s.mirrored,
            ..s
        });
        SchemaDiff {
            changes,
            labels: self.labels.map(|(l, r)| (r, l)),
            hidden_lines: [r, l],
            sources,
        }
    }
}

/// The tokens of a [`Snippet`]'s text as the comparison read them, and where each starts in
/// the text: what the report's notes and a migration draft read of a snippet, instead of
/// tokenizing its text again. Absent for a snippet whose text the comparison wrote or did not
/// read as SQL (a `COPY` data row, a list of privileges). Cheap to clone: it shares the
/// statement's tokens with the parse.
#[derive(Clone, Default)]
pub(crate) struct Lexed(Option<Arc<LexedParts>>);

struct LexedParts {
    /// The statement's tokens, the snippet's at `range` among them.
    tokens: Arc<Tokens>,
    range: Range<usize>,
    /// Where the statement's tokens start in its text, the snippet's text starting at byte
    /// `from` of it: the comparison's when it found them (a part inside a statement), else
    /// found on first use (a whole statement, of the snippet's text and `meta_lines`).
    starts: OnceLock<Starts>,
    from: usize,
    meta_lines: Box<[(usize, usize)]>,
}

impl Lexed {
    /// A whole statement's text (up to its last token): its tokens but the `COPY` data rows.
    pub(crate) fn statement(s: &StmtRef<'_, '_>) -> Self {
        let starts = OnceLock::new();
        if let Some(known) = s.known_positions() {
            let _ = starts.set(known);
        }
        Lexed(Some(Arc::new(LexedParts {
            tokens: Arc::clone(s.tokens),
            range: 0..s.text_tokens(),
            starts,
            from: 0,
            meta_lines: s.meta_lines().into(),
        })))
    }

    /// A part of a statement: tokens `range` of `s`, whose text starts at byte `from` of the
    /// statement's and is `len` bytes long (the tokens that start beyond it, a `,` cut off
    /// the end, left out).
    pub(crate) fn part(s: &StmtRef<'_, '_>, range: Range<usize>, from: usize, len: usize) -> Self {
        let starts = s.positions();
        let end = range.end.min(s.text_tokens());
        let start = range.start.min(end);
        let end = start
            + starts
                .tokens
                .get(start..end)
                .map_or(0, |at| at.partition_point(|&a| (a as usize) < from + len));
        Lexed(Some(Arc::new(LexedParts {
            tokens: Arc::clone(s.tokens),
            range: start..end,
            starts: OnceLock::from(starts),
            from,
            meta_lines: Box::default(),
        })))
    }

    /// The tokens, if the comparison read the text.
    pub(crate) fn toks(&self) -> Option<&[Tok]> {
        let p = self.0.as_deref()?;
        p.tokens.toks.get(p.range.clone())
    }

    /// Where each token starts in `text`, the snippet's text, if the comparison read it.
    pub(crate) fn starts(&self, text: &str) -> Option<Vec<usize>> {
        let p = self.0.as_deref()?;
        let starts = p
            .starts
            .get_or_init(|| Arc::new(positions(text, &p.meta_lines, p.range.end)));
        let at = starts.tokens.get(p.range.clone())?;
        at.iter()
            .map(|&a| (a as usize).checked_sub(p.from))
            .collect()
    }
}

/// A snippet's tokens are no part of what it says.
impl PartialEq for Lexed {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Lexed {}

impl PartialOrd for Lexed {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Lexed {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

impl std::hash::Hash for Lexed {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

impl<'a> IntoIterator for &'a SchemaDiff {
    type Item = &'a Change;
    type IntoIter = std::slice::Iter<'a, Change>;
    fn into_iter(self) -> Self::IntoIter {
        self.changes.iter()
    }
}

fn side_index(side: Side) -> usize {
    match side {
        Side::Left => 0,
        Side::Right => 1,
    }
}

/// Objects in natural order of their names (`t2` before `t10`), then by kind.
pub(crate) fn sort_changes(changes: &mut [Change]) {
    changes.sort_by(|a, b| natural_cmp(&a.name, &b.name).then(a.kind.cmp(&b.kind)));
}

/// The parts of an object by kind, then in natural order of their names.
pub(crate) fn sort_details(details: &mut [Change]) {
    details.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| natural_cmp(&a.name, &b.name))
    });
}

/// Natural order: runs of ASCII digits compare as numbers (`t2` < `t10` < `t100`), the rest
/// as text. Names equal as numbers (`t01`, `t1`) fall back to their text, so that the order
/// is total.
pub(crate) fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        if x[i].is_ascii_digit() && y[j].is_ascii_digit() {
            let (si, sj) = (i, j);
            while i < x.len() && x[i].is_ascii_digit() {
                i += 1;
            }
            while j < y.len() && y[j].is_ascii_digit() {
                j += 1;
            }
            // Leading zeros do not count; then the longer run is the larger number.
            let p = std::str::from_utf8(&x[si..i]).unwrap_or_default();
            let q = std::str::from_utf8(&y[sj..j]).unwrap_or_default();
            let (p, q) = (p.trim_start_matches('0'), q.trim_start_matches('0'));
            let order = p.len().cmp(&q.len()).then_with(|| p.cmp(q));
            if order != Ordering::Equal {
                return order;
            }
        } else {
            if x[i] != y[j] {
                return x[i].cmp(&y[j]);
            }
            i += 1;
            j += 1;
        }
    }
    (x.len() - i).cmp(&(y.len() - j)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parsed sides a diff keeps leave it what it was: shared between threads, cheap to
    /// clone, and equal to a diff of the same changes from other texts.
    #[test]
    fn a_diff_with_its_sources_is_send_sync_and_equal_whatever_its_texts() {
        fn send_sync<T: Send + Sync>(_: &T) {}
        let diff = crate::diff("CREATE TABLE t (a int);", "CREATE TABLE t (a bigint);").unwrap();
        send_sync(&diff);
        assert!(diff.sources.is_some());
        let clone = diff.clone();
        let (a, b) = (
            diff.sources.as_ref().unwrap(),
            clone.sources.as_ref().unwrap(),
        );
        assert!(
            std::ptr::eq(a.side(0), b.side(0)),
            "a clone shares the sides"
        );
        // Other texts, the same changes.
        let other = crate::diff(
            "CREATE TABLE t (a int); CREATE TABLE u (b text);",
            "CREATE TABLE t (a bigint);\nCREATE TABLE u (b text);",
        )
        .unwrap();
        assert_eq!(other, diff);
        assert!(std::ptr::eq(
            diff.clone().mirror().sources.unwrap().side(1),
            a.side(0)
        ));
    }

    #[test]
    fn natural_order_reads_numbers_as_numbers() {
        let mut names = vec![
            "t10", "t1", "t100", "t2", "t0", "s", "t01", "t", "t2a", "t2_x",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            [
                "s", "t", "t0", "t01", "t1", "t2", "t2_x", "t2a", "t10", "t100"
            ]
        );
        assert_eq!(natural_cmp("a1b2", "a1b10"), std::cmp::Ordering::Less);
        assert_eq!(natural_cmp("é2", "é10"), std::cmp::Ordering::Less);
        assert_eq!(natural_cmp("x", "x"), std::cmp::Ordering::Equal);
    }
}
