//! The order of a draft's actions, from the dependency graphs of the two dumps (see `graph`),
//! and the objects that PostgreSQL cannot change in place, dropped and created again with
//! what depends on them.
//!
//! Each action drops nodes of the left graph and creates nodes of the right one (an `ALTER`
//! does both to the part it changes). An action runs after:
//! - the actions that create what the nodes it creates depend on (right graph);
//! - the actions that drop what depends on the nodes it drops (left graph);
//! - the actions that only drop a node it creates;
//! - the earlier actions of the same part and phase, an identity's `DROP IDENTITY` first.
//!
//! Among the actions free to run, the first by phase, then by dump line (creates in the right
//! dump's order, drops in the reverse of the left's), then as planned; a cycle is broken
//! there too.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::graph::{Graph, Id, Node};
use super::{
    Action, Destructive, Origin, Phase, Plan, has_word, statement_phase, terminate, toks, top_level,
};
use crate::classify::cursor::Cursor;
use crate::classify::object::ObjectKind;
use crate::diff::change::{Change, ChangeKind, SchemaDiff};
use crate::fast::hash::{FastHashMap as HashMap, FastHashSet as HashSet};
use crate::normalize::closing;
use crate::tokenize::{Tok, render};

const LEFT: usize = 0;
const RIGHT: usize = 1;

/// What an action does to the graphs.
#[derive(Default, Clone)]
pub(super) struct Effect {
    pub drops: Vec<Id>,
    pub creates: Vec<Id>,
    /// Whether the action only takes something away (see `only_drops`).
    pub pure: bool,
}

/// Orders the plan's actions, after dropping those PostgreSQL does by itself and adding the
/// drops and creates of what must be made again.
pub(super) fn arrange(plan: &mut Plan, diff: &SchemaDiff, graph: &Graph<'_>) {
    let mut effects: Vec<Effect> = plan
        .actions
        .iter()
        .map(|a| effect(a, diff, graph))
        .collect();
    split_changes(plan, &mut effects);
    let users = super::retype::chain(plan, &mut effects, diff, graph);
    recreate(plan, &mut effects, diff, graph, &users);
    regenerate(plan, &mut effects, diff, graph);
    partition_indexes(plan, &mut effects, graph);
    let keep = implied(plan, &effects, diff, graph);
    keep_only(plan, &mut effects, &keep);
    sort(plan, &effects, diff, graph);
}

/// A changed part written as a drop, then a create (`DROP CONSTRAINT`, then `ADD
/// CONSTRAINT`): the create no longer drops, so that what the old part depends on (a column
/// dropped) may go between the two.
fn split_changes(plan: &Plan, effects: &mut [Effect]) {
    let dropping: HashSet<(Origin, Id)> = plan
        .actions
        .iter()
        .zip(effects.iter())
        .filter(|(a, e)| e.pure && matches!(a.origin, Origin::Part(..)))
        .flat_map(|(a, e)| e.drops.iter().map(move |&n| (a.origin, n)))
        .collect();
    for (a, e) in plan.actions.iter().zip(effects.iter_mut()) {
        if !e.pure && !e.creates.is_empty() {
            e.drops.retain(|&n| !dropping.contains(&(a.origin, n)));
        }
    }
}

/// The node of a part of a changed object, if either dump has it.
fn part_node(graph: &Graph<'_>, object: &Change, part: &Change, attach: bool) -> Option<Id> {
    let name = if part.name() == object.name() {
        ""
    } else {
        part.name()
    };
    graph.id(&Node {
        ns: object.kind().namespace(),
        object: object.name().into(),
        kind: part.kind(),
        part: name.into(),
        attach,
    })
}

/// Whether an action only takes something away: a `DROP`, `REVOKE`, `ALTER … DROP
/// CONSTRAINT` or `DROP COLUMN`, `DETACH PARTITION`.
fn only_drops(a: &Action, t: &[Tok]) -> bool {
    let first = t.first();
    if first.is_some_and(|w| w.is_word("drop") || w.is_word("revoke")) {
        return true;
    }
    if matches!(
        a.destructive,
        Some(Destructive::Drop | Destructive::DropColumn)
    ) {
        return true;
    }
    let top = top_level(t);
    top.iter()
        .any(|&i| t[i].is_word("detach") && t.get(i + 1).is_some_and(|x| x.is_word("partition")))
}

fn effect(a: &Action, diff: &SchemaDiff, graph: &Graph<'_>) -> Effect {
    let t = toks(&a.sql);
    let mut e = Effect {
        pure: only_drops(a, &t),
        ..Effect::default()
    };
    match a.origin {
        Origin::None => {}
        Origin::Whole(c) => {
            let change = &diff.changes()[c];
            let ns = change.kind().namespace();
            match change.change() {
                ChangeKind::Removed => {
                    if let Some(o) = graph.object(ns, change.name()) {
                        e.drops = object_nodes(graph, LEFT, o);
                    }
                }
                _ => {
                    let right = &graph.sides[RIGHT];
                    let line = u32::try_from(a.order).unwrap_or(0);
                    match right.stmt_at(line) {
                        Some(s) if !right.stmt_nodes(s).is_empty() => {
                            e.creates = right.stmt_nodes(s).to_vec();
                        }
                        _ => e.creates.extend(graph.object(ns, change.name())),
                    }
                }
            }
        }
        Origin::Part(c, p) => {
            let object = &diff.changes()[c];
            let part = &object.details()[p];
            let attach = part.kind() == ObjectKind::Index
                && t.iter().take(2).any(|t| t.is_word("index"))
                && t.iter().any(|t| t.is_word("attach"));
            let Some(n) = part_node(graph, object, part, attach) else {
                return e;
            };
            // `INHERIT` makes nothing that others need (see `inheritance_edges`); `NO
            // INHERIT` takes the old parent away.
            if let Some((_, no, _)) = inheritance(&t) {
                if no {
                    e.drops.push(n);
                }
                return e;
            }
            if e.pure || part.change() == ChangeKind::Removed {
                e.drops.push(n);
            } else {
                // A column's `DROP DEFAULT`, `DROP IDENTITY`, `DROP NOT NULL` or `DROP
                // EXPRESSION` makes nothing that needs another object; its `ADD GENERATED …
                // AS IDENTITY` takes nothing away.
                let column = part.kind() == ObjectKind::Column;
                let (removes, adds) = column_property(&t);
                if part.change() == ChangeKind::Changed && !(column && adds) {
                    e.drops.push(n);
                }
                if !(column && removes) {
                    e.creates.push(n);
                }
            }
        }
    }
    e
}

