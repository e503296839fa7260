//! Attaches each statement to the schema object it defines or changes, as one or more
//! entries: (object, part of it, canonical form).

mod comments_and_grants;
pub(crate) mod cursor;
pub(crate) mod object;
mod settings_and_data;
mod table;

use std::ops::Range;

use crate::classify::cursor::Cursor;
use crate::classify::object::{ObjectKey, ObjectKind, PartKey, names_schema, schema_part};
use crate::normalize::{Canon, closing, sorted_list, split_commas};
use crate::tokenize::{Tok, render, write_ident, write_name};
use comments_and_grants::privilege_canon;

/// What an entry belongs to.
#[derive(Debug, Clone)]
pub(crate) enum Parent {
    Key(ObjectKey),
    /// An index named by a statement that does not say its table (`ALTER INDEX`, `COMMENT ON
    /// INDEX`): resolved to the table once every statement has been read.
    IndexOf(Box<str>),
}

/// How an entry is shown in a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shown {
    /// The statement's text.
    Statement,
    /// The source text of tokens `a..b` of the statement.
    Tokens(Range<u32>),
    /// A `COPY` data row: the source line of that token.
    Row(u32),
    /// The canonical tokens as a parenthesized list (a table's column order).
    List,
}

/// A [`Shown`] in 8 bytes (12 as the enum), as an [`Entry`] keeps it: a dump of `SELECT 1;`
/// lines, of 10 bytes a statement, has an entry a statement on each side. Two numbers `a, b`:
/// `a < b` are the tokens `a..b` (a list item, never empty), `u32::MAX, k` the row of token
/// `k`, `0, 0` the statement and `1, 1` the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PackedShown(u32, u32);

impl From<Shown> for PackedShown {
    fn from(shown: Shown) -> Self {
        match shown {
            Shown::Statement => PackedShown(0, 0),
            Shown::List => PackedShown(1, 1),
            Shown::Row(k) => PackedShown(u32::MAX, k),
            Shown::Tokens(r) => {
                // Empty list items are entries of their own, shown as their statement.
                match r.start < r.end {
                    true => PackedShown(r.start, r.end),
                    false => PackedShown(0, 0),
                }
            }
        }
    }
}

impl PackedShown {
    /// The [`Shown`] this stands for.
    pub(crate) fn get(self) -> Shown {
        match self {
            PackedShown(a, b) if a < b => Shown::Tokens(a..b),
            PackedShown(u32::MAX, k) => Shown::Row(k),
            PackedShown(1, 1) => Shown::List,
            _ => Shown::Statement,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub parent: Parent,
    /// The kind of the object as this statement speaks of it.
    pub kind: ObjectKind,
    /// Whether this statement creates the object (its kind is then authoritative).
    pub defines: bool,
    pub part: PartKey,
    pub canon: Canon,
    pub shown: PackedShown,
    /// The statement this entry comes from (set by the caller).
    pub stmt: u32,
}

/// Facts gathered while classifying that connect objects to each other.
#[derive(Debug, Default, Clone)]
pub(crate) struct Facts {
    /// Index name → its table.
    pub index_tables: Vec<(String, ObjectKey)>,
    /// Sequence → the table that owns it.
    pub owned_by: Vec<(ObjectKey, ObjectKey)>,
    /// The schema of unqualified names, from the last `SET search_path` (default `public`).
    pub default_schema: Option<String>,
    /// The name of the last entry's object: an entry of the same object shares it instead
    /// of keeping a string of its own (32 bytes an entry where a dump repeats `SELECT 1;`, of
    /// 10 bytes, or `CREATE INDEX i ON t (a);`).
    last_parent: Option<std::sync::Arc<str>>,
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Order {
    pub strict_enum_order: bool,
    pub strict_column_order: bool,
}

fn rel(name: String) -> ObjectKey {
    ObjectKey {
        ns: ObjectKind::Table,
        name: name.into(),
    }
}

fn key(kind: ObjectKind, name: String) -> ObjectKey {
    ObjectKey {
        ns: kind.namespace(),
        name: name.into(),
    }
}

fn part(kind: ObjectKind, name: impl Into<String>) -> PartKey {
    PartKey {
        kind,
        name: name.into().into_boxed_str(),
    }
}

/// A statement rendered as a name for itself, read relative to `schema` as its object's
/// statements are compared (`public.f()` is `f()` in `public`; see `SkipSchema`).
fn render_in(t: &[Tok], schema: &str) -> String {
    let toks: Vec<_> = Canon::whole(0..t.len()).tokens_in(t, schema).collect();
    render(toks.iter().map(|t| &**t))
}

/// What qualifies a name: all before its last unquoted `.` (`public` of `public.t`, `public.t`
/// of `public.t.c`), if it has one.
fn qualifier_of(name: &str) -> Option<&str> {
    let mut in_quotes = false;
    let mut last_dot = None;
    for (i, c) in name.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            '.' if !in_quotes => last_dot = Some(i),
            _ => {}
        }
    }
    last_dot.map(|i| &name[..i])
}

fn in_schema_of(table: &str, name: &str) -> String {
    match qualifier_of(table) {
        Some(s) if qualifier_of(name).is_none() => dotted(s, name),
        _ => name.to_string(),
    }
}

/// `a.b` (without `format!`, which takes several times longer: one of these per column).
fn dotted(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + 1 + b.len());
    s.push_str(a);
    s.push('.');
    s.push_str(b);
    s
}

