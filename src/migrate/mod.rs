//! A migration draft that would turn the left schema into the right one, for review.

use std::fmt;

use crate::change::{Change, ChangeKind, SchemaDiff, Snippet};
use crate::lex::{Tok, render, tokenize, write_tokens};
use crate::normalize::{closing, split_commas};
use crate::object::ObjectKind;
use crate::scan::split;

mod column;
use column::column;

/// The SQL that would turn the left schema into the right one: a draft for review, printed by
/// its `Display`. What it cannot express safely is a `-- manual:` comment naming the object.
///
/// ```
/// let diff = sql_compare::diff(
///     "CREATE TABLE t (a int, gone text);",
///     "CREATE TABLE t (a bigint NOT NULL, b text);",
/// )?;
/// let sql = diff.migration().to_string();
/// assert!(sql.contains("ALTER TABLE public.t DROP COLUMN gone;"));
/// assert!(sql.contains("ALTER TABLE public.t ADD COLUMN b text;"));
/// assert!(sql.contains("ALTER TABLE public.t ALTER COLUMN a TYPE bigint USING a::bigint;"));
/// assert!(sql.contains("ALTER TABLE public.t ALTER COLUMN a SET NOT NULL;"));
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Migration<'a> {
    diff: &'a SchemaDiff,
}

impl SchemaDiff {
    /// The migration draft from the left schema to the right one.
    pub fn migration(&self) -> Migration<'_> {
        Migration { diff: self }
    }
}

/// The order statements must run in: drops of dependants first, then creates of what others
/// depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    DropView,
    DropTrigger,
    DropForeignKey,
    DropConstraint,
    DropIndex,
    DropColumn,
    DropRelation,
    DropRoutine,
    DropType,
    DropOther,
    DropSchema,
    CreateSchema,
    CreateExtension,
    CreateType,
    CreateSequence,
    CreateRoutine,
    CreateTable,
    AlterColumn,
    AlterSequence,
    CreateView,
    AddConstraint,
    AddForeignKey,
    CreateIndex,
    CreateTrigger,
    Comment,
    Revoke,
    Grant,
    Owner,
    Data,
    Other,
}

struct Action {
    phase: Phase,
    /// Within a phase: creates follow the right dump's order, drops the reverse of the left's.
    order: i64,
    sql: String,
}

#[derive(Default)]
struct Plan {
    actions: Vec<Action>,
    manual: Vec<String>,
}

impl Plan {
    fn create(&mut self, phase: Phase, line: u32, sql: impl Into<String>) {
        self.actions.push(Action {
            phase,
            order: i64::from(line),
            sql: terminate(sql.into()),
        });
    }

    fn drop(&mut self, phase: Phase, line: u32, sql: impl Into<String>) {
        self.actions.push(Action {
            phase,
            order: -i64::from(line),
            sql: terminate(sql.into()),
        });
    }

    fn manual(&mut self, change: &Change, why: &str) {
        self.manual.push(format!(
            "-- manual: {} {} {}: {why}",
            change.change(),
            change.kind(),
            change.name()
        ));
    }
}

fn terminate(mut sql: String) -> String {
    let trimmed = sql.trim_end().len();
    sql.truncate(trimmed);
    if !sql.ends_with(';') {
        sql.push(';');
    }
    sql
}

impl fmt::Display for Migration<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.diff.is_empty() {
            return Ok(());
        }
        let mut plan = Plan::default();
        for change in self.diff.changes() {
            object(&mut plan, change);
        }
        plan.actions.sort_by_key(|a| (a.phase, a.order));
        writeln!(
            f,
            "-- Migration draft from the left schema to the right one, by sql-compare."
        )?;
        writeln!(f, "-- Review it before running it.")?;
        writeln!(f, "SET check_function_bodies = false;")?;
        for m in &plan.manual {
            writeln!(f, "{m}")?;
        }
        for a in &plan.actions {
            writeln!(f, "\n{}", a.sql)?;
        }
        Ok(())
    }
}

