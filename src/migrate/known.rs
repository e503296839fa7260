//! The tokens of the texts a draft reads from the diff, found by where the texts are: the
//! draft's helpers take a piece of SQL as `&str` (`toks`, `located`), and one that is a
//! snippet's text, or the text of a statement of the dumps or of a part of one that the
//! graph shows, takes the tokens the comparison read instead of being tokenized again.
//!
//! A text is known by its address and length, for as long as a draft is being made
//! ([`scope`]): the diff is borrowed then, so no snippet's text can change or move, and the
//! kept dumps are held here, so no other text can take their place.

use std::cell::RefCell;

use crate::diff::change::{Change, Lexed, SchemaDiff, Sources};
use crate::fast::hash::FastHashMap as HashMap;
use crate::tokenize::Tok;

/// The known texts of the draft being made on this thread.
struct Known {
    /// Each snippet's text (address, length) → its tokens.
    snippets: HashMap<(usize, usize), Lexed>,
    /// The dumps, whose statements' texts the graph hands out.
    sources: Option<Sources>,
}

thread_local! {
    /// The drafts being made on this thread, innermost last.
    static KNOWN: RefCell<Vec<Known>> = const { RefCell::new(Vec::new()) };
}

/// While it lives, the texts of `diff`'s snippets and of its dumps' statements are known.
pub(super) struct Scope;

impl Drop for Scope {
    fn drop(&mut self) {
        KNOWN.with(|k| k.borrow_mut().pop());
    }
}

/// Makes the texts of `diff` known until the returned scope is dropped.
pub(super) fn scope(diff: &SchemaDiff) -> Scope {
    fn add(snippets: &mut HashMap<(usize, usize), Lexed>, c: &Change) {
        for s in c.left.iter().chain(&c.right) {
            // An empty text has no address of its own.
            if s.lexed.toks().is_some() && !s.text().is_empty() {
                snippets.insert(
                    (s.text().as_ptr() as usize, s.text().len()),
                    s.lexed.clone(),
                );
            }
        }
        for d in &c.details {
            add(snippets, d);
        }
    }
    let mut snippets = HashMap::default();
    for c in diff.changes() {
        add(&mut snippets, c);
    }
    let known = Known {
        snippets,
        sources: diff.sources.clone(),
    };
    KNOWN.with(|k| k.borrow_mut().push(known));
    Scope
}

/// The tokens of `text` as the comparison read them, and where each starts in it, if `text`
/// is known.
pub(super) fn lexed(text: &str) -> Option<Lexed> {
    if text.is_empty() {
        return None;
    }
    KNOWN.with(|k| {
        let k = k.borrow();
        let known = k.last()?;
        if let Some(l) = known.snippets.get(&(text.as_ptr() as usize, text.len())) {
            return Some(l.clone());
        }
        let sources = known.sources.as_ref()?;
        (0..2).find_map(|k| {
            let side = sources.side(k);
            let (stmt, from) = side.stmt_at(text)?;
            let s = side.stmt(stmt);
            if from == 0 && s.text.trim_end().len() == text.len() {
                return Some(Lexed::statement(&s));
            }
            // A part of a statement (a column inside `CREATE TABLE`): from the start of a
            // token to the end of one, nothing but spaces or a `,` after it.
            let starts = s.positions();
            let at = &starts.tokens;
            let first = at.partition_point(|&a| (a as usize) < from);
            let end = from + text.len();
            let next = at.partition_point(|&a| (a as usize) < end);
            let after = at.get(next).map_or(s.text.len(), |&a| a as usize);
            let blank = s
                .text
                .get(end..after.max(end))?
                .trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
                .is_empty();
            let aligned = at.get(first).is_some_and(|&a| a as usize == from) && blank;
            aligned.then(|| Lexed::part(&s, first..next, from, text.len()))
        })
    })
}

/// The tokens of `text`, if it is known.
pub(super) fn toks(text: &str) -> Option<Vec<Tok>> {
    lexed(text)?.toks().map(<[Tok]>::to_vec)
}