/// Whether an `ALTER TABLE … ALTER [COLUMN] c …` only takes a property of the column away
/// (`DROP DEFAULT`, `DROP IDENTITY`, `DROP NOT NULL`, `DROP EXPRESSION`), or only adds an
/// identity (`ADD GENERATED`).
fn column_property(t: &[Tok]) -> (bool, bool) {
    let top = top_level(t);
    let at = |i: usize, w: &str| top.contains(&i) && t[i].is_word(w);
    let Some(alter) = top.iter().copied().skip(1).find(|&i| t[i].is_word("alter")) else {
        return (false, false);
    };
    let mut k = alter + 1;
    if at(k, "column") {
        k += 1;
    }
    let (verb, what) = (k + 1, k + 2);
    let removes = at(verb, "drop")
        && ["default", "identity", "not", "expression"]
            .iter()
            .any(|w| at(what, w));
    let adds = at(verb, "add") && at(what, "generated");
    (removes, adds)
}

/// The relation names (tables, views, sequences, indexes, types, by their qualified names as
/// PostgreSQL reads them) that an action takes (`CREATE …`, `ADD CONSTRAINT … PRIMARY KEY`
/// or `UNIQUE`, an identity's `SEQUENCE NAME`) and those it frees (`DROP …`, `DROP
/// CONSTRAINT`, `DROP IDENTITY`, whose sequence the left dump names): one relation's name
/// must be free before another takes it.
fn relation_names(a: &Action, graph: &Graph<'_>, node: Option<Id>) -> (Vec<String>, Vec<String>) {
    use crate::classify::object::schema_part;
    let t = toks(&a.sql);
    let (mut takes, mut frees) = (Vec::new(), Vec::new());
    let mut c = Cursor::new(&t);
    let in_schema = |name: String, of: &str| match schema_part(of) {
        Some(s) if schema_part(&name).is_none() => format!("{s}.{name}"),
        _ => name,
    };
    // The name after `SEQUENCE NAME`, at any depth.
    let sequence_name = |t: &[Tok]| {
        let k = t
            .windows(2)
            .position(|w| w[0].is_word("sequence") && w[1].is_word("name"))?;
        Cursor { t, i: k + 2 }.name()
    };
    if c.eat("create") {
        let kind = super::created_kind(&mut c);
        c.eat("concurrently");
        c.eat_all(&["if", "not", "exists"]);
        use ObjectKind::*;
        match kind {
            Some(Index) => {
                let name = c.name();
                if c.eat("on") {
                    c.eat("only");
                    if let (Some(n), Some(table)) = (name, c.name()) {
                        takes.push(in_schema(n, &table));
                    }
                }
            }
            Some(Table | View | MaterializedView | ForeignTable | Sequence | Type | Domain) => {
                takes.extend(c.name());
            }
            _ => {}
        }
    } else if c.eat("drop") {
        use ObjectKind::*;
        if let Some(
            Table | View | MaterializedView | ForeignTable | Sequence | Index | Type | Domain,
        ) = c.object_kind()
        {
            c.eat("concurrently");
            c.eat_all(&["if", "exists"]);
            while let Some(n) = c.name() {
                frees.push(n);
                if !c.eat_punct(',') {
                    break;
                }
            }
        }
    } else if c.eat("alter") && c.eat("table") {
        c.eat_all(&["if", "exists"]);
        c.eat("only");
        let Some(table) = c.name() else {
            return (takes, frees);
        };
        if c.eat("add") {
            if c.eat("constraint")
                && let Some(name) = c.name()
                && (c.at("primary") || c.at("unique") || c.at("exclude"))
            {
                takes.push(in_schema(name, &table));
            }
            takes.extend(sequence_name(&t));
        } else if c.eat_all(&["drop", "constraint"]) {
            c.eat_all(&["if", "exists"]);
            frees.extend(c.name().map(|n| in_schema(n, &table)));
        } else if column_property(&t) == (false, true) {
            takes.extend(sequence_name(&t));
        } else if t.last().is_some_and(|w| w.is_word("identity"))
            && column_property(&t).0
            && let Some(n) = node
        {
            // The identity's sequence, as the left dump names it.
            let left = &graph.sides[LEFT];
            frees.extend(
                left.node_stmts(n)
                    .iter()
                    .find_map(|&s| sequence_name(&toks(left.stmt_text(s).0))),
            );
        }
    }
    (takes, frees)
}

/// `ALTER TABLE [ONLY] t [NO] INHERIT p`: the table, whether it is `NO INHERIT`, the parent.
fn inheritance(t: &[Tok]) -> Option<(String, bool, String)> {
    let mut c = Cursor::new(t);
    let table = alter_table(&mut c)?;
    let no = c.eat("no");
    if !c.eat("inherit") {
        return None;
    }
    let parent = c.name()?;
    c.done().then_some((table, no, parent))
}

/// The table an `ALTER TABLE` changes, and whether it adds a column or a constraint to it.
fn altered_table(t: &[Tok]) -> Option<(String, bool)> {
    let mut c = Cursor::new(t);
    let table = alter_table(&mut c)?;
    Some((table, c.at("add")))
}

/// The table of `ALTER TABLE [IF EXISTS] [ONLY] t`, the cursor left after it.
fn alter_table(c: &mut Cursor<'_>) -> Option<String> {
    if !(c.eat("alter") && c.eat("table")) {
        return None;
    }
    c.eat_all(&["if", "exists"]);
    c.eat("only");
    c.name()
}

