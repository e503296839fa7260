//! Attaches each statement to the schema object it defines or changes, as one or more
//! entries: (object, part of it, canonical form).

use std::ops::Range;

use crate::cursor::Cursor;
use crate::lex::{Tok, write_ident, write_tokens};
use crate::normalize::{Canon, closing, sorted_list, split_commas};
use crate::object::{ObjectKey, ObjectKind, PartKey};

/// What an entry belongs to.
#[derive(Debug, Clone)]
pub(crate) enum Parent {
    Key(ObjectKey),
    /// An index named by a statement that does not say its table (`ALTER INDEX`, `COMMENT ON
    /// INDEX`): resolved to the table once every statement has been read.
    IndexOf(String),
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

#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub parent: Parent,
    /// The kind of the object as this statement speaks of it.
    pub kind: ObjectKind,
    /// Whether this statement creates the object (its kind is then authoritative).
    pub defines: bool,
    pub part: PartKey,
    pub canon: Canon,
    pub shown: Shown,
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
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Order {
    pub strict_enum_order: bool,
    pub strict_column_order: bool,
}

fn rel(name: String) -> ObjectKey {
    ObjectKey {
        ns: ObjectKind::Table,
        name,
    }
}

fn key(kind: ObjectKind, name: String) -> ObjectKey {
    ObjectKey {
        ns: kind.namespace(),
        name,
    }
}

fn part(kind: ObjectKind, name: impl Into<String>) -> PartKey {
    PartKey {
        kind,
        name: name.into(),
    }
}

fn render(t: &[Tok]) -> String {
    let mut s = String::new();
    let _ = write_tokens(&mut s, t);
    s
}

/// The schema of a qualified name (`public` of `public.t`), if it has one.
fn schema_of(name: &str) -> Option<&str> {
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
    match schema_of(table) {
        Some(s) if schema_of(name).is_none() => format!("{s}.{name}"),
        _ => name.to_string(),
    }
}

pub(crate) struct Classifier<'a> {
    pub order: Order,
    pub out: &'a mut Vec<Entry>,
    pub facts: &'a mut Facts,
}