#[cfg(test)]
thread_local! {
    /// How many texts `toks` and `located` tokenized on this thread (see the tests).
    pub(super) static TOKENIZED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts a text tokenized by the draft (in tests).
pub(super) fn tokenized() {
    #[cfg(test)]
    TOKENIZED.with(|n| n.set(n.get() + 1));
}

#[cfg(test)]
mod tests {
    use super::super::graph::Graph;
    use super::super::{located, toks};
    use super::*;

    fn tokenized_so_far() -> usize {
        TOKENIZED.with(std::cell::Cell::get)
    }

    /// Every snippet of a diff, details included.
    fn snippets(changes: &[Change], out: &mut Vec<crate::Snippet>) {
        for c in changes {
            out.extend(c.left.iter().chain(&c.right).cloned());
            snippets(&c.details, out);
        }
    }

    /// While a draft is made, a snippet's text and a statement of the dumps take the
    /// comparison's tokens, the same as tokenizing them would give (a copy of the text, at
    /// another address, is tokenized); SQL the draft writes is tokenized.
    #[test]
    fn known_texts_take_the_comparisons_tokens() {
        let left = "CREATE TABLE t (\n    a integer,\n    b text\n);\n\\set x 1\nCOMMENT ON TABLE t IS 'old';\nCOPY t (a) FROM stdin;\n1\n\\.\nGRANT SELECT ON TABLE t TO PUBLIC;\n";
        let right = "CREATE TABLE t (\n    a bigint DEFAULT 1,\n    b text NOT NULL\n);\nCOMMENT ON TABLE t IS 'new';\nCOPY t (a) FROM stdin;\n2\n\\.\nGRANT INSERT ON TABLE t TO PUBLIC;\nCREATE VIEW v AS\n  SELECT a FROM t;\n";
        let diff = crate::diff(left, right).unwrap();
        let mut all = Vec::new();
        snippets(diff.changes(), &mut all);
        assert!(all.len() >= 8, "{all:?}");
        let _scope = scope(&diff);
        let mut lexed = 0;
        for s in &all {
            let copy = s.text().to_string();
            let (written, written_at) = (toks(&copy), located(&copy));
            let before = tokenized_so_far();
            // The snippets of `all` are clones: their texts are at addresses of their own.
            let original = diff_snippet(&diff, s);
            let (t, at) = (toks(original.text()), located(original.text()));
            if original.lexed.toks().is_some() {
                lexed += 1;
                assert_eq!(tokenized_so_far(), before, "{:?} tokenized again", s.text());
            }
            assert_eq!(t, written, "{:?}", s.text());
            assert_eq!(at, written_at, "{:?}", s.text());
        }
        assert!(lexed >= 6, "{lexed} of {} snippets have tokens", all.len());
        let graph = Graph::new(diff.sources.as_ref().unwrap());
        for side in &graph.sides {
            for k in 0..side.parsed.len() {
                let text = side.stmt_text(k).0;
                let written = toks(&String::from(text));
                let before = tokenized_so_far();
                assert_eq!(toks(text), written, "{text:?}");
                assert_eq!(tokenized_so_far(), before, "{text:?} tokenized again");
            }
        }
        let mut parts = 0;
        for side in &graph.sides {
            for n in 0..graph.nodes.len() as u32 {
                let Some((text, _)) = side.part_text(n) else {
                    continue;
                };
                parts += 1;
                let written = toks(&String::from(&*text));
                let before = tokenized_so_far();
                assert_eq!(toks(&text), written, "{text:?}");
                assert_eq!(tokenized_so_far(), before, "{text:?} tokenized again");
                // A piece that ends inside a token is no part the comparison read.
                if let Some(cut) = text.find(' ') {
                    let piece = &text[..cut + 2];
                    assert_eq!(toks(piece), toks(&String::from(piece)), "{piece:?}");
                }
            }
        }
        assert!(parts >= 4, "{parts} parts");
        let before = tokenized_so_far();
        assert!(!toks("DROP VIEW public.v;").is_empty());
        assert_eq!(
            tokenized_so_far(),
            before + 1,
            "what the draft writes is tokenized"
        );
    }

    /// The snippet of `diff` equal to `s`, by its lines and text.
    fn diff_snippet<'d>(diff: &'d SchemaDiff, s: &crate::Snippet) -> &'d crate::Snippet {
        fn find<'d>(changes: &'d [Change], s: &crate::Snippet) -> Option<&'d crate::Snippet> {
            changes.iter().find_map(|c| {
                c.left
                    .iter()
                    .chain(&c.right)
                    .find(|x| x.lines() == s.lines() && x.text() == s.text())
                    .or_else(|| find(&c.details, s))
            })
        }
        find(diff.changes(), s).unwrap()
    }
}

#[cfg(test)]
mod pieces {
    use super::super::graph::Graph;
    use super::super::{located, toks};
    use super::*;

    /// Any piece of a dump's statement takes the tokens it would be tokenized as: the
    /// comparison's when it is a whole run of them, or it is tokenized.
    #[test]
    fn every_piece_of_a_statement_reads_as_its_copy() {
        let left = "CREATE TABLE t (\n    a numeric(12,2) DEFAULT 1.5 NOT NULL, -- c,\n    \"b c\" text DEFAULT 'x, y' COLLATE \"C\",\n    d integer[] DEFAULT '{1,2}'::integer[] /* , */\n);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $_$ SELECT 1; $_$;\nCREATE VIEW v AS\n SELECT a::bigint >= 1.0e3 AS x, E'\\n' AS y FROM t;\n\\set x 1\nCOMMENT ON TABLE t IS 'old';\nCOPY t (a) FROM stdin;\n1\n\\.\nCREATE INDEX i ON t\n\\connect - x\n (a);\n";
        let right = "CREATE TABLE t (\n    a numeric(10,2),\n    \"b c\" varchar(3)\n);\n";
        let diff = crate::diff(left, right).unwrap();
        let _scope = scope(&diff);
        let graph = Graph::new(diff.sources.as_ref().unwrap());
        let mut checked = 0;
        for side in &graph.sides {
            for k in 0..side.parsed.len() {
                let text = side.stmt_text(k).0;
                let bounds: Vec<usize> = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .collect();
                for &i in &bounds {
                    for &j in bounds.iter().filter(|&&j| j > i) {
                        let piece = &text[i..j];
                        let copy = String::from(piece);
                        assert_eq!(toks(piece), toks(&copy), "{piece:?}");
                        assert_eq!(located(piece), located(&copy), "{piece:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }
}
