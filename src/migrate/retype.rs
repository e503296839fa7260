//! Types recreated under their name, as PostgreSQL cannot change them in place: an enum that
//! loses or reorders labels, a domain whose base type or collation changes. The old type is
//! renamed to a free name (`<name>__old`), the right one created, every table column of the
//! old type (or an array of it) converted with its default dropped and set again, then the old
//! type dropped.
//!
//! With the dumps' dependency graphs (see [`chain`]), what else uses such a type goes too:
//! domains and composite types over it are recreated the same way, in one chain with it;
//! views, materialized views and routines that use it (their text names it), and the
//! constraints, indexes, triggers and policies of tables that name it, are dropped before and
//! created again after, from the right dump (see `order::recreate`).

use super::graph::{Graph, Id};
use super::order::{Effect, object_nodes};
use super::*;
use crate::classify::object::ObjectKind;
use crate::fast::hash::FastHashSet as HashSet;

const LEFT: usize = 0;
const RIGHT: usize = 1;

/// How a value of the old type becomes one of the new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Via {
    /// Through its text: `c::text::new` (an enum's label, a composite's record).
    Text,
    /// A cast to the new domain's base type (written without its collation), which the
    /// column's new type then takes: `c::numeric(14,4)`.
    Base(String),
}

/// A type the draft recreates: its name as the diff writes it, `DOMAIN` or `TYPE`, how its
/// values are converted, and where its actions come from.
#[derive(Debug, Clone)]
pub(super) struct Retype {
    name: String,
    what: &'static str,
    via: Via,
    origin: Origin,
    /// The name the old type takes while its columns move (see [`old_name`]): qualified,
    /// and its last part as written.
    old: (String, String),
}

/// The hazards of converting the columns of a type: each table is rewritten under an `ACCESS
/// EXCLUSIVE` lock, and a value the new type refuses (a label gone, a tighter check) fails.
const CONVERT_HAZARDS: [Hazard; 3] = [
    Hazard::AccessExclusiveLock,
    Hazard::RewritesTable,
    Hazard::MayFailOnRows,
];

impl Via {
    /// What converting a column this way destroys: a cast to a base type may cut a value
    /// short or round it without an error (`'abcdef'::varchar(3)` is `abc`); a value that
    /// goes through its text comes back the same or fails.
    fn destructive(&self) -> Option<Destructive> {
        match self {
            Via::Text => None,
            Via::Base(_) => Some(Destructive::ColumnType),
        }
    }
}

/// Plans the recreation of the type `name` (`what` is `DOMAIN` or `TYPE`) as the right dump
/// creates it with `create`: rename, create, convert the columns, drop the old type.
pub(super) fn recreate(
    plan: &mut Plan,
    part: &Change,
    name: &str,
    what: &'static str,
    (create, at): (&str, u32),
    via: Via,
) {
    let Some((old, bare)) = old_name(plan, name) else {
        return plan.manual(part, "type name not understood");
    };
    plan.create_hazarded(
        Phase::CreateType,
        at,
        format!("ALTER {what} {name} RENAME TO {bare}"),
        None,
        Vec::new(),
    );
    plan.create(Phase::CreateType, at, create.to_string());
    plan.create_hazarded(
        Phase::CreateType,
        at,
        convert_columns(&old, name, &via),
        via.destructive(),
        CONVERT_HAZARDS.to_vec(),
    );
    plan.create_hazarded(
        Phase::CreateType,
        at,
        format!("DROP {what} {old}"),
        Some(Destructive::Drop),
        Vec::new(),
    );
    plan.retypes.push(Retype {
        name: name.to_string(),
        what,
        via,
        origin: plan.current,
        old: (old, bare),
    });
}

/// The name the type `name` takes while its columns move to the new one: `<name>__old` in its
/// schema, numbered when a relation or type has it (see [`Plan::free_name`]); qualified as
/// `name`, and its last part as written.
fn old_name(plan: &mut Plan, name: &str) -> Option<(String, String)> {
    let (schema, local) = super::enums::split_name(name)?;
    plan.free_name(schema, &local, "__old")
}

/// A string literal of `text`.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A name inside a `format()` string literal: `'` doubled for the literal, `%` doubled for
/// `format`.
fn escape_format(name: &str) -> String {
    name.replace('\'', "''").replace('%', "%%")
}

