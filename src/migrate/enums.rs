//! Enum types in a migration draft: labels added (`ADD VALUE`), renamed (`RENAME VALUE`), or
//! removed, which PostgreSQL cannot do in place: the type is then recreated and every column
//! that uses it converted, as migra does (see `retype`).

use super::*;
use crate::classify::object::{schema_part, unquote_ident};

/// A name's schema as written and its last part unquoted: `public."My E"` → (`public`, `My E`).
pub(super) fn split_name(name: &str) -> Option<(&str, String)> {
    let schema = schema_part(name)?;
    let local = name.get(schema.len() + 1..)?;
    Some((schema, unquote_ident(local).into_owned()))
}

pub(super) fn enum_values(
    plan: &mut Plan,
    part: &Change,
    name: &str,
    left: &Snippet,
    right: &Snippet,
) {
    let (Some(old), Some(new)) = (labels(left.text()), labels(right.text())) else {
        return plan.manual(part, "enum labels not understood");
    };
    let lit = |t: &Tok| render(std::iter::once(t));
    // One label replaced in place, the others equal: a rename.
    if old.len() == new.len() {
        let differ: Vec<usize> = (0..old.len()).filter(|&k| old[k] != new[k]).collect();
        if let [k] = differ[..]
            && !old.contains(&new[k])
        {
            plan.create(
                Phase::CreateType,
                right.lines().start(),
                format!(
                    "ALTER TYPE {name} RENAME VALUE {} TO {}",
                    lit(&old[k]),
                    lit(&new[k])
                ),
            );
            return;
        }
    }
    let kept: Vec<&Tok> = old.iter().filter(|x| new.contains(x)).collect();
    let in_order = new
        .iter()
        .filter(|x| old.contains(x))
        .eq(kept.iter().copied());
    if kept.len() == old.len() && in_order && !plan.recreate.iter().any(|n| n == name) {
        for (k, label) in new.iter().enumerate() {
            if old.contains(label) {
                continue;
            }
            // Before the next label that already exists, as the right dump orders them.
            let sql = match new[k + 1..].iter().find(|n| old.contains(n)) {
                Some(next) => format!(
                    "ALTER TYPE {name} ADD VALUE {} BEFORE {}",
                    lit(label),
                    lit(next)
                ),
                None => format!("ALTER TYPE {name} ADD VALUE {}", lit(label)),
            };
            plan.create(Phase::CreateType, right.lines().start(), sql);
        }
        return;
    }
    recreate(plan, part, name, right)
}

/// The enums whose labels added by `ALTER TYPE … ADD VALUE` another statement of the draft
/// uses (`'label'::type`, as dumps write a default, a check or a view's constant).
pub(super) fn added_labels_used(actions: &[Action]) -> Vec<String> {
    // Most drafts add no label: the word `value` is looked for before any statement is
    // tokenized.
    let may_add = |sql: &str| {
        sql.as_bytes()
            .windows(5)
            .any(|w| w.eq_ignore_ascii_case(b"value"))
    };
    if !actions.iter().any(|a| may_add(&a.sql)) {
        return Vec::new();
    }
    let parsed: Vec<Vec<Tok>> = actions.iter().map(|a| toks(&a.sql)).collect();
    let mut out: Vec<String> = Vec::new();
    for (k, t) in parsed.iter().enumerate() {
        let mut c = crate::classify::cursor::Cursor::new(t);
        if !c.eat_all(&["alter", "type"]) {
            continue;
        }
        let from = c.i;
        let Some(name) = c.name() else { continue };
        let name_toks = &t[from..c.i];
        if !c.eat_all(&["add", "value"]) {
            continue;
        }
        c.eat_all(&["if", "not", "exists"]);
        let Some(label) = c.peek() else { continue };
        let used = parsed.iter().enumerate().any(|(j, u)| {
            j != k
                && u.windows(2 + name_toks.len())
                    .any(|w| w[0] == *label && w[1].is_punct(':') && w[2..] == *name_toks)
        });
        if used && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Labels removed or reordered: the type recreated (see `retype`), its values converted
/// through text.
fn recreate(plan: &mut Plan, part: &Change, name: &str, right: &Snippet) {
    super::retype::recreate(
        plan,
        part,
        name,
        "TYPE",
        (right.text(), right.lines().start()),
        super::retype::Via::Text,
    );
}