impl Classifier<'_> {
    fn emit(
        &mut self,
        parent: ObjectKey,
        kind: ObjectKind,
        defines: bool,
        part: PartKey,
        canon: Canon,
        shown: Shown,
    ) {
        self.out.push(Entry {
            parent: Parent::Key(parent),
            kind,
            defines,
            part,
            canon,
            shown,
            stmt: 0,
        });
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
        let name = render(t);
        self.whole(
            t,
            key(ObjectKind::Other, name.clone()),
            ObjectKind::Other,
            true,
            part(ObjectKind::Definition, name),
        );
    }

    /// Classifies one statement's tokens; the last `rows` tokens are `COPY` data rows.
    pub(crate) fn statement(&mut self, all: &[Tok], rows: usize) {
        let before = self.out.len();
        let t = &all[..all.len() - rows];
        let mut c = Cursor::new(t);
        let handled = match t.first() {
            Some(Tok::Word(w)) => match w.as_str() {
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
            self.whole(t, key(Schema, name), Schema, true, part(Definition, ""));
            return true;
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
        match kind {
            Table | ForeignTable => return self.create_table(t, c, kind, name),
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
                self.whole(t, key(kind, name), kind, true, part(Definition, ""));
                return true;
            }
            Statistics => {
                // Extended statistics belong to their table.
                let mut at = Cursor { t, i: c.i };
                if at.seek("from") {
                    if let Some(table) = at.name() {
                        let stat = in_schema_of(&table, &name);
                        self.whole(t, rel(table), Table, false, part(Statistics, stat));
                        return true;
                    }
                }
            }
            _ => {}
        }
        self.whole(t, key(kind, name), kind, true, part(Definition, ""));
        true
    }

    fn create_index(&mut self, t: &[Tok], c: &mut Cursor<'_>) -> bool {
        c.eat("concurrently");
        c.eat_all(&["if", "not", "exists"]);
        let name = if c.at("on") { None } else { c.name() };
        if !c.eat("on") {
            return false;
        }
        c.eat("only");
        let Some(table) = c.name() else { return false };
        let index = name.map_or_else(|| render(t), |n| in_schema_of(&table, &n));
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
        let Some(table) = c.name() else { return false };
        self.whole(t, rel(table), ObjectKind::Table, false, part(kind, name));
        true
    }

    fn create_table(
        &mut self,
        t: &[Tok],
        c: &mut Cursor<'_>,
        kind: ObjectKind,
        name: String,
    ) -> bool {
        use ObjectKind::*;
        if c.eat_all(&["partition", "of"]) || c.eat("of") {
            let _ = c.name();
        }
        let table = rel(name.clone());
        if !c.at_punct('(') {
            self.whole(t, table, kind, true, part(Definition, ""));
            return true;
        }
        let open = c.i;
        let Some(close) = closing(t, open) else {
            return false;
        };
        let mut header = Canon::default();
        header.push(0..open + 1);
        header.push(close..t.len());
        self.emit(
            table.clone(),
            kind,
            true,
            part(Definition, ""),
            header,
            Shown::Statement,
        );
        let mut order = Canon::default();
        let mut order_names = 0;
        for item in split_commas(t, open + 1..close) {
            if item.is_empty() {
                // `(a int, )`: PostgreSQL rejects it, so it must not compare equal to `(a int)`.
                let comma = item.start.saturating_sub(1)..item.start;
                let pk = part(Other, "empty element");
                self.emit(
                    table.clone(),
                    kind,
                    true,
                    pk,
                    Canon::whole(comma),
                    Shown::Statement,
                );
                continue;
            }
            let shown = Shown::Tokens(item.start as u32..item.end as u32);
            let (pk, is_column) = element_key(t, item.clone());
            if is_column {
                order.push(item.start..item.start + 1);
                order_names += 1;
            }
            let pk = if is_column {
                part(Column, format!("{name}.{}", pk))
            } else {
                part(Constraint, pk)
            };
            self.emit(table.clone(), kind, true, pk, Canon::whole(item), shown);
        }
        if self.order.strict_column_order && order_names > 0 {
            self.emit(
                table,
                kind,
                true,
                part(ColumnOrder, name),
                order,
                Shown::List,
            );
        }
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
                if let Some(col) = owner.name() {
                    if let Some(table) = schema_of(&col) {
                        self.facts
                            .owned_by
                            .push((rel(name.clone()), rel(table.to_string())));
                    }
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
            parent: Parent::IndexOf(index.clone()),
            kind: ObjectKind::Index,
            defines: false,
            part: part(ObjectKind::Index, index),
            canon: Canon::whole(0..t.len()),
            shown,
            stmt: 0,
        });
        true
    }

    fn table_action(
        &mut self,
        t: &[Tok],
        kind: ObjectKind,
        name: &str,
        only: bool,
        action: Range<usize>,
    ) {
        use ObjectKind::*;
        let table = rel(name.to_string());
        let mut a = Cursor { t, i: action.start };
        let whole_action = Canon::whole(action.clone());
        let mut only_and_action = Canon::default();
        if only {
            // `ONLY` matters for inherited and partitioned tables: keep it in the form.
            if let Some(k) = t[..action.start].iter().rposition(|x| x.is_word("only")) {
                only_and_action.push(k..k + 1);
            }
        }
        only_and_action.push(action.clone());
        let shown = Shown::Statement;
        if a.eat("add") {
            if a.at("constraint") {
                let cname = t.get(a.i + 1).map(ident_text).unwrap_or_default();
                let mut b = Cursor { t, i: a.i + 1 };
                let _ = b.name();
                if b.eat_all(&["primary", "key"]) || b.eat("unique") || b.eat("exclude") {
                    self.facts
                        .index_tables
                        .push((in_schema_of(name, &cname), table.clone()));
                }
                let mut canon = only_and_action.clone();
                // The form of `CONSTRAINT c …` alone, as inside CREATE TABLE, after ONLY.
                canon.ranges.retain(|r| r.start as usize != action.start);
                canon.push(a.i..action.end);
                self.emit(table, kind, false, part(Constraint, cname), canon, shown);
                return;
            }
            let is_constraint = ["primary", "unique", "check", "foreign", "exclude"]
                .iter()
                .any(|w| a.at(w));
            if is_constraint {
                let pk = render(&t[a.i..action.end]);
                self.emit(
                    table,
                    kind,
                    false,
                    part(Constraint, pk),
                    Canon::whole(a.i..action.end),
                    shown,
                );
                return;
            }
            a.eat("column");
            a.eat_all(&["if", "not", "exists"]);
            if let Some(col) = a.peek().and_then(Tok::ident) {
                // Same form as the column's definition inside CREATE TABLE.
                let mut full = String::new();
                let _ = write_ident(&mut full, col);
                let canon = Canon::whole(a.i..action.end);
                self.emit(
                    table,
                    kind,
                    false,
                    part(Column, format!("{name}.{full}")),
                    canon,
                    shown,
                );
                return;
            }
        }
        let mut a = Cursor { t, i: action.start };
        if a.eat("alter") {
            a.eat("column");
            if let Some(col) = a.peek().and_then(Tok::ident) {
                let mut full = String::new();
                let _ = write_ident(&mut full, col);
                self.emit(
                    table,
                    kind,
                    false,
                    part(Column, format!("{name}.{full}")),
                    only_and_action,
                    shown,
                );
                return;
            }
        }
        let mut a = Cursor { t, i: action.start };
        if a.eat_all(&["attach", "partition"]) {
            if let Some(child) = a.name() {
                self.emit(
                    rel(child),
                    Table,
                    false,
                    part(Partition, name),
                    Canon::whole(0..t.len()),
                    shown,
                );
                return;
            }
        }
        let mut a = Cursor { t, i: action.start };
        let (pk, canon) = if a.eat_all(&["validate", "constraint"]) {
            (
                part(Constraint, a.name().unwrap_or_default()),
                only_and_action,
            )
        } else if a.eat_all(&["cluster", "on"]) {
            (part(Cluster, ""), whole_action)
        } else if a.at("enable") || a.at("disable") || a.at("force") || a.eat("no") {
            let mut b = Cursor { t, i: a.i + 1 };
            let _ = b.eat("replica") || b.eat("always");
            if b.eat("trigger") {
                (part(Trigger, b.name().unwrap_or_default()), whole_action)
            } else if b.eat("rule") {
                (part(Rule, b.name().unwrap_or_default()), whole_action)
            } else {
                (part(RowSecurity, ""), whole_action)
            }
        } else if a.eat_all(&["replica", "identity"]) {
            (part(ReplicaIdentity, ""), whole_action)
        } else {
            (part(Definition, ""), only_and_action)
        };
        self.emit(table, kind, false, pk, canon, shown);
    }

    fn comment(&mut self, t: &[Tok], c: &mut Cursor<'_>) -> bool {
        use ObjectKind::*;
        if !c.eat("on") {
            return false;
        }
        let target_start = c.i;
        let canon = Canon::whole(target_start..t.len());
        if c.eat("column") {
            let Some(col) = c.name() else { return false };
            let Some(table) = schema_of(&col) else {
                return false;
            };
            self.emit(
                rel(table.to_string()),
                Table,
                false,
                part(Comment, format!("column {col}")),
                canon,
                Shown::Statement,
            );
            return true;
        }
        for (word, kind) in [
            ("constraint", Constraint),
            ("trigger", Trigger),
            ("policy", Policy),
            ("rule", Rule),
        ] {
            if c.eat(word) {
                let Some(name) = c.name() else { return false };
                if !c.eat("on") {
                    return false;
                }
                let on_domain = c.eat("domain");
                let Some(table) = c.name() else { return false };
                let parent = if on_domain {
                    key(Domain, table)
                } else {
                    rel(table)
                };
                let pkind = if on_domain { Domain } else { Table };
                self.emit(
                    parent,
                    pkind,
                    false,
                    part(Comment, format!("{kind} {name}")),
                    canon,
                    Shown::Statement,
                );
                return true;
            }
        }
        let Some(kind) = c.object_kind() else {
            return false;
        };
        let Some(name) = c.object_name(kind) else {
            return false;
        };
        if kind == Index {
            self.out.push(Entry {
                parent: Parent::IndexOf(name.clone()),
                kind: Index,
                defines: false,
                part: part(Comment, format!("index {name}")),
                canon,
                shown: Shown::Statement,
                stmt: 0,
            });
            return true;
        }
        self.emit(
            key(kind, name),
            kind,
            false,
            part(Comment, ""),
            canon,
            Shown::Statement,
        );
        true
    }

    fn grant(&mut self, t: &[Tok]) -> bool {
        use ObjectKind::*;
        let mut c = Cursor::new(t);
        c.i = 1;
        if !c.seek("on") {
            // GRANT role TO role: role membership.
            self.whole(t, key(Role, render(t)), Role, true, part(Privileges, ""));
            return true;
        }
        let canon = privilege_canon(t, 0);
        let kind = if c.eat_all(&["all", "tables", "in", "schema"])
            || c.eat_all(&["all", "sequences", "in", "schema"])
            || c.eat_all(&["all", "functions", "in", "schema"])
            || c.eat_all(&["all", "procedures", "in", "schema"])
            || c.eat_all(&["all", "routines", "in", "schema"])
        {
            Schema
        } else if c.eat_all(&["large", "object"]) {
            Other
        } else {
            c.object_kind().unwrap_or(Table)
        };
        let mut names = Vec::new();
        loop {
            let name = if kind == Other {
                c.peek().map(|x| render(std::slice::from_ref(x)))
            } else {
                c.object_name(kind)
            };
            let Some(name) = name else { return false };
            if kind == Other {
                c.i += 1;
            }
            names.push(name);
            if !c.eat_punct(',') {
                break;
            }
        }
        for name in names {
            let k = if kind == Other {
                large_object(name)
            } else {
                key(kind, name)
            };
            self.emit(
                k,
                kind,
                false,
                part(Privileges, ""),
                canon.clone(),
                Shown::Statement,
            );
        }
        true
    }

    fn set(&mut self, t: &[Tok]) -> bool {
        let mut c = Cursor::new(t);
        c.i = 1;
        let _ = c.eat("session") || c.eat("local");
        let Some(name) = c.name() else { return false };
        self.whole(
            t,
            key(ObjectKind::Setting, name),
            ObjectKind::Setting,
            true,
            part(ObjectKind::Setting, ""),
        );
        true
    }

    /// `SELECT pg_catalog.set_config('name', …)` is a setting; `SELECT pg_catalog.setval('seq',
    /// …)` is data of a sequence.
    fn select(&mut self, t: &[Tok]) -> bool {
        let mut c = Cursor::new(t);
        c.i = 1;
        let Some(func) = c.name() else { return false };
        let func = func
            .strip_prefix("pg_catalog.")
            .unwrap_or(&func)
            .to_string();
        if !c.eat_punct('(') {
            return false;
        }
        let Some(Tok::Str(_, arg)) = c.peek() else {
            return false;
        };
        match func.as_str() {
            "set_config" => {
                let name = arg.to_lowercase();
                self.whole(
                    t,
                    key(ObjectKind::Setting, name),
                    ObjectKind::Setting,
                    true,
                    part(ObjectKind::Setting, ""),
                );
                true
            }
            "setval" => {
                let seq = regclass_name(arg);
                self.whole(
                    t,
                    rel(seq),
                    ObjectKind::Sequence,
                    false,
                    part(ObjectKind::Data, ""),
                );
                true
            }
            _ => false,
        }
    }

    /// `INSERT INTO t …` and `COPY t … FROM stdin`: data of table `t`. The last `rows` tokens
    /// are the rows of a `COPY` data block, one string token each.
    fn data(&mut self, t: &[Tok], rows: usize, word: &str) -> bool {
        let stmt_end = t.len() - rows;
        let mut c = Cursor::new(&t[..stmt_end]);
        c.i = 1;
        if word == "into" && !c.eat("into") {
            return false;
        }
        let Some(table) = c.name() else { return false };
        let pk = || part(ObjectKind::Data, "");
        let canon = Canon::whole(0..stmt_end);
        self.emit(
            rel(table.clone()),
            ObjectKind::Table,
            false,
            pk(),
            canon,
            Shown::Statement,
        );
        for k in stmt_end..t.len() {
            let canon = Canon::whole(k..k + 1);
            self.emit(
                rel(table.clone()),
                ObjectKind::Table,
                false,
                pk(),
                canon,
                Shown::Row(k as u32),
            );
        }
        true
    }
}

