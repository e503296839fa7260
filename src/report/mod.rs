//! The text report: `Display` for [`SchemaDiff`].

pub(crate) mod notes;

use std::fmt;

use self::notes::explain;
use crate::diff::change::{Change, SchemaDiff, Snippet};
use crate::error::Side;

impl fmt::Display for SchemaDiff {
    /// The whole report, without colour (see [`SchemaDiff::report`]): with labels, a header
    /// naming the sides (`- left: a.sql`, `+ right: b.sql`); one block per object, a header
    /// line (`changed table public.users`), its parts that differ, what changed in the words
    /// of the schema ([`Change::notes`]) or else the `-` (left) and `+` (right) source lines;
    /// a final line that counts the objects. Line numbers are shown only for labelled inputs
    /// (see [`SchemaDiff::with_labels`]). Nothing at all when the dumps are equal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.report(), f)
    }
}

/// A configurable view of a report: coloured `-`/`+` lines, and a cut after so many lines.
///
/// ```
/// let diff = sql_compare::diff("CREATE TABLE t (a int);", "CREATE TABLE t (a bigint);")?;
/// let text = diff.report().max_lines(2).to_string();
/// assert_eq!(text, "changed table public.t\n  changed column public.t.a\n… 1 more line not shown\n1 object differs: 0 added, 0 removed, 1 changed\n");
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    diff: &'a SchemaDiff,
    max_lines: Option<usize>,
    color: bool,
}

impl SchemaDiff {
    /// The report, to configure before printing (`diff.report().color(true)`). Printing the
    /// `SchemaDiff` itself gives the full report without colour.
    pub fn report(&self) -> Report<'_> {
        Report {
            diff: self,
            max_lines: None,
            color: false,
        }
    }
}

impl Report<'_> {
    /// ANSI colours: `-` lines red, `+` lines green.
    ///
    /// ```
    /// let diff = sql_compare::diff("CREATE VIEW v AS SELECT 1;", "CREATE VIEW v AS SELECT 2;")?;
    /// let text = diff.report().color(true).to_string();
    /// assert!(text.contains("\x1b[31m    - CREATE VIEW v AS SELECT 1;\x1b[0m\n"));
    /// assert!(text.contains("\x1b[32m    + CREATE VIEW v AS SELECT 2;\x1b[0m\n"));
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn color(mut self, yes: bool) -> Self {
        self.color = yes;
        self
    }

    /// Shows at most `n` lines of the report body, then how many were left out; the summary
    /// line always comes last.
    #[must_use]
    pub fn max_lines(mut self, n: usize) -> Self {
        self.max_lines = Some(n);
        self
    }
}

impl Report<'_> {
    /// The report's lines: the header naming the sides (empty without labels), the body, and
    /// the summary line.
    pub(crate) fn lines(&self) -> (Vec<String>, Vec<String>, String) {
        let d = self.diff;
        let header = match d.labels() {
            Some((l, r)) => vec![format!("- left: {l}"), format!("+ right: {r}")],
            None => Vec::new(),
        };
        let mut body = Vec::new();
        let mut w = Writer {
            diff: d,
            out: &mut body,
        };
        for c in d.changes() {
            w.change(c, 0);
        }
        (header, body, Summary(d).to_string())
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.diff.is_empty() {
            return Ok(());
        }
        let (header, body, summary) = self.lines();
        let shown = self.max_lines.unwrap_or(usize::MAX).min(body.len());
        for line in header.iter().chain(&body[..shown]) {
            let trimmed = line.trim_start();
            let code = match trimmed.as_bytes().first() {
                Some(b'-') if self.color && trimmed.starts_with("- ") => Some("31"),
                Some(b'+') if self.color && trimmed.starts_with("+ ") => Some("32"),
                _ => None,
            };
            match code {
                Some(c) => writeln!(f, "\x1b[{c}m{line}\x1b[0m")?,
                None => writeln!(f, "{line}")?,
            }
        }
        if shown < body.len() {
            let more = body.len() - shown;
            let s = if more == 1 { "" } else { "s" };
            writeln!(f, "… {more} more line{s} not shown")?;
        }
        writeln!(f, "{summary}")
    }
}