/// Tokens of a piece of SQL (a statement or a column definition), or none if it does not lex.
fn toks(text: &str) -> Vec<Tok> {
    split(text)
        .ok()
        .and_then(|s| s.first().and_then(|r| tokenize(r).ok()))
        .map(|t| t.toks)
        .unwrap_or_default()
}

fn words(t: &[Tok], n: usize) -> Vec<&str> {
    t.iter()
        .take(n)
        .map(|t| match t {
            Tok::Word(w) => w,
            _ => "",
        })
        .collect()
}

fn has_word(t: &[Tok], w: &str) -> bool {
    t.iter().any(|x| x.is_word(w))
}

/// Where a statement of the right dump goes in the draft.
fn statement_phase(text: &str) -> Option<Phase> {
    use Phase::*;
    let t = toks(text);
    let w = words(&t, 6);
    let first = *w.first()?;
    let mut rest = w.iter().skip(1).copied().filter(|x| {
        !matches!(
            *x,
            "or" | "replace" | "unique" | "unlogged" | "temp" | "temporary" | "trusted" | "default"
        )
    });
    Some(match first {
        "create" => match rest.next()? {
            "schema" => CreateSchema,
            "extension" => CreateExtension,
            "type" | "domain" | "collation" | "text" | "operator" | "cast" | "conversion"
            | "language" | "procedural" | "foreign" | "server" | "publication" | "access" => {
                if w.get(1..3) == Some(&["foreign", "table"][..]) {
                    CreateTable
                } else {
                    CreateType
                }
            }
            "sequence" => CreateSequence,
            "function" | "procedure" | "aggregate" => CreateRoutine,
            "table" => CreateTable,
            "view" | "materialized" | "recursive" => CreateView,
            "index" => CreateIndex,
            _ => CreateTrigger,
        },
        "alter" if has_word(&t, "owner") && w.get(1) != Some(&"default") => Owner,
        "alter" => match w.get(1).copied() {
            Some("table") if has_word(&t, "constraint") && has_word(&t, "add") => {
                if has_word(&t, "foreign") {
                    AddForeignKey
                } else {
                    AddConstraint
                }
            }
            Some("table") if has_word(&t, "column") || has_word(&t, "add") => AlterColumn,
            Some("table") => CreateTrigger,
            Some("sequence") => AlterSequence,
            Some("index") => CreateIndex,
            Some("default") => Grant,
            Some("type" | "domain" | "text" | "operator") => CreateType,
            Some("function" | "procedure" | "aggregate") => CreateRoutine,
            _ => Other,
        },
        "comment" => Comment,
        "grant" | "revoke" => Grant,
        "insert" | "copy" | "select" => Data,
        _ => Other,
    })
}

fn is_statement(s: &Snippet) -> bool {
    matches!(
        toks(&s.text).first(),
        Some(Tok::Word(w)) if matches!(&**w, "create" | "alter" | "comment" | "grant" | "revoke" | "insert" | "copy" | "select" | "set")
    )
}

/// Adds the right dump's statements as they are.
fn add_statements(plan: &mut Plan, change: &Change, snippets: &[Snippet]) {
    for s in snippets {
        match statement_phase(&s.text) {
            Some(phase) if is_statement(s) => plan.create(phase, s.lines.start, s.text.clone()),
            _ => plan.manual(change, "rows or text that is not a statement"),
        }
    }
}

