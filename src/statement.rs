//! The statements of a dump as written, for tools that want to look at or rearrange them.

use crate::diff::change::LineRange;
use crate::error::Result;
use crate::split::split;

/// One statement of a dump: its original text (from its first token to its `;`) and lines.
///
/// Comments between statements and psql meta-commands (`\restrict …`) are not part of any
/// statement.
///
/// ```
/// let dump = "CREATE TABLE t (a int);\nCOPY t (a) FROM stdin;\n1\n2\n\\.\n";
/// let s = sql_compare::statements(dump)?;
/// assert_eq!(s[1].text(), "COPY t (a) FROM stdin;");
/// assert_eq!(s[1].copy_rows(), ["1", "2"]);
/// assert_eq!(s[1].lines().to_string(), "2");
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement<'a> {
    text: &'a str,
    lines: LineRange,
    copy_rows: Vec<&'a str>,
}

impl<'a> Statement<'a> {
    /// The statement's text as written, `;` included when it has one.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The lines the statement spans.
    pub fn lines(&self) -> LineRange {
        self.lines
    }

    /// For `COPY … FROM stdin`: the data rows that follow it, without the final `\.`.
    pub fn copy_rows(&self) -> &[&'a str] {
        &self.copy_rows
    }
}

/// Splits a dump into statements the way psql reads it.
///
/// ```
/// let s = sql_compare::statements("\\restrict k\nSET a = 1; -- x\nCREATE TABLE t (a int);")?;
/// assert_eq!(s.len(), 2);
/// assert_eq!(s[1].text(), "CREATE TABLE t (a int);");
/// assert_eq!(s[1].lines().start(), 3);
/// # Ok::<(), sql_compare::Error>(())
/// ```
pub fn statements(dump: &str) -> Result<Vec<Statement<'_>>> {
    Ok(split(dump)?
        .into_iter()
        .map(|r| Statement {
            text: r.text,
            lines: LineRange::new(r.start.line, r.end_line()),
            copy_rows: r.copy_rows().iter().map(|row| row.text).collect(),
        })
        .collect())
}