fn large_object(name: String) -> ObjectKey {
    key(ObjectKind::Other, format!("large object {name}"))
}

/// A GRANT/REVOKE (starting at `from`) with its privilege list and grantee list sorted.
fn privilege_canon(t: &[Tok], from: usize) -> Canon {
    let mut c = Cursor { t, i: from + 1 };
    c.eat_all(&["grant", "option", "for"]);
    let list_start = c.i;
    let mut on = Cursor { t, i: list_start };
    if !on.seek("on") {
        return Canon::whole(0..t.len());
    }
    let list = list_start..on.i - 1;
    let mut canon = sorted_list(t, 0..on.i, list);
    // Grantees: after TO/FROM, up to WITH/GRANTED/CASCADE/RESTRICT.
    let mut g = Cursor { t, i: on.i };
    if g.seek("to") || {
        g.i = on.i;
        g.seek("from")
    } {
        let start = g.i;
        let mut end = start;
        while end < t.len()
            && !["with", "granted", "cascade", "restrict"]
                .iter()
                .any(|w| t[end].is_word(w))
        {
            end += 1;
        }
        let rest = sorted_list(t, on.i..t.len(), start..end);
        canon.ranges.extend(rest.ranges);
    } else {
        canon.push(on.i..t.len());
    }
    canon
}

