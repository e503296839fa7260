//! The crate's one error type.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A 1-based line and column in a dump. Columns count characters, not bytes.
///
/// ```
/// use sql_compare::Location;
///
/// let err = sql_compare::diff("SELECT 1;", "SELECT 1;\nSELECT 'open").unwrap_err();
/// assert_eq!(err.location(), Some(Location::new(2, 8)));
/// assert_eq!(Location::new(2, 8).to_string(), "2:8");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    /// Line number, starting at 1.
    pub line: u32,
    /// Column number, starting at 1, counted in characters.
    pub column: u32,
}

impl Location {
    /// A location from a 1-based line and column.
    pub const fn new(line: u32, column: u32) -> Self {
        Self { line, column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Where a location relative to a statement (line 1, column 1 = its first character) is in
/// the input, for a statement that starts at `start`.
pub(crate) fn absolute(start: Location, rel: Location) -> Location {
    if rel.line <= 1 {
        Location::new(start.line, start.column + rel.column.max(1) - 1)
    } else {
        Location::new(start.line + rel.line - 1, rel.column)
    }
}

/// What went wrong, without where.
///
/// ```
/// use sql_compare::ErrorKind;
///
/// let err = sql_compare::diff("CREATE TABLE t (a int);", "/* never closed").unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::UnterminatedBlockComment);
/// assert_eq!(err.to_string(), "right: 1:1: unterminated block comment");
///
/// let err = sql_compare::diff_files("no-such.sql", "testdata/shop-models.sql").unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::Io { kind: std::io::ErrorKind::NotFound, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A `'…'` string literal that is never closed.
    #[error("unterminated quoted string")]
    UnterminatedString,
    /// A `"…"` identifier that is never closed.
    #[error("unterminated quoted identifier")]
    UnterminatedQuotedIdentifier,
    /// A `$tag$…$tag$` body that is never closed.
    #[error("unterminated dollar-quoted string {tag}")]
    UnterminatedDollarQuote {
        /// The opening tag, such as `$$` or `$function$`.
        tag: String,
    },
    /// A `/* … */` comment that is never closed.
    #[error("unterminated block comment")]
    UnterminatedBlockComment,
    /// The input is not UTF-8.
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// The offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
    /// A backslash escape that an `E'…'` or `U&'…'` string cannot hold (`E'\u12'`,
    /// `U&'\zzzz'`, a code point that is no character).
    #[error("invalid escape in quoted string")]
    InvalidEscape,
    /// A character that cannot stand where it is, such as `_` after a number or a `.`.
    #[error("unexpected character {0:?}")]
    UnexpectedCharacter(char),
    /// A run of operator characters that is no operator the tokenizer knows (`|&`, `@-`).
    #[error("unknown operator {operator}")]
    UnknownOperator {
        /// The operator's first characters.
        operator: String,
    },
    /// Text that does not tokenize, for a reason none of the other kinds names.
    #[error("text that does not tokenize")]
    Syntax,
    /// An input is larger than the limit set for it (pg_dump's output, a file).
    #[error("larger than the limit of {} bytes", limit)]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// Reading or writing a file failed; [`Error::source`](std::error::Error::source) is the
    /// [`std::io::Error`].
    #[error("{message}")]
    Io {
        /// What kind of I/O error it was, to match on.
        kind: std::io::ErrorKind,
        /// The system's message, lower-cased.
        message: String,
    },
    /// A connection URL that cannot be used safely as it is written.
    #[error("{reason}")]
    BadUrl {
        /// The URL, its password masked.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A PostgreSQL program (`pg_dump`, `psql`) could not be found.
    #[error("{program} not found: {hint}")]
    ProgramNotFound {
        /// The program's name.
        program: String,
        /// Where it was looked for.
        hint: String,
    },
    /// A PostgreSQL program could not run or exited with an error.
    #[error("{program} failed{}: {message}", status.map(|s| format!(" with exit status {s}")).unwrap_or_default())]
    ProgramFailed {
        /// The program that ran.
        program: String,
        /// Its exit status, if it exited.
        status: Option<i32>,
        /// What it wrote on standard error.
        message: String,
    },
    /// A throwaway PostgreSQL server could not be started or used.
    #[error("scratch server: {0}")]
    Scratch(String),
    /// A SQL file failed to load into a scratch database: PostgreSQL's first error, with the
    /// file and the line psql reported.
    #[error("{file}:{}{message}", line.map(|l| format!("{l}: ")).unwrap_or_else(|| " ".into()))]
    LoadFailed {
        /// The file (or input) that failed, as named to the user.
        file: String,
        /// The line psql reported, when it did.
        line: Option<u32>,
        /// PostgreSQL's message, such as `ERROR: relation "t" does not exist`.
        message: String,
    },
    /// Roles that a dump names (`OWNER TO`, `GRANT … TO`) do not exist on a given scratch
    /// server; only a throwaway cluster creates them.
    #[error("the scratch server lacks the role{} {} that the input names (create {}, or use a throwaway cluster)", if roles.len() == 1 { "" } else { "s" }, roles.join(", "), if roles.len() == 1 { "it" } else { "them" })]
    MissingRoles {
        /// The missing roles' names.
        roles: Vec<String>,
    },
}

/// The error type of this crate: a [`ErrorKind`], where it happened, and in which input.
///
/// Its message is lowercase, for example
/// `left: 3:12: unterminated quoted string`. `Debug` prints the same sentence as `Display`, so
/// that `.unwrap()` and `fn main() -> Result<…>` show it rather than the struct's fields
/// (which [`Error::kind`], [`Error::location`], [`Error::path`] and [`Error::side`] give).
///
/// ```
/// let err = sql_compare::diff("SELECT 1;", "SELECT 'x").unwrap_err();
/// assert_eq!(format!("{err:?}"), "right: 1:8: unterminated quoted string");
/// assert_eq!(format!("{err:?}"), err.to_string());
/// ```
#[derive(Clone)]
pub struct Error(Box<Inner>);

/// An error's parts, boxed so that a `Result` carries one pointer.
#[derive(Clone)]
struct Inner {
    kind: ErrorKind,
    location: Option<Location>,
    path: Option<PathBuf>,
    side: Option<Side>,
    /// The I/O error behind an [`ErrorKind::Io`].
    source: Option<Arc<std::io::Error>>,
}

impl PartialEq for Error {
    /// Errors are equal when they say the same: the I/O cause is compared by its kind.
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.0, &other.0);
        (&a.kind, a.location, &a.path, a.side) == (&b.kind, b.location, &b.path, b.side)
    }
}

impl Eq for Error {}

/// Which of the two inputs of a comparison.
///
/// ```
/// use sql_compare::Side;
///
/// let err = sql_compare::diff("SELECT \"x", "SELECT 1;").unwrap_err();
/// assert_eq!(err.side(), Some(Side::Left));
/// assert_eq!(Side::Right.to_string(), "right");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The first (left, old) input.
    Left,
    /// The second (right, new) input.
    Right,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Left => "left",
            Side::Right => "right",
        })
    }
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, location: Option<Location>) -> Self {
        Self(Box::new(Inner {
            kind,
            location,
            path: None,
            side: None,
            source: None,
        }))
    }

    /// An I/O error on `path`, kept as the error's [`source`](std::error::Error::source).
    pub(crate) fn io(path: &Path, err: std::io::Error) -> Self {
        let kind = ErrorKind::Io {
            kind: err.kind(),
            message: err.to_string().to_lowercase(),
        };
        let mut e = Self::new(kind, None).with_path(path);
        e.0.source = Some(Arc::new(err));
        e
    }

    pub(crate) fn with_path(mut self, path: &Path) -> Self {
        self.0.path = Some(path.to_path_buf());
        self
    }

    /// The error with a location relative to a statement (see `tokenize::tokenize`) made absolute.
    pub(crate) fn in_statement_at(mut self, start: Location) -> Self {
        self.0.location = self.0.location.map(|rel| absolute(start, rel));
        self
    }

    pub(crate) fn with_side(mut self, side: Side) -> Self {
        self.0.side = Some(side);
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Where in the input, as a 1-based line and column, when the error is about its text.
    pub fn location(&self) -> Option<Location> {
        self.0.location
    }

    /// The file the error is about, when it came from a file.
    pub fn path(&self) -> Option<&Path> {
        self.0.path.as_deref()
    }

    /// Which input of a comparison the error is about, when known.
    pub fn side(&self) -> Option<Side> {
        self.0.side
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.0;
        match (&e.path, e.side) {
            (Some(path), _) => write!(f, "{}: ", path.display())?,
            (None, Some(side)) => write!(f, "{side}: ")?,
            (None, None) => {}
        }
        if let Some(loc) = e.location {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{}", e.kind)
    }
}

impl fmt::Debug for Error {
    /// The same text as `Display`: what `unwrap()` and a `main` that returns an error print.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_one_pointer_and_keeps_its_io_cause() {
        use std::error::Error as _;
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let err = Error::io(Path::new("a.sql"), io);
        assert_eq!(err.to_string(), "a.sql: no such file");
        assert!(matches!(
            err.kind(),
            ErrorKind::Io {
                kind: std::io::ErrorKind::NotFound,
                ..
            }
        ));
        let source = err
            .source()
            .and_then(|s| s.downcast_ref::<std::io::Error>());
        assert_eq!(
            source.map(std::io::Error::kind),
            Some(std::io::ErrorKind::NotFound)
        );
        assert_eq!(err.clone(), err);
    }

    #[test]
    fn debug_reads_as_the_message() {
        let err = Error::new(
            ErrorKind::ProgramFailed {
                program: "pg_dump".into(),
                status: Some(1),
                message: "connection refused".into(),
            },
            None,
        );
        assert_eq!(
            format!("{err:?}"),
            "pg_dump failed with exit status 1: connection refused"
        );
        let err = err.with_side(Side::Right);
        assert_eq!(format!("{err:?}"), err.to_string());
        assert!(format!("{err:#?}").starts_with("right: pg_dump failed"));
        // What `unwrap()` prints: the sentence, not `Error { kind: … }`.
        let failing = || -> Result<()> {
            Err(Error::new(
                ErrorKind::UnterminatedString,
                Some(Location::new(2, 3)),
            ))
        };
        let unwrapped = std::panic::catch_unwind(|| failing().unwrap()).unwrap_err();
        let text = unwrapped.downcast_ref::<String>().unwrap();
        assert_eq!(
            text,
            "called `Result::unwrap()` on an `Err` value: 2:3: unterminated quoted string"
        );
    }
}