pub(crate) struct Classifier<'a> {
    pub order: Order,
    pub out: &'a mut Vec<Entry>,
    pub facts: &'a mut Facts,
}

impl Classifier<'_> {
    /// `name` qualified with the default schema when it lives in a schema and has none.
    fn qualify(&self, kind: ObjectKind, name: String) -> String {
        if !kind.in_schema() || schema_part(&name).is_some() {
            return name;
        }
        let schema = self.facts.default_schema.as_deref().unwrap_or("public");
        dotted(schema, &name)
    }

    /// A table's name from the cursor, qualified.
    fn table_name(&self, c: &mut Cursor<'_>) -> Option<String> {
        c.name().map(|n| self.qualify(ObjectKind::Table, n))
    }

    /// A `schema.table.column` name split into the qualified table and the column.
    fn column_of(&self, col: &str) -> Option<(String, String)> {
        let table = qualifier_of(col)?;
        let column = &col[table.len() + 1..];
        Some((
            self.qualify(ObjectKind::Table, table.to_string()),
            column.to_string(),
        ))
    }
    fn emit(
        &mut self,
        parent: ObjectKey,
        kind: ObjectKind,
        defines: bool,
        part: PartKey,
        canon: Canon,
        shown: Shown,
    ) {
        let mut parent = parent;
        match &self.facts.last_parent {
            Some(last) if *last == parent.name => parent.name = std::sync::Arc::clone(last),
            _ => self.facts.last_parent = Some(std::sync::Arc::clone(&parent.name)),
        }
        self.out.push(Entry {
            parent: Parent::Key(parent),
            kind,
            defines,
            part,
            canon,
            shown: shown.into(),
            stmt: 0,
        });
    }

    /// The statement that creates object `name`, in canonical form `canon`.
    fn define(&mut self, kind: ObjectKind, name: String, canon: Canon) -> bool {
        let pk = part(ObjectKind::Definition, "");
        self.emit(key(kind, name), kind, true, pk, canon, Shown::Statement);
        true
    }

    fn whole(
        &mut self,
        t: &[Tok],
        parent: ObjectKey,
        kind: ObjectKind,
        defines: bool,
        part: PartKey,
    ) {
        self.emit(
            parent,
            kind,
            defines,
            part,
            Canon::whole(0..t.len()),
            Shown::Statement,
        );
    }

    fn other(&mut self, t: &[Tok]) {
        let name = render_in(t, "public");
        // The part unnamed, as a definition's: shown under its object's name, the same text
        // (one string fewer a statement, where a dump of `SELECT 1;` has 10 bytes).
        self.whole(
            t,
            key(ObjectKind::Other, name),
            ObjectKind::Other,
            true,
            part(ObjectKind::Definition, ""),
        );
    }

    /// Classifies one statement's tokens; the last `rows` tokens are `COPY` data rows.
    pub(crate) fn statement(&mut self, all: &[Tok], rows: usize) {
        let before = self.out.len();
        let t = &all[..all.len() - rows];
        let mut c = Cursor::new(t);
        let handled = match t.first().and_then(Tok::word) {
            Some(w) => match w {
                "create" => {
                    c.i = 1;
                    self.create(t, &mut c)
                }
                "alter" => {
                    c.i = 1;
                    self.alter(t, &mut c)
                }
                "comment" => {
                    c.i = 1;
                    self.comment(t, &mut c)
                }
                "grant" | "revoke" => self.grant(t),
                "set" | "reset" => self.set(t),
                "select" => self.select(t),
                "insert" => self.data(all, rows, "into"),
                "copy" => self.data(all, rows, "copy"),
                _ => false,
            },
            _ => false,
        };
        if !handled {
            self.out.truncate(before);
            if !all.is_empty() {
                self.other(all);
            }
        }
    }

    fn create(&mut self, t: &[Tok], c: &mut Cursor<'_>) -> bool {
        use ObjectKind::*;
        c.eat_all(&["or", "replace"]);
        let _ = c.eat("global") || c.eat("local");
        let _ = c.eat("temp") || c.eat("temporary") || c.eat("unlogged");
        let _ = c.eat("trusted") || c.eat("default");
        if c.eat("unique") || c.at("index") {
            c.eat("index");
            return self.create_index(t, c);
        }
        if c.eat_all(&["constraint", "trigger"]) || c.eat("trigger") {
            return self.on_table(t, c, Trigger, "on");
        }
        if c.eat("policy") {
            return self.on_table(t, c, Policy, "on");
        }
        if c.eat("rule") {
            return self.on_table(t, c, Rule, "to");
        }
        if c.eat("recursive") && !c.at("view") {
            return false;
        }
        let Some(mut kind) = c.object_kind() else {
            return false;
        };
        c.eat_all(&["if", "not", "exists"]);
        if kind == Schema && c.eat("authorization") {
            let Some(name) = c.name() else { return false };
            return self.define(Schema, name, Canon::whole(0..t.len()));
        }
        // CREATE OPERATOR's parentheses hold options, not the argument types of its name.
        let name = if kind == Operator {
            c.operator_name()
        } else {
            c.object_name(kind)
        };
        let Some(name) = name else {
            return false;
        };
        let name = self.qualify(kind, name);
        match kind {
            Table | ForeignTable => return self.create_table(t, c, kind, name),
            View | MaterializedView => {
                let canon = single_relation_view(t).unwrap_or_else(|| Canon::whole(0..t.len()));
                return self.define(kind, name, canon);
            }
            Sequence => {
                // A sequence without `AS` (pg_dump ≤ 9.6) is a bigint one.
                let mut canon = Canon::default();
                let mut k = c.i;
                while k < t.len() {
                    if t[k].is_word("as") && t.get(k + 1).is_some_and(|x| x.is_word("bigint")) {
                        canon.push(0..k);
                        canon.push(k + 2..t.len());
                        break;
                    }
                    k += 1;
                }
                if canon.is_empty() {
                    canon = Canon::whole(0..t.len());
                }
                return self.define(kind, name, canon);
            }
            Type if c.eat_all(&["as", "enum"]) => {
                kind = Enum;
                if !c.at_punct('(') {
                    return false;
                }
                let open = c.i;
                let Some(close) = closing(t, open) else {
                    return false;
                };
                let canon = if self.order.strict_enum_order {
                    Canon::whole(0..t.len())
                } else {
                    sorted_list(t, 0..t.len(), open + 1..close)
                };
                let pk = part(Definition, "");
                self.emit(key(kind, name), kind, true, pk, canon, Shown::Statement);
                return true;
            }
            Operator => {
                // CREATE OPERATOR name (LEFTARG = a, RIGHTARG = b, …): the key carries the types.
                let Some(opts) = c.parens() else { return false };
                let arg = |which: &str| {
                    split_commas(t, opts.clone())
                        .into_iter()
                        .find(|r| t.get(r.start).is_some_and(|x| x.is_word(which)))
                        .map_or_else(
                            || "none".to_string(),
                            |r| render(&t[(r.start + 2).min(r.end)..r.end]),
                        )
                };
                let name = format!("{name}({}, {})", arg("leftarg"), arg("rightarg"));
                return self.define(kind, name, Canon::whole(0..t.len()));
            }
            Statistics => {
                // Extended statistics belong to their table.
                let mut at = Cursor { t, i: c.i };
                if at.seek("from") {
                    if let Some(table) = self.table_name(&mut at) {
                        let stat = in_schema_of(&table, &name);
                        self.whole(t, rel(table), Table, false, part(Statistics, stat));
                        return true;
                    }
                }
            }
            _ => {}
        }
        self.define(kind, name, Canon::whole(0..t.len()))
    }

    fn create_index(&mut self, t: &[Tok], c: &mut Cursor<'_>) -> bool {
        c.eat("concurrently");
        c.eat_all(&["if", "not", "exists"]);
        let name = if c.at("on") { None } else { c.name() };
        if !c.eat("on") {
            return false;
        }
        c.eat("only");
        let Some(table) = self.table_name(c) else {
            return false;
        };
        let index = name.map_or_else(
            || render_in(t, &names_schema(&rel(table.clone()))),
            |n| in_schema_of(&table, &n),
        );
        self.facts
            .index_tables
            .push((index.clone(), rel(table.clone())));
        self.whole(
            t,
            rel(table),
            ObjectKind::Table,
            false,
            part(ObjectKind::Index, index),
        );
        true
    }

    /// `CREATE TRIGGER name … ON table`, `CREATE POLICY name ON table`, `CREATE RULE name AS ON
    /// event TO table`.
    fn on_table(&mut self, t: &[Tok], c: &mut Cursor<'_>, kind: ObjectKind, word: &str) -> bool {
        let Some(name) = c.name() else { return false };
        if !c.seek(word) {
            return false;
        }
        let Some(table) = self.table_name(c) else {
            return false;
        };
        self.whole(t, rel(table), ObjectKind::Table, false, part(kind, name));
        true
    }

    fn alter(&mut self, t: &[Tok], c: &mut Cursor<'_>) -> bool {
        use ObjectKind::*;
        if c.eat_all(&["default", "privileges"]) {
            let from = c.i;
            while !c.done() && !c.at("grant") && !c.at("revoke") {
                c.i += 1;
            }
            let scope = render(&t[from..c.i]);
            let canon = privilege_canon(t, c.i);
            self.emit(
                key(DefaultPrivileges, scope),
                DefaultPrivileges,
                true,
                part(Privileges, ""),
                canon,
                Shown::Statement,
            );
            return true;
        }
        let Some(kind) = c.object_kind() else {
            return false;
        };
        c.eat_all(&["if", "exists"]);
        let only = c.eat("only");
        let Some(name) = c.object_name(kind) else {
            return false;
        };
        let name = self.qualify(kind, name);
        c.eat_punct('*');
        let action_start = c.i;
        if c.at("owner") {
            let canon = Canon::whole(action_start..t.len());
            let parent = if kind == Index {
                return self.index_part(t, name, Shown::Statement);
            } else {
                key(kind, name)
            };
            self.emit(
                parent,
                kind,
                false,
                part(Owner, ""),
                canon,
                Shown::Statement,
            );
            return true;
        }
        match kind {
            Table | ForeignTable | View | MaterializedView => {
                for action in split_commas(t, action_start..t.len()) {
                    self.table_action(t, kind, &name, only, action);
                }
                true
            }
            Sequence if c.eat_all(&["owned", "by"]) => {
                let mut owner = Cursor { t, i: c.i };
                if let Some((table, _)) = owner.name().and_then(|col| self.column_of(&col)) {
                    self.facts.owned_by.push((rel(name.clone()), rel(table)));
                }
                let canon = Canon::whole(action_start..t.len());
                self.emit(
                    rel(name),
                    Sequence,
                    false,
                    part(OwnedBy, ""),
                    canon,
                    Shown::Statement,
                );
                true
            }
            Index => {
                if c.eat_all(&["attach", "partition"]) {
                    if let Some(child) = c.name() {
                        let child = in_schema_of(&name, &child);
                        return self.index_part(t, child, Shown::Statement);
                    }
                }
                self.index_part(t, name, Shown::Statement)
            }
            Domain if c.at("add") || c.at("validate") || c.at("drop") => {
                let mut a = Cursor { t, i: c.i + 1 };
                a.eat("constraint");
                let cname = a.name().unwrap_or_default();
                self.whole(t, key(Domain, name), Domain, false, part(Constraint, cname));
                true
            }
            _ => {
                self.whole(t, key(kind, name), kind, false, part(Definition, ""));
                true
            }
        }
    }

    fn index_part(&mut self, t: &[Tok], index: String, shown: Shown) -> bool {
        self.out.push(Entry {
            parent: Parent::IndexOf(index.as_str().into()),
            kind: ObjectKind::Index,
            defines: false,
            part: part(ObjectKind::Index, index),
            canon: Canon::whole(0..t.len()),
            shown: shown.into(),
            stmt: 0,
        });
        true
    }
}