/// The `DO` block that moves every table column of type `old` or `old[]` to `new` (or
/// `new[]`): its default dropped, its values converted as `via` says, its default set again
/// with the type's name in it replaced. It stops first, naming them, if anything else still
/// uses `old` (routines, domains, composite types, views, constraints): those are dropped
/// before it and created again after it.
pub(super) fn convert_columns(old: &str, new: &str, via: &Via) -> String {
    let (o, n) = (literal(old), literal(new));
    let (oa, na) = (literal(&format!("{old}[]")), literal(&format!("{new}[]")));
    let new_f = escape_format(new);
    let (scalar, array, how) = match via {
        Via::Text => (
            format!("%s::text::{new_f}"),
            format!("%s::text[]::{new_f}[]"),
            "through text (a value the new type refuses, such as a label that is gone, fails)"
                .to_string(),
        ),
        Via::Base(base) => {
            let b = escape_format(base);
            (
                format!("%s::{b}"),
                format!("%s::{b}[]"),
                format!("to {base} (a value the new domain refuses fails)"),
            )
        }
    };
    // The literal of the hint holds `new` once, between single quotes.
    let hint = new.replace('\'', "''");
    let block = format!(
        "DO $sql_compare$
DECLARE
    c record;
    users text;
BEGIN
    -- What else uses the old type (routines, domains, composite types, views, foreign
    -- tables, constraints) is not converted here: the block stops and names it.
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
    -- Every table column of type {old_c} or {old_c}[]: its default dropped, its values
    -- converted {how}, its default set again; a column of another type whose default names
    -- the old type gets its default set again.
    FOR c IN
        SELECT a.attrelid::regclass AS tab, quote_ident(a.attname) AS col,
               a.atttypid = {o}::regtype AS scalar,
               a.atttypid IN ({o}::regtype, {oa}::regtype) AS typed,
               pg_get_expr(d.adbin, d.adrelid) AS def
        FROM pg_attribute a
        JOIN pg_class r ON r.oid = a.attrelid AND r.relkind IN ('r', 'p')
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE (a.atttypid IN ({o}::regtype, {oa}::regtype) OR EXISTS (
                  SELECT FROM pg_depend x
                  WHERE x.classid = 'pg_attrdef'::regclass AND x.objid = d.oid
                    AND x.refclassid = 'pg_type'::regclass
                    AND x.refobjid IN ({o}::regtype, {oa}::regtype)))
          AND a.attnum > 0 AND NOT a.attisdropped
          AND NOT EXISTS (SELECT FROM pg_inherits i WHERE i.inhrelid = r.oid)
    LOOP
        IF c.def IS NOT NULL THEN
            EXECUTE format('ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT', c.tab, c.col);
        END IF;
        IF NOT c.typed THEN
            NULL;
        ELSIF c.scalar THEN
            EXECUTE format('ALTER TABLE %s ALTER COLUMN %s TYPE {new_f} USING {scalar}',
                c.tab, c.col, c.col);
        ELSE
            EXECUTE format('ALTER TABLE %s ALTER COLUMN %s TYPE {new_f}[] USING {array}',
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
        old_c = one_line(old),
        how = one_line(&how),
    );
    // A name that holds the dollar quote's tag gets another tag.
    let mut tag = "$sql_compare$".to_string();
    let body = &block["DO $sql_compare$".len()..block.len() - tag.len()];
    let mut k = 0;
    while body.contains(&tag) {
        k += 1;
        tag = format!("$sql_compare_{k}$");
    }
    format!("DO {tag}{body}{tag}")
}

/// Text for a `--` comment: the line breaks that end one (`\n`, `\r`) made spaces.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// What `order::recreate` makes again around the chains of recreated types.
#[derive(Debug, Default)]
pub(super) struct Users {
    /// Left nodes whose views and materialized views are made again: the types' and their
    /// table columns'.
    pub roots: Vec<Id>,
    /// The routines whose text names a recreated type (a signature does, for every language).
    pub routines: Vec<Id>,
    /// The recreated types: the constraints, indexes, triggers and policies of tables that
    /// name them are made again.
    pub types: Vec<Id>,
    /// Those constraints, indexes, triggers and policies that only a chain's last action
    /// takes away (for the order), which no action of the plan changes.
    pub held: Vec<Id>,
}

/// One type of a chain.
struct Member {
    id: Id,
    name: String,
    what: &'static str,
    via: Via,
    /// Where the diff's recreation of it comes from; none for a type recreated because it
    /// uses another.
    origin: Option<Origin>,
    group: usize,
    /// The name the old type takes (see [`old_name`]).
    old: (String, String),
}

/// Whether the object `o` of a side is a composite type (`CREATE TYPE name AS (…)`).
fn composite(graph: &Graph<'_>, side: usize, o: Id) -> bool {
    let s = &graph.sides[side];
    s.object_stmts
        .get(&o)
        .and_then(|v| v.first())
        .is_some_and(|&st| {
            let t = toks(s.stmt_text(st).0);
            let mut c = crate::classify::cursor::Cursor::new(&t);
            c.eat_all(&["create", "type"]) && c.name().is_some() && c.eat("as") && c.at_punct('(')
        })
}

/// The table columns of the left side of the type `o` that keep a type of the chain `ids` on
/// the right: those its conversion moves (a column whose type changes to another is changed
/// before the chain, by its own action).
fn converted(graph: &Graph<'_>, o: Id, ids: &[Id]) -> Vec<Id> {
    let right = &graph.sides[RIGHT];
    columns_of(graph, LEFT, o)
        .into_iter()
        .filter(|&c| {
            right
                .deps(c)
                .iter()
                .any(|&d| graph.object_of(d).is_some_and(|x| ids.contains(&x)))
        })
        .collect()
}

/// The table columns of a side that depend on a node of the object `o`.
fn columns_of(graph: &Graph<'_>, side: usize, o: Id) -> Vec<Id> {
    let s = &graph.sides[side];
    let mut out = Vec::new();
    for n in object_nodes(graph, side, o) {
        for &d in s.dependents(n) {
            let node = &graph.nodes[d as usize];
            if node.ns == ObjectKind::Table && node.kind == ObjectKind::Column && !out.contains(&d)
            {
                out.push(d);
            }
        }
    }
    out
}

/// The types that the plan recreates (see [`recreate`]), with the domains and composite types
/// over them, as chains: every type of a chain renamed, then each created again with the
/// right dump's statements of it (comment, owner, privileges), those it uses first, then
/// each one's columns converted and its old type dropped, those that use others first. The
/// plan's own actions for these types give way. Each chain waits for the drops of what uses
/// its types; what is made again over the columns it converts, or names its types in a
/// table, follows it.
pub(super) fn chain(
    plan: &mut Plan,
    effects: &mut Vec<Effect>,
    diff: &SchemaDiff,
    graph: &Graph<'_>,
) -> Users {
    use ObjectKind::*;
    let (left, right) = (&graph.sides[LEFT], &graph.sides[RIGHT]);
    let mut members: Vec<Member> = Vec::new();
    for r in &plan.retypes {
        let Some(id) = graph.object(Type, &r.name) else {
            continue;
        };
        if !left.has(id) || !right.has(id) || members.iter().any(|m| m.id == id) {
            continue;
        }
        let group = members.len();
        members.push(Member {
            id,
            name: r.name.clone(),
            what: r.what,
            via: r.via.clone(),
            origin: Some(r.origin),
            group,
            old: r.old.clone(),
        });
    }
    if members.is_empty() {
        return Users::default();
    }
    // The domains and composite types over them, transitively, in their chains.
    let mut k = 0;
    while k < members.len() {
        for n in object_nodes(graph, LEFT, members[k].id) {
            for &d in left.dependents(n) {
                let Some(o) = graph.object_of(d) else {
                    continue;
                };
                let group = members[k].group;
                if let Some(m) = members.iter().position(|m| m.id == o) {
                    let other = members[m].group;
                    for m in &mut members {
                        if m.group == other {
                            m.group = group;
                        }
                    }
                    continue;
                }
                let what = match (left.kind(o), right.kind(o)) {
                    (Some(Domain), Some(Domain)) => "DOMAIN",
                    (Some(Type), Some(Type))
                        if composite(graph, LEFT, o) && composite(graph, RIGHT, o) =>
                    {
                        "TYPE"
                    }
                    _ => continue,
                };
                let name = graph.nodes[o as usize].object.to_string();
                let Some(old) = old_name(plan, &name) else {
                    continue;
                };
                members.push(Member {
                    id: o,
                    name,
                    what,
                    via: Via::Text,
                    origin: None,
                    group,
                    old,
                });
            }
        }
        k += 1;
    }
    // The plan's own actions for them give way.
    let gone: HashSet<usize> = diff
        .changes()
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.kind().namespace() == Type
                && c.change() == ChangeKind::Changed
                && members.iter().any(|m| m.name == c.name())
        })
        .map(|(k, _)| k)
        .collect();
    let keep: Vec<bool> = plan
        .actions
        .iter()
        .map(|a| match a.origin {
            Origin::Whole(c) | Origin::Part(c, _) => !gone.contains(&c),
            Origin::None => true,
        })
        .collect();
    super::order::keep_only(plan, effects, &keep);
    let mut users = Users::default();
    let mut blocked: Vec<Id> = Vec::new();
    let mut groups: Vec<usize> = members.iter().map(|m| m.group).collect();
    groups.sort_unstable();
    groups.dedup();
    for group in groups {
        let list: Vec<&Member> = members.iter().filter(|m| m.group == group).collect();
        let Some(origin) = list.iter().find_map(|m| m.origin) else {
            continue;
        };
        let ids: Vec<Id> = list.iter().map(|m| m.id).collect();
        let blockers = blockers(graph, &ids);
        if !blockers.is_empty() {
            let head = list.iter().find(|m| m.origin.is_some()).unwrap_or(&list[0]);
            plan.manual.push(format!(
                "-- manual: changed {} {}: PostgreSQL cannot change it in place and the draft \
                 would recreate it under its name (the old one renamed, the new one created, \
                 the columns converted, the old one dropped), but {} cannot move to a new type: \
                 drop it, recreate {} and create it again over the new type, or keep the type",
                head.what.to_lowercase(),
                head.name,
                blockers.join(", "),
                list.iter()
                    .map(|m| m.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            blocked.extend(ids);
            continue;
        }
        let order = creation_order(graph, &list);
        let before = plan.current;
        plan.current = origin;
        let start = effects.len();
        let line = |m: &Member| {
            right
                .object_stmts
                .get(&m.id)
                .and_then(|v| v.first())
                .map_or(0, |&s| right.stmt_text(s).1)
        };
        // The renames, the first waiting for the drops of what uses the old types.
        let mut first = Effect::default();
        for m in &list {
            first.drops.extend(object_nodes(graph, LEFT, m.id));
            first.drops.extend(converted(graph, m.id, &ids));
        }
        for m in &order {
            plan.create_hazarded(
                Phase::CreateType,
                line(m),
                format!("ALTER {} {} RENAME TO {}", m.what, m.name, m.old.1),
                None,
                Vec::new(),
            );
            // The first rename takes the waits; the others have none left.
            effects.push(std::mem::take(&mut first));
        }
        // The new types, as the right dump makes them.
        for m in &order {
            for &s in right.object_stmts.get(&m.id).map_or(&[][..], Vec::as_slice) {
                let (text, at) = right.stmt_text(s);
                plan.create(Phase::CreateType, at, text.to_string());
                effects.push(Effect {
                    creates: right.stmt_nodes(s).to_vec(),
                    ..Effect::default()
                });
            }
        }
        // The columns converted and the old types dropped, those that use others first.
        let mut made: Vec<Id> = Vec::new();
        for m in order.iter().rev() {
            let old = &m.old.0;
            let columns = converted(graph, m.id, &ids);
            let (hazards, destructive) = if columns.is_empty() {
                (Vec::new(), None)
            } else {
                (CONVERT_HAZARDS.to_vec(), m.via.destructive())
            };
            made.extend(columns);
            plan.create_hazarded(
                Phase::CreateType,
                line(m),
                convert_columns(old, &m.name, &m.via),
                destructive,
                hazards,
            );
            effects.push(Effect::default());
            plan.create_hazarded(
                Phase::CreateType,
                line(m),
                format!("DROP {} {old}", m.what),
                Some(Destructive::Drop),
                Vec::new(),
            );
            effects.push(Effect::default());
        }
        // The last action makes the columns converted, so that what is made again over them
        // follows the chain, and takes away the constraints, indexes, triggers and policies
        // of tables that name the old types, so that those made again follow it too.
        made.sort_unstable();
        made.dedup();
        let mut parts: Vec<Id> = Vec::new();
        for &id in &ids {
            for n in object_nodes(graph, LEFT, id) {
                for &d in left.dependents(n) {
                    let node = &graph.nodes[d as usize];
                    let part = matches!(node.kind, Constraint | Index | Trigger | Policy);
                    if node.ns == Table && part && right.has(d) && !parts.contains(&d) {
                        parts.push(d);
                    }
                }
            }
        }
        // Those no action of the plan changes are made again by `order::recreate`.
        users.held.extend(parts.iter().copied().filter(|d| {
            !effects[..start]
                .iter()
                .any(|e| e.drops.contains(d) || e.creates.contains(d))
        }));
        // The plan's changes of a column converted follow the chain: they change the new
        // type's column (their drop of it does not hold the old type's rename back).
        for e in &mut effects[..start] {
            if !e.pure {
                e.drops
                    .retain(|n| !(made.binary_search(n).is_ok() && e.creates.contains(n)));
            }
        }
        if effects.len() > start
            && let Some(last) = effects.last_mut()
        {
            last.creates.extend(made);
            last.drops.extend(parts);
        }
        plan.current = before;
    }
    // What uses them.
    for m in members.iter().filter(|m| !blocked.contains(&m.id)) {
        users.types.push(m.id);
        let nodes = object_nodes(graph, LEFT, m.id);
        users.roots.extend(nodes.iter().copied());
        users.roots.extend(columns_of(graph, LEFT, m.id));
        for &n in &nodes {
            for &d in left.dependents(n) {
                let Some(o) = graph.object_of(d) else {
                    continue;
                };
                if matches!(left.kind(o), Some(Function | Procedure))
                    && right.has(o)
                    && !users.routines.contains(&o)
                {
                    users.routines.push(o);
                }
            }
        }
    }
    users
}

/// What uses a type of the chain `ids` on the left and cannot move to a new type: a range type
/// over it (its subtype cannot change) and a typed table (`CREATE TABLE … OF`, whose columns
/// cannot change type), described.
fn blockers(graph: &Graph<'_>, ids: &[Id]) -> Vec<String> {
    use crate::classify::cursor::Cursor;
    let left = &graph.sides[LEFT];
    let first = |o: Id| {
        left.object_stmts
            .get(&o)
            .and_then(|v| v.first())
            .map(|&st| toks(left.stmt_text(st).0))
            .unwrap_or_default()
    };
    let mut out: Vec<String> = Vec::new();
    for &id in ids {
        for n in object_nodes(graph, LEFT, id) {
            for &d in left.dependents(n) {
                let Some(o) = graph.object_of(d) else {
                    continue;
                };
                if ids.contains(&o) {
                    continue;
                }
                let t = first(o);
                let mut c = Cursor::new(&t);
                let what = match left.kind(o) {
                    Some(ObjectKind::Type)
                        if c.eat_all(&["create", "type"])
                            && c.name().is_some()
                            && c.eat_all(&["as", "range"]) =>
                    {
                        "range type"
                    }
                    Some(ObjectKind::Table)
                        if c.eat("create")
                            && {
                                c.eat("unlogged");
                                c.eat("table")
                            }
                            && c.name().is_some()
                            && c.eat("of") =>
                    {
                        "typed table"
                    }
                    _ => continue,
                };
                let text = format!("{what} {}", graph.nodes[o as usize].object);
                if !out.contains(&text) {
                    out.push(text);
                }
            }
        }
    }
    out
}

/// The types of a chain in the order they are created: each after those its right
/// definition uses (a cycle, which PostgreSQL would refuse, is cut where it starts).
fn creation_order<'m>(graph: &Graph<'_>, list: &[&'m Member]) -> Vec<&'m Member> {
    let right = &graph.sides[RIGHT];
    let uses = |a: &Member, b: &Member| {
        object_nodes(graph, RIGHT, a.id).iter().any(|&n| {
            right
                .deps(n)
                .iter()
                .any(|&d| graph.object_of(d) == Some(b.id))
        })
    };
    let mut rest: Vec<&Member> = list.to_vec();
    let mut out = Vec::with_capacity(list.len());
    while !rest.is_empty() {
        let k = (0..rest.len())
            .find(|&k| !rest.iter().any(|o| o.id != rest[k].id && uses(rest[k], o)))
            .unwrap_or(0);
        out.push(rest.remove(k));
    }
    out
}