/// The order around a table's `INHERIT` and `NO INHERIT`: what the table gets added (columns,
/// constraints) and what its new parent gets (columns, constraints) before `INHERIT`, which
/// needs them; the changes of the table's columns and constraints after `NO INHERIT`, which
/// makes the columns it inherited its own.
fn inheritance_edges(
    plan: &Plan,
    effects: &[Effect],
    diff: &SchemaDiff,
    graph: &Graph<'_>,
    edges: &mut HashSet<(usize, usize)>,
) {
    let parsed: Vec<Option<(String, bool, String)>> = plan
        .actions
        .iter()
        .map(|a| inheritance(&toks(&a.sql)))
        .collect();
    if parsed.iter().all(Option::is_none) {
        return;
    }
    let right = &graph.sides[RIGHT];
    let altered: Vec<Option<(String, bool)>> = plan
        .actions
        .iter()
        .map(|a| altered_table(&toks(&a.sql)))
        .collect();
    for (k, p) in parsed.iter().enumerate() {
        let Some((table, no, parent)) = p else {
            continue;
        };
        if *no {
            for (a, act) in plan.actions.iter().enumerate() {
                let Origin::Part(c, q) = act.origin else {
                    continue;
                };
                let change = &diff.changes()[c];
                let kind = change.details()[q].kind();
                let adds = altered[a].as_ref().is_some_and(|(_, adds)| *adds);
                if a != k
                    && change.name() == table
                    && matches!(kind, ObjectKind::Column | ObjectKind::Constraint)
                    && parsed[a].is_none()
                    && !adds
                {
                    edges.insert((k, a));
                }
                // The old parent's columns are dropped after: the table keeps its copies.
                let drops_parent_column = act.destructive == Some(Destructive::DropColumn)
                    && altered[a].as_ref().is_some_and(|(x, _)| x == parent);
                if drops_parent_column {
                    edges.insert((k, a));
                }
            }
            continue;
        }
        for (a, t) in altered.iter().enumerate() {
            if a != k
                && parsed[a].is_none()
                && t.as_ref().is_some_and(|(x, adds)| x == table && *adds)
            {
                edges.insert((a, k));
            }
        }
        let Some(o) = graph.object(ObjectKind::Table, parent) else {
            continue;
        };
        let needed: HashSet<Id> = object_nodes(graph, RIGHT, o)
            .into_iter()
            .filter(|&n| {
                matches!(
                    graph.nodes[n as usize].kind,
                    ObjectKind::Column | ObjectKind::Constraint | ObjectKind::Definition
                ) && right.has(n)
            })
            .collect();
        for (a, e) in effects.iter().enumerate() {
            if a != k && e.creates.iter().any(|n| needed.contains(n)) {
                edges.insert((a, k));
            }
        }
    }
}

pub(super) fn object_nodes(graph: &Graph<'_>, side: usize, object: Id) -> Vec<Id> {
    graph.sides[side]
        .object_nodes
        .get(&object)
        .cloned()
        .unwrap_or_else(|| vec![object])
}

/// The changes of the diff by object.
fn changes_by_object(diff: &SchemaDiff) -> HashMap<(ObjectKind, &str), usize> {
    diff.changes()
        .iter()
        .enumerate()
        .map(|(k, c)| ((c.kind().namespace(), c.name()), k))
        .collect()
}

/// The nodes that pure drops take away: with a table, its parts.
fn dropped(plan: &Plan, effects: &[Effect]) -> HashSet<Id> {
    plan.actions
        .iter()
        .zip(effects)
        .filter(|(_, e)| e.pure)
        .flat_map(|(_, e)| e.drops.iter().copied())
        .collect()
}

/// Which actions to keep: not those PostgreSQL does itself, or that would name what is gone.
/// - `DROP SEQUENCE` of a sequence owned by a column or table that is dropped;
/// - `COMMENT … IS NULL` of something dropped;
/// - `ADD COLUMN` and `DROP COLUMN` on a partition whose parent gets the same;
/// - `DROP INDEX` of a partition's index whose parent index is dropped.
fn implied(plan: &Plan, effects: &[Effect], diff: &SchemaDiff, graph: &Graph<'_>) -> Vec<bool> {
    let gone = dropped(plan, effects);
    let left = &graph.sides[LEFT];
    let changes = changes_by_object(diff);
    plan.actions
        .iter()
        .zip(effects)
        .map(|(a, e)| match a.origin {
            Origin::Whole(c) => {
                let change = &diff.changes()[c];
                if change.change() != ChangeKind::Removed || change.kind() != ObjectKind::Sequence {
                    return true;
                }
                // Owned by a column that goes: `OWNED BY` names it.
                let owned = e.drops.iter().any(|&n| {
                    graph.nodes[n as usize].kind == ObjectKind::OwnedBy
                        && left.deps(n).iter().any(|d| {
                            graph.nodes[*d as usize].kind == ObjectKind::Column && gone.contains(d)
                        })
                });
                !owned
            }
            Origin::Part(c, p) => {
                let object = &diff.changes()[c];
                let part = &object.details()[p];
                match part.kind() {
                    ObjectKind::Comment if part.change() == ChangeKind::Removed => {
                        let o = graph.object(object.kind().namespace(), object.name());
                        !e.drops.iter().any(|&n| {
                            left.deps(n)
                                .iter()
                                .any(|d| Some(*d) != o && gone.contains(d))
                        })
                    }
                    ObjectKind::Column | ObjectKind::Constraint => {
                        !on_parent_too(graph, diff, &changes, object, part)
                    }
                    ObjectKind::Index if e.pure => {
                        // Attached to a parent index that is dropped.
                        let attach = part_node(graph, object, part, true);
                        !attach.is_some_and(|at| {
                            left.deps(at).iter().any(|d| {
                                graph.nodes[*d as usize].kind == ObjectKind::Index
                                    && !e.drops.contains(d)
                                    && gone.contains(d)
                            })
                        })
                    }
                    _ => true,
                }
            }
            Origin::None => true,
        })
        .collect()
}

/// Whether a column or constraint added to, dropped from or changed on a partition is added
/// to, dropped from or changed the same way on its parent as well (which does it for every
/// partition: a partition's inherited column cannot be retyped, its inherited constraint is
/// already there).
fn on_parent_too(
    graph: &Graph<'_>,
    diff: &SchemaDiff,
    changes: &HashMap<(ObjectKind, &str), usize>,
    object: &Change,
    part: &Change,
) -> bool {
    let side = if part.change() == ChangeKind::Added {
        RIGHT
    } else {
        LEFT
    };
    let Some(o) = graph.object(ObjectKind::Table, object.name()) else {
        return false;
    };
    let column = part.kind() == ObjectKind::Column;
    let local = part
        .name()
        .strip_prefix(object.name())
        .and_then(|c| c.strip_prefix('.'));
    let local = match (column, local) {
        (true, Some(c)) => c,
        (true, None) => return false,
        (false, _) => part.name(),
    };
    let text = |c: &Change| {
        c.left()
            .iter()
            .chain(c.right())
            .map(|s| s.text().trim().to_string())
            .collect::<Vec<_>>()
    };
    object_nodes(graph, side, o).iter().any(|&n| {
        let node = &graph.nodes[n as usize];
        if node.kind != ObjectKind::Partition {
            return false;
        }
        let parent = &*node.part;
        let Some(&pc) = changes.get(&(ObjectKind::Table, parent)) else {
            return false;
        };
        let name = if column {
            format!("{parent}.{local}")
        } else {
            local.to_string()
        };
        // A column changed the same way; a constraint added or dropped with the same text.
        let same = |d: &Change| match (part.kind(), part.change()) {
            (ObjectKind::Column, ChangeKind::Added | ChangeKind::Removed) => true,
            _ => text(d) == text(part),
        };
        diff.changes()[pc].details().iter().any(|d| {
            d.kind() == part.kind() && d.name() == name && d.change() == part.change() && same(d)
        })
    })
}

