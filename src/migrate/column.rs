//! Columns in a migration draft: added, dropped, or changed one property at a time.

use super::*;
use crate::classify::object::unquoted_schema;
use crate::diff::change::LineRange;
use crate::normalize::same_relative_to;
use crate::report::notes::COLUMN_KEYWORDS;

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
    while i < t.len() && !COLUMN_KEYWORDS.iter().any(|w| t[i].is_word(w)) {
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
                    // The value's first token is the value's, keyword or not (`DEFAULT NULL`).
                    x if depth == 0
                        && i > start
                        && COLUMN_KEYWORDS.iter().any(|w| x.is_word(w)) =>
                    {
                        break;
                    }
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

/// A column's definition without its `DEFAULT …`, rendered: the definition an inherited
/// column has in its table, whose own default is a statement of its own.
pub(super) fn without_default(text: &str) -> Option<String> {
    let t = toks(text);
    let at = t.iter().position(|x| x.is_word("default"))?;
    let mut end = at + 1;
    let mut depth = 0usize;
    while end < t.len() {
        match &t[end] {
            Tok::Punct('(' | '[') => depth += 1,
            Tok::Punct(')' | ']') => depth = depth.saturating_sub(1),
            x if depth == 0 && end > at + 1 && COLUMN_KEYWORDS.iter().any(|w| x.is_word(w)) => {
                break;
            }
            _ => {}
        }
        end += 1;
    }
    let mut rest = t[..at].to_vec();
    rest.extend_from_slice(&t[end..]);
    Some(render(&rest))
}

/// The default written in a column's definition, rendered.
pub(super) fn column_default(text: &str) -> Option<String> {
    column_def(text)?.default.map(|d| render(&d))
}

/// Takes a `COLLATE name` out of a column's other pieces: the collation's name.
fn collation(rest: &mut Vec<Tok>) -> Option<Vec<Tok>> {
    let at = rest.iter().position(|t| t.is_word("collate"))?;
    let mut end = at + 1;
    while end < rest.len() && (rest[end].ident().is_some() || rest[end].is_punct('.')) {
        end += 1;
        // A name's parts alternate with dots.
        if !rest.get(end).is_some_and(|t| t.is_punct('.')) {
            break;
        }
        end += 1;
    }
    let name = rest[at + 1..end].to_vec();
    rest.drain(at..end);
    Some(name)
}

/// What an `ALTER TABLE … ALTER [COLUMN] c SET …` statement sets: `statistics`, `storage`,
/// `compression`, or `(` for attribute options.
fn setting_kind(text: &str) -> Option<String> {
    let t = toks(text);
    let at = t.iter().position(|x| x.is_word("set"))?;
    let next = t.get(at + 1)?;
    if next.is_punct('(') {
        return Some("(".into());
    }
    next.word().map(str::to_string)
}

/// The action that undoes a column setting: `SET STATISTICS -1`, `SET COMPRESSION default`,
/// `RESET (option, …)`; None for `SET STORAGE`, whose default depends on the type (see
/// `reset_storage`).
fn reset_setting(text: &str) -> Option<String> {
    let t = toks(text);
    let at = t.iter().position(|x| x.is_word("set"))?;
    match setting_kind(text)?.as_str() {
        "statistics" => Some("SET STATISTICS -1".into()),
        "compression" => Some("SET COMPRESSION default".into()),
        "(" => {
            let close = closing(&t, at + 1)?;
            let keys: Vec<String> = split_commas(&t, at + 2..close)
                .into_iter()
                .filter_map(|r| {
                    let mut k = String::new();
                    crate::tokenize::write_name(&mut k, t.get(r.start)?);
                    (!k.is_empty()).then_some(k)
                })
                .collect();
            (!keys.is_empty()).then(|| format!("RESET ({})", keys.join(", ")))
        }
        _ => None,
    }
}

/// The storage a built-in type has by default (`pg_type.typstorage`), by the name pg_dump
/// writes it with: arrays and variable-length text and binary types are EXTENDED, `numeric`,
/// `inet` and `cidr` MAIN, fixed-length numbers, dates, times and the like PLAIN. None for
/// any other type.
fn builtin_storage(ty: &str) -> Option<&'static str> {
    let (name, dims) = type_shape(ty);
    if dims > 0 {
        return Some("EXTENDED");
    }
    let base = name.split('(').next().unwrap_or_default();
    Some(match base {
        "smallint"
        | "integer"
        | "bigint"
        | "real"
        | "doubleprecision"
        | "boolean"
        | "date"
        | "uuid"
        | "oid"
        | "money"
        | "interval"
        | "timestampwithouttimezone"
        | "timestampwithtimezone"
        | "timewithouttimezone"
        | "timewithtimezone" => "PLAIN",
        "numeric" | "inet" | "cidr" => "MAIN",
        "text" | "charactervarying" | "character" | "bytea" | "json" | "jsonb" | "xml"
        | "tsvector" | "bit" | "bitvarying" => "EXTENDED",
        _ => return None,
    })
}

