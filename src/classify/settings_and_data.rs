//! Session settings (`SET`, `set_config`) and data (`INSERT`, `COPY`, `setval`).

use std::borrow::Cow;

use super::*;
use crate::classify::object::unquote_ident;

impl Classifier<'_> {
    pub(super) fn set(&mut self, t: &[Tok]) -> bool {
        let mut c = Cursor::new(t);
        c.i = 1;
        let _ = c.eat("session") || c.eat("local");
        let Some(name) = c.name() else { return false };
        if name == "search_path" {
            let _ = c.eat("to")
                || c.eat_punct('=')
                || matches!(c.peek(), Some(Tok::Op(o)) if &**o == "=") && {
                    c.i += 1;
                    true
                };
            let values = t[c.i..].iter().filter_map(|x| match x {
                Tok::Str(_, w) => Some(unquote_ident(w)),
                _ => x.ident().map(Cow::Borrowed),
            });
            self.facts.default_schema = default_schema(values);
        }
        self.setting(t, name)
    }

    fn setting(&mut self, t: &[Tok], name: String) -> bool {
        let pk = part(ObjectKind::Setting, "");
        self.whole(
            t,
            key(ObjectKind::Setting, name),
            ObjectKind::Setting,
            true,
            pk,
        );
        true
    }

    /// `SELECT pg_catalog.set_config('name', …)` is a setting; `SELECT pg_catalog.setval('seq',
    /// …)` is data of a sequence.
    pub(super) fn select(&mut self, t: &[Tok]) -> bool {
        let mut c = Cursor::new(t);
        c.i = 1;
        let Some(func) = c.name() else { return false };
        let func = func
            .strip_prefix("pg_catalog.")
            .unwrap_or(&func)
            .to_string();
        if !c.eat_punct('(') {
            return false;
        }
        let Some(Tok::Str(_, arg)) = c.peek() else {
            return false;
        };
        match func.as_str() {
            "set_config" => {
                let name = arg.to_lowercase();
                if name == "search_path" {
                    if let Some(Tok::Str(_, value)) = t.get(c.i + 2) {
                        let value = value.clone();
                        self.facts.default_schema =
                            default_schema(value.split(',').map(|s| unquote_ident(s.trim())));
                    }
                }
                self.setting(t, name)
            }
            "setval" => {
                let seq = self.qualify(ObjectKind::Sequence, regclass_name(arg));
                self.whole(
                    t,
                    rel(seq),
                    ObjectKind::Sequence,
                    false,
                    part(ObjectKind::Data, ""),
                );
                true
            }
            _ => false,
        }
    }

    /// `INSERT INTO t …` and `COPY t … FROM stdin`: data of table `t`. The last `rows` tokens
    /// are the rows of a `COPY` data block, one string token each.
    pub(super) fn data(&mut self, t: &[Tok], rows: usize, word: &str) -> bool {
        let stmt_end = t.len() - rows;
        let mut c = Cursor::new(&t[..stmt_end]);
        c.i = 1;
        if word == "into" && !c.eat("into") {
            return false;
        }
        let Some(table) = self.table_name(&mut c) else {
            return false;
        };
        // The statement, then each row of its data block.
        let statement = (Canon::whole(0..stmt_end), Shown::Statement);
        let rows = (stmt_end..t.len()).map(|k| (Canon::whole(k..k + 1), Shown::Row(k as u32)));
        for (canon, shown) in std::iter::once(statement).chain(rows) {
            self.emit(
                rel(table.clone()),
                ObjectKind::Table,
                false,
                part(ObjectKind::Data, ""),
                canon,
                shown,
            );
        }
        true
    }
}

/// The schema unqualified names are created in: the first of a `search_path` (its schemas
/// unquoted) that is not `pg_catalog` or `$user`; none when the path is empty (pg_dump ≥ 10.3
/// qualifies every name).
fn default_schema<'a>(mut path: impl Iterator<Item = Cow<'a, str>>) -> Option<String> {
    path.find(|s| !s.is_empty() && s != "pg_catalog" && s != "$user")
        .map(|s| {
            let mut out = String::new();
            let _ = write_ident(&mut out, &s);
            out
        })
}

/// A relation name as written in a `regclass` string (`'public.a_id_seq'`, `'"Foo"'`).
pub(super) fn regclass_name(text: &str) -> String {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => {
                quoted = !quoted;
                was_quoted = true;
            }
            '.' if !quoted => {
                parts.push((std::mem::take(&mut cur), was_quoted));
                was_quoted = false;
            }
            c => cur.push(c),
        }
    }
    parts.push((cur, was_quoted));
    let mut out = String::new();
    for (k, (p, q)) in parts.into_iter().enumerate() {
        if k > 0 {
            out.push('.');
        }
        let p = if q { p } else { p.to_ascii_lowercase() };
        let _ = write_ident(&mut out, &p);
    }
    out
}
