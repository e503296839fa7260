//! The text report: `Display` for [`SchemaDiff`].

use std::fmt;

use crate::diff::{Change, ChangeKind, SchemaDiff, Snippet};

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
        let n = s.lines.start as usize + k;
        match label {
            Some(l) => writeln!(f, "{pad}  {sign} {l}:{n}: {line}")?,
            None => writeln!(f, "{pad}  {sign} {n}: {line}")?,
        }
    }
    Ok(())
}

impl ChangeKind {
    /// The sign used for this change in reports.
    pub fn sign(self) -> char {
        match self {
            ChangeKind::Added => '+',
            ChangeKind::Removed => '-',
            ChangeKind::Changed => '~',
        }
    }
}
