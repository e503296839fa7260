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
    /// The password as libpq would read it (percent-decoded, unquoted); an empty one, which
    /// libpq ignores, is none.
    pub password: Option<String>,
    /// A URL with an `@` that libpq would not read as the end of the user part (a password
    /// with an unencoded `@` or `/`): part of the password would be left on a command line.
    pub ambiguous: bool,
}

/// The text after `postgresql://` or `postgres://`, when `s` is a URL.
fn url_rest(s: &str) -> Option<&str> {
    s.strip_prefix("postgresql://")
        .or_else(|| s.strip_prefix("postgres://"))
}

/// Where the parts of a URL lie, found as libpq finds them: the user part runs to the first
/// `@` if one comes before any `/`; the hosts run to the first `/` or `?` after it; the query
/// starts at the first `?` after the hosts.
struct UrlLayout {
    /// Where the text after the scheme's `://` starts.
    start: usize,
    /// The `user[:password]` part and the `@` after it.
    userinfo: Option<(usize, usize)>,
    /// The password inside the user part (after its first `:`).
    password: Option<(usize, usize)>,
    /// Where the hosts start.
    hosts: usize,
    /// Where they end: the `/` of the path, the `?` of the query, or the end.
    hosts_end: usize,
    /// The `?` that starts the query, if any.
    query: Option<usize>,
}

fn url_layout(s: &str) -> Option<UrlLayout> {
    let start = s.len() - url_rest(s)?.len();
    let rest = &s[start..];
    let user_end = rest
        .find(['@', '/'])
        .filter(|&i| rest.as_bytes()[i] == b'@');
    let (userinfo, password, hosts) = match user_end {
        Some(at) => {
            let password = rest[..at].find(':').map(|c| (start + c + 1, start + at));
            (Some((start, start + at + 1)), password, start + at + 1)
        }
        None => (None, None, start),
    };
    // The hosts end at a `/` or `?` outside the brackets of an IPv6 address.
    let mut depth = 0usize;
    let hosts_end = s[hosts..]
        .char_indices()
        .find(|&(_, c)| {
            match c {
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                '/' | '?' if depth == 0 => return true,
                _ => {}
            }
            false
        })
        .map_or(s.len(), |(i, _)| hosts + i);
    let query = s[hosts_end..].find('?').map(|q| hosts_end + q);
    Some(UrlLayout {
        start,
        userinfo,
        password,
        hosts,
        hosts_end,
        query,
    })
}

/// The last `@` of a URL after its scheme that stands outside a query parameter's value (in
/// the query libpq finds, the nearest `&` or `=` before it is not a `=`): one in a password
/// libpq would misread.
fn last_bare_at(s: &str, start: usize, query: Option<usize>) -> Option<usize> {
    let b = s.as_bytes();
    let mut last = None;
    let mut in_value = false;
    for (i, &c) in b.iter().enumerate().skip(start) {
        let in_query = query.is_some_and(|q| i > q);
        match c {
            b'&' if in_query => in_value = false,
            b'=' if in_query => in_value = true,
            b'@' if !in_value => last = Some(i),
            _ => {}
        }
    }
    last
}

/// Where a URL's path (`/dbname`, possibly empty) starts and ends, the user part and a
/// password in it with a `?` or `/` skipped as libpq skips them; `None` for key=value strings.
pub(crate) fn url_path(s: &str) -> Option<(usize, usize)> {
    let layout = url_layout(s)?;
    let query = layout.query.unwrap_or(s.len());
    Some((layout.hosts_end.min(query), query))
}

/// The query parameters of a URL: each one's span (without its `&`) and its decoded key.
fn query_params(s: &str, query: usize) -> Vec<(usize, usize, String)> {
    let mut params = Vec::new();
    let mut from = query + 1;
    for param in s[from..].split('&') {
        let key = param.split('=').next().unwrap_or_default();
        params.push((from, from + param.len(), percent_decode(key)));
        from += param.len() + 1;
    }
    params
}