/// The right dump's statements of nodes, as actions that create them.
fn add_statements_of(
    plan: &mut Plan,
    effects: &mut Vec<Effect>,
    graph: &Graph<'_>,
    stmts: &[u32],
    origin: Origin,
) {
    let right = &graph.sides[RIGHT];
    for &s in stmts {
        let (text, line) = right.stmt_text(s);
        let Some(phase) = statement_phase(text) else {
            continue;
        };
        let before = plan.current;
        plan.current = origin;
        plan.create(phase, line, text.to_string());
        plan.current = before;
        effects.push(Effect {
            drops: Vec::new(),
            creates: right.stmt_nodes(s).to_vec(),
            pure: false,
        });
    }
}

/// A partitioned index dropped takes its partitions' indexes with it: those the right dump
/// has are created again, and attached.
fn partition_indexes(plan: &mut Plan, effects: &mut Vec<Effect>, graph: &Graph<'_>) {
    let left = &graph.sides[LEFT];
    let right = &graph.sides[RIGHT];
    let created: HashSet<Id> = effects
        .iter()
        .flat_map(|e| e.creates.iter().copied())
        .collect();
    let mut again: Vec<(usize, Id)> = Vec::new();
    for (k, e) in effects.iter().enumerate() {
        if !e.pure {
            continue;
        }
        for &n in &e.drops {
            if graph.nodes[n as usize].kind != ObjectKind::Index {
                continue;
            }
            for &d in left.dependents(n) {
                let node = &graph.nodes[d as usize];
                if !node.attach {
                    continue;
                }
                let child = graph.id(&Node {
                    attach: false,
                    ..node.clone()
                });
                if let Some(child) = child {
                    again.push((k, child));
                }
            }
        }
    }
    for (k, child) in again {
        // Dropped with the parent.
        effects[k].drops.push(child);
        if created.contains(&child) || !right.has(child) {
            continue;
        }
        let node = &graph.nodes[child as usize];
        let attach = graph.id(&Node {
            attach: true,
            ..node.clone()
        });
        let mut stmts = right.node_stmts(child).to_vec();
        if let Some(at) = attach.filter(|at| !created.contains(at)) {
            stmts.extend_from_slice(right.node_stmts(at));
        }
        add_statements_of(plan, effects, graph, &stmts, Origin::None);
    }
}

/// A view's columns, from its `CREATE VIEW` statement: each top-level item of its first
/// `SELECT`, named by its alias, else by its last name, and its text.
fn view_items(text: &str) -> Option<Vec<(String, String)>> {
    let t = toks(text);
    let top = top_level(&t);
    let select = *top.iter().find(|&&i| t[i].is_word("select"))?;
    let end = top
        .iter()
        .copied()
        .find(|&i| {
            i > select
                && [
                    "from",
                    "where",
                    "group",
                    "union",
                    "except",
                    "intersect",
                    "order",
                    "limit",
                    "having",
                    "window",
                ]
                .iter()
                .any(|w| t[i].is_word(w))
        })
        .unwrap_or(t.len());
    let mut start = select + 1;
    if t.get(start).is_some_and(|x| x.is_word("distinct")) {
        return None;
    }
    if t.get(start).is_some_and(|x| x.is_word("all")) {
        start += 1;
    }
    let items = crate::normalize::split_commas(&t, start..end);
    Some(
        items
            .into_iter()
            .map(|r| {
                let item = &t[r.clone()];
                let name = match item {
                    [.., last] if last.ident().is_some() => {
                        last.ident().unwrap_or_default().to_string()
                    }
                    _ => render(item),
                };
                (name, render(item))
            })
            .collect(),
    )
}

/// A routine's arguments and what it returns, as written: PostgreSQL replaces a routine in
/// place only when they stay (argument names and defaults included).
fn routine_signature(text: &str) -> Option<(String, String)> {
    let t = toks(text);
    let mut c = Cursor::new(&t);
    c.eat("create");
    c.eat_all(&["or", "replace"]);
    if !(c.eat("function") || c.eat("procedure")) {
        return None;
    }
    c.name()?;
    if !c.at_punct('(') {
        return None;
    }
    let close = closing(&t, c.i)?;
    let args = render(&t[c.i..=close]);
    let mut i = close + 1;
    let mut returns = String::new();
    if t.get(i).is_some_and(|x| x.is_word("returns")) {
        let from = i;
        let stop = [
            "language",
            "as",
            "immutable",
            "stable",
            "volatile",
            "security",
            "strict",
            "called",
            "cost",
            "rows",
            "set",
            "parallel",
            "leakproof",
            "not",
            "window",
            "begin",
            "transform",
            "support",
            "external",
            "return",
        ];
        let mut depth = 0usize;
        i += 1;
        while let Some(x) = t.get(i) {
            match x {
                Tok::Punct('(' | '[') => depth += 1,
                Tok::Punct(')' | ']') => depth = depth.saturating_sub(1),
                x if depth == 0 && i > from + 1 && stop.iter().any(|w| x.is_word(w)) => break,
                _ => {}
            }
            i += 1;
        }
        returns = render(&t[from..i]);
    }
    Some((args, returns))
}

