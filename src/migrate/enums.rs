//! Enum types in a migration draft: labels added (`ADD VALUE`), renamed (`RENAME VALUE`), or
//! removed, which PostgreSQL cannot do in place: the type is then recreated and every column
//! that uses it converted, as migra does.

use super::*;
use crate::classify::object::{schema_part, unquote_ident};
use crate::tokenize::write_ident;

/// The longest identifier PostgreSQL keeps (`NAMEDATALEN - 1` bytes).
const MAX_IDENT: usize = 63;

/// A name's schema as written and its last part unquoted: `public."My E"` → (`public`, `My E`).
pub(super) fn split_name(name: &str) -> Option<(&str, String)> {
    let schema = schema_part(name)?;
    let local = name.get(schema.len() + 1..)?;
    Some((schema, unquote_ident(local).into_owned()))
}

/// The name the old type takes while its columns move to the new one: `e` → `e__old`, cut to
/// PostgreSQL's identifier length.
pub(super) fn old_local(local: &str) -> String {
    let suffix = "__old";
    let mut keep = MAX_IDENT.saturating_sub(suffix.len()).min(local.len());
    while !local.is_char_boundary(keep) {
        keep -= 1;
    }
    let mut out = String::new();
    let _ = write_ident(&mut out, &format!("{}{suffix}", &local[..keep]));
    out
}

/// A string literal of `text`.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
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

/// Labels removed or reordered: the old type renamed, the right one created, every table
/// column of the old type (or an array of it) converted through `text` with its default
/// dropped and set again, then the old type dropped.
fn recreate(plan: &mut Plan, part: &Change, name: &str, right: &Snippet) {
    let Some((schema, local)) = split_name(name) else {
        return plan.manual(part, "enum name not understood");
    };
    let old = format!("{schema}.{}", old_local(&local));
    let at = right.lines().start();
    plan.create(
        Phase::CreateType,
        at,
        format!("ALTER TYPE {name} RENAME TO {}", old_local(&local)),
    );
    plan.create(Phase::CreateType, at, right.text().to_string());
    let (o, n) = (literal(&old), literal(name));
    let (oa, na) = (literal(&format!("{old}[]")), literal(&format!("{name}[]")));
    let convert = format!(
        "DO $sql_compare$
DECLARE
    c record;
    users text;
BEGIN
    -- What else uses the old type (routines, domains, composite types, views, foreign
    -- tables) is not converted here: the block stops and names it.
    SELECT string_agg(pg_describe_object(d.classid, d.objid, d.objsubid), ', ')
    INTO users
    FROM pg_depend d
    WHERE d.refclassid = 'pg_type'::regclass AND d.refobjid IN ({o}::regtype, {oa}::regtype)
      AND d.deptype = 'n' AND d.classid <> 'pg_attrdef'::regclass
      AND NOT (d.classid = 'pg_class'::regclass AND d.objsubid > 0 AND EXISTS (
          SELECT FROM pg_class r WHERE r.oid = d.objid AND r.relkind IN ('r', 'p')));
    IF users IS NOT NULL THEN
        RAISE EXCEPTION '% is still used by %', {o}, users
            USING HINT = 'Drop them before this block and create them again after it, with {hint}.';
    END IF;
    -- Every table column of type {old} or {old}[]: its default dropped, its values
    -- converted through text (a value whose label is gone fails), its default set again.
    FOR c IN
        SELECT a.attrelid::regclass AS tab, quote_ident(a.attname) AS col,
               a.atttypid = {o}::regtype AS scalar,
               pg_get_expr(d.adbin, d.adrelid) AS def
        FROM pg_attribute a
        JOIN pg_class r ON r.oid = a.attrelid AND r.relkind IN ('r', 'p')
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.atttypid IN ({o}::regtype, {oa}::regtype)
          AND a.attnum > 0 AND NOT a.attisdropped
          AND NOT EXISTS (SELECT FROM pg_inherits i WHERE i.inhrelid = r.oid)
    LOOP
        IF c.def IS NOT NULL THEN
            EXECUTE format('ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT', c.tab, c.col);
        END IF;
        IF c.scalar THEN
            EXECUTE format('ALTER TABLE %s ALTER COLUMN %s TYPE {name} USING %s::text::{name}',
                c.tab, c.col, c.col);
        ELSE
            EXECUTE format('ALTER TABLE %s ALTER COLUMN %s TYPE {name}[] USING %s::text[]::{name}[]',
                c.tab, c.col, c.col);
        END IF;
        IF c.def IS NOT NULL THEN
            BEGIN
                EXECUTE format('ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s', c.tab, c.col,
                    replace(replace(c.def, format_type({oa}::regtype, NULL),
                                    format_type({na}::regtype, NULL)),
                            format_type({o}::regtype, NULL), format_type({n}::regtype, NULL)));
            EXCEPTION WHEN invalid_text_representation THEN
                RAISE NOTICE 'default of %.% left unset: its label is gone', c.tab, c.col;
            END;
        END IF;
    END LOOP;
END
$sql_compare$",
        name = escape_format(name),
        hint = name.replace('\'', "''"),
    );
    // Every column converted is rewritten; a value whose label is gone fails.
    plan.create_hazarded(
        Phase::CreateType,
        at,
        convert,
        None,
        vec![
            Hazard::AccessExclusiveLock,
            Hazard::RewritesTable,
            Hazard::MayFailOnRows,
        ],
    );
    plan.create(Phase::CreateType, at, format!("DROP TYPE {old}"));
}

/// A name inside a `format()` string literal: `'` doubled for the literal, `%` doubled for
/// `format`.
fn escape_format(name: &str) -> String {
    name.replace('\'', "''").replace('%', "%%")
}