/// The statement that gives a column back its type's default storage. PostgreSQL 15 has no
/// `SET STORAGE DEFAULT` (16 added it): for a built-in type of known storage the storage is
/// written, for any other type (a domain, an enum, an extension's type) a `DO` block reads it
/// from `pg_type.typstorage` of the column's type (`p`, `e`, `m`, `x`: PLAIN, EXTERNAL, MAIN,
/// EXTENDED).
pub(super) fn reset_storage(table: &str, col: &str, ty: Option<&str>) -> String {
    if let Some(storage) = ty.and_then(builtin_storage) {
        return format!("ALTER TABLE {table} ALTER COLUMN {col} SET STORAGE {storage}");
    }
    let literal = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let rel = literal(table);
    let att = literal(&crate::classify::object::unquote_ident(col));
    let body = format!(
        "\nBEGIN\n    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET STORAGE %s', {rel}::regclass, {att},\n        (SELECT CASE t.typstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END\n           FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid\n          WHERE a.attrelid = {rel}::regclass AND a.attname = {att}));\nEND\n"
    );
    // A dollar quote that the body does not hold.
    let mut tag = String::from("$storage$");
    while body.contains(&tag) {
        tag.insert(tag.len() - 1, '_');
    }
    format!("DO {tag}{body}{tag}")
}

/// The expression of an `ALTER TABLE … ALTER COLUMN c SET DEFAULT expr` statement.
fn statement_default(text: &str) -> Option<Vec<Tok>> {
    let t = toks(text);
    let at = t.iter().position(|x| x.is_word("default"))?;
    t.get(at.checked_sub(1)?)?
        .is_word("set")
        .then(|| t[at + 1..].to_vec())
}

/// A type written without spaces or case, and its array dimensions apart: `numeric(10,2)`, 1.
fn type_shape(ty: &str) -> (String, usize) {
    let mut t: String = ty
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    t = t.strip_prefix("pg_catalog.").unwrap_or(&t).to_string();
    let mut dims = 0;
    while let Some(rest) = t.strip_suffix("[]") {
        t = rest.to_string();
        dims += 1;
    }
    (t, dims)
}

/// A type's name without its modifier and the modifier's numbers: `varchar(20)` is
/// (`varchar`, `[20]`); the aliases PostgreSQL prints are folded to one name.
fn type_parts(ty: &str) -> (&'static str, Vec<i32>) {
    let (name, args) = match ty.find('(') {
        Some(i) if ty.ends_with(')') => (&ty[..i], &ty[i + 1..ty.len() - 1]),
        _ => (ty, ""),
    };
    let name = match name {
        "smallint" | "int2" => "int2",
        "integer" | "int" | "int4" => "int4",
        "bigint" | "int8" => "int8",
        "real" | "float4" => "float4",
        "doubleprecision" | "float8" => "float8",
        "numeric" | "decimal" => "numeric",
        "charactervarying" | "varchar" => "varchar",
        "text" => "text",
        _ => "",
    };
    // A modifier that is not all numbers, or a negative one (`numeric(5, -2)` rounds to
    // hundreds), is not judged: the type is then no known one.
    let args: Option<Vec<i32>> = if args.is_empty() {
        Some(Vec::new())
    } else {
        args.split(',')
            .map(|a| a.parse().ok().filter(|&n: &i32| n >= 0))
            .collect()
    };
    match args {
        Some(args) => (name, args),
        None => ("", Vec::new()),
    }
}

