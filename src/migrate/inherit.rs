//! Table inheritance in a migration draft: `ALTER TABLE … INHERIT` and `NO INHERIT`, and the
//! columns a table has through its parents.
//!
//! pg_dump writes in a child's `CREATE TABLE` only its local columns (`attislocal`); those it
//! only inherits are not written, their defaults are `ALTER TABLE ONLY child ALTER COLUMN …
//! SET DEFAULT` statements of their own, and a `NOT NULL` they inherit is not written even on a
//! local column. PostgreSQL makes a column local (`ADD COLUMN`, `NO INHERIT` of its last
//! parent) but never inherited only again: an inherited column is made only by the parent's
//! `ADD COLUMN` or by creating the table. So the columns a new parent gives that the table
//! lacks are added to a temporary empty parent that the table inherits until the new parent
//! is inherited.

use std::collections::HashSet;

use super::graph::{Graph, Node};
use super::*;
use crate::classify::cursor::Cursor;
use crate::fast::hash::FastHashMap as HashMap;

/// The tables of both dumps, for what their parents give them.
#[derive(Debug, Clone, Default)]
pub(super) struct Tables {
    /// Left, then right: each table by its name.
    sides: [HashMap<String, Table>; 2],
}

#[derive(Debug, Clone, Default)]
struct Table {
    /// `INHERITS (…)`, in order.
    parents: Vec<String>,
    /// The columns written in its `CREATE TABLE`: name, definition.
    columns: Vec<(String, String)>,
    /// The CHECK constraints written in it: name, text.
    checks: Vec<(String, String)>,
}

/// The parents named by a `CREATE TABLE`'s top-level `INHERITS (…)`, and where the clause is
/// (its tokens).
pub(super) fn inherits(t: &[Tok]) -> (Vec<String>, Option<std::ops::Range<usize>>) {
    let top = top_level(t);
    let Some(at) = top.iter().copied().find(|&i| {
        t[i].is_word("inherits") && i > 0 && t.get(i + 1).is_some_and(|x| x.is_punct('('))
    }) else {
        return (Vec::new(), None);
    };
    let Some(close) = closing(t, at + 1) else {
        return (Vec::new(), None);
    };
    let parents = split_commas(t, at + 2..close)
        .into_iter()
        .filter_map(|r| {
            let mut c = Cursor {
                t: &t[..r.end],
                i: r.start,
            };
            c.name()
        })
        .collect();
    (parents, Some(at..close + 1))
}

impl Tables {
    pub(super) fn new(graph: &Graph<'_>) -> Self {
        let mut tables = Tables::default();
        for (s, side) in graph.sides.iter().enumerate() {
            for (&o, nodes) in &side.object_nodes {
                if side.kind(o) != Some(ObjectKind::Table) {
                    continue;
                }
                let object = &graph.nodes[o as usize].object;
                let mut table = Table::default();
                if let Some(&first) = side.object_stmts.get(&o).and_then(|s| s.first()) {
                    table.parents = inherits(&toks(side.stmt_text(first).0)).0;
                }
                for &n in nodes {
                    let node: &Node = &graph.nodes[n as usize];
                    let Some((text, _)) = side.part_text(n) else {
                        continue;
                    };
                    match node.kind {
                        ObjectKind::Column => {
                            let col = node
                                .part
                                .strip_prefix(&**object)
                                .and_then(|c| c.strip_prefix('.'))
                                .unwrap_or(&node.part);
                            table.columns.push((col.to_string(), text.to_string()));
                        }
                        ObjectKind::Constraint if has_word(&toks(&text), "check") => {
                            table.checks.push((node.part.to_string(), text.to_string()));
                        }
                        _ => {}
                    }
                }
                tables.sides[s].insert(object.to_string(), table);
            }
        }
        tables
    }

    /// The parents of a table on a side (0 left, 1 right).
    pub(super) fn parents(&self, side: usize, table: &str) -> &[String] {
        self.sides[side]
            .get(table)
            .map_or(&[], |t| t.parents.as_slice())
    }