/// Whether a changed definition cannot be replaced in place: a view whose columns are not the
/// old ones followed by new ones; a routine whose arguments or result changed; a
/// materialized view.
fn refused_in_place(object: &Change, part: &Change) -> bool {
    use ObjectKind::*;
    if part.kind() != Definition || part.change() != ChangeKind::Changed {
        return false;
    }
    let (Some(l), Some(r)) = (part.left().first(), part.right().first()) else {
        return false;
    };
    match object.kind() {
        // Columns removed, renamed or reordered, or a column whose expression changes with a
        // cast on either side (its type may change): `CREATE OR REPLACE VIEW` refuses them.
        View => match (view_items(l.text()), view_items(r.text())) {
            (Some(a), Some(b)) => {
                let cast = |x: &str| x.contains("::") || x.to_lowercase().contains("cast(");
                a.len() > b.len()
                    || a.iter().zip(&b).any(|((an, ax), (bn, bx))| {
                        an != bn || (ax != bx && (cast(ax) || cast(bx)))
                    })
            }
            _ => true,
        },
        MaterializedView => true,
        Function | Procedure => routine_signature(l.text()) != routine_signature(r.text()),
        _ => false,
    }
}

/// Objects that PostgreSQL cannot change in place, and those that depend on them, on a
/// column whose type changes or on a type recreated (`users`: views, materialized views,
/// routines): dropped, then created again from the right dump with their privileges,
/// comments and owners; their own actions give way.
fn recreate(
    plan: &mut Plan,
    effects: &mut Vec<Effect>,
    diff: &SchemaDiff,
    graph: &Graph<'_>,
    users: &super::retype::Users,
) {
    use ObjectKind::*;
    let left = &graph.sides[LEFT];
    let right = &graph.sides[RIGHT];
    // Objects to make again, and left nodes whose dependents must go first.
    let mut objects: Vec<Id> = users.routines.clone();
    let mut roots: Vec<Id> = users.roots.clone();
    for change in diff.changes() {
        if change.change() != ChangeKind::Changed {
            continue;
        }
        for part in change.details() {
            let Some(o) = graph.object(change.kind().namespace(), change.name()) else {
                continue;
            };
            // A relation that becomes one of another kind (a table a view).
            let kind_changed = part.kind() == Definition
                && matches!(
                    (left.kind(o), right.kind(o)),
                    (Some(a), Some(b)) if a != b && super::drop_relation(a).is_some()
                );
            if (refused_in_place(change, part) || kind_changed) && !objects.contains(&o) {
                objects.push(o);
            }
        }
    }
    for (a, e) in plan.actions.iter().zip(effects.iter()) {
        let Origin::Part(c, p) = a.origin else {
            continue;
        };
        let part = &diff.changes()[c].details()[p];
        let retyped = part.kind() == Column
            && part.change() == ChangeKind::Changed
            && a.sql.contains(" TYPE ");
        if retyped {
            roots.extend(e.drops.iter().copied());
        }
    }
    // Routines removed on the left (another signature on the right takes their place): what
    // uses them is dropped first and made again after, as for a routine made again.
    let removed: Vec<Id> = diff
        .changes()
        .iter()
        .filter(|c| {
            c.change() == ChangeKind::Removed
                && matches!(c.kind(), ObjectKind::Function | ObjectKind::Procedure)
        })
        .filter_map(|c| graph.object(c.kind().namespace(), c.name()))
        .collect();
    if objects.is_empty() && roots.is_empty() && removed.is_empty() {
        return;
    }
    // The views and materialized views that depend on them, transitively.
    let mut seen: HashSet<Id> = objects.iter().copied().collect();
    let mut queue: Vec<Id> = objects
        .iter()
        .flat_map(|&o| object_nodes(graph, LEFT, o))
        .chain(roots)
        .collect();
    while let Some(n) = queue.pop() {
        for &d in left.dependents(n) {
            let Some(o) = graph.object_of(d) else {
                continue;
            };
            if !matches!(left.kind(o), Some(View | MaterializedView)) || !seen.insert(o) {
                continue;
            }
            objects.push(o);
            queue.extend(object_nodes(graph, LEFT, o));
        }
    }
    let set: HashSet<Id> = objects.iter().copied().collect();
    // Their own actions give way.
    let changes = changes_by_object(diff);
    let mut replaced: HashSet<usize> = HashSet::default();
    for &o in &objects {
        let node = &graph.nodes[o as usize];
        if let Some(&c) = changes.get(&(node.ns, &*node.object)) {
            replaced.insert(c);
        }
    }
    let mut keep = Vec::with_capacity(plan.actions.len());
    for a in &plan.actions {
        let c = match a.origin {
            Origin::Whole(c) | Origin::Part(c, _) => Some(c),
            Origin::None => None,
        };
        // An object only on the left keeps its drop.
        let removed = c.is_some_and(|c| diff.changes()[c].change() == ChangeKind::Removed);
        keep.push(removed || !c.is_some_and(|c| replaced.contains(&c)));
    }
    keep_only(plan, effects, &keep);
    for &o in &objects {
        if !right.has(o) || !left.has(o) {
            continue;
        }
        let node = &graph.nodes[o as usize];
        let (phase, what) = match left.kind(o) {
            Some(Function) => (Phase::DropRoutine, "FUNCTION"),
            Some(Procedure) => (Phase::DropRoutine, "PROCEDURE"),
            Some(k) => match super::drop_relation(k) {
                Some(d) => d,
                None => continue,
            },
            None => continue,
        };
        // Made again at once from the right dump, a view or routine loses nothing; a
        // materialized view loses its rows (created `WITH NO DATA`), a table or a sequence
        // what it holds.
        let destructive = matches!(
            what,
            "MATERIALIZED VIEW" | "TABLE" | "FOREIGN TABLE" | "SEQUENCE"
        )
        .then_some(Destructive::Drop);
        let sql = format!("DROP {what} {}", node.object);
        let stmts = right.object_stmts.get(&o).cloned().unwrap_or_default();
        let drops = object_nodes(graph, LEFT, o);
        remake(
            plan,
            effects,
            graph,
            (phase, sql, destructive),
            drops,
            &stmts,
        );
    }
    // The constraints, indexes, triggers and policies of other objects that use a routine
    // made again or a type recreated, and that nothing else changes.
    let changed: HashSet<Id> = effects
        .iter()
        .flat_map(|e| e.drops.iter().copied())
        .collect();
    let mut parts: Vec<Id> = Vec::new();
    let routines = objects
        .iter()
        .filter(|&&o| matches!(left.kind(o), Some(Function | Procedure)) && right.has(o))
        .chain(&removed)
        .chain(&users.types);
    for &o in routines {
        let routine = !users.types.contains(&o);
        for n in object_nodes(graph, LEFT, o) {
            for &d in left.dependents(n) {
                let node = &graph.nodes[d as usize];
                let of_table = node.ns == ObjectKind::Table;
                // A column depends on a routine through its default (or its generation
                // expression, which is left alone).
                // (A column of a type recreated is converted with its default.)
                let kind_ok = matches!(node.kind, Constraint | Index | Trigger | Policy)
                    || (routine && node.kind == Column && column_default(graph, d).is_some());
                // An unnamed constraint cannot be dropped by name; an index's or a column's is qualified.
                let named = matches!(node.kind, Index | Column) || super::is_identifier(&node.part);
                if !kind_ok || !of_table || node.attach || !named {
                    continue;
                }
                if graph.object_of(d).is_some_and(|x| set.contains(&x))
                    || (changed.contains(&d) && !users.held.contains(&d))
                    || !right.has(d)
                    || parts.contains(&d)
                {
                    continue;
                }
                parts.push(d);
            }
        }
    }
    for d in parts {
        let node = &graph.nodes[d as usize];
        let (table, name) = (&node.object, &node.part);
        if node.kind == Column {
            // The default goes, and comes back once the routine is there again.
            let Some(default) = column_default(graph, d) else {
                continue;
            };
            let col = column_name(node);
            let sql = format!("ALTER TABLE {table} ALTER COLUMN {col} DROP DEFAULT");
            remake(
                plan,
                effects,
                graph,
                (Phase::DropConstraint, sql, None),
                vec![d],
                &[],
            );
            let line = right.part_text(d).map_or(0, |(_, line)| line);
            let before = plan.current;
            plan.current = Origin::None;
            plan.create(
                Phase::AlterColumn,
                line,
                format!("ALTER TABLE {table} ALTER COLUMN {col} SET DEFAULT {default}"),
            );
            plan.current = before;
            effects.push(Effect {
                drops: Vec::new(),
                creates: vec![d],
                pure: false,
            });
            continue;
        }
        let (phase, sql) = match node.kind {
            Constraint => (
                Phase::DropConstraint,
                format!("ALTER TABLE {table} DROP CONSTRAINT {name}"),
            ),
            Index => (Phase::DropIndex, format!("DROP INDEX {name}")),
            Trigger => (
                Phase::DropTrigger,
                format!("DROP TRIGGER {name} ON {table}"),
            ),
            _ => (Phase::DropTrigger, format!("DROP POLICY {name} ON {table}")),
        };
        // A constraint written inside `CREATE TABLE` is added to the table.
        match right.part_text(d) {
            Some((text, line)) if node.kind == Constraint => {
                let add = format!("ALTER TABLE {table} ADD {text}");
                remake(plan, effects, graph, (phase, sql, None), vec![d], &[]);
                let before = plan.current;
                plan.current = Origin::None;
                plan.create(Phase::AddConstraint, line, add);
                plan.current = before;
                effects.push(Effect {
                    drops: Vec::new(),
                    creates: vec![d],
                    pure: false,
                });
            }
            Some(_) => {}
            None => {
                let stmts = right.node_stmts(d).to_vec();
                remake(plan, effects, graph, (phase, sql, None), vec![d], &stmts);
            }
        }
    }
}