/// An identifier token as SQL text, quoted when needed.
fn ident_text(t: &Tok) -> String {
    let mut s = String::new();
    if let Some(id) = t.ident() {
        let _ = write_ident(&mut s, id);
    }
    s
}

/// The key of a CREATE TABLE element: a column's name (and `true`), or a constraint's.
fn element_key(t: &[Tok], item: Range<usize>) -> (String, bool) {
    let first = &t[item.start];
    let second = t.get(item.start + 1);
    let is_word = |w: &str| first.is_word(w);
    if is_word("constraint") {
        return (second.map(ident_text).unwrap_or_default(), false);
    }
    let constraint = is_word("primary")
        || is_word("unique")
        || is_word("check")
        || is_word("foreign")
        || is_word("like")
        || (is_word("exclude") && second.is_some_and(|s| s.is_word("using") || s.is_punct('(')));
    if constraint {
        return (render(&t[item]), false);
    }
    let mut name = String::new();
    match first.ident() {
        Some(id) => {
            let _ = write_ident(&mut name, id);
        }
        None => name = render(&t[item]),
    }
    (name, true)
}

/// A relation name as written in a `regclass` string (`'public.a_id_seq'`, `'"Foo"'`).
fn regclass_name(text: &str) -> String {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => {
                quoted = !quoted;
                was_quoted = true;
            }
            '.' if !quoted => {
                parts.push((std::mem::take(&mut cur), was_quoted));
                was_quoted = false;
            }
            c => cur.push(c),
        }
    }
    parts.push((cur, was_quoted));
    let mut out = String::new();
    for (k, (p, q)) in parts.into_iter().enumerate() {
        if k > 0 {
            out.push('.');
        }
        let p = if q { p } else { p.to_ascii_lowercase() };
        let _ = write_ident(&mut out, &p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::tokenize;
    use crate::scan::split;

    fn classify(src: &str) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        let mut facts = Facts::default();
        for raw in split(src).unwrap() {
            let toks = tokenize(&raw).unwrap().toks;
            let mut c = Classifier {
                order: Order::default(),
                out: &mut out,
                facts: &mut facts,
            };
            c.statement(&toks, 0);
        }
        out.into_iter()
            .map(|e| {
                let parent = match e.parent {
                    Parent::Key(k) => k.name,
                    Parent::IndexOf(i) => format!("index-of {i}"),
                };
                (parent, e.part.kind.to_string(), e.part.name)
            })
            .collect()
    }

    fn one(src: &str) -> (String, String, String) {
        let mut v = classify(src);
        assert_eq!(v.len(), 1, "{v:?}");
        v.remove(0)
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn create_table_splits_into_header_columns_and_constraints() {
        let v = classify(
            "CREATE TABLE public.a (id integer NOT NULL, n numeric(10,2), CONSTRAINT a_n CHECK (n > 0), PRIMARY KEY (id));",
        );
        assert_eq!(
            v,
            vec![
                t("public.a", "definition", ""),
                t("public.a", "column", "public.a.id"),
                t("public.a", "column", "public.a.n"),
                t("public.a", "constraint", "a_n"),
                t("public.a", "constraint", "primary key(id)"),
            ]
        );
    }

    #[test]
    fn alter_table_statements_attach_to_their_table() {
        assert_eq!(
            one("ALTER TABLE ONLY public.a ADD CONSTRAINT a_pkey PRIMARY KEY (id);"),
            t("public.a", "constraint", "a_pkey")
        );
        assert_eq!(
            one(
                "ALTER TABLE ONLY public.a ALTER COLUMN id SET DEFAULT nextval('public.a_id_seq'::regclass);"
            ),
            t("public.a", "column", "public.a.id")
        );
        assert_eq!(
            one("ALTER TABLE public.a OWNER TO r;"),
            t("public.a", "owner", "")
        );
        assert_eq!(
            one("ALTER TABLE ONLY public.p ATTACH PARTITION public.c FOR VALUES IN (1);"),
            t("public.c", "partition", "public.p")
        );
        assert_eq!(
            one("ALTER TABLE public.a ENABLE ROW LEVEL SECURITY;"),
            t("public.a", "row security", "")
        );
        assert_eq!(
            one("ALTER TABLE public.a CLUSTER ON a_pkey;"),
            t("public.a", "cluster", "")
        );
        assert_eq!(
            one("ALTER TABLE ONLY public.a REPLICA IDENTITY FULL;"),
            t("public.a", "replica identity", "")
        );
        assert_eq!(
            one(
                "ALTER TABLE public.a ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.a_id_seq START WITH 1);"
            ),
            t("public.a", "column", "public.a.id")
        );
    }

    #[test]
    fn indexes_triggers_policies_rules_belong_to_tables() {
        assert_eq!(
            one("CREATE UNIQUE INDEX i ON ONLY public.a USING btree (x);"),
            t("public.a", "index", "public.i")
        );
        assert_eq!(
            one(
                "CREATE TRIGGER tr BEFORE INSERT ON public.a FOR EACH ROW EXECUTE FUNCTION public.f();"
            ),
            t("public.a", "trigger", "tr")
        );
        assert_eq!(
            one(
                "CREATE CONSTRAINT TRIGGER ct AFTER DELETE ON public.a DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION f();"
            ),
            t("public.a", "trigger", "ct")
        );
        assert_eq!(
            one("CREATE POLICY p ON public.a FOR SELECT USING (true);"),
            t("public.a", "policy", "p")
        );
        assert_eq!(
            one("CREATE RULE r AS ON INSERT TO public.v DO INSTEAD NOTHING;"),
            t("public.v", "rule", "r")
        );
        assert_eq!(
            one("ALTER INDEX public.p_pkey ATTACH PARTITION public.c_pkey;"),
            t("index-of public.c_pkey", "index", "public.c_pkey")
        );
    }

    #[test]
    fn routines_are_keyed_by_argument_types() {
        assert_eq!(
            one(
                "CREATE FUNCTION public.f(a integer, b text DEFAULT 'x') RETURNS int LANGUAGE sql AS $$ select 1 $$;"
            ),
            t("public.f(integer, text)", "definition", "")
        );
        assert_eq!(
            one("ALTER FUNCTION public.f(a integer, b text) OWNER TO r;"),
            t("public.f(integer, text)", "owner", "")
        );
        assert_eq!(
            one("COMMENT ON FUNCTION public.f(a integer, b text) IS 'c';"),
            t("public.f(integer, text)", "comment", "")
        );
        assert_eq!(
            one("CREATE AGGREGATE public.group_concat(text) (SFUNC = f, STYPE = text);"),
            t("public.group_concat(text)", "definition", "")
        );
    }

    #[test]
    fn other_statement_forms() {
        assert_eq!(
            one("SET statement_timeout = 0;"),
            t("statement_timeout", "setting", "")
        );
        assert_eq!(
            one("SELECT pg_catalog.set_config('search_path', '', false);"),
            t("search_path", "setting", "")
        );
        assert_eq!(
            one("SELECT pg_catalog.setval('public.a_id_seq', 1, false);"),
            t("public.a_id_seq", "data", "")
        );
        assert_eq!(
            one("INSERT INTO \"schema_migrations\" (version) VALUES ('1');"),
            t("schema_migrations", "data", "")
        );
        assert_eq!(
            one("COMMENT ON COLUMN public.a.id IS 'x';"),
            t("public.a", "comment", "column public.a.id")
        );
        assert_eq!(
            one("GRANT SELECT ON TABLE public.a TO r;"),
            t("public.a", "privileges", "")
        );
        assert_eq!(
            one("ALTER SEQUENCE public.s OWNED BY public.a.id;"),
            t("public.s", "owned by", "")
        );
        assert_eq!(
            one("ALTER DEFAULT PRIVILEGES FOR ROLE r IN SCHEMA s GRANT SELECT ON TABLES TO x;"),
            t("for role r in schema s", "privileges", "")
        );
        assert_eq!(
            one("CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;"),
            t("citext", "definition", "")
        );
        assert_eq!(
            one("CREATE TYPE public.e AS ENUM ('a', 'b');"),
            t("public.e", "definition", "")
        );
        assert_eq!(
            one("CREATE EVENT TRIGGER et ON sql_drop EXECUTE FUNCTION f();"),
            t("et", "definition", "")
        );
        assert_eq!(
            one("ALTER TEXT SEARCH CONFIGURATION public.c ADD MAPPING FOR asciiword WITH simple;"),
            t("public.c", "definition", "")
        );
        assert_eq!(
            one("hello world"),
            t("hello world", "definition", "hello world")
        );
    }

    #[test]
    fn regclass_strings_fold_like_identifiers() {
        assert_eq!(regclass_name("public.A_seq"), "public.a_seq");
        assert_eq!(regclass_name("\"Foo\".\"Bar\""), "\"Foo\".\"Bar\"");
    }
}