/// Whether to colour what goes to standard error: a terminal, and neither `NO_COLOR` nor `CI`
/// set.
pub(crate) fn color_for_stderr() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("CI").is_none()
}

/// The last line of a report: `3 objects differ: 1 added, 1 removed, 1 changed`.
///
/// ```
/// use sql_compare::Summary;
///
/// let diff = sql_compare::diff("CREATE TABLE a (x int);", "CREATE TABLE b (x int);")?;
/// assert_eq!(Summary(&diff).to_string(), "2 objects differ: 1 added, 1 removed, 0 changed");
/// let same = sql_compare::diff("CREATE TABLE a (x int);", "create table A (X INT);")?;
/// assert_eq!(Summary(&same).to_string(), "no differences");
/// # Ok::<(), sql_compare::Error>(())
/// ```
pub struct Summary<'a>(pub &'a SchemaDiff);

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let counts = self.0.counts();
        let (added, removed, changed) = (counts.added(), counts.removed(), counts.changed());
        let n = self.0.len();
        if n == 0 {
            return f.write_str("no differences");
        }
        let noun = if n == 1 {
            "object differs"
        } else {
            "objects differ"
        };
        write!(
            f,
            "{n} {noun}: {added} added, {removed} removed, {changed} changed"
        )
    }
}

/// Writes the body of a report, one line at a time.
struct Writer<'d, 'o> {
    diff: &'d SchemaDiff,
    out: &'o mut Vec<String>,
}

impl Writer<'_, '_> {
    fn change(&mut self, c: &Change, depth: usize) {
        let pad = "  ".repeat(depth);
        self.out
            .push(format!("{pad}{} {} {}", c.change(), c.kind(), c.name()));
        if let Some((notes, whole)) = explain(c) {
            for n in &notes {
                self.out.push(format!("{pad}  {n}"));
            }
            if whole {
                // Said in words; the lines only say where, when there is a file to look in.
                for (side, sign, snippets) in
                    [(Side::Left, '-', c.left()), (Side::Right, '+', c.right())]
                {
                    if !self.diff.has_line_numbers(side) {
                        continue;
                    }
                    for s in snippets {
                        if s.lines().start() == s.lines().end() {
                            self.line(&pad, side, sign, s.lines().start(), s.text());
                        } else {
                            let label = self.label(side);
                            self.out
                                .push(format!("{pad}  {sign} {label}:{}", s.lines()));
                        }
                    }
                }
                return self.details(c, depth);
            }
        }
        if let ([l], [r]) = (c.left(), c.right()) {
            if l.text().lines().count() > 3 || r.text().lines().count() > 3 {
                if let Some(hunks) = line_diff(l.text(), r.text()) {
                    // Each text's lines listed once: found by counting from the first for each
                    // line shown, a long text would take a time quadratic in its lines.
                    let (llines, rlines): (Vec<&str>, Vec<&str>) =
                        (l.text().lines().collect(), r.text().lines().collect());
                    for op in hunks {
                        let (side, sign, snippet, lines, k) = match op {
                            Line::Left(k) => (Side::Left, '-', l, &llines, k),
                            Line::Right(k) => (Side::Right, '+', r, &rlines, k),
                        };
                        let text = lines.get(k).copied().unwrap_or_default();
                        let n = snippet.lines().start() + k as u32;
                        self.line(&pad, side, sign, n, text);
                    }
                    return self.details(c, depth);
                }
            }
        }
        for s in c.left() {
            self.snippet(&pad, Side::Left, '-', s);
        }
        for s in c.right() {
            self.snippet(&pad, Side::Right, '+', s);
        }
        self.details(c, depth);
    }

    fn details(&mut self, c: &Change, depth: usize) {
        for d in c.details() {
            self.change(d, depth + 1);
        }
    }

    fn label(&self, side: Side) -> &str {
        match (self.diff.labels(), side) {
            (Some((l, _)), Side::Left) => l,
            (Some((_, r)), Side::Right) => r,
            (None, _) => "",
        }
    }