/// Whether every value of type `from` converts to type `to` unchanged, so that
/// `ALTER COLUMN … TYPE to` cannot lose data (it may still rewrite the table): integers to
/// wider integers or to numeric, `real` to `double precision`, `varchar(n)` to a longer
/// `varchar` or to `text`, `numeric(p, s)` to one with as many digits on each side of the point.
pub(super) fn widens(from: &str, to: &str) -> bool {
    let ((from, from_dims), (to, to_dims)) = (type_shape(from), type_shape(to));
    if from_dims != to_dims {
        return false;
    }
    let (from, to) = (type_parts(&from), type_parts(&to));
    let rank = |n: &str| ["int2", "int4", "int8"].iter().position(|&k| k == n);
    match ((from.0, from.1.as_slice()), (to.0, to.1.as_slice())) {
        ((a, []), (b, [])) if rank(a).is_some() && rank(b).is_some() => rank(a) <= rank(b),
        ((a, []), ("numeric", [])) => rank(a).is_some() || a == "numeric",
        (("int2", []), ("numeric", [p, 0])) => *p >= 5,
        (("int4", []), ("numeric", [p, 0])) => *p >= 10,
        (("int8", []), ("numeric", [p, 0])) => *p >= 19,
        (("float4", []), ("float8", [])) => true,
        (("varchar", _), ("text", [])) | (("varchar", _), ("varchar", [])) => true,
        (("text", []), ("varchar", [])) => true,
        (("varchar", [n]), ("varchar", [m])) => m >= n,
        (("numeric", [_, ..]), ("numeric", [])) => true,
        (("numeric", [p, s]), ("numeric", [q, t])) => t >= s && q - t.min(q) >= p - s.min(p),
        (("numeric", [p]), ("numeric", [q, t])) => q - t.min(q) >= *p,
        (("numeric", [p]), ("numeric", [q])) => q >= p,
        _ => false,
    }
}

/// A type's family, for the casts PostgreSQL has between families: numbers, dates and times,
/// booleans, uuids, bytea; None for another or an unknown type.
fn family(ty: &str) -> Option<char> {
    let (t, dims) = type_shape(ty);
    if dims > 0 {
        return None;
    }
    let name = t.split('(').next().unwrap_or_default();
    Some(match name {
        "smallint" | "int2" | "integer" | "int" | "int4" | "bigint" | "int8" | "real"
        | "float4" | "doubleprecision" | "float8" | "numeric" | "decimal" => 'n',
        "date"
        | "timestampwithouttimezone"
        | "timestampwithtimezone"
        | "timestamp"
        | "timestamptz"
        | "timewithouttimezone"
        | "timewithtimezone"
        | "time"
        | "timetz" => 'd',
        "boolean" | "bool" => 'b',
        "uuid" => 'u',
        "bytea" => 'x',
        _ => return None,
    })
}

/// Why PostgreSQL cannot convert a column of type `from` to type `to` without an expression
/// (it has no cast between their families), or None when it has one or the types are unknown.
pub(super) fn no_cast(from: &str, to: &str) -> Option<String> {
    let (a, b) = (family(from)?, family(to)?);
    let int4 = |ty: &str| type_parts(&type_shape(ty).0).0 == "int4";
    // `integer` and `boolean` convert both ways.
    let int_bool = (a, b) == ('n', 'b') && int4(from) || (a, b) == ('b', 'n') && int4(to);
    (a != b && !int_bool).then(|| format!("PostgreSQL has no cast from {from} to {to}"))
}

/// Whether a type is one of the schema's own: a qualified name outside `pg_catalog`.
fn user_type(ty: &[Tok]) -> bool {
    ty.len() >= 3
        && ty[1].is_punct('.')
        && ty[0].ident().is_some_and(|s| s != "pg_catalog")
        && ty[2].ident().is_some()
}

