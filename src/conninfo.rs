//! Connection strings, as libpq reads them: a URL (`postgresql://user:secret@host/db?…`) or
//! `key=value` pairs (`host=h password=secret`). The password is taken out before a string
//! reaches a child's command line (where `ps` shows it to every local user) and masked
//! wherever a string is shown.

use std::borrow::Cow;

/// What replaces a password in shown text.
const MASK: &str = "***";

/// A connection string without its password, and the password (decoded) if it had one.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Conninfo {
    /// The string with the password removed: safe on a command line.
    pub without_password: String,
    /// The password as libpq would read it (percent-decoded, unquoted).
    pub password: Option<String>,
}

/// A byte range of `s` that holds a password, as written (still encoded or quoted).
fn password_spans(s: &str) -> Vec<(usize, usize)> {
    if let Some(rest) = url_rest(s) {
        url_password_spans(s, s.len() - rest.len())
    } else {
        keyword_password_spans(s)
    }
}

/// The text after `postgresql://` or `postgres://`, when `s` is a URL.
fn url_rest(s: &str) -> Option<&str> {
    s.strip_prefix("postgresql://")
        .or_else(|| s.strip_prefix("postgres://"))
}

/// The password spans of a URL whose authority starts at `start`: the `:secret` of
/// `user:secret@` (libpq looks for `@` up to the first `/`) and every `password=` value of
/// the query.
fn url_password_spans(s: &str, start: usize) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let rest = &s[start..];
    // libpq looks for the user part up to the first `/`; a password with an unencoded `@`
    // is masked whole by taking the last `@`.
    let authority_end = rest.find('/').unwrap_or(rest.len());
    if let Some(at) = rest[..authority_end].rfind('@') {
        if let Some(colon) = rest[..at].find(':') {
            spans.push((start + colon + 1, start + at));
        }
    }
    if let Some(q) = rest.find('?') {
        let mut from = start + q + 1;
        for param in s[from..].split('&') {
            if let Some(value) = param.strip_prefix("password=") {
                let value_start = from + "password=".len();
                spans.push((value_start, value_start + value.len()));
            }
            from += param.len() + 1;
        }
    }
    // A query inside what looked like the user part gives overlapping spans: merge them.
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (from, to) in spans {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// The spans of `password=value` in a `key = value` string: the value bare up to white
/// space, or in single quotes with `\` escapes.
fn keyword_password_spans(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    let skip_space = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    while i < b.len() {
        i = skip_space(i);
        let key_start = i;
        while i < b.len() && b[i] != b'=' && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let key = &s[key_start..i];
        i = skip_space(i);
        if b.get(i) != Some(&b'=') {
            // Not key=value: libpq would refuse the string; go on at the next word.
            continue;
        }
        i = skip_space(i + 1);
        let value_start = i;
        if b.get(i) == Some(&b'\'') {
            i += 1;
            while i < b.len() && b[i] != b'\'' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(b.len());
        } else {
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = i.min(b.len());
        }
        if key == "password" {
            spans.push((value_start, i));
        }
    }
    spans
}

/// A connection string with every password replaced by `***`, for messages and reports.
///
/// ```
/// use sql_compare::redact;
/// assert_eq!(redact("postgresql://app:s3cret@db:5432/prod"), "postgresql://app:***@db:5432/prod");
/// assert_eq!(redact("postgres://db/prod?user=app&password=s3cret"), "postgres://db/prod?user=app&password=***");
/// assert_eq!(redact("host=db password='s3 cret' dbname=prod"), "host=db password=*** dbname=prod");
/// assert_eq!(redact("testdata/shop-models.sql"), "testdata/shop-models.sql");
/// ```
pub fn redact(conninfo: &str) -> Cow<'_, str> {
    replace_spans(conninfo, &password_spans(conninfo), MASK)
}

fn replace_spans<'a>(s: &'a str, spans: &[(usize, usize)], with: &str) -> Cow<'a, str> {
    if spans.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for &(from, to) in spans {
        out.push_str(&s[at..from]);
        out.push_str(with);
        at = to;
    }
    out.push_str(&s[at..]);
    Cow::Owned(out)
}

impl Conninfo {
    /// Splits the password out of a connection string.
    pub fn parse(conninfo: &str) -> Self {
        let is_url = url_rest(conninfo).is_some();
        let spans = password_spans(conninfo);
        let password = spans.last().map(|&(from, to)| {
            let raw = &conninfo[from..to];
            if is_url {
                percent_decode(raw)
            } else {
                unquote(raw)
            }
        });
        let without_password = if is_url {
            remove_url_password(conninfo, &spans)
        } else {
            remove_keyword_password(conninfo, &spans)
        };
        Self {
            without_password,
            password,
        }
    }
}

/// `user:secret@` becomes `user@`; `password=…` query parameters go with their `&`.
fn remove_url_password(s: &str, spans: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for &(from, to) in spans {
        let (mut from, mut to) = (from, to);
        if s[..from].ends_with(':') {
            from -= 1; // the `:` before the password
        } else {
            from -= "password=".len();
            if s[to..].starts_with('&') {
                to += 1;
            } else if s[..from].ends_with(['&', '?']) {
                from -= 1;
            }
        }
        out.push_str(&s[at..from]);
        at = to;
    }
    out.push_str(&s[at..]);
    out
}