    /// The tables a table inherits from, its parents first, each once.
    fn ancestors(&self, side: usize, table: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let mut queue: Vec<&str> = self.parents(side, table).iter().map(|s| &**s).collect();
        let mut k = 0;
        while k < queue.len() {
            let p = queue[k];
            k += 1;
            if out.contains(&p) || p == table {
                continue;
            }
            out.push(p);
            queue.extend(self.parents(side, p).iter().map(|s| &**s));
        }
        out
    }

    /// The definition of a column that a table has through `parents` (or, without them, all
    /// its parents) on a side: as the first ancestor that writes it writes it.
    pub(super) fn inherited(
        &self,
        side: usize,
        table: &str,
        col: &str,
        parents: Option<&[String]>,
    ) -> Option<String> {
        let roots: Vec<&str> = match parents {
            Some(p) => p.iter().map(|s| &**s).collect(),
            None => self.parents(side, table).iter().map(|s| &**s).collect(),
        };
        let mut seen = HashSet::new();
        for root in roots {
            let mut line = vec![root];
            line.extend(self.ancestors(side, root));
            for t in line {
                if t == table || !seen.insert(t) {
                    continue;
                }
                if let Some((_, def)) = self.sides[side]
                    .get(t)
                    .and_then(|x| x.columns.iter().find(|(c, _)| c == col))
                {
                    return Some(def.clone());
                }
            }
        }
        None
    }

    /// Every column a table has on a side through `parents`, each once, in order (the
    /// oldest ancestor's first, as PostgreSQL lays them out).
    fn columns_through(&self, side: usize, parents: &[String]) -> Vec<(String, String)> {
        self.through(side, parents, true, |t| &t.columns)
    }

    /// Every CHECK constraint a table has on a side through `parents`: name, text.
    fn checks_through(&self, side: usize, parents: &[String]) -> Vec<(String, String)> {
        self.through(side, parents, false, |t| &t.checks)
    }

    /// The named items (`of`) of `parents` and their ancestors on a side, each name once.
    fn through(
        &self,
        side: usize,
        parents: &[String],
        oldest_first: bool,
        of: impl Fn(&Table) -> &[(String, String)],
    ) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for p in parents {
            let mut line = self.ancestors(side, p);
            if oldest_first {
                line.reverse();
            }
            line.push(p);
            for t in line {
                for (name, text) in self.sides[side].get(t).map_or(&[][..], &of) {
                    if !out.iter().any(|(o, _)| o == name) {
                        out.push((name.clone(), text.clone()));
                    }
                }
            }
        }
        out
    }

    /// Whether a table has a column on a side: written, or through its parents.
    pub(super) fn has_column(&self, side: usize, table: &str, col: &str) -> bool {
        self.written(side, table, col).is_some() || self.inherited(side, table, col, None).is_some()
    }

    /// A column as a table's `CREATE TABLE` writes it on a side.
    pub(super) fn written(&self, side: usize, table: &str, col: &str) -> Option<&str> {
        self.sides[side]
            .get(table)?
            .columns
            .iter()
            .find(|(c, _)| c == col)
            .map(|(_, d)| d.as_str())
    }

    /// Whether a table has a CHECK constraint on a side: written, or through its parents.
    fn has_check(&self, side: usize, table: &str, name: &str) -> bool {
        let own = self.sides[side]
            .get(table)
            .is_some_and(|t| t.checks.iter().any(|(c, _)| c == name));
        own || self
            .checks_through(side, self.parents(side, table))
            .iter()
            .any(|(c, _)| c == name)
    }
}