/// Whether every value of type `from` is a value of type `to` as it is stored, so that
/// PostgreSQL changes the column's type without rewriting the table: `varchar(n)` to a longer
/// `varchar`, to `varchar` or to `text`, `text` to `varchar`, `numeric(p, s)` to `numeric`
/// or to one with more digits and the same scale.
pub(super) fn binary_coercible(from: &str, to: &str) -> bool {
    let ((from, from_dims), (to, to_dims)) = (type_shape(from), type_shape(to));
    if from_dims != to_dims {
        return false;
    }
    let (from, to) = (type_parts(&from), type_parts(&to));
    match ((from.0, from.1.as_slice()), (to.0, to.1.as_slice())) {
        (("varchar", _), ("text" | "varchar", [])) | (("text", []), ("varchar", [])) => true,
        (("varchar", [n]), ("varchar", [m])) => m >= n,
        (("numeric", [_, ..]), ("numeric", [])) => true,
        (("numeric", [p, s]), ("numeric", [q, t])) => t == s && q >= p,
        (("numeric", [p]), ("numeric", [q])) => q >= p,
        _ => false,
    }
}

/// A column that the left table has only from a parent it keeps, and that the right one
/// writes as its own too: `NO INHERIT` then `INHERIT` of that parent make the parent's
/// columns the table's own, still inherited (once per parent). The parent goes last among the
/// table's parents: a note says so when it was not last.
fn reinherit(plan: &mut Plan, tables: &super::inherit::Tables, table: &str, col: &str) {
    let (old, new) = (tables.parents(0, table), tables.parents(1, table));
    let Some(p) = new.iter().find(|p| {
        old.contains(p)
            && tables
                .inherited(1, table, col, Some(std::slice::from_ref(*p)))
                .is_some()
    }) else {
        return;
    };
    let no = terminate(format!("ALTER TABLE {table} NO INHERIT {p}"));
    if plan.actions.iter().any(|a| a.sql == no) {
        return;
    }
    plan.create(Phase::AlterColumn, 0, no);
    plan.create(
        Phase::AlterColumn,
        0,
        format!("ALTER TABLE {table} INHERIT {p}"),
    );
    if new.last() != Some(p) {
        plan.manual.push(format!(
            "-- manual: changed table {table}: the draft makes {p} its last parent (ALTER TABLE \
             {table} INHERIT appends it): to keep the order of INHERITS, write NO INHERIT and \
             INHERIT for the parents after it too (the columns only they give the table become \
             its own), or accept the order"
        ));
    }
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
    // A column that a side has only through the table's parents stands there as its parent
    // writes it, without the default (the table's own default is a statement of its own).
    let tables = std::sync::Arc::clone(&plan.inherit);
    let inherited = |side: usize| tables.inherited(side, table, col, None);
    let (inherited_left, inherited_right) = (inherited(0), inherited(1));
    let as_inherited = |def: &Option<String>, lines: &[Snippet]| {
        def.as_ref().map(|d| {
            Snippet::new(
                lines.first().map_or(LineRange::new(0, 0), Snippet::lines),
                without_default(d).unwrap_or_else(|| d.clone()),
            )
        })
    };
    let parent_left = as_inherited(&inherited_left, r);
    let parent_right = as_inherited(&inherited_right, l);
    let (mut le, mut re) = (le, re);
    let mut change = part.change();
    // Local on the right and only inherited on the left: the column is there already.
    // Unless a parent that gives it, kept by the table, drops it (with the table's copy).
    let kept = {
        let (old, new) = (tables.parents(0, table), tables.parents(1, table));
        old.iter().all(|p| {
            let gives = tables
                .inherited(0, table, col, Some(std::slice::from_ref(p)))
                .is_some();
            !gives || !new.contains(p) || tables.has_column(1, p, col)
        })
    };
    if le.is_empty() && !re.is_empty() && change != ChangeKind::Removed && kept {
        if let Some(p) = &parent_left {
            le.push(p);
            change = ChangeKind::Changed;
            if inherited_right.is_some() {
                reinherit(plan, &tables, table, col);
            }
        }
    }
    // Local on the left and only inherited on the right: the column stays, as the table's own.
    if re.is_empty() && !le.is_empty() && change != ChangeKind::Added {
        if let Some(p) = &parent_right {
            re.push(p);
            change = ChangeKind::Changed;
            plan.manual(
                part,
                "the right table has this column only from its parents (pg_dump does not \
                 write it in its CREATE TABLE); PostgreSQL cannot make a column of the \
                 table's own inherited only: to match, create the table anew, or accept it",
            );
        }
    }
    // A NOT NULL that a column inherits is not written in its definition.
    let inherits_not_null =
        |def: &Option<String>| def.as_deref().is_some_and(super::inherit::not_null);
    let (left_not_null, right_not_null) = (
        inherits_not_null(&inherited_left),
        inherits_not_null(&inherited_right),
    );
    // Statements already accounted for by comparing the definitions.
    let mut settled_defaults = false;
    match (change, le.as_slice(), re.as_slice()) {
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
                def.lines().start(),
                format!("ALTER TABLE {table} ADD COLUMN {}", def.text()),
            );
        }
        (_, [old], [new]) => {
            let (Some(mut a), Some(mut b)) = (column_def(old.text()), column_def(new.text()))
            else {
                return plan.manual(part, "column definition not understood");
            };
            a.not_null |= left_not_null;
            b.not_null |= right_not_null;
            // A default may be written inside the definition or set by a separate statement.
            a.default = a
                .default
                .or_else(|| ls.iter().find_map(|s| statement_default(s.text())));
            b.default = b
                .default
                .or_else(|| rs.iter().find_map(|s| statement_default(s.text())));
            settled_defaults = true;
            let at = new.lines().start();
            let generated = |d: &ColumnDef| d.rest.iter().any(|t| t.is_word("generated"));
            // A changed collation: the column's type written again with the right collation.
            let (a_collation, b_collation) = (collation(&mut a.rest), collation(&mut b.rest));
            let same_collation = match (&a_collation, &b_collation) {
                (Some(x), Some(y)) => same_relative_to(x, y, &schema),
                (x, y) => x == y,
            };
            if a.rest != b.rest {
                if generated(&a) && !generated(&b) && b.rest.is_empty() {
                    plan.create(Phase::AlterColumn, at, alter("DROP EXPRESSION".into()));
                    a.rest.clear();
                } else if generated(&b) && b.rest.iter().all(|t| !t.is_word("identity")) {
                    // PostgreSQL 15 cannot give a column a generation expression or change
                    // it: the column is dropped and added again, its values computed anew.
                    plan.create_as(
                        Phase::AlterColumn,
                        at,
                        format!("ALTER TABLE {table} DROP COLUMN {col}"),
                        Some(Destructive::DropColumn),
                    );
                    plan.create(
                        Phase::AlterColumn,
                        at,
                        format!("ALTER TABLE {table} ADD COLUMN {}", new.text()),
                    );
                    return;
                } else {
                    return plan.manual(
                        part,
                        "generated, identity, collation or inline constraints changed",
                    );
                }
            }
            let same = |x: &[Tok], y: &[Tok]| same_relative_to(x, y, &schema);
            let collate = match (same_collation, &b_collation) {
                (true, _) => String::new(),
                (false, Some(c)) => format!(" COLLATE {}", render(c)),
                (false, None) => " COLLATE pg_catalog.\"default\"".to_string(),
            };
            let retyped = !same(&a.ty, &b.ty);
            // A default that may not cast to the new type (it does when the type widens) goes
            // first and comes back after.
            let reset_default =
                retyped && a.default.is_some() && !widens(&render(&a.ty), &render(&b.ty));
            if retyped {
                let (from, ty) = (render(&a.ty), render(&b.ty));
                if let Some(why) = no_cast(&from, &ty) {
                    return plan.manual(
                        part,
                        &format!(
                            "{why}: write ALTER TABLE {table} ALTER COLUMN {col} TYPE {ty} \
                             USING <expression turning {col} into {ty}>;"
                        ),
                    );
                }
                // Between two types of the schema (enums, domains, composite types) the
                // conversion goes through text, since no cast joins them directly.
                let using = if user_type(&a.ty) && user_type(&b.ty) {
                    format!("{col}::text::{ty}")
                } else {
                    format!("{col}::{ty}")
                };
                if reset_default {
                    plan.create(Phase::AlterColumn, at, alter("DROP DEFAULT".into()));
                }
                // A widening keeps every value: not destructive, as the SQL alone would say.
                let widening = widens(&from, &ty);
                let destructive = (!widening).then_some(Destructive::ColumnType);
                // A binary-coercible change needs no USING, whose cast would rewrite the table.
                let (sql, hazards) = if binary_coercible(&from, &ty) {
                    (
                        alter(format!("TYPE {ty}{collate}")),
                        vec![Hazard::AccessExclusiveLock],
                    )
                } else if widening {
                    (
                        alter(format!("TYPE {ty}{collate} USING {using}")),
                        vec![Hazard::AccessExclusiveLock, Hazard::RewritesTable],
                    )
                } else {
                    (
                        alter(format!("TYPE {ty}{collate} USING {using}")),
                        vec![
                            Hazard::AccessExclusiveLock,
                            Hazard::RewritesTable,
                            Hazard::MayFailOnRows,
                        ],
                    )
                };
                plan.create_hazarded(Phase::AlterColumn, at, sql, destructive, hazards);
            } else if !same_collation {
                // The values stay; indexes on the column are rebuilt for the new collation.
                plan.create_hazarded(
                    Phase::AlterColumn,
                    at,
                    alter(format!("TYPE {}{collate}", render(&b.ty))),
                    None,
                    vec![Hazard::AccessExclusiveLock],
                );
            }
            let same_default = match (&a.default, &b.default) {
                (Some(x), Some(y)) => same(x, y),
                (x, y) => x == y,
            };
            if reset_default {
                if let Some(d) = &b.default {
                    plan.create(
                        Phase::AlterColumn,
                        at,
                        alter(format!("SET DEFAULT {}", render(d))),
                    );
                }
            } else if !same_default {
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
            statement_default(s.text()).is_some(),
            has_word(&toks(s.text()), "identity"),
        )
    };
    let lset: Vec<(bool, bool)> = ls.iter().map(setting).collect();
    let rset: Vec<(bool, bool)> = rs.iter().map(setting).collect();
    let left_identity = lset.iter().any(|&(_, identity)| identity);
    for (s, &(is_default, is_identity)) in ls.iter().zip(&lset) {
        if settled_defaults && is_default {
            continue;
        }
        let what = if is_identity || is_default {
            if rset.contains(&(is_default, is_identity)) {
                continue;
            }
            if is_identity {
                "DROP IDENTITY".to_string()
            } else {
                "DROP DEFAULT".to_string()
            }
        } else {
            // Another setting: left alone when the right side sets it too, else reset.
            let kind = setting_kind(s.text());
            if kind.is_some() && rs.iter().any(|r| setting_kind(r.text()) == kind) {
                continue;
            }
            match reset_setting(s.text()) {
                Some(what) => what,
                None if kind.as_deref() == Some("storage") => {
                    let ty = re
                        .first()
                        .or(le.first())
                        .and_then(|d| column_def(d.text()))
                        .map(|d| render(&d.ty));
                    plan.create(
                        Phase::AlterColumn,
                        s.lines().start(),
                        reset_storage(table, col, ty.as_deref()),
                    );
                    continue;
                }
                None => {
                    plan.manual(
                        part,
                        &format!(
                            "a column setting was removed ({}): write the type's default back",
                            s.text().trim().trim_end_matches(';')
                        ),
                    );
                    continue;
                }
            }
        };
        // An identity goes before the column's other changes: PostgreSQL refuses `DROP NOT
        // NULL` on an identity column.
        let line = if is_identity { 0 } else { s.lines().start() };
        plan.create(Phase::AlterColumn, line, alter(what));
    }
    for (s, &(is_default, is_identity)) in rs.iter().zip(&rset) {
        if settled_defaults && is_default {
            continue;
        }
        // A changed identity is dropped first, then added again.
        if is_identity && left_identity {
            plan.create(Phase::AlterColumn, 0, alter("DROP IDENTITY".into()));
        }
        plan.create(
            Phase::AlterColumn,
            s.lines().start() + 1,
            s.text().to_string(),
        );
    }
}
