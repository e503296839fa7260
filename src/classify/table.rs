//! `CREATE TABLE` and `ALTER TABLE`: a table's header, columns, constraints and other parts.

use std::ops::Range;

use super::*;

impl Classifier<'_> {
    pub(super) fn create_table(
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
                part(Column, dotted(&name, &pk))
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

    pub(super) fn table_action(
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
                canon.retain(|r| r.start as usize != action.start);
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
            if let Some(col) = a.peek().filter(|c| c.ident().is_some()) {
                // Same form as the column's definition inside CREATE TABLE.
                let canon = Canon::whole(a.i..action.end);
                self.emit(table, kind, false, column_part(name, col), canon, shown);
                return;
            }
        }
        let mut a = Cursor { t, i: action.start };
        if a.eat("alter") {
            a.eat("column");
            if let Some(col) = a.peek().filter(|c| c.ident().is_some()) {
                let pk = column_part(name, col);
                self.emit(table, kind, false, pk, only_and_action, shown);
                return;
            }
        }
        let mut a = Cursor { t, i: action.start };
        if a.eat_all(&["attach", "partition"]) {
            if let Some(child) = self.table_name(&mut a) {
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
}

/// The part for column `col` of table `table`: `public.t.col`.
fn column_part(table: &str, col: &Tok) -> PartKey {
    let mut name = format!("{table}.");
    write_name(&mut name, col);
    part(ObjectKind::Column, name)
}

/// An identifier token as SQL text, quoted when needed.
fn ident_text(t: &Tok) -> String {
    let mut s = String::new();
    write_name(&mut s, t);
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
    let name = match first.ident() {
        Some(_) => ident_text(first),
        None => render(&t[item]),
    };
    (name, true)
}
