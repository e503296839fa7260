//! Canonical forms: a statement's tokens, or pieces of them in an order that does not depend
//! on the order they were written in where that order does not matter.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::ops::Range;

use crate::tokenize::{StrKind, Tok, write_ident};

/// A canonical form as ranges of one statement's tokens, read one after the other.
///
/// Pieces keep token boundaries, so no two tokens are ever glued together.
///
/// The first range is `0..0` when there is none, and then there is no other: the derived
/// equality is that of the list of ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Canon {
    /// The first range, empty when there is none: most forms are one range, kept without an
    /// allocation of its own.
    first: Range<u32>,
    /// The ranges after the first, if any: boxed apart, since most forms have none (a form
    /// takes 16 bytes, not 32, in each of a dump's entries).
    rest: Option<Box<Rest>>,
}

/// The ranges of a [`Canon`] after the first; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rest(Vec<Range<u32>>);

impl Canon {
    /// Range `k`.
    fn get(&self, k: usize) -> Option<&Range<u32>> {
        match k {
            0 => Some(&self.first).filter(|r| !r.is_empty()),
            _ => self.rest.as_ref()?.0.get(k - 1),
        }
    }

    /// The ranges, in order.
    pub(crate) fn ranges(&self) -> impl Iterator<Item = Range<u32>> + '_ {
        (0..).map_while(|k| self.get(k).cloned())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// Adds a range after the others, as it is.
    fn push_range(&mut self, range: Range<u32>) {
        if self.first.is_empty() {
            self.first = range;
        } else {
            match &mut self.rest {
                Some(rest) => rest.0.push(range),
                None => self.rest = Some(Box::new(Rest(vec![range]))),
            }
        }
    }

    /// Adds the ranges of `other` after these, as they are.
    pub(crate) fn append(&mut self, other: &Canon) {
        other.ranges().for_each(|r| self.push_range(r));
    }

    /// Keeps the ranges for which `keep` is true.
    pub(crate) fn retain(&mut self, keep: impl Fn(&Range<u32>) -> bool) {
        let kept: Vec<_> = self.ranges().filter(|r| keep(r)).collect();
        *self = Canon::default();
        kept.into_iter().for_each(|r| self.push_range(r));
    }

    /// The tokens of `range`; nothing when it is empty or reversed.
    pub(crate) fn whole(range: Range<usize>) -> Self {
        let mut canon = Self::default();
        canon.push(range);
        canon
    }

    pub(crate) fn push(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let last = match self.rest.as_mut().and_then(|rest| rest.0.last_mut()) {
            Some(last) => Some(last),
            None if self.first.is_empty() => None,
            None => Some(&mut self.first),
        };
        if let Some(last) = last {
            if last.end == range.start as u32 {
                last.end = range.end as u32;
                return;
            }
        }
        self.push_range(range.start as u32..range.end as u32);
    }

    /// The tokens of the form, read through the ranges.
    pub(crate) fn tokens<'t>(&self, toks: &'t [Tok]) -> SkipSchema<'t, '_> {
        self.tokens_in(toks, "")
    }

    /// The tokens of the form without the qualifier `schema.` on names: names compare relative
    /// to the schema of the object they belong to, so `public.users` and `users` are the same
    /// table in an object of `public` (see [`SkipSchema`]).
    pub(crate) fn tokens_in<'t, 's>(
        &'s self,
        toks: &'t [Tok],
        schema: &'s str,
    ) -> SkipSchema<'t, 's> {
        SkipSchema {
            toks,
            canon: self,
            range: 0,
            pos: self.first.start,
            schema,
        }
    }
}

/// Reads a canonical form, leaving out `schema` `.` before a name or an operator, and
/// `schema.` at the start of a `'…'::regclass` literal (`nextval('public.s'::regclass)`).
///
/// Unqualified names in a dump mean the default schema, `public`, unless a `SET search_path`
/// says otherwise: old pg_dump versions and hand-edited dumps write `users` where pg_dump ≥ 10.3
/// writes `public.users`, and `t` under `SET search_path = app` where it writes `app.t`.
#[derive(Clone)]
pub(crate) struct SkipSchema<'t, 'r> {
    toks: &'t [Tok],
    canon: &'r Canon,
    range: usize,
    pos: u32,
    schema: &'r str,
}