    fn snippet(&mut self, pad: &str, side: Side, sign: char, s: &Snippet) {
        for (k, line) in s.text().lines().enumerate() {
            self.line(pad, side, sign, s.lines().start() + k as u32, line);
        }
    }

    /// `- a.sql:12: text` where line numbers point into a file, else `- text`.
    fn line(&mut self, pad: &str, side: Side, sign: char, n: u32, text: &str) {
        let line = if self.diff.has_line_numbers(side) {
            format!("{pad}  {sign} {}:{n}: {text}", self.label(side))
        } else {
            format!("{pad}  {sign} {text}")
        };
        self.out.push(line);
    }
}

/// A line of a two-text diff: the k-th line of the left or of the right text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Left(usize),
    Right(usize),
}

/// The lines that differ between two texts (a longest-common-subsequence diff), removed lines
/// of each hunk before its added ones. `None` when the texts are too long to diff cheaply.
fn line_diff(a: &str, b: &str) -> Option<Vec<Line>> {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    let (n, m) = (a.len(), b.len());
    let lcs = Lcs::new(&a, &b, 4_000_000)?;
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    let mut added = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.append(&mut added);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs.len(i, j + 1) >= lcs.len(i + 1, j)) {
            added.push(Line::Right(j));
            j += 1;
        } else {
            out.push(Line::Left(i));
            i += 1;
        }
    }
    out.append(&mut added);
    Some(out)
}

/// The lengths of the longest common subsequences of the tails of two lists, for a diff of
/// them: [`Lcs::len`]`(i, j)` is that of `a[i..]` and `b[j..]`.
struct Lcs {
    lens: Vec<u32>,
    width: usize,
}