/// Generated columns over a column whose type changes: PostgreSQL refuses `ALTER COLUMN …
/// TYPE` of a column a generation expression uses, so the generated column is dropped first
/// and added again after, from the right dump (its values computed anew); its own changes
/// give way.
fn regenerate(plan: &mut Plan, effects: &mut Vec<Effect>, diff: &SchemaDiff, graph: &Graph<'_>) {
    let left = &graph.sides[LEFT];
    let right = &graph.sides[RIGHT];
    let mut columns: Vec<Id> = Vec::new();
    for (a, e) in plan.actions.iter().zip(effects.iter()) {
        let Origin::Part(c, p) = a.origin else {
            continue;
        };
        let part = &diff.changes()[c].details()[p];
        if part.kind() != ObjectKind::Column
            || part.change() != ChangeKind::Changed
            || !a.sql.contains(" TYPE ")
        {
            continue;
        }
        for &n in &e.drops {
            let Some(table) = graph.object_of(n) else {
                continue;
            };
            let name = column_name(&graph.nodes[n as usize]);
            // The columns of the table whose generation expression names it.
            for d in object_nodes(graph, LEFT, table) {
                let node = &graph.nodes[d as usize];
                if node.kind != ObjectKind::Column || d == n || columns.contains(&d) {
                    continue;
                }
                let generated = |side: usize| {
                    graph.sides[side].part_text(d).is_some_and(|(text, _)| {
                        let t = toks(&text);
                        has_word(&t, "generated")
                            && (t.iter().skip(1).any(|x| x.is_word(name))
                                || (name.starts_with('"') && text.contains(name)))
                    })
                };
                if right.has(d) && generated(LEFT) && generated(RIGHT) {
                    columns.push(d);
                }
            }
        }
    }
    if columns.is_empty() {
        return;
    }
    // The generated columns' own actions give way.
    let mut keep = Vec::with_capacity(plan.actions.len());
    for (a, e) in plan.actions.iter().zip(effects.iter()) {
        let own = matches!(a.origin, Origin::Part(..))
            && columns
                .iter()
                .any(|d| e.drops.contains(d) || e.creates.contains(d));
        keep.push(!own);
    }
    keep_only(plan, effects, &keep);
    for d in columns {
        let node = &graph.nodes[d as usize];
        let table = &node.object;
        let col = column_name(node);
        let Some((text, line)) = right.part_text(d) else {
            continue;
        };
        let before = plan.current;
        plan.current = Origin::None;
        let drop_line = left.part_text(d).map_or(0, |(_, l)| l);
        plan.push(Action {
            phase: Phase::DropColumn,
            order: -i64::from(drop_line),
            seq: 0,
            origin: Origin::None,
            sql: terminate(format!("ALTER TABLE {table} DROP COLUMN {col}")),
            destructive: Some(Destructive::DropColumn),
            hazards: None,
        });
        effects.push(Effect {
            drops: vec![d],
            creates: Vec::new(),
            pure: true,
        });
        plan.create(
            Phase::AlterColumn,
            line,
            format!("ALTER TABLE {table} ADD COLUMN {text}"),
        );
        effects.push(Effect {
            drops: Vec::new(),
            creates: vec![d],
            pure: false,
        });
        plan.current = before;
    }
}

/// A column's name, without its table's (which names its part).
fn column_name(node: &Node) -> &str {
    node.part
        .strip_prefix(&*node.object)
        .and_then(|c| c.strip_prefix('.'))
        .unwrap_or(&node.part)
}