fn object(plan: &mut Plan, change: &Change) {
    use ObjectKind::*;
    match change.change() {
        ChangeKind::Added => add_statements(plan, change, change.right()),
        ChangeKind::Removed => {
            let line = change.left().first().map_or(0, |s| s.lines.start);
            let (phase, what) = match change.kind() {
                Table => (Phase::DropRelation, "TABLE"),
                ForeignTable => (Phase::DropRelation, "FOREIGN TABLE"),
                View => (Phase::DropView, "VIEW"),
                MaterializedView => (Phase::DropView, "MATERIALIZED VIEW"),
                Sequence => (Phase::DropType, "SEQUENCE"),
                Index => (Phase::DropIndex, "INDEX"),
                Function => (Phase::DropRoutine, "FUNCTION"),
                Procedure => (Phase::DropRoutine, "PROCEDURE"),
                Aggregate => (Phase::DropRoutine, "AGGREGATE"),
                Enum | Type => (Phase::DropType, "TYPE"),
                Domain => (Phase::DropType, "DOMAIN"),
                Schema => (Phase::DropSchema, "SCHEMA"),
                Extension => (Phase::DropOther, "EXTENSION"),
                Collation => (Phase::DropOther, "COLLATION"),
                Operator => (Phase::DropOther, "OPERATOR"),
                OperatorClass => (Phase::DropOther, "OPERATOR CLASS"),
                OperatorFamily => (Phase::DropOther, "OPERATOR FAMILY"),
                TextSearchConfiguration => (Phase::DropOther, "TEXT SEARCH CONFIGURATION"),
                TextSearchDictionary => (Phase::DropOther, "TEXT SEARCH DICTIONARY"),
                TextSearchParser => (Phase::DropOther, "TEXT SEARCH PARSER"),
                TextSearchTemplate => (Phase::DropOther, "TEXT SEARCH TEMPLATE"),
                EventTrigger => (Phase::DropTrigger, "EVENT TRIGGER"),
                Publication => (Phase::DropOther, "PUBLICATION"),
                Subscription => (Phase::DropOther, "SUBSCRIPTION"),
                ForeignDataWrapper => (Phase::DropOther, "FOREIGN DATA WRAPPER"),
                Server => (Phase::DropOther, "SERVER"),
                Cast => (Phase::DropOther, "CAST"),
                Language => (Phase::DropOther, "LANGUAGE"),
                Conversion => (Phase::DropOther, "CONVERSION"),
                AccessMethod => (Phase::DropOther, "ACCESS METHOD"),
                _ => return plan.manual(change, "no DROP statement for it"),
            };
            plan.drop(phase, line, format!("DROP {what} {}", change.name()));
        }
        ChangeKind::Changed => {
            for part in change.details() {
                detail(plan, change, part);
            }
        }
    }
}

/// `name` without its parent's prefix: `public.t.col` → `col`.
fn local<'a>(parent: &Change, name: &'a str) -> &'a str {
    name.strip_prefix(parent.name())
        .and_then(|n| n.strip_prefix('.'))
        .unwrap_or(name)
}

/// Whether a part's name is one identifier (`k`, `"a b"`, `"a""b"`) rather than text that
/// stands for an unnamed part (`check (a > 0)`).
fn is_identifier(name: &str) -> bool {
    match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
        Some(inner) => !inner.replace("\"\"", "").contains('"'),
        None => {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        }
    }
}

fn first_line(s: &[Snippet]) -> u32 {
    s.first().map_or(0, |s| s.lines.start)
}