impl Lcs {
    /// The table for `a` and `b`; `None` when it would have more than `cells` cells (a table
    /// takes 4 bytes a cell and as many steps to fill).
    fn new<T: PartialEq>(a: &[T], b: &[T], cells: usize) -> Option<Self> {
        let (n, m) = (a.len(), b.len());
        if n.saturating_mul(m) > cells {
            return None;
        }
        let mut lcs = Lcs {
            lens: vec![0; (n + 1) * (m + 1)],
            width: m + 1,
        };
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs.lens[i * lcs.width + j] = if a[i] == b[j] {
                    lcs.len(i + 1, j + 1) + 1
                } else {
                    lcs.len(i + 1, j).max(lcs.len(i, j + 1))
                };
            }
        }
        Some(lcs)
    }

    /// The length of the longest common subsequence of `a[i..]` and `b[j..]`.
    fn len(&self, i: usize, j: usize) -> u32 {
        self.lens[i * self.width + j]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_diff_keeps_only_changed_lines() {
        let a = "CREATE VIEW v AS\n SELECT a,\n    b\n   FROM t;";
        let b = "CREATE VIEW v AS\n SELECT a,\n    c\n   FROM t\n  WHERE c;";
        assert_eq!(
            line_diff(a, b),
            Some(vec![
                Line::Left(2),
                Line::Left(3),
                Line::Right(2),
                Line::Right(3),
                Line::Right(4)
            ])
        );
        assert_eq!(line_diff(a, a), Some(vec![]));
    }

    #[test]
    fn reports_cut_and_colour() {
        let d = crate::diff(
            "CREATE TABLE t (a int, b int);",
            "CREATE TABLE t (a bigint);",
        )
        .unwrap();
        let plain = d.report().to_string();
        assert_eq!(plain, d.to_string());
        assert_eq!(
            d.report().max_lines(3).to_string(),
            "changed table public.t\n  changed column public.t.a\n    type int → bigint\n… 2 more lines not shown\n1 object differs: 0 added, 0 removed, 1 changed\n"
        );
        let coloured = d.report().color(true).to_string();
        assert!(
            coloured.contains("\x1b[31m    - b int\x1b[0m\n"),
            "{coloured}"
        );
        assert!(coloured.starts_with("changed table public.t\n"));
        let d = crate::diff("", "CREATE TABLE t (a int);")
            .unwrap()
            .with_labels("a.sql", "b.sql");
        let coloured = d.report().color(true).to_string();
        assert_eq!(
            coloured,
            "\x1b[31m- left: a.sql\x1b[0m\n\x1b[32m+ right: b.sql\x1b[0m\nadded table public.t\n\x1b[32m  + b.sql:1: CREATE TABLE t (a int);\x1b[0m\n1 object differs: 1 added, 0 removed, 0 changed\n"
        );
        assert_eq!(
            crate::diff("", "")
                .unwrap()
                .report()
                .color(true)
                .to_string(),
            ""
        );
    }

    #[test]
    fn an_enum_that_gained_a_label_is_told_in_words() {
        let a = "CREATE TYPE public.status AS ENUM (\n    'new',\n    'paid',\n    'shipped'\n);\n";
        let b = "CREATE TYPE public.status AS ENUM (\n    'new',\n    'paid',\n    'shipped',\n    'refunded'\n);\n";
        let d = crate::diff(a, b).unwrap();
        assert_eq!(
            d.to_string(),
            "changed enum public.status\n  changed definition public.status\n    label 'refunded' added after 'shipped'\n1 object differs: 0 added, 0 removed, 1 changed\n"
        );
        let d = d.with_labels("a.sql", "b.sql");
        assert!(
            d.to_string().contains(
                "    label 'refunded' added after 'shipped'\n    - a.sql:1-5\n    + b.sql:1-6\n"
            ),
            "{d}"
        );
    }

    #[test]
    fn long_definitions_show_the_lines_that_differ() {
        let a = "CREATE VIEW v AS\n SELECT a,\n    b\n   FROM t;";
        let b = "CREATE VIEW v AS\n SELECT a,\n    c\n   FROM t\n  WHERE c;";
        let d = crate::diff(a, b).unwrap();
        assert_eq!(
            d.to_string(),
            "changed view public.v\n  changed definition public.v\n    -     b\n    -    FROM t;\n    +     c\n    +    FROM t\n    +   WHERE c;\n1 object differs: 0 added, 0 removed, 1 changed\n"
        );
    }

    #[test]
    fn summary_counts_objects() {
        let d = crate::diff(
            "CREATE TABLE a (x int); CREATE TABLE b (x int);",
            "CREATE TABLE a (x bigint); CREATE TABLE c (x int);",
        )
        .unwrap();
        assert_eq!(
            Summary(&d).to_string(),
            "3 objects differ: 1 added, 1 removed, 1 changed"
        );
        let same = crate::diff("", "").unwrap();
        assert_eq!(same.to_string(), "");
        assert_eq!(Summary(&same).to_string(), "no differences");
    }

    #[test]
    fn report_groups_parts_under_their_object() {
        let d = crate::diff(
            "CREATE TABLE t (\n    id integer,\n    name text\n);\nALTER TABLE t OWNER TO a;",
            "CREATE TABLE t (\n    id bigint,\n    name text\n);\nALTER TABLE t OWNER TO b;\nCREATE INDEX t_name ON t (name);",
        )
        .unwrap();
        // Dumps given as text: no line numbers, for there is no file to look in.
        let expected = "\
changed table public.t
  changed column public.t.id
    type integer → bigint
  added index public.t_name
    + CREATE INDEX t_name ON t (name);
  changed owner public.t
    owner a → b
1 object differs: 0 added, 0 removed, 1 changed
";
        assert_eq!(d.to_string(), expected);
        // Files: the sides named, and where each line is.
        let d = d.with_labels("models.sql", "migrated.sql");
        let expected = "\
- left: models.sql
+ right: migrated.sql
changed table public.t
  changed column public.t.id
    type integer → bigint
    - models.sql:2: id integer
    + migrated.sql:2: id bigint
  added index public.t_name
    + migrated.sql:6: CREATE INDEX t_name ON t (name);
  changed owner public.t
    owner a → b
    - models.sql:5: ALTER TABLE t OWNER TO a;
    + migrated.sql:5: ALTER TABLE t OWNER TO b;
1 object differs: 0 added, 0 removed, 1 changed
";
        assert_eq!(d.to_string(), expected);
        assert_eq!(
            d.clone().mirror().labels(),
            Some(("migrated.sql", "models.sql"))
        );
    }
}