/// The form of a view that selects from a single relation without its qualifier on column
/// names: PostgreSQL 16 deparses `SELECT secrets.id FROM vault.secrets` as `SELECT id FROM
/// vault.secrets`, the same view. `None` when the view reads more than one relation (joins,
/// subqueries, set operations, several FROM items or an alias), where qualifiers matter.
fn single_relation_view(t: &[Tok]) -> Option<Canon> {
    let selects = t.iter().filter(|x| x.is_word("select")).count();
    if selects != 1 || t.iter().any(|x| x.is_word("join")) {
        return None;
    }
    let mut depth = 0usize;
    let mut from = None;
    for (i, x) in t.iter().enumerate() {
        match x {
            Tok::Punct('(' | '[') => depth += 1,
            Tok::Punct(')' | ']') => depth = depth.saturating_sub(1),
            x if depth == 0 && x.is_word("from") && from.replace(i).is_some() => return None,
            _ => {}
        }
    }
    let mut c = Cursor { t, i: from? + 1 };
    c.name()?;
    let relation = t[c.i - 1].ident()?.to_string();
    let ends = [
        "where", "group", "order", "limit", "having", "window", "with", "offset",
    ];
    if !(c.done() || ends.iter().any(|w| c.at(w))) {
        return None;
    }
    let mut canon = Canon::default();
    let mut start = 0;
    let mut i = 0;
    while i + 2 < t.len() {
        let qualifier = t[i].ident() == Some(relation.as_str())
            && t[i + 1].is_punct('.')
            && t[i + 2].ident().is_some()
            && !(i > 0 && t[i - 1].is_punct('.'));
        if qualifier {
            canon.push(start..i);
            start = i + 2;
            i += 2;
        } else {
            i += 1;
        }
    }
    canon.push(start..t.len());
    Some(canon)
}

#[cfg(test)]
mod tests;