fn detail(plan: &mut Plan, object: &Change, part: &Change) {
    use ObjectKind::*;
    let table = object.name();
    let (l, r) = (part.left(), part.right());
    let (ll, rl) = (first_line(l), first_line(r));
    match part.kind() {
        Column => column(plan, object, part),
        Constraint => {
            let named = is_identifier(part.name());
            if !l.is_empty() {
                if !named {
                    return plan.manual(part, "an unnamed constraint cannot be dropped by name");
                }
                let fk = l.iter().any(|s| has_word(&toks(&s.text), "references"));
                let phase = if fk {
                    Phase::DropForeignKey
                } else {
                    Phase::DropConstraint
                };
                let what = if object.kind() == Domain {
                    "DOMAIN"
                } else {
                    "TABLE"
                };
                plan.drop(
                    phase,
                    ll,
                    format!("ALTER {what} {table} DROP CONSTRAINT {}", part.name()),
                );
            }
            for s in r {
                let fk = has_word(&toks(&s.text), "references");
                let phase = if fk {
                    Phase::AddForeignKey
                } else {
                    Phase::AddConstraint
                };
                if is_statement(s) {
                    plan.create(phase, s.lines.start, s.text.clone());
                } else {
                    plan.create(
                        phase,
                        s.lines.start,
                        format!("ALTER TABLE {table} ADD {}", s.text),
                    );
                }
            }
        }
        Index | Trigger | Policy | Rule | Statistics => {
            if !l.is_empty() {
                let (phase, sql) = match part.kind() {
                    Index if l.iter().all(|s| has_word(&toks(&s.text), "attach")) => {
                        return plan.manual(part, "an index partition cannot be detached");
                    }
                    Index => (Phase::DropIndex, format!("DROP INDEX {}", part.name())),
                    Trigger => (
                        Phase::DropTrigger,
                        format!("DROP TRIGGER {} ON {table}", part.name()),
                    ),
                    Policy => (
                        Phase::DropTrigger,
                        format!("DROP POLICY {} ON {table}", part.name()),
                    ),
                    Rule => (
                        Phase::DropTrigger,
                        format!("DROP RULE {} ON {table}", part.name()),
                    ),
                    _ => (Phase::DropIndex, format!("DROP STATISTICS {}", part.name())),
                };
                plan.drop(phase, ll, sql);
            }
            add_statements(plan, part, r);
        }
        Definition => match object.kind() {
            View if !r.is_empty() => {
                for s in r {
                    plan.create(Phase::CreateView, s.lines.start, or_replace(&s.text));
                }
            }
            Function | Procedure | Aggregate if !r.is_empty() => {
                for s in r {
                    let sql = if is_create(&s.text) {
                        or_replace(&s.text)
                    } else {
                        s.text.clone()
                    };
                    plan.create(Phase::CreateRoutine, s.lines.start, sql);
                }
            }
            MaterializedView if !r.is_empty() => {
                plan.drop(
                    Phase::DropView,
                    ll,
                    format!("DROP MATERIALIZED VIEW {table}"),
                );
                add_statements(plan, part, r);
            }
            Sequence if r.len() == 1 && is_create(&r[0].text) => {
                let t = toks(&r[0].text);
                match (l.len(), sequence_options(&t)) {
                    (1, Some(opts)) => plan.create(
                        Phase::CreateSequence,
                        rl,
                        format!("ALTER SEQUENCE {table} {opts}"),
                    ),
                    _ => plan.manual(part, "sequence options changed"),
                }
            }
            Enum if l.len() == 1 && r.len() == 1 => enum_values(plan, part, table, &l[0], &r[0]),
            _ if l.is_empty() => add_statements(plan, part, r),
            _ => plan.manual(part, "its definition changed"),
        },
        Comment => {
            if r.is_empty() {
                for s in l {
                    match s.text.rfind(" IS ") {
                        Some(i) => plan.create(
                            Phase::Comment,
                            s.lines.start,
                            format!("{} IS NULL", &s.text[..i]),
                        ),
                        None => plan.manual(part, "comment removed"),
                    }
                }
            }
            add_statements(plan, part, r);
        }
        Privileges => {
            for s in l {
                match invert_privilege(&s.text) {
                    Some(sql) => plan.drop(Phase::Revoke, s.lines.start, sql),
                    None => plan.manual(part, "privilege statement not understood"),
                }
            }
            for s in r {
                plan.create(Phase::Grant, s.lines.start, s.text.clone());
            }
        }
        Owner | OwnedBy | Partition | RowSecurity | ReplicaIdentity | Cluster => {
            if !l.is_empty() && r.is_empty() {
                let sql = match part.kind() {
                    OwnedBy => format!("ALTER SEQUENCE {table} OWNED BY NONE"),
                    Partition => format!("ALTER TABLE {} DETACH PARTITION {table}", part.name()),
                    ReplicaIdentity => format!("ALTER TABLE {table} REPLICA IDENTITY DEFAULT"),
                    Cluster => format!("ALTER TABLE {table} SET WITHOUT CLUSTER"),
                    RowSecurity => l[0]
                        .text
                        .replacen("ENABLE", "DISABLE", 1)
                        .replacen("FORCE", "NO FORCE", 1),
                    _ => return plan.manual(part, "the left dump sets it, the right one does not"),
                };
                plan.create(Phase::Owner, ll, sql);
                return;
            }
            if part.kind() == Partition && !l.is_empty() {
                plan.drop(
                    Phase::DropConstraint,
                    ll,
                    format!("ALTER TABLE {} DETACH PARTITION {table}", part.name()),
                );
            }
            add_statements(plan, part, r);
        }
        _ => plan.manual(part, "not expressible as a migration"),
    }
}

