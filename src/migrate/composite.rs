//! Composite types in a migration draft: attributes added, dropped or retyped by `ALTER
//! TYPE`. A changed order of the attributes that stay, or an attribute added before one that
//! stays, needs the type created anew: left manual.

use super::*;
use crate::classify::cursor::Cursor;
use crate::tokenize::write_name;

/// The attributes of `CREATE TYPE name AS (a type, …)`: each name as SQL and its type (with
/// its collation).
fn attributes(text: &str) -> Option<Vec<(String, Vec<Tok>)>> {
    let t = toks(text);
    let mut c = Cursor::new(&t);
    if !c.eat_all(&["create", "type"]) {
        return None;
    }
    c.name()?;
    if !c.eat("as") || !c.at_punct('(') {
        return None;
    }
    let open = c.i;
    let close = closing(&t, open)?;
    if close + 1 != t.len() {
        return None;
    }
    split_commas(&t, open + 1..close)
        .into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| {
            let first = t.get(r.start)?;
            first.ident()?;
            let mut name = String::new();
            write_name(&mut name, first);
            Some((name, t[r.start + 1..r.end].to_vec()))
        })
        .collect()
}

/// Writes the `ALTER TYPE` statements between two composite types and returns whether it
/// could.
pub(super) fn composite(plan: &mut Plan, name: &str, left: &Snippet, right: &Snippet) -> bool {
    let (Some(a), Some(b)) = (attributes(left.text()), attributes(right.text())) else {
        return false;
    };
    let schema = crate::classify::object::unquoted_schema(name);
    let same = |x: &[Tok], y: &[Tok]| crate::normalize::same_relative_to(x, y, &schema);
    let kept_left: Vec<&String> = a
        .iter()
        .map(|(n, _)| n)
        .filter(|n| b.iter().any(|(m, _)| m == *n))
        .collect();
    let kept_right: Vec<&String> = b
        .iter()
        .map(|(n, _)| n)
        .filter(|n| a.iter().any(|(m, _)| m == *n))
        .collect();
    // Added attributes go last: the right ones must follow every kept one.
    let added_last = b
        .iter()
        .skip_while(|(n, _)| kept_right.contains(&n))
        .all(|(n, _)| !kept_right.contains(&n));
    if kept_left != kept_right || !added_last {
        return false;
    }
    let at = right.lines().start();
    for (n, _) in &a {
        if !kept_left.contains(&n) {
            plan.create(
                Phase::CreateType,
                at,
                format!("ALTER TYPE {name} DROP ATTRIBUTE {n}"),
            );
        }
    }
    for (n, ty) in &b {
        match a.iter().find(|(m, _)| m == n) {
            Some((_, old)) if !same(old, ty) => plan.create(
                Phase::CreateType,
                at,
                format!("ALTER TYPE {name} ALTER ATTRIBUTE {n} TYPE {}", render(ty)),
            ),
            Some(_) => {}
            None => plan.create(
                Phase::CreateType,
                at,
                format!("ALTER TYPE {name} ADD ATTRIBUTE {n} {}", render(ty)),
            ),
        }
    }
    true
}
