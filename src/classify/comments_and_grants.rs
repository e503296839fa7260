//! `COMMENT ON`, `GRANT` and `REVOKE`: comments and privileges of objects.

use super::*;

impl Classifier<'_> {
    pub(super) fn comment(&mut self, t: &[Tok], c: &mut Cursor<'_>) -> bool {
        use ObjectKind::*;
        if !c.eat("on") {
            return false;
        }
        let target_start = c.i;
        let canon = Canon::whole(target_start..t.len());
        if c.eat("column") {
            let Some((table, column)) = c.name().and_then(|col| self.column_of(&col)) else {
                return false;
            };
            self.emit(
                rel(table.clone()),
                Table,
                false,
                part(Comment, format!("column {table}.{column}")),
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
                let owner = if on_domain { Domain } else { Table };
                let Some(table) = c.name().map(|n| self.qualify(owner, n)) else {
                    return false;
                };
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
        let Some(name) = c.object_name(kind).map(|n| self.qualify(kind, n)) else {
            return false;
        };
        if kind == Index {
            self.out.push(Entry {
                parent: Parent::IndexOf(name.as_str().into()),
                kind: Index,
                defines: false,
                part: part(Comment, format!("index {name}")),
                canon,
                shown: Shown::Statement.into(),
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

    pub(super) fn grant(&mut self, t: &[Tok]) -> bool {
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
                c.object_name(kind).map(|n| self.qualify(kind, n))
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
}

fn large_object(name: String) -> ObjectKey {
    key(ObjectKind::Other, format!("large object {name}"))
}

/// A GRANT/REVOKE (starting at `from`) with its privilege list and grantee list sorted.
pub(super) fn privilege_canon(t: &[Tok], from: usize) -> Canon {
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
        canon.append(&rest);
    } else {
        canon.push(on.i..t.len());
    }
    canon
}