/// The default of a column node written inside `CREATE TABLE`, on both sides: the right one.
fn column_default(graph: &Graph<'_>, n: Id) -> Option<String> {
    let (l, _) = graph.sides[LEFT].part_text(n)?;
    let (r, _) = graph.sides[RIGHT].part_text(n)?;
    super::column::column_default(&l)?;
    super::column::column_default(&r)
}

/// A drop of what `drops` names (`side`'s first statement of it gives its place), then the
/// right dump's `stmts` that make it again.
fn remake(
    plan: &mut Plan,
    effects: &mut Vec<Effect>,
    graph: &Graph<'_>,
    (phase, sql, destructive): (Phase, String, Option<Destructive>),
    drops: Vec<Id>,
    stmts: &[u32],
) {
    let left = &graph.sides[LEFT];
    let line = drops
        .first()
        .and_then(|&n| left.node_stmts(n).first())
        .map_or(0, |&s| left.stmt_text(s).1);
    let before = plan.current;
    plan.current = Origin::None;
    plan.push(Action {
        phase,
        order: -i64::from(line),
        seq: 0,
        origin: Origin::None,
        sql: terminate(sql),
        destructive,
        hazards: None,
    });
    plan.current = before;
    effects.push(Effect {
        drops,
        creates: Vec::new(),
        pure: true,
    });
    add_statements_of(plan, effects, graph, stmts, Origin::None);
}

/// Where an action goes among those free to run: phase, dump line, planning order.
type SortKey = (Phase, i64, usize);