impl<'t> SkipSchema<'t, '_> {
    /// The token `ahead` places after the current one, across ranges.
    fn peek(&self, ahead: usize) -> Option<&'t Tok> {
        let (mut range, mut pos) = (self.range, self.pos);
        let mut left = ahead;
        loop {
            let r = self.canon.get(range)?;
            let available = (r.end - pos) as usize;
            if left < available {
                return self.toks.get((pos as usize) + left);
            }
            left -= available;
            range += 1;
            pos = self.canon.get(range)?.start;
        }
    }

    fn advance(&mut self) {
        self.pos += 1;
        while let Some(r) = self.canon.get(self.range) {
            if self.pos < r.end {
                return;
            }
            self.range += 1;
            if let Some(next) = self.canon.get(self.range) {
                self.pos = next.start;
            }
        }
    }
}

impl<'t> Iterator for SkipSchema<'t, '_> {
    type Item = Cow<'t, Tok>;

    fn next(&mut self) -> Option<Cow<'t, Tok>> {
        let tok = self.peek(0)?;
        if self.schema.is_empty() {
            self.advance();
            return Some(Cow::Borrowed(tok));
        }
        if tok.ident() == Some(self.schema)
            && self.peek(1).is_some_and(|t| t.is_punct('.'))
            && self
                .peek(2)
                .is_some_and(|t| t.ident().is_some() || matches!(t, Tok::Op(_)))
        {
            self.advance();
            self.advance();
            return self.next();
        }
        self.advance();
        if let Tok::Str(StrKind::Plain, lit) = tok {
            if self.peek(0).is_some_and(|t| t.is_punct(':'))
                && self.peek(1).is_some_and(|t| t.is_word("regclass"))
            {
                if let Some(name) = strip_schema(lit, self.schema) {
                    return Some(Cow::Owned(Tok::Str(StrKind::Plain, name.into())));
                }
            }
        }
        Some(Cow::Borrowed(tok))
    }
}

/// The relation name in a regclass literal's text, without its `schema.` qualifier (written as
/// PostgreSQL's quote_ident would, and so as pg_dump does), if it has that one.
fn strip_schema<'l>(literal: &'l str, schema: &str) -> Option<&'l str> {
    let mut prefix = String::with_capacity(schema.len() + 3);
    write_ident(&mut prefix, schema).ok()?;
    // Inside a '…' literal, a `'` is written twice.
    let prefix = prefix.replace('\'', "''") + ".";
    literal
        .strip_prefix(&prefix)
        .filter(|rest| !rest.is_empty())
}

/// Compares two canonical forms token by token, names relative to `schema`.
pub(crate) fn cmp_canon(a: &Canon, at: &[Tok], b: &Canon, bt: &[Tok], schema: &str) -> Ordering {
    a.tokens_in(at, schema).cmp(b.tokens_in(bt, schema))
}

/// Whether two token sequences are the same, names read relative to `schema`.
pub(crate) fn same_relative_to(a: &[Tok], b: &[Tok], schema: &str) -> bool {
    cmp_canon(
        &Canon::whole(0..a.len()),
        a,
        &Canon::whole(0..b.len()),
        b,
        schema,
    ) == Ordering::Equal
}