/// The byte ranges of `s` that hold a secret, as written (still encoded or quoted), to mask.
/// Broader than what libpq reads as a password: everything between the user part's `:` and
/// the last `@` before the query (a password with an unencoded `@`), and the values of
/// `password` and `sslpassword` in any letter case.
fn secret_spans(s: &str) -> Vec<(usize, usize)> {
    let Some(layout) = url_layout(s) else {
        return keyword_spans(s, |key| {
            key.eq_ignore_ascii_case("password") || key.eq_ignore_ascii_case("sslpassword")
        });
    };
    let start = layout.start;
    let mut spans = Vec::new();
    spans.extend(layout.password);
    if let Some(at) = last_bare_at(s, start, layout.query) {
        if let Some(colon) = s[start..at].find(':') {
            spans.push((start + colon + 1, at));
        }
    }
    if let Some(q) = layout.query {
        for (from, to, key) in query_params(s, q) {
            if key.eq_ignore_ascii_case("password") || key.eq_ignore_ascii_case("sslpassword") {
                let eq = s[from..to].find('=').map_or(to, |e| from + e + 1);
                spans.push((eq, to));
            }
        }
    }
    merge(spans)
}

/// Sorted spans, overlapping ones joined.
fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
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

/// The spans of the values of the keys `wanted` accepts in a `key = value` string: a value
/// bare up to white space, or in single quotes with `\` escapes.
fn keyword_spans(s: &str, wanted: impl Fn(&str) -> bool) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    // libpq's white space is C's: the ASCII one and a vertical tab.
    let space = |c: u8| c.is_ascii_whitespace() || c == 0x0b;
    let skip_space = |mut i: usize| {
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        i
    };
    while i < b.len() {
        i = skip_space(i);
        let key_start = i;
        while i < b.len() && b[i] != b'=' && !space(b[i]) {
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
            while i < b.len() && !space(b[i]) {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = i.min(b.len());
        }
        if wanted(key) {
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
    let spans = secret_spans(conninfo);
    if spans.is_empty() {
        return Cow::Borrowed(conninfo);
    }
    let mut out = String::with_capacity(conninfo.len());
    let mut at = 0;
    for (from, to) in spans {
        out.push_str(&conninfo[at..from]);
        out.push_str(MASK);
        at = to;
    }
    out.push_str(&conninfo[at..]);
    Cow::Owned(out)
}

impl Conninfo {
    /// [`Conninfo::parse`], refusing a URL whose password libpq would split (see
    /// [`Conninfo::ambiguous`]).
    pub fn checked(conninfo: &str) -> Result<Self, crate::error::Error> {
        let c = Self::parse(conninfo);
        if c.ambiguous {
            return Err(crate::error::Error::new(
                crate::error::ErrorKind::BadUrl {
                    url: redact(conninfo).into_owned(),
                    reason: "an @ or / in the URL's password must be percent-encoded (%40, %2F)"
                        .into(),
                },
                None,
            ));
        }
        Ok(c)
    }

    /// Splits the password out of a connection string, as libpq would read it.
    pub fn parse(conninfo: &str) -> Self {
        let (without_password, password, ambiguous) = match url_layout(conninfo) {
            Some(layout) => split_url(conninfo, &layout),
            None => {
                let spans = keyword_spans(conninfo, |key| key == "password");
                let password = spans.last().map(|&(f, t)| unquote(&conninfo[f..t]));
                (remove_keyword_values(conninfo, &spans), password, false)
            }
        };
        Self {
            without_password,
            password: password.filter(|p| !p.is_empty()),
            ambiguous,
        }
    }
}

/// A URL without its password (the user part's, and every `password` query parameter; the
/// last one given is the one libpq uses), the password, and whether an `@` outside the user
/// part makes the URL ambiguous.
fn split_url(s: &str, layout: &UrlLayout) -> (String, Option<String>, bool) {
    let mut out = String::with_capacity(s.len());
    let mut password = layout.password.map(|(f, t)| percent_decode(&s[f..t]));
    match (layout.userinfo, layout.password) {
        (Some((from, _)), Some((p_from, p_to))) => {
            out.push_str(&s[..from]);
            out.push_str(&s[from..p_from - 1]); // the user, without the `:`
            out.push_str(&s[p_to..layout.hosts]); // the `@`
        }
        _ => out.push_str(&s[..layout.hosts]),
    }
    let query = layout.query.unwrap_or(s.len());
    let hosts_and_path = &s[layout.hosts..query];
    out.push_str(hosts_and_path);
    // An `@` after the user part: libpq would take part of a password for a host or a path.
    let start = layout.start;
    let bare_at = last_bare_at(s, start, layout.query)
        .filter(|&at| Some(at + 1) != layout.userinfo.map(|u| u.1));
    let ambiguous = hosts_and_path.contains('@') || bare_at.is_some();
    if let Some(q) = layout.query {
        let kept: Vec<&str> = query_params(s, q)
            .into_iter()
            .filter_map(|(from, to, key)| {
                if key == "password" {
                    let value = s[from..to].split_once('=').map_or("", |(_, v)| v);
                    password = Some(percent_decode(value));
                    None
                } else {
                    Some(&s[from..to])
                }
            })
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    (out, password, ambiguous)
}

fn remove_keyword_values(s: &str, spans: &[(usize, usize)]) -> String {
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
    fn urls_are_split_where_libpq_splits_them() {
        // The first `@` before a `/` ends the user part; a later one is in the query.
        assert_eq!(
            split("postgresql://u:p@h?application_name=a@b"),
            (
                "postgresql://u@h?application_name=a@b".into(),
                Some("p".into())
            )
        );
        // A `?` in the password is the password's.
        assert_eq!(
            split("postgresql://u:pa?ss@h/db"),
            ("postgresql://u@h/db".into(), Some("pa?ss".into()))
        );
        // Repeated and encoded keys: every one goes, the last one counts.
        assert_eq!(
            split("postgresql://h/db?a=1&password=x&password=SECRETPW"),
            ("postgresql://h/db?a=1".into(), Some("SECRETPW".into()))
        );
        assert_eq!(
            split("postgresql://h/db?pass%77ord=SECRETPW&b=2"),
            ("postgresql://h/db?b=2".into(), Some("SECRETPW".into()))
        );
        // Several hosts, and an empty password, which libpq ignores.
        assert_eq!(
            split("postgresql://u:pw@h1:5432,h2:5433/db"),
            (
                "postgresql://u@h1:5432,h2:5433/db".into(),
                Some("pw".into())
            )
        );
        assert_eq!(
            split("postgresql://u:@h/db"),
            ("postgresql://u@h/db".into(), None)
        );
        // A `?` or `/` inside an IPv6 address's brackets is the address's.
        assert_eq!(
            split("postgresql://[::1?],good/db?password=SECRET"),
            ("postgresql://[::1?],good/db".into(), Some("SECRET".into()))
        );
        assert_eq!(
            split("host=a\x0bpassword=SECRET"),
            ("host=a".into(), Some("SECRET".into()))
        );
    }

    #[test]
    fn a_password_libpq_would_split_is_ambiguous() {
        for url in [
            "postgresql://u:p@ss@h/db",
            "postgresql://u:pa/ss@h/db",
            "postgresql://u:a/b?c@h/db",
            "postgresql://u:pa?ss/x@h/db",
            "postgresql://u:a=b/ss@h/db",
        ] {
            let c = Conninfo::parse(url);
            assert!(c.ambiguous, "{url}");
            assert!(!redact(url).contains("ss"), "{}", redact(url));
        }
        for url in [
            "postgresql://u:p%40ss@h/db",
            "postgresql://h/db?x=a@b",
            "postgresql://h:5432/db?user=me@corp",
        ] {
            assert!(!Conninfo::parse(url).ambiguous, "{url}");
        }
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
        assert_eq!(
            redact("postgresql://h/db?pass%77ord=SECRET&sslpassword=KEY&PASSWORD=X"),
            "postgresql://h/db?pass%77ord=***&sslpassword=***&PASSWORD=***"
        );
        assert_eq!(redact("sslpassword=KEY host=h"), "sslpassword=*** host=h");
        assert_eq!(redact("dump.sql"), "dump.sql");
        assert_eq!(redact("-"), "-");
    }

    #[test]
    fn any_text_is_taken_apart_without_panicking() {
        // Every string of up to 5 characters over an alphabet of the characters that matter.
        let alphabet = ['p', '=', ' ', '\'', '\\', ':', '@', '/', '?', '&', 'é', '%'];
        let words = ["password=", "&password=", "?password="];
        let mut stack = vec![String::new()];
        while let Some(s) = stack.pop() {
            for prefix in ["", "postgresql://", "password="] {
                let text = format!("{prefix}{s}");
                let _ = redact(&text);
                let c = Conninfo::parse(&text);
                // What goes on a command line never holds the password libpq would use.
                // (The same characters may also spell the user or a host: one fewer.)
                if let Some(p) = c.password.filter(|p| p.len() >= 2) {
                    let (kept, given) = (
                        c.without_password.matches(p.as_str()).count(),
                        text.matches(p.as_str()).count(),
                    );
                    assert!(kept < given.max(1) || c.ambiguous, "{text:?}");
                }
            }
            if s.chars().count() < 4 {
                stack.extend(alphabet.iter().map(|c| format!("{s}{c}")));
                stack.extend(words.iter().map(|w| format!("{s}{w}")));
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