fn remove_keyword_password(s: &str, spans: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for &(from, to) in spans {
        let key = s[..from].trim_end().trim_end_matches('=').trim_end();
        let key_start = key.len() - "password".len();
        out.push_str(&s[at..key_start]);
        at = to;
    }
    out.push_str(&s[at..]);
    out.trim().to_string()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn unquote(s: &str) -> String {
    let inner = s
        .strip_prefix('\'')
        .map(|r| r.strip_suffix('\'').unwrap_or(r))
        .unwrap_or(s);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` with every occurrence of `password` masked: a program's message may quote the
/// connection string it was given. Passwords under 4 characters are left alone, since they
/// would mask ordinary words of the message.
pub(crate) fn mask_in(text: &str, password: Option<&str>) -> String {
    match password {
        Some(p) if p.len() >= 4 => text.replace(p, MASK),
        _ => text.to_string(),
    }
}

impl std::fmt::Debug for Conninfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conninfo")
            .field("without_password", &self.without_password)
            .field("password", &self.password.as_ref().map(|_| MASK))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> (String, Option<String>) {
        let c = Conninfo::parse(s);
        (c.without_password, c.password)
    }

    #[test]
    fn url_passwords_are_taken_out_and_decoded() {
        assert_eq!(
            split("postgresql://app:s%40cr%2Ft@db:5432/prod"),
            (
                "postgresql://app@db:5432/prod".into(),
                Some("s@cr/t".into())
            )
        );
        assert_eq!(
            split("postgres://app:pw@db/prod?sslmode=require"),
            (
                "postgres://app@db/prod?sslmode=require".into(),
                Some("pw".into())
            )
        );
        assert_eq!(
            split("postgresql://db/prod?password=pw&user=app"),
            ("postgresql://db/prod?user=app".into(), Some("pw".into()))
        );
        assert_eq!(
            split("postgresql://db/prod?user=app&password=pw"),
            ("postgresql://db/prod?user=app".into(), Some("pw".into()))
        );
        assert_eq!(
            split("postgresql://db/prod?password=pw"),
            ("postgresql://db/prod".into(), Some("pw".into()))
        );
        assert_eq!(
            split("postgresql://app@db/prod"),
            ("postgresql://app@db/prod".into(), None)
        );
        assert_eq!(
            split("postgresql:///prod?host=/tmp"),
            ("postgresql:///prod?host=/tmp".into(), None)
        );
    }

    #[test]
    fn keyword_passwords_are_taken_out_and_unquoted() {
        assert_eq!(
            split("host=db password=pw dbname=prod"),
            ("host=db  dbname=prod".into(), Some("pw".into()))
        );
        assert_eq!(
            split("host=db password = 'p w\\'x' dbname=prod"),
            ("host=db  dbname=prod".into(), Some("p w'x".into()))
        );
        assert_eq!(split("dbname=prod"), ("dbname=prod".into(), None));
    }

    #[test]
    fn redaction_masks_every_form() {
        assert_eq!(
            redact("postgresql://u:SECRET@h/db"),
            "postgresql://u:***@h/db"
        );
        assert_eq!(
            redact("postgresql://u:SE:CR@ET@h/db"),
            "postgresql://u:***@h/db"
        );
        assert_eq!(
            redact("postgresql://h/db?password=SECRET&x=1"),
            "postgresql://h/db?password=***&x=1"
        );
        assert_eq!(redact("user=u password=SECRET"), "user=u password=***");
        assert_eq!(redact("user=u password='SE CRET'"), "user=u password=***");
        assert_eq!(redact("postgresql://u@h/db"), "postgresql://u@h/db");
        assert_eq!(redact("dump.sql"), "dump.sql");
        assert_eq!(redact("-"), "-");
    }

    #[test]
    fn any_text_is_taken_apart_without_panicking() {
        // Every string of up to 5 characters over an alphabet of the characters that matter.
        let alphabet = ['p', '=', ' ', '\'', '\\', ':', '@', '/', '?', '&', 'é', '%'];
        let mut stack = vec![String::new()];
        while let Some(s) = stack.pop() {
            for prefix in ["", "postgresql://", "password="] {
                let text = format!("{prefix}{s}");
                let _ = redact(&text);
                let _ = Conninfo::parse(&text);
            }
            if s.chars().count() < 5 {
                stack.extend(alphabet.iter().map(|c| format!("{s}{c}")));
            }
        }
    }

    #[test]
    fn debug_never_shows_the_password() {
        let c = Conninfo::parse("postgresql://u:SECRET@h/db");
        assert!(!format!("{c:?}").contains("SECRET"));
    }

    #[test]
    fn messages_are_masked_unless_the_password_is_tiny() {
        assert_eq!(mask_in("bad: SECRET here", Some("SECRET")), "bad: *** here");
        assert_eq!(mask_in("a message", Some("a")), "a message");
        assert_eq!(mask_in("a message", None), "a message");
    }
}