/// Sorts the actions: topologically by the effects' edges, ties (and cycles) broken by
/// phase, dump line and planning order.
fn sort(plan: &mut Plan, effects: &[Effect], diff: &SchemaDiff, graph: &Graph<'_>) {
    let n = plan.actions.len();
    let mut creators: HashMap<Id, Vec<usize>> = HashMap::default();
    let mut droppers: HashMap<Id, Vec<usize>> = HashMap::default();
    for (k, e) in effects.iter().enumerate() {
        for &x in &e.creates {
            creators.entry(x).or_default().push(k);
        }
        for &x in &e.drops {
            droppers.entry(x).or_default().push(k);
        }
    }
    let pure: Vec<bool> = effects.iter().map(|e| e.pure).collect();
    let (left, right) = (&graph.sides[LEFT], &graph.sides[RIGHT]);
    let mut edges: HashSet<(usize, usize)> = HashSet::default();
    let none = Vec::new();
    for (a, e) in effects.iter().enumerate() {
        for &x in &e.creates {
            for &y in right.deps(x) {
                for &b in creators.get(&y).unwrap_or(&none) {
                    edges.insert((b, a));
                }
            }
            for &b in droppers.get(&x).unwrap_or(&none) {
                if !effects[b].creates.contains(&x) {
                    edges.insert((b, a));
                }
            }
        }
        for &x in &e.drops {
            for &z in left.dependents(x) {
                // A sequence owned by a column holds back only the drop of the column (which
                // would take the sequence with it), not its changes.
                if !pure[a] && graph.nodes[z as usize].kind == ObjectKind::OwnedBy {
                    continue;
                }
                for &b in droppers.get(&z).unwrap_or(&none) {
                    edges.insert((b, a));
                }
            }
        }
    }
    inheritance_edges(plan, effects, diff, graph, &mut edges);
    // A relation's name is freed before another relation takes it (a serial's sequence
    // dropped before an identity's of the same name is made).
    let mut freeing: HashMap<String, Vec<usize>> = HashMap::default();
    let names: Vec<(Vec<String>, Vec<String>)> = plan
        .actions
        .iter()
        .zip(effects)
        .map(|(a, e)| {
            let node = match a.origin {
                Origin::Part(..) => e.drops.first().or(e.creates.first()).copied(),
                _ => None,
            };
            relation_names(a, graph, node)
        })
        .collect();
    for (b, (_, frees)) in names.iter().enumerate() {
        for name in frees {
            freeing.entry(name.clone()).or_default().push(b);
        }
    }
    for (a, (takes, _)) in names.iter().enumerate() {
        for name in takes {
            for &b in freeing.get(name).unwrap_or(&none) {
                if b != a {
                    edges.insert((b, a));
                }
            }
        }
    }
    // A schema is dropped after what is dropped in it; an extension after every other drop
    // (what it provides is not in the dump: the objects that use it cannot name it).
    let whole = |k: usize| match plan.actions[k].origin {
        Origin::Whole(c) if pure[k] => Some(diff.changes()[c].kind()),
        _ => None,
    };
    let mut schemas: HashMap<&str, usize> = HashMap::default();
    let mut extensions = Vec::new();
    for k in 0..n {
        match whole(k) {
            Some(ObjectKind::Schema) => {
                if let Origin::Whole(c) = plan.actions[k].origin {
                    schemas.insert(diff.changes()[c].name(), k);
                }
            }
            Some(ObjectKind::Extension) => extensions.push(k),
            _ => {}
        }
    }
    if !schemas.is_empty() || !extensions.is_empty() {
        for k in 0..n {
            if !pure[k] || matches!(whole(k), Some(ObjectKind::Schema | ObjectKind::Extension)) {
                continue;
            }
            for &e in &extensions {
                edges.insert((k, e));
            }
            let schema = effects[k].drops.first().and_then(|&d| {
                crate::classify::object::schema_part(&graph.nodes[d as usize].object)
            });
            if let Some(&s) = schema.and_then(|s| schemas.get(s)) {
                edges.insert((k, s));
            }
        }
    }
    // The actions of one part and phase in the order they were planned, an identity's
    // `DROP IDENTITY` first.
    let mut by_part: HashMap<(usize, usize, Phase), Vec<usize>> = HashMap::default();
    for (k, a) in plan.actions.iter().enumerate() {
        if let Origin::Part(c, p) = a.origin {
            by_part.entry((c, p, a.phase)).or_default().push(k);
        }
    }
    for list in by_part.values_mut() {
        list.sort_by_key(|&k| {
            let a = &plan.actions[k];
            (
                !a.sql.trim_end_matches(';').ends_with("DROP IDENTITY"),
                a.seq,
            )
        });
        for w in list.windows(2) {
            edges.insert((w[0], w[1]));
        }
    }
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(b, a) in &edges {
        if a != b {
            succ[b].push(a);
        }
    }
    let key = |k: usize| {
        let a = &plan.actions[k];
        (a.phase, a.order, a.seq)
    };
    // The cycles (strongly connected components) run as one step each, in dependency order;
    // inside one, the order its edges allow, the first left by key where they allow none.
    let comp = components(&succ);
    let count = comp.iter().max().map_or(0, |&c| c + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (k, &c) in comp.iter().enumerate() {
        members[c].push(k);
    }
    let mut csucc: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut cindeg = vec![0usize; count];
    let mut seen: HashSet<(usize, usize)> = HashSet::default();
    for (b, list) in succ.iter().enumerate() {
        for &a in list {
            let (cb, ca) = (comp[b], comp[a]);
            if cb != ca && seen.insert((cb, ca)) {
                csucc[cb].push(ca);
                cindeg[ca] += 1;
            }
        }
    }
    let ckey = |c: usize| members[c].iter().map(|&k| key(k)).min();
    let mut heap: BinaryHeap<Reverse<(Option<SortKey>, usize)>> = (0..count)
        .filter(|&c| cindeg[c] == 0)
        .map(|c| Reverse((ckey(c), c)))
        .collect();
    let mut out = Vec::with_capacity(n);
    let mut extra: Vec<Action> = Vec::new();
    while let Some(Reverse((_, c))) = heap.pop() {
        let list = &members[c];
        if list.len() == 1 {
            out.push(list[0]);
        } else {
            // Tables that reference each other: their foreign keys go first.
            for &k in list {
                for fk in cycle_foreign_keys(k, effects, graph, &droppers, &comp) {
                    let node = &graph.nodes[fk as usize];
                    extra.push(Action {
                        phase: Phase::DropForeignKey,
                        order: 0,
                        seq: 0,
                        origin: Origin::None,
                        sql: terminate(format!(
                            "ALTER TABLE {} DROP CONSTRAINT {}",
                            node.object, node.part
                        )),
                        destructive: Some(Destructive::Drop),
                        hazards: None,
                    });
                    out.push(n + extra.len() - 1);
                }
            }
            in_cycle(list, &succ, &comp, key, &mut out);
        }
        for &d in &csucc[c] {
            cindeg[d] -= 1;
            if cindeg[d] == 0 {
                heap.push(Reverse((ckey(d), d)));
            }
        }
    }
    let mut slots: Vec<Option<Action>> = std::mem::take(&mut plan.actions)
        .into_iter()
        .chain(extra)
        .map(Some)
        .collect();
    plan.actions = out.into_iter().filter_map(|k| slots[k].take()).collect();
}

/// The actions of one cycle in the order its edges allow, the first left by key where they
/// allow none.
fn in_cycle(
    list: &[usize],
    succ: &[Vec<usize>],
    comp: &[usize],
    key: impl Fn(usize) -> SortKey,
    out: &mut Vec<usize>,
) {
    let c = comp[list[0]];
    let mut indeg: HashMap<usize, usize> = list.iter().map(|&k| (k, 0)).collect();
    for &b in list {
        for &a in &succ[b] {
            if comp[a] == c {
                *indeg.entry(a).or_default() += 1;
            }
        }
    }
    let mut by_key = list.to_vec();
    by_key.sort_by_key(|&k| key(k));
    let mut heap: BinaryHeap<Reverse<(SortKey, usize)>> = list
        .iter()
        .filter(|k| indeg[k] == 0)
        .map(|&k| Reverse((key(k), k)))
        .collect();
    let mut done: HashSet<usize> = HashSet::default();
    let mut forced = 0;
    while done.len() < list.len() {
        let k = match heap.pop() {
            Some(Reverse((_, k))) if !done.contains(&k) => k,
            Some(_) => continue,
            None => {
                while done.contains(&by_key[forced]) {
                    forced += 1;
                }
                by_key[forced]
            }
        };
        done.insert(k);
        out.push(k);
        for &a in &succ[k] {
            if comp[a] != c || done.contains(&a) {
                continue;
            }
            let d = indeg.entry(a).or_default();
            *d = d.saturating_sub(1);
            if *d == 0 {
                heap.push(Reverse((key(a), a)));
            }
        }
    }
}

/// The strongly connected component of each node of a graph (Tarjan's algorithm, without
/// recursion), numbered from 0.
fn components(succ: &[Vec<usize>]) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    let n = succ.len();
    let mut index = vec![NONE; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![NONE; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut count = 0;
    for root in 0..n {
        if index[root] != NONE {
            continue;
        }
        // (node, next successor to look at)
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if *i == 0 && index[v] == NONE {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = succ[v].get(*i) {
                *i += 1;
                if index[w] == NONE {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(u, _)) = work.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = count;
                    if w == v {
                        break;
                    }
                }
                count += 1;
            }
        }
    }
    comp
}

/// The foreign keys of a table that action `k` drops whole that reference a table dropped by
/// an action of the same cycle: neither table can go first while they stand.
fn cycle_foreign_keys(
    k: usize,
    effects: &[Effect],
    graph: &Graph<'_>,
    droppers: &HashMap<Id, Vec<usize>>,
    comp: &[usize],
) -> Vec<Id> {
    let left = &graph.sides[LEFT];
    let e = &effects[k];
    let Some(&table) = e.drops.first() else {
        return Vec::new();
    };
    if !e.pure || left.kind(table) != Some(ObjectKind::Table) {
        return Vec::new();
    }
    e.drops
        .iter()
        .copied()
        .filter(|&n| {
            let node = &graph.nodes[n as usize];
            node.kind == ObjectKind::Constraint
                && super::is_identifier(&node.part)
                && left.node_stmts(n).iter().any(|&s| {
                    let text = left.stmt_text(s).0;
                    toks(text).iter().any(|t| t.is_word("references"))
                })
                && left.deps(n).iter().any(|&d| {
                    d != table
                        && graph.nodes[d as usize].kind == ObjectKind::Definition
                        && droppers
                            .get(&d)
                            .is_some_and(|b| b.iter().any(|&b| b != k && comp[b] == comp[k]))
                })
        })
        .collect()
}

/// Keeps the actions (and their effects) whose place in `keep` is true.
pub(super) fn keep_only(plan: &mut Plan, effects: &mut Vec<Effect>, keep: &[bool]) {
    let mut flags = keep.iter();
    plan.actions
        .retain(|_| flags.next().copied().unwrap_or(true));
    let mut flags = keep.iter();
    effects.retain(|_| flags.next().copied().unwrap_or(true));
}
