//! A cursor over a statement's canonical tokens, with the small pieces of PostgreSQL grammar
//! that naming objects needs: qualified names, routine signatures, object-type words.

use std::fmt::Write;

use itertools::Itertools;

use crate::classify::object::ObjectKind;
use crate::normalize::{closing, split_commas};
use crate::tokenize::{Tok, render, write_name, write_tokens};

pub(crate) struct Cursor<'a> {
    pub t: &'a [Tok],
    pub i: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(t: &'a [Tok]) -> Self {
        Self { t, i: 0 }
    }

    pub(crate) fn peek(&self) -> Option<&'a Tok> {
        self.t.get(self.i)
    }

    pub(crate) fn at(&self, w: &str) -> bool {
        self.peek().is_some_and(|t| t.is_word(w))
    }

    pub(crate) fn at_punct(&self, c: char) -> bool {
        self.peek().is_some_and(|t| t.is_punct(c))
    }

    pub(crate) fn eat(&mut self, w: &str) -> bool {
        let yes = self.at(w);
        if yes {
            self.i += 1;
        }
        yes
    }

    /// Eats all of `ws` in a row, or nothing.
    pub(crate) fn eat_all(&mut self, ws: &[&str]) -> bool {
        let ok = ws
            .iter()
            .enumerate()
            .all(|(k, w)| self.t.get(self.i + k).is_some_and(|t| t.is_word(w)));
        if ok {
            self.i += ws.len();
        }
        ok
    }

    pub(crate) fn eat_punct(&mut self, c: char) -> bool {
        let yes = self.at_punct(c);
        if yes {
            self.i += 1;
        }
        yes
    }

    pub(crate) fn done(&self) -> bool {
        self.i >= self.t.len()
    }

    /// A possibly qualified name (`a`, `s.a`, `"S"."A"`), rendered canonically.
    pub(crate) fn name(&mut self) -> Option<String> {
        let first = self.peek()?;
        first.ident()?;
        // The parts and the dots between them, with room for two quotes each: most names are
        // then written without growing the string.
        let mut len = 0;
        let mut k = self.i;
        while let Some(part) = self.t.get(k).and_then(Tok::ident) {
            len += part.len() + 3;
            if !self.t.get(k + 1).is_some_and(|t| t.is_punct('.')) {
                break;
            }
            k += 2;
        }
        let mut out = String::with_capacity(len);
        write_name(&mut out, first);
        self.i += 1;
        while self.at_punct('.') && self.t.get(self.i + 1).and_then(Tok::ident).is_some() {
            out.push('.');
            write_name(&mut out, &self.t[self.i + 1]);
            self.i += 2;
        }
        Some(out)
    }

    /// An operator name: `+`, `public.~<<`, `OPERATOR(…)` is not used in DDL names.
    pub(crate) fn operator_name(&mut self) -> Option<String> {
        let mut out = String::new();
        if self.peek().and_then(Tok::ident).is_some() && self.t.get(self.i + 1)?.is_punct('.') {
            write_name(&mut out, &self.t[self.i]);
            out.push('.');
            self.i += 2;
        }
        match self.peek()? {
            Tok::Op(op) => {
                out.push_str(op);
                self.i += 1;
                Some(out)
            }
            _ => None,
        }
    }

    /// The range inside the parentheses at the cursor, moving past them.
    pub(crate) fn parens(&mut self) -> Option<std::ops::Range<usize>> {
        if !self.at_punct('(') {
            return None;
        }
        let close = closing(self.t, self.i)?;
        let inner = self.i + 1..close;
        self.i = close + 1;
        Some(inner)
    }

    /// Moves to the next top-level occurrence of the word `w`, past it. False if none.
    pub(crate) fn seek(&mut self, w: &str) -> bool {
        let mut depth = 0usize;
        while let Some(t) = self.peek() {
            match t {
                Tok::Punct('(' | '[') => depth += 1,
                Tok::Punct(')' | ']') => depth = depth.saturating_sub(1),
                t if depth == 0 && t.is_word(w) => {
                    self.i += 1;
                    return true;
                }
                _ => {}
            }
            self.i += 1;
        }
        false
    }

    /// A routine name with its signature, `public.f(integer, text)`: argument names,
    /// defaults and (for functions) `OUT` arguments left out, as PostgreSQL identifies it.
    pub(crate) fn routine(&mut self, kind: ObjectKind) -> Option<String> {
        let mut out = self.name()?;
        let Some(args) = self.parens() else {
            return Some(out);
        };
        let types = split_commas(self.t, args)
            .into_iter()
            .filter_map(|item| arg_type(&self.t[item], kind != ObjectKind::Procedure))
            .map(render)
            .join(", ");
        out.push('(');
        out.push_str(&types);
        out.push(')');
        Some(out)
    }

    /// The name of an object of `kind`, in the form statements about it use.
    pub(crate) fn object_name(&mut self, kind: ObjectKind) -> Option<String> {
        use ObjectKind::*;
        match kind {
            Function | Procedure | Aggregate => self.routine(kind),
            Operator => {
                let mut name = self.operator_name()?;
                if let Some(args) = self.parens() {
                    name.push('(');
                    write_tokens(&mut name, &self.t[args]).ok()?;
                    name.push(')');
                }
                Some(name)
            }
            OperatorClass | OperatorFamily => {
                let mut name = self.name()?;
                if self.eat("using") {
                    let method = self.name()?;
                    let _ = write!(name, " using {method}");
                }
                Some(name)
            }
            Cast => {
                let inner = self.parens()?;
                let mut name = String::from("(");
                write_tokens(&mut name, &self.t[inner]).ok()?;
                name.push(')');
                Some(name)
            }
            UserMapping => {
                let start = self.i;
                self.seek("server");
                let _ = self.name();
                let mut name = String::new();
                write_tokens(&mut name, &self.t[start..self.i]).ok()?;
                Some(name)
            }
            Transform => {
                let start = self.i;
                self.eat("for");
                let _ = self.name();
                self.eat("language");
                let _ = self.name();
                let mut name = String::new();
                write_tokens(&mut name, &self.t[start..self.i]).ok()?;
                Some(name)
            }
            _ => self.name(),
        }
    }

    /// Object-type words (`TABLE`, `MATERIALIZED VIEW`, `TEXT SEARCH CONFIGURATION`, …).
    pub(crate) fn object_kind(&mut self) -> Option<ObjectKind> {
        use ObjectKind::*;
        const WORDS: &[(&[&str], ObjectKind)] = &[
            (&["table"], Table),
            (&["foreign", "table"], ForeignTable),
            (&["view"], View),
            (&["materialized", "view"], MaterializedView),
            (&["sequence"], Sequence),
            (&["index"], Index),
            (&["type"], Type),
            (&["domain"], Domain),
            (&["schema"], Schema),
            (&["extension"], Extension),
            (&["function"], Function),
            (&["procedure"], Procedure),
            (&["routine"], Function),
            (&["aggregate"], Aggregate),
            (&["collation"], Collation),
            (&["operator", "class"], OperatorClass),
            (&["operator", "family"], OperatorFamily),
            (&["operator"], Operator),
            (
                &["text", "search", "configuration"],
                TextSearchConfiguration,
            ),
            (&["text", "search", "dictionary"], TextSearchDictionary),
            (&["text", "search", "parser"], TextSearchParser),
            (&["text", "search", "template"], TextSearchTemplate),
            (&["event", "trigger"], EventTrigger),
            (&["publication"], Publication),
            (&["subscription"], Subscription),
            (&["foreign", "data", "wrapper"], ForeignDataWrapper),
            (&["foreign", "server"], Server),
            (&["server"], Server),
            (&["user", "mapping"], UserMapping),
            (&["cast"], Cast),
            (&["procedural", "language"], Language),
            (&["language"], Language),
            (&["conversion"], Conversion),
            (&["statistics"], Statistics),
            (&["access", "method"], AccessMethod),
            (&["transform"], Transform),
            (&["database"], Database),
            (&["role"], Role),
            (&["user"], Role),
            (&["group"], Role),
        ];
        WORDS
            .iter()
            .find(|(ws, _)| self.eat_all(ws))
            .map(|&(_, kind)| kind)
    }
}