fn is_create(text: &str) -> bool {
    words(&toks(text), 1) == ["create"]
}

/// `CREATE …` → `CREATE OR REPLACE …` (unless it already says so).
fn or_replace(text: &str) -> String {
    let t = toks(text);
    if words(&t, 3)[1..].starts_with(&["or", "replace"]) {
        return text.to_string();
    }
    let trimmed = text.trim_start();
    match trimmed.get(..6) {
        Some(kw) if kw.eq_ignore_ascii_case("create") => {
            format!("CREATE OR REPLACE{}", &trimmed[6..])
        }
        _ => text.to_string(),
    }
}

/// The options of a `CREATE SEQUENCE name …` as `ALTER SEQUENCE` takes them.
fn sequence_options(t: &[Tok]) -> Option<String> {
    let mut c = crate::cursor::Cursor::new(t);
    if !c.eat_all(&["create", "sequence"]) {
        return None;
    }
    c.eat_all(&["if", "not", "exists"]);
    c.name()?;
    let mut out = String::new();
    write_tokens(&mut out, &t[c.i..]).ok()?;
    // A sequence without `AS` is a bigint one.
    if !has_word(&t[c.i..], "as") {
        out = format!("as bigint {out}");
    }
    Some(out)
}

fn labels(text: &str) -> Option<Vec<Tok>> {
    let t = toks(text);
    let open = t.iter().position(|x| x.is_punct('('))?;
    let close = closing(&t, open)?;
    Some(
        split_commas(&t, open + 1..close)
            .into_iter()
            .filter_map(|r| t.get(r.start).cloned())
            .collect(),
    )
}

fn enum_values(plan: &mut Plan, part: &Change, name: &str, left: &Snippet, right: &Snippet) {
    let (Some(old), Some(new)) = (labels(&left.text), labels(&right.text)) else {
        return plan.manual(part, "enum labels not understood");
    };
    if old.iter().any(|x| !new.contains(x)) {
        return plan.manual(part, "enum labels were removed or renamed");
    }
    let lit = |t: &Tok| render(std::iter::once(t));
    for (k, label) in new.iter().enumerate() {
        if old.contains(label) {
            continue;
        }
        // Place it before the next label that already exists, as the right dump orders them.
        let sql = match new[k + 1..].iter().find(|n| old.contains(n)) {
            Some(next) => format!(
                "ALTER TYPE {name} ADD VALUE {} BEFORE {}",
                lit(label),
                lit(next)
            ),
            None => format!("ALTER TYPE {name} ADD VALUE {}", lit(label)),
        };
        plan.create(Phase::CreateType, right.lines.start, sql);
    }
}

/// `GRANT p ON o TO r` → `REVOKE p ON o FROM r`, and the reverse.
fn invert_privilege(text: &str) -> Option<String> {
    let body = text.trim().trim_end_matches(';');
    let upper = body.to_ascii_uppercase();
    if upper.starts_with("GRANT ") {
        let to = upper.rfind(" TO ").filter(|&to| to >= 6)?;
        let mut grantees = &body[to + 4..];
        if let Some(w) = grantees.to_ascii_uppercase().find(" WITH GRANT OPTION") {
            grantees = &grantees[..w];
        }
        Some(format!("REVOKE {} FROM {grantees}", &body[6..to]))
    } else if upper.starts_with("REVOKE ") {
        let from = upper.rfind(" FROM ").filter(|&from| from >= 7)?;
        let grantees = body[from + 6..]
            .trim_end_matches(" CASCADE")
            .trim_end_matches(" RESTRICT");
        let what = &body[7..from];
        let what = what
            .strip_prefix("GRANT OPTION FOR ")
            .or_else(|| what.strip_prefix("grant option for "))
            .unwrap_or(what);
        Some(format!("GRANT {what} TO {grantees}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