impl Tables {
    /// Whether a table has a CHECK constraint on the left only through parents that the
    /// right table no longer has: `NO INHERIT` leaves it to the table as its own.
    pub(super) fn check_left_by_old_parents(&self, table: &str, name: &str) -> bool {
        let (old, new) = (self.parents(LEFT, table), self.parents(RIGHT, table));
        let gone: Vec<String> = old.iter().filter(|p| !new.contains(p)).cloned().collect();
        let kept: Vec<String> = old.iter().filter(|p| new.contains(p)).cloned().collect();
        self.checks_through(LEFT, &gone)
            .iter()
            .any(|(c, _)| c == name)
            && !self
                .checks_through(LEFT, &kept)
                .iter()
                .any(|(c, _)| c == name)
    }
}

/// Whether a column definition sets `NOT NULL`.
pub(super) fn not_null(def: &str) -> bool {
    toks(def)
        .windows(2)
        .any(|w| w[0].is_word("not") && w[1].is_word("null"))
}

/// Writes the changes of a table's parents: `INHERIT` of each new one (after the columns and
/// CHECK constraints it needs are given to the table through a temporary parent, and the NOT
/// NULL it needs set), `NO INHERIT` of each old one (and the columns and constraints that it
/// leaves as the table's own dropped, when the right table has none of that name), and a
/// manual note for an order of parents that changed.
pub(super) fn reparent(
    plan: &mut Plan,
    part: &Change,
    table: &str,
    (old, new): (&[String], &[String]),
    at: u32,
) {
    let pick = |from: &[String], keep: &dyn Fn(&String) -> bool| -> Vec<String> {
        from.iter().filter(|p| keep(p)).cloned().collect()
    };
    let added = pick(new, &|p| !old.contains(p));
    let removed = pick(old, &|p| !new.contains(p));
    let kept = pick(old, &|p| new.contains(p));
    let kept_order = pick(new, &|p| old.contains(p));
    if kept != kept_order {
        plan.manual(
            part,
            &format!(
                "the order of its parents changed ({} → {}): PostgreSQL appends a parent \
                 that ALTER TABLE {table} INHERIT adds; write ALTER TABLE {table} NO INHERIT \
                 and INHERIT for the parents out of order (the columns only they give the \
                 table become its own), or accept the order",
                old.join(", "),
                new.join(", ")
            ),
        );
    }
    let tables = plan.inherit.clone();
    let new_cols = tables.columns_through(RIGHT, &added);
    let old_cols = tables.columns_through(LEFT, &removed);
    // A column that an old parent gives and a new one gives too stays inherited only when the
    // new parent comes first.
    let shared = new_cols.iter().any(|(c, _)| {
        old_cols.iter().any(|(o, _)| o == c)
            && tables.inherited(LEFT, table, c, Some(&kept)).is_none()
    });
    // What a new parent needs that the table lacks goes through a temporary empty parent:
    // the table inherits it, the columns and CHECK constraints are added to it (so the table
    // gets them inherited only, as a table created with its parents has them), the new
    // parents are inherited, then the temporary parent is left and dropped.
    let has_left = |c: &str| {
        tables.written(LEFT, table, c).is_some()
            || tables.inherited(LEFT, table, c, Some(&kept)).is_some()
            || old_cols.iter().any(|(o, _)| o == c)
    };
    let mut missing = Vec::new();
    let mut existing = Vec::new();
    for (c, def) in &new_cols {
        if has_left(c) {
            existing.push((c, def));
        } else if tables.written(RIGHT, table, c).is_none() {
            // A column the right table writes is added by its own change.
            missing.push(def.clone());
        }
    }
    // INHERIT needs a NOT NULL that a new parent has on the table's column too.
    let mut set_not_null = Vec::new();
    for (c, def) in &existing {
        let left_not_null = tables.written(LEFT, table, c).is_some_and(not_null)
            || tables
                .inherited(LEFT, table, c, None)
                .is_some_and(|d| not_null(&d));
        if not_null(def) && !left_not_null {
            set_not_null.push(format!("ALTER TABLE {table} ALTER COLUMN {c} SET NOT NULL"));
        }
    }
    let own_checks = |side: usize| -> Vec<String> {
        tables.sides[side]
            .get(table)
            .map(|t| t.checks.iter().map(|(k, _)| k.clone()).collect())
            .unwrap_or_default()
    };
    let (left_own, right_own) = (own_checks(LEFT), own_checks(RIGHT));
    let kept_checks = tables.checks_through(LEFT, &kept);
    let mut missing_checks = Vec::new();
    for (c, text) in tables.checks_through(RIGHT, &added) {
        let has = left_own.contains(&c)
            || kept_checks.iter().any(|(k, _)| *k == c)
            || right_own.contains(&c);
        if !has {
            missing_checks.push(text);
        }
    }
    let temp = if missing.is_empty() && missing_checks.is_empty() {
        None
    } else {
        super::enums::split_name(table)
            .and_then(|(schema, local)| plan.free_name(schema, &local, "__inherit"))
            .map(|(name, _)| name)
    };
    if (!missing.is_empty() || !missing_checks.is_empty()) && temp.is_none() {
        plan.manual(
            part,
            &format!(
                "ALTER TABLE {table} INHERIT needs the table to have its new parents' columns \
                 and CHECK constraints first, and its name is not understood"
            ),
        );
    }
    for sql in set_not_null {
        plan.create(Phase::AlterColumn, at, sql);
    }
    if let Some(temp) = &temp {
        let mut steps = vec![
            format!("CREATE TABLE {temp} ()"),
            format!("ALTER TABLE {table} INHERIT {temp}"),
        ];
        // The columns the table has already, merged, so that the CHECK constraints and
        // generated columns that name them can be added.
        for (_, def) in &existing {
            let def = super::column::without_default(def).unwrap_or_else(|| (*def).clone());
            steps.push(format!("ALTER TABLE {temp} ADD COLUMN {def}"));
        }
        for def in &missing {
            steps.push(format!("ALTER TABLE {temp} ADD COLUMN {def}"));
        }
        for text in &missing_checks {
            steps.push(format!("ALTER TABLE {temp} ADD {text}"));
        }
        for sql in steps {
            plan.create(Phase::AlterColumn, at, sql);
        }
    }
    let mut inherit = Vec::new();
    for p in &added {
        inherit.push(format!("ALTER TABLE {table} INHERIT {p}"));
    }
    let mut no_inherit = Vec::new();
    for p in &removed {
        no_inherit.push(format!("ALTER TABLE {table} NO INHERIT {p}"));
    }
    let (first, second) = if shared {
        (inherit, no_inherit)
    } else {
        (no_inherit, inherit)
    };
    for sql in first.into_iter().chain(second) {
        plan.create(Phase::AlterColumn, at, sql);
    }
    // Columns and CHECK constraints the table had only from an old parent and that the right
    // table does not have: they stay as its own after NO INHERIT.
    for (c, _) in &old_cols {
        let still = tables.written(LEFT, table, c).is_some()
            || tables.inherited(LEFT, table, c, Some(&kept)).is_some();
        if !still && !tables.has_column(RIGHT, table, c) {
            plan.create(
                Phase::AlterColumn,
                at,
                format!("ALTER TABLE {table} DROP COLUMN {c}"),
            );
        }
    }
    for (c, _) in tables.checks_through(LEFT, &removed) {
        let kept_has = kept_checks.iter().any(|(k, _)| *k == c);
        if !kept_has && !left_own.contains(&c) && !tables.has_check(RIGHT, table, &c) {
            plan.create(
                Phase::AlterColumn,
                at,
                format!("ALTER TABLE {table} DROP CONSTRAINT {c}"),
            );
        }
    }
    if let Some(temp) = &temp {
        plan.create(
            Phase::AlterColumn,
            at,
            format!("ALTER TABLE {table} NO INHERIT {temp}"),
        );
        // The draft's own empty table, which nothing uses any more: no data lost, no lock
        // anyone waits on, so not withheld without `--unsafe`.
        plan.create_hazarded(
            Phase::AlterColumn,
            at,
            format!("DROP TABLE {temp}"),
            None,
            Vec::new(),
        );
    }
}

const LEFT: usize = 0;
const RIGHT: usize = 1;