/// The index of the `)` or `]` that closes the bracket at `open`, if any.
pub(crate) fn closing(toks: &[Tok], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        match t {
            Tok::Punct('(' | '[') => depth += 1,
            Tok::Punct(')' | ']') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Splits `range` at commas that are not inside parentheses or brackets. An empty range gives
/// no items; empty items (`a,,b`) are kept so that they still count.
pub(crate) fn split_commas(toks: &[Tok], range: Range<usize>) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    if range.is_empty() {
        return items;
    }
    let mut depth = 0usize;
    let mut start = range.start;
    for i in range.clone() {
        match &toks[i] {
            Tok::Punct('(' | '[') => depth += 1,
            Tok::Punct(')' | ']') => depth = depth.saturating_sub(1),
            Tok::Punct(',') if depth == 0 => {
                items.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(start..range.end);
    items
}

/// The canonical form of `whole` with the comma-separated items of `list` in sorted order
/// (by their tokens). Each item is followed by a comma token of the original list, so the
/// form keeps one separator between items.
pub(crate) fn sorted_list(toks: &[Tok], whole: Range<usize>, list: Range<usize>) -> Canon {
    let mut items = split_commas(toks, list.clone());
    let commas: Vec<usize> = items.iter().skip(1).map(|r| r.start - 1).collect();
    items.sort_by(|a, b| toks[a.clone()].cmp(&toks[b.clone()]));
    let mut canon = Canon::default();
    canon.push(whole.start..list.start);
    for (k, item) in items.iter().enumerate() {
        canon.push(item.clone());
        if let Some(&c) = commas.get(k) {
            canon.push(c..c + 1);
        }
    }
    canon.push(list.end..whole.end);
    canon
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::split;
    use crate::tokenize::{render as render_tokens, tokenize};

    fn toks(src: &str) -> Vec<Tok> {
        tokenize(&split(src).unwrap()[0]).unwrap().toks
    }

    fn render(c: &Canon, t: &[Tok]) -> String {
        let v: Vec<Tok> = c.tokens(t).map(Cow::into_owned).collect();
        render_tokens(&v)
    }

    #[test]
    fn splits_only_at_top_level_commas() {
        let t = toks("x numeric(10,2), y int DEFAULT f(1, 2), CHECK (y = ANY (ARRAY[1, 2]))");
        let items = split_commas(&t, 0..t.len());
        assert_eq!(items.len(), 3);
    }

    #[test]
    fn sorted_lists_do_not_depend_on_order() {
        let a = toks("GRANT SELECT, INSERT ON t TO r");
        let b = toks("GRANT INSERT, SELECT ON t TO r");
        let ca = sorted_list(&a, 0..a.len(), 1..4);
        let cb = sorted_list(&b, 0..b.len(), 1..4);
        assert_eq!(cmp_canon(&ca, &a, &cb, &b, ""), Ordering::Equal);
        assert_eq!(render(&ca, &a), "grant insert, select on t to r");
    }

    #[test]
    fn the_public_qualifier_is_not_part_of_the_form() {
        let a = toks("REFERENCES public.users(id), public.=== , public.\"Foo\"");
        let b = toks("REFERENCES users(id), === , \"Foo\"");
        let (ca, cb) = (Canon::whole(0..a.len()), Canon::whole(0..b.len()));
        assert_eq!(cmp_canon(&ca, &a, &cb, &b, "public"), Ordering::Equal);
        assert_ne!(cmp_canon(&ca, &a, &cb, &b, "app"), Ordering::Equal);
        let c = toks("REFERENCES app.users(id)");
        let d = toks("REFERENCES users(id)");
        let (cc, cd) = (Canon::whole(0..c.len()), Canon::whole(0..d.len()));
        assert_ne!(cmp_canon(&cc, &c, &cd, &d, "public"), Ordering::Equal);
        assert_eq!(cmp_canon(&cc, &c, &cd, &d, "app"), Ordering::Equal);
        // Across range boundaries too.
        let mut split = Canon::default();
        for r in [0..3, 3..4, 4..a.len() as u32] {
            split.push_range(r);
        }
        assert_eq!(split.ranges().count(), 3);
        assert_eq!(cmp_canon(&split, &a, &cb, &b, "public"), Ordering::Equal);
        // A column named public is kept.
        let e = toks("SELECT public FROM t");
        assert_eq!(Canon::whole(0..e.len()).tokens_in(&e, "public").count(), 4);
    }

    #[test]
    fn regclass_literals_are_read_relative_to_the_schema_too() {
        let eq = |a: &str, b: &str, schema: &str| {
            let (a, b) = (toks(a), toks(b));
            let (ca, cb) = (Canon::whole(0..a.len()), Canon::whole(0..b.len()));
            cmp_canon(&ca, &a, &cb, &b, schema) == Ordering::Equal
        };
        let qualified = "SELECT nextval('public.s'::regclass)";
        let bare = "SELECT nextval('s'::regclass)";
        assert!(eq(qualified, bare, "public"));
        assert!(!eq(qualified, bare, "app"));
        assert!(eq("SELECT nextval('app.s'::regclass)", bare, "app"));
        assert!(!eq("SELECT nextval('app.s'::regclass)", bare, "public"));
        // Quoted as quote_ident quotes; only in a regclass literal; never down to nothing.
        assert!(eq(
            "SELECT '\"My App\".s'::regclass",
            "SELECT 's'::regclass",
            "My App"
        ));
        assert!(!eq("SELECT 'public.s'", "SELECT 's'", "public"));
        assert!(!eq(
            "SELECT 'public.'::regclass",
            "SELECT ''::regclass",
            "public"
        ));
        assert!(!eq(
            "SELECT 'public.s'::regclass",
            "SELECT 's'::regclass",
            ""
        ));
    }

    #[test]
    fn closing_finds_the_matching_parenthesis() {
        let t = toks("(a (b) [c]) d");
        assert_eq!(closing(&t, 0), Some(8));
        assert_eq!(closing(&t, 2), Some(4));
        let u = toks("(a");
        assert_eq!(closing(&u, 0), None);
    }
}
