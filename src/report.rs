//! The text report: `Display` for [`SchemaDiff`].

use std::fmt;

use crate::change::{Change, SchemaDiff, Snippet};

impl fmt::Display for SchemaDiff {
    /// One block per object: a header line (`changed table public.users`), its parts that
    /// differ, and `-` (left) / `+` (right) source lines with their line numbers. A final
    /// line counts the objects. Nothing at all when the dumps are equal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return Ok(());
        }
        let (ll, rl) = match self.labels() {
            Some((l, r)) => (Some(l), Some(r)),
            None => (None, None),
        };
        for c in self.changes() {
            write_change(f, c, 0, ll, rl)?;
        }
        writeln!(f, "{}", Summary(self))
    }
}

/// A configurable view of a report: coloured `-`/`+` lines, and a cut after so many lines.
///
/// ```
/// let diff = sql_compare::diff("CREATE TABLE t (a int);", "CREATE TABLE t (a bigint);")?;
/// let text = diff.report().max_lines(2).to_string();
/// assert_eq!(text, "changed table public.t\n  changed column public.t.a\n… 2 more lines not shown\n1 object differs: 0 added, 0 removed, 1 changed\n");
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
    pub fn color(mut self, yes: bool) -> Self {
        self.color = yes;
        self
    }

    /// Shows at most `n` lines of the report body, then how many were left out; the summary
    /// line always comes last.
    pub fn max_lines(mut self, n: usize) -> Self {
        self.max_lines = Some(n);
        self
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.diff.is_empty() {
            return Ok(());
        }
        let full = self.diff.to_string();
        let mut lines: Vec<&str> = full.lines().collect();
        let summary = lines.pop().unwrap_or_default();
        let shown = self.max_lines.unwrap_or(usize::MAX).min(lines.len());
        for line in &lines[..shown] {
            let body = line.trim_start();
            let code = match body.as_bytes().first() {
                Some(b'-') if self.color && body.starts_with("- ") => Some("31"),
                Some(b'+') if self.color && body.starts_with("+ ") => Some("32"),
                _ => None,
            };
            match code {
                Some(c) => writeln!(f, "\x1b[{c}m{line}\x1b[0m")?,
                None => writeln!(f, "{line}")?,
            }
        }
        if shown < lines.len() {
            writeln!(f, "… {} more lines not shown", lines.len() - shown)?;
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
pub struct Summary<'a>(pub &'a SchemaDiff);

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (added, removed, changed) = self.0.counts();
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

fn write_change(
    f: &mut fmt::Formatter<'_>,
    c: &Change,
    depth: usize,
    ll: Option<&str>,
    rl: Option<&str>,
) -> fmt::Result {
    let pad = "  ".repeat(depth);
    writeln!(f, "{pad}{} {} {}", c.change(), c.kind(), c.name())?;
    if let ([l], [r]) = (c.left(), c.right()) {
        if l.text.lines().count() > 3 || r.text.lines().count() > 3 {
            if let Some(hunks) = line_diff(&l.text, &r.text) {
                // Each text's lines listed once: found by counting from the first for each
                // line shown, a long text would take a time quadratic in its lines.
                let (llines, rlines): (Vec<&str>, Vec<&str>) =
                    (l.text.lines().collect(), r.text.lines().collect());
                for op in hunks {
                    let (sign, snippet, lines, k, label) = match op {
                        Line::Left(k) => ('-', l, &llines, k, ll),
                        Line::Right(k) => ('+', r, &rlines, k, rl),
                    };
                    let text = lines.get(k).copied().unwrap_or_default();
                    let n = snippet.lines.start as usize + k;
                    write_line(f, &pad, sign, label, n, text)?;
                }
                for d in c.details() {
                    write_change(f, d, depth + 1, ll, rl)?;
                }
                return Ok(());
            }
        }
    }
    for s in c.left() {
        write_snippet(f, &pad, '-', s, ll)?;
    }
    for s in c.right() {
        write_snippet(f, &pad, '+', s, rl)?;
    }
    for d in c.details() {
        write_change(f, d, depth + 1, ll, rl)?;
    }
    Ok(())
}

fn write_snippet(
    f: &mut fmt::Formatter<'_>,
    pad: &str,
    sign: char,
    s: &Snippet,
    label: Option<&str>,
) -> fmt::Result {
    for (k, line) in s.text.lines().enumerate() {
        write_line(f, pad, sign, label, s.lines.start as usize + k, line)?;
    }
    Ok(())
}

fn write_line(
    f: &mut fmt::Formatter<'_>,
    pad: &str,
    sign: char,
    label: Option<&str>,
    n: usize,
    line: &str,
) -> fmt::Result {
    match label {
        Some(l) => writeln!(f, "{pad}  {sign} {l}:{n}: {line}"),
        None => writeln!(f, "{pad}  {sign} {n}: {line}"),
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
    if n.saturating_mul(m) > 4_000_000 {
        return None;
    }
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if a[i] == b[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    let mut added = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.append(&mut added);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)]) {
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
            "changed table public.t\n  changed column public.t.a\n    - 1: a int\n… 3 more lines not shown\n1 object differs: 0 added, 0 removed, 1 changed\n"
        );
        let coloured = d.report().color(true).to_string();
        assert!(
            coloured.contains("\x1b[31m    - 1: a int\x1b[0m\n"),
            "{coloured}"
        );
        assert!(
            coloured.contains("\x1b[32m    + 1: a bigint\x1b[0m\n"),
            "{coloured}"
        );
        assert!(coloured.starts_with("changed table public.t\n"));
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
        let expected = "\
changed table public.t
  changed column public.t.id
    - 2: id integer
    + 2: id bigint
  added index public.t_name
    + 6: CREATE INDEX t_name ON t (name);
  changed owner public.t
    - 5: ALTER TABLE t OWNER TO a;
    + 5: ALTER TABLE t OWNER TO b;
1 object differs: 0 added, 0 removed, 1 changed
";
        assert_eq!(d.to_string(), expected);
    }
}
