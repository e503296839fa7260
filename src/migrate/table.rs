//! A table's own settings in a migration draft: `UNLOGGED` (`SET LOGGED`, `SET UNLOGGED`) and
//! its storage parameters (`SET (…)`, `RESET (…)`).

use super::*;

/// A `CREATE TABLE`'s tokens without `UNLOGGED` and its top-level `WITH (…)`, whether it was
/// unlogged, and the storage parameters: each key as SQL and its value's tokens.
type Options = Vec<(String, Vec<Tok>)>;

/// The parents of its top-level `INHERITS (…)` too; its list of columns and constraints,
/// which are parts of their own, is left out.
fn settings(text: &str) -> Option<(Vec<Tok>, bool, Options, Vec<String>)> {
    let mut t = toks(text);
    if !t.first()?.is_word("create") {
        return None;
    }
    let unlogged = t.get(1).is_some_and(|w| w.is_word("unlogged"));
    if unlogged {
        t.remove(1);
    }
    let (parents, clause) = super::inherit::inherits(&t);
    if let Some(r) = clause {
        t.drain(r);
    }
    // `CREATE TABLE name (…)`: the list right after the name.
    let mut c = crate::classify::cursor::Cursor::new(&t);
    if c.eat("create") && c.eat("table") {
        c.eat_all(&["if", "not", "exists"]);
        if c.name().is_some() && c.at_punct('(') {
            let open = c.i;
            let close = closing(&t, open)?;
            t.drain(open + 1..close);
        }
    }
    let top = top_level(&t);
    let with = top
        .iter()
        .copied()
        .find(|&i| t[i].is_word("with") && t.get(i + 1).is_some_and(|x| x.is_punct('(')) && i > 0);
    let mut options = Vec::new();
    if let Some(w) = with {
        let close = closing(&t, w + 1)?;
        for r in split_commas(&t, w + 2..close) {
            // A key, qualified or not (`toast.autovacuum_enabled`).
            let mut k = String::new();
            let mut i = r.start;
            loop {
                let key = t.get(i).filter(|_| i < r.end)?;
                key.ident()?;
                crate::tokenize::write_name(&mut k, key);
                i += 1;
                if i + 1 < r.end && t[i].is_punct('.') {
                    k.push('.');
                    i += 1;
                } else {
                    break;
                }
            }
            let eq = i < r.end && matches!(&t[i], Tok::Op(o) if &**o == "=");
            let value = if eq {
                t[i + 1..r.end].to_vec()
            } else {
                Vec::new()
            };
            options.push((k, value));
        }
        t.drain(w..=close);
    }
    Some((t, unlogged, options, parents))
}

/// Writes the changes of a table's `UNLOGGED` and storage parameters when nothing else of its
/// `CREATE TABLE` changed, and returns whether it did.
pub(super) fn table_settings(
    plan: &mut Plan,
    part: &Change,
    name: &str,
    left: &Snippet,
    right: &Snippet,
) -> bool {
    let (Some((a, a_unlogged, a_opts, a_parents)), Some((b, b_unlogged, b_opts, b_parents))) =
        (settings(left.text()), settings(right.text()))
    else {
        return false;
    };
    let schema = crate::classify::object::unquoted_schema(name);
    if !crate::normalize::same_relative_to(&a, &b, &schema) {
        return false;
    }
    let at = right.lines().start();
    if a_parents != b_parents {
        super::inherit::reparent(plan, part, name, (&a_parents, &b_parents), at);
    }
    if a_unlogged != b_unlogged {
        let what = if b_unlogged { "UNLOGGED" } else { "LOGGED" };
        plan.create(
            Phase::AlterColumn,
            at,
            format!("ALTER TABLE {name} SET {what}"),
        );
    }
    let reset: Vec<&str> = a_opts
        .iter()
        .filter(|(k, _)| !b_opts.iter().any(|(m, _)| m == k))
        .map(|(k, _)| k.as_str())
        .collect();
    if !reset.is_empty() {
        plan.create(
            Phase::AlterColumn,
            at,
            format!("ALTER TABLE {name} RESET ({})", reset.join(", ")),
        );
    }
    // PostgreSQL puts an option set again after the others: when the options kept are not
    // the right ones in the right order, all of them are set, in the right order.
    let kept: Vec<&(String, Vec<Tok>)> = a_opts
        .iter()
        .filter(|(k, _)| b_opts.iter().any(|(m, _)| m == k))
        .collect();
    let prefix = kept.len() <= b_opts.len() && kept.iter().zip(&b_opts).all(|(x, y)| *x == y);
    let from = if prefix { kept.len() } else { 0 };
    let set: Vec<String> = b_opts[from..]
        .iter()
        .map(|(k, v)| {
            if v.is_empty() {
                k.clone()
            } else {
                format!("{k} = {}", render(v))
            }
        })
        .collect();
    if !set.is_empty() {
        plan.create(
            Phase::AlterColumn,
            at,
            format!("ALTER TABLE {name} SET ({})", set.join(", ")),
        );
    }
    true
}