/// The type of one routine argument, without mode, name or default. `None` for an `OUT`
/// argument when those are not part of the signature.
fn arg_type(item: &[Tok], skip_out: bool) -> Option<&[Tok]> {
    let mut t = item;
    match t.first() {
        Some(w) if w.is_word("out") => {
            if skip_out {
                return None;
            }
            t = &t[1..];
        }
        Some(w) if w.is_word("in") || w.is_word("inout") || w.is_word("variadic") => t = &t[1..],
        _ => {}
    }
    // Cut a default: `DEFAULT expr` or `= expr` at the top level.
    let mut depth = 0usize;
    for (k, tok) in t.iter().enumerate() {
        match tok {
            Tok::Punct('(' | '[') => depth += 1,
            Tok::Punct(')' | ']') => depth = depth.saturating_sub(1),
            w if depth == 0 && w.is_word("default") => {
                t = &t[..k];
                break;
            }
            Tok::Op(o) if depth == 0 && &**o == "=" => {
                t = &t[..k];
                break;
            }
            _ => {}
        }
    }
    if t.len() >= 2
        && t[0].ident().is_some()
        && t[1].ident().is_some()
        && !two_word_type(&t[0], &t[1])
    {
        t = &t[1..];
    }
    Some(t)
}

/// Type names that are two words: `double precision`, `character varying`, `timestamp with
/// time zone`, `interval day`…
fn two_word_type(a: &Tok, b: &Tok) -> bool {
    let (Some(a), Some(b)) = (a.word(), b.word()) else {
        return false;
    };
    matches!(
        (a, b),
        ("double", "precision")
            | ("character" | "char" | "bit" | "national", "varying")
            | ("national", "character" | "char")
            | ("timestamp" | "time", "with" | "without")
            | (
                "interval",
                "year" | "month" | "day" | "hour" | "minute" | "second"
            )
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::split;
    use crate::tokenize::tokenize;

    fn toks(src: &str) -> Vec<Tok> {
        tokenize(&split(src).unwrap()[0]).unwrap().toks
    }

    #[test]
    fn qualified_names_render_canonically() {
        let t = toks("public.\"Foo\".bar \"baz\"");
        let mut c = Cursor::new(&t);
        assert_eq!(c.name().as_deref(), Some("public.\"Foo\".bar"));
        assert_eq!(c.name().as_deref(), Some("baz"));
    }

    #[test]
    fn routine_signatures_keep_only_argument_types() {
        let t = toks(
            "public.f(p_id integer, OUT n integer, VARIADIC xs text[], d double precision DEFAULT 1, character varying, ts timestamp with time zone = now())",
        );
        let mut c = Cursor::new(&t);
        assert_eq!(
            c.routine(ObjectKind::Function).as_deref(),
            Some(
                "public.f(integer, text[], double precision, character varying, timestamp with time zone)"
            )
        );
    }

    #[test]
    fn procedures_keep_out_arguments() {
        let t = toks("p(IN a integer, OUT b text)");
        assert_eq!(
            Cursor::new(&t).routine(ObjectKind::Procedure).as_deref(),
            Some("p(integer, text)")
        );
    }

    #[test]
    fn operator_names_carry_their_argument_types() {
        let t = toks("public.~<< (text, text)");
        assert_eq!(
            Cursor::new(&t).object_name(ObjectKind::Operator).as_deref(),
            Some("public.~<<(text, text)")
        );
    }
}
