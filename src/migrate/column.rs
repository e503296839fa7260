//! Columns in a migration draft: added, dropped, or changed one property at a time.

use super::*;
use crate::normalize::same_relative_to;
use crate::object::unquoted_schema;

/// The pieces of a column definition that migrations change one at a time.
#[derive(Debug, Default, PartialEq)]
struct ColumnDef {
    ty: Vec<Tok>,
    default: Option<Vec<Tok>>,
    not_null: bool,
    /// Anything else (COLLATE, GENERATED, CHECK, REFERENCES…): changed only by hand.
    rest: Vec<Tok>,
}

fn column_def(text: &str) -> Option<ColumnDef> {
    let t = toks(text);
    let mut def = ColumnDef::default();
    let mut i = 1;
    const STOP: &[&str] = &[
        "default",
        "not",
        "null",
        "collate",
        "generated",
        "constraint",
        "check",
        "references",
        "unique",
        "primary",
    ];
    while i < t.len() && !STOP.iter().any(|w| t[i].is_word(w)) {
        def.ty.push(t[i].clone());
        i += 1;
    }
    while i < t.len() {
        if t[i].is_word("default") {
            let start = i + 1;
            let mut depth = 0usize;
            i += 1;
            while i < t.len() {
                match &t[i] {
                    Tok::Punct('(' | '[') => depth += 1,
                    Tok::Punct(')' | ']') => depth = depth.saturating_sub(1),
                    x if depth == 0 && STOP.iter().any(|w| x.is_word(w)) => break,
                    _ => {}
                }
                i += 1;
            }
            def.default = Some(t[start..i].to_vec());
        } else if t[i].is_word("not") && t.get(i + 1).is_some_and(|x| x.is_word("null")) {
            def.not_null = true;
            i += 2;
        } else if t[i].is_word("null") {
            i += 1;
        } else {
            def.rest.push(t[i].clone());
            i += 1;
        }
    }
    (!def.ty.is_empty()).then_some(def)
}

/// The expression of an `ALTER TABLE … ALTER COLUMN c SET DEFAULT expr` statement.
fn statement_default(text: &str) -> Option<Vec<Tok>> {
    let t = toks(text);
    let at = t.iter().position(|x| x.is_word("default"))?;
    t.get(at.checked_sub(1)?)?
        .is_word("set")
        .then(|| t[at + 1..].to_vec())
}

pub(super) fn column(plan: &mut Plan, object: &Change, part: &Change) {
    let table = object.name();
    // Names in the definitions compare relative to the table's schema.
    let schema = unquoted_schema(table);
    let col = local(object, part.name());
    let (l, r) = (part.left(), part.right());
    let (le, ls): (Vec<&Snippet>, Vec<&Snippet>) = l.iter().partition(|x| !is_statement(x));
    let (re, rs): (Vec<&Snippet>, Vec<&Snippet>) = r.iter().partition(|x| !is_statement(x));
    let alter = |what: String| format!("ALTER TABLE {table} ALTER COLUMN {col} {what}");
    // Statements already accounted for by comparing the definitions.
    let mut settled_defaults = false;
    match (part.change(), le.as_slice(), re.as_slice()) {
        (ChangeKind::Removed, _, _) => {
            plan.drop(
                Phase::DropColumn,
                first_line(l),
                format!("ALTER TABLE {table} DROP COLUMN {col}"),
            );
            return;
        }
        (ChangeKind::Added, _, [def]) => {
            plan.create(
                Phase::AlterColumn,
                def.lines.start,
                format!("ALTER TABLE {table} ADD COLUMN {}", def.text),
            );
        }
        (_, [old], [new]) => {
            let (Some(mut a), Some(mut b)) = (column_def(&old.text), column_def(&new.text)) else {
                return plan.manual(part, "column definition not understood");
            };
            // A default may be written inside the definition or set by a separate statement.
            a.default = a
                .default
                .or_else(|| ls.iter().find_map(|s| statement_default(&s.text)));
            b.default = b
                .default
                .or_else(|| rs.iter().find_map(|s| statement_default(&s.text)));
            settled_defaults = true;
            let at = new.lines.start;
            let generated = |d: &ColumnDef| d.rest.iter().any(|t| t.is_word("generated"));
            if a.rest != b.rest {
                if generated(&a) && !generated(&b) && b.rest.is_empty() {
                    plan.create(Phase::AlterColumn, at, alter("DROP EXPRESSION".into()));
                    a.rest.clear();
                } else {
                    return plan.manual(
                        part,
                        "generated, identity, collation or inline constraints changed",
                    );
                }
            }
            let same = |x: &[Tok], y: &[Tok]| same_relative_to(x, y, &schema);
            if !same(&a.ty, &b.ty) {
                let ty = render(&b.ty);
                plan.create(
                    Phase::AlterColumn,
                    at,
                    alter(format!("TYPE {ty} USING {col}::{ty}")),
                );
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
                plan.create(Phase::AlterColumn, at, sql);
            }
            if a.not_null != b.not_null {
                let what = if b.not_null {
                    "SET NOT NULL"
                } else {
                    "DROP NOT NULL"
                };
                plan.create(Phase::AlterColumn, at, alter(what.into()));
            }
        }
        (_, [], []) => {}
        _ => return plan.manual(part, "column definition not understood"),
    }
    // Defaults and identities set by separate statements: what each one sets, read once.
    let setting = |s: &&Snippet| {
        (
            statement_default(&s.text).is_some(),
            has_word(&toks(&s.text), "identity"),
        )
    };
    let lset: Vec<(bool, bool)> = ls.iter().map(setting).collect();
    let rset: Vec<(bool, bool)> = rs.iter().map(setting).collect();
    let left_identity = lset.iter().any(|&(_, identity)| identity);
    for (s, &(is_default, is_identity)) in ls.iter().zip(&lset) {
        if (settled_defaults && is_default) || rset.contains(&(is_default, is_identity)) {
            continue;
        }
        let what = if is_identity {
            "DROP IDENTITY"
        } else if is_default {
            "DROP DEFAULT"
        } else {
            plan.manual(part, "a column setting was removed");
            continue;
        };
        plan.create(Phase::AlterColumn, s.lines.start, alter(what.into()));
    }
    for (s, &(is_default, is_identity)) in rs.iter().zip(&rset) {
        if settled_defaults && is_default {
            continue;
        }
        // A changed identity is dropped first, then added again.
        if is_identity && left_identity {
            plan.create(
                Phase::AlterColumn,
                s.lines.start,
                alter("DROP IDENTITY".into()),
            );
        }
        plan.create(Phase::AlterColumn, s.lines.start + 1, s.text.clone());
    }
}
