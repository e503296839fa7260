//! Domains in a migration draft: `ALTER DOMAIN` for their default, `NOT NULL` and named
//! constraints; a changed base type or collation, which `ALTER DOMAIN` cannot change, by
//! recreating the domain (see `retype`).

use super::*;
use crate::classify::cursor::Cursor;
use crate::tokenize::write_name;

/// The pieces of a `CREATE DOMAIN` that `ALTER DOMAIN` changes one at a time.
#[derive(Debug, Default, PartialEq)]
struct DomainDef {
    /// The base type and its collation, which only a new domain changes.
    ty: Vec<Tok>,
    default: Option<Vec<Tok>>,
    not_null: bool,
    /// Named constraints in the order written: name as SQL, then the constraint's text
    /// (`CHECK (…)`, with `NOT VALID` if written).
    constraints: Vec<(String, Vec<Tok>)>,
}

const ELEMENT: &[&str] = &["default", "not", "null", "constraint", "check", "collate"];

fn domain_def(text: &str) -> Option<DomainDef> {
    let t = toks(text);
    let mut c = Cursor::new(&t);
    if !c.eat_all(&["create", "domain"]) {
        return None;
    }
    c.name()?;
    c.eat("as");
    let mut def = DomainDef::default();
    let at_element = |c: &Cursor| ELEMENT.iter().any(|w| c.at(w)) && !c.at("collate");
    while !c.done() && !at_element(&c) {
        def.ty.push(t[c.i].clone());
        c.i += 1;
    }
    // Up to the next element at depth 0.
    let element_end = |from: usize| {
        let mut depth = 0usize;
        let mut i = from;
        while i < t.len() {
            match &t[i] {
                Tok::Punct('(' | '[') => depth += 1,
                Tok::Punct(')' | ']') => depth = depth.saturating_sub(1),
                // `NOT VALID` belongs to the constraint before it.
                x if depth == 0
                    && i > from
                    && ELEMENT.iter().any(|w| x.is_word(w))
                    && !(x.is_word("not") && t.get(i + 1).is_some_and(|n| n.is_word("valid"))) =>
                {
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        i
    };
    while !c.done() {
        if c.eat("default") {
            let end = element_end(c.i);
            def.default = Some(t[c.i..end].to_vec());
            c.i = end;
        } else if c.eat_all(&["not", "null"]) {
            def.not_null = true;
        } else if c.eat("null") {
        } else if c.eat("constraint") {
            let mut name = String::new();
            write_name(&mut name, c.peek()?);
            c.i += 1;
            if c.eat_all(&["not", "null"]) {
                def.not_null = true;
                continue;
            }
            let end = element_end(c.i);
            def.constraints.push((name, t[c.i..end].to_vec()));
            c.i = end;
        } else {
            // An unnamed CHECK: PostgreSQL names it, the dump writes the name.
            return None;
        }
    }
    Some(def)
}

/// Writes the `ALTER DOMAIN` statements from one `CREATE DOMAIN` to another, the domain
/// recreated when its base type or collation changed, or a manual note when a definition is
/// not understood.
pub(super) fn domain(plan: &mut Plan, part: &Change, name: &str, left: &Snippet, right: &Snippet) {
    let (Some(a), Some(b)) = (domain_def(left.text()), domain_def(right.text())) else {
        return plan.manual(part, "domain definition not understood");
    };
    let schema = crate::classify::object::unquoted_schema(name);
    let same = |x: &[Tok], y: &[Tok]| crate::normalize::same_relative_to(x, y, &schema);
    if !same(&a.ty, &b.ty) {
        // The base type without its collation: a cast cannot name one.
        let end = top_level(&b.ty)
            .into_iter()
            .find(|&i| b.ty[i].is_word("collate"))
            .unwrap_or(b.ty.len());
        return super::retype::recreate(
            plan,
            part,
            name,
            "DOMAIN",
            (right.text(), right.lines().start()),
            super::retype::Via::Base(render(&b.ty[..end])),
        );
    }
    let at = right.lines().start();
    let alter = |what: String| format!("ALTER DOMAIN {name} {what}");
    // Constraints removed or changed go first, so that one re-added under its name does not
    // clash with the old one.
    for (cname, text) in &a.constraints {
        let kept = b
            .constraints
            .iter()
            .any(|(n, t)| n == cname && same(t, text));
        if !kept {
            plan.drop(
                Phase::DropConstraint,
                left.lines().start(),
                alter(format!("DROP CONSTRAINT {cname}")),
            );
        }
    }
    let same_default = match (&a.default, &b.default) {
        (Some(x), Some(y)) => same(x, y),
        (x, y) => x == y,
    };
    if !same_default {
        let sql = match &b.default {
            Some(d) => alter(format!("SET DEFAULT {}", render(d))),
            None => alter("DROP DEFAULT".into()),
        };
        plan.create(Phase::CreateType, at, sql);
    }
    if a.not_null != b.not_null {
        let what = if b.not_null {
            "SET NOT NULL"
        } else {
            "DROP NOT NULL"
        };
        plan.create(Phase::CreateType, at, alter(what.into()));
    }
    for (cname, text) in &b.constraints {
        let kept = a
            .constraints
            .iter()
            .any(|(n, t)| n == cname && same(t, text));
        if !kept {
            plan.create(
                Phase::AddConstraint,
                at,
                alter(format!("ADD CONSTRAINT {cname} {}", render(text))),
            );
        }
    }
}
