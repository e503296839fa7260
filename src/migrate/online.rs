//! The online form of a draft: what would hold a long lock written as PostgreSQL's forms that
//! do not. Indexes are built and dropped `CONCURRENTLY`, which cannot run inside a transaction
//! block; CHECK and foreign key constraints are added `NOT VALID` and validated afterwards
//! under a lock that lets reads and writes go on; `SET NOT NULL` goes through a validated
//! `CHECK (c IS NOT NULL)`, which spares its scan. The draft's transactional part runs between
//! `BEGIN` and `COMMIT` with a lock timeout, so that a statement that cannot get its lock soon
//! fails instead of queueing the application's queries behind it; the rest follows, one
//! statement at a time.

use super::*;
use crate::classify::cursor::Cursor;
use crate::tokenize::write_ident;

/// How long a statement of the draft waits for a lock before failing.
pub(super) const LOCK_TIMEOUT: &str = "SET lock_timeout = '5s';";
/// How long a statement of the transactional part may run.
pub(super) const STATEMENT_TIMEOUT: &str = "SET statement_timeout = '5min';";
/// The statements that run outside the transaction (validations, concurrent index builds)
/// read whole tables without blocking writes: no time limit.
const NO_STATEMENT_TIMEOUT: &str = "SET statement_timeout = 0;";
pub(super) const BEGIN: &str = "BEGIN;";
pub(super) const COMMIT: &str = "COMMIT;";

/// The longest identifier PostgreSQL keeps (`NAMEDATALEN - 1` bytes).
const MAX_IDENT: usize = 63;

fn statement(sql: String) -> DraftStatement {
    DraftStatement {
        hazards: hazard::hazards(&sql),
        sql,
        destructive: None,
    }
}

/// `CREATE [UNIQUE] INDEX name ON [ONLY] table …`: the index's qualified name, the table's,
/// whether `ONLY` (a partitioned table's own index) and the `INDEX` keyword's token.
struct CreateIndex {
    name: String,
    unique: bool,
    /// The indexed columns, sorted, when each key is a plain column.
    columns: Option<Vec<String>>,
    local: String,
    table: String,
    only: bool,
    keyword: usize,
}

fn create_index(t: &[Tok]) -> Option<CreateIndex> {
    let mut c = Cursor::new(t);
    if !c.eat("create") {
        return None;
    }
    let unique = c.eat("unique");
    let keyword = c.i;
    if !c.eat("index") || c.at("concurrently") {
        return None;
    }
    c.eat_all(&["if", "not", "exists"]);
    let local_tok = c.peek()?.clone();
    local_tok.ident()?;
    c.i += 1;
    if !c.eat("on") {
        return None;
    }
    let only = c.eat("only");
    let table = qualified(c.name()?);
    if c.eat("using") {
        c.i += 1;
    }
    let columns = if c.at_punct('(') {
        column_list(t, c.i)
    } else {
        None
    };
    let mut local = String::new();
    crate::tokenize::write_name(&mut local, &local_tok);
    let name = match crate::classify::object::schema_part(&table) {
        Some(schema) => format!("{schema}.{local}"),
        None => local.clone(),
    };
    Some(CreateIndex {
        name,
        unique,
        columns,
        local: local_tok.ident()?.to_string(),
        table,
        only,
        keyword,
    })
}

/// A name with its schema: `public` for an unqualified one, as a dump's search path reads it.
fn qualified(name: String) -> String {
    if crate::classify::object::schema_part(&name).is_some() {
        name
    } else {
        format!("public.{name}")
    }
}

/// `DROP INDEX name`: the name.
fn drop_index(t: &[Tok]) -> Option<String> {
    let mut c = Cursor::new(t);
    if !c.eat_all(&["drop", "index"]) || c.at("concurrently") {
        return None;
    }
    c.eat_all(&["if", "exists"]);
    let name = qualified(c.name()?);
    c.done().then_some(name)
}

/// The names in the parenthesized list that opens at `open`, sorted, when each item is one
/// plain name.
fn column_list(t: &[Tok], open: usize) -> Option<Vec<String>> {
    let close = closing(t, open)?;
    let mut out = Vec::new();
    for r in split_commas(t, open + 1..close) {
        if r.len() != 1 {
            return None;
        }
        out.push(t[r.start].ident()?.to_string());
    }
    out.sort();
    Some(out)
}

/// The tables a statement's `REFERENCES` clauses name, with the columns they reference when
/// listed.
fn referenced_tables(t: &[Tok]) -> Vec<(String, Option<Vec<String>>)> {
    let mut out = Vec::new();
    for (i, tok) in t.iter().enumerate() {
        if tok.is_word("references") {
            let mut c = Cursor { t, i: i + 1 };
            if let Some(name) = c.name() {
                let columns = if c.at_punct('(') {
                    column_list(t, c.i)
                } else {
                    None
                };
                out.push((qualified(name), columns));
            }
        }
    }
    out
}

/// Whether a statement is `ALTER TYPE … ADD VALUE`.
fn adds_value(t: &[Tok]) -> bool {
    let mut c = Cursor::new(t);
    c.eat_all(&["alter", "type"]) && c.name().is_some() && c.eat_all(&["add", "value"])
}

/// `CREATE TABLE name …`: the name.
fn create_table(t: &[Tok]) -> Option<String> {
    let mut c = Cursor::new(t);
    if !c.eat("create") {
        return None;
    }
    let _ = c.eat("unlogged") || c.eat("foreign");
    if !c.eat("table") {
        return None;
    }
    c.eat_all(&["if", "not", "exists"]);
    c.name().map(qualified)
}

/// `ALTER TABLE [ONLY] t`: the table, the index of the token after its name, and whether
/// `ONLY` was written.
fn alter_table(t: &[Tok]) -> Option<(String, usize, bool)> {
    let mut c = Cursor::new(t);
    if !c.eat_all(&["alter", "table"]) {
        return None;
    }
    c.eat_all(&["if", "exists"]);
    let only = c.eat("only");
    let name = c.name()?;
    Some((name, c.i, only))
}

/// `ALTER TABLE [ONLY] t ADD CONSTRAINT c CHECK|FOREIGN KEY …` without `NOT VALID`, one
/// action: the table and the constraint's name. A foreign key without `ONLY` may be on a
/// partitioned table (pg_dump writes `ONLY` for the others), where PostgreSQL 15 refuses
/// `NOT VALID`: it is left as it is.
fn add_validatable(t: &[Tok]) -> Option<(String, String)> {
    let (table, i, only) = alter_table(t)?;
    let mut c = Cursor { t, i };
    if !c.eat_all(&["add", "constraint"]) {
        return None;
    }
    let mut name = String::new();
    crate::tokenize::write_name(&mut name, c.peek()?);
    c.i += 1;
    if !(c.at("check") || (c.at("foreign") && only)) {
        return None;
    }
    let top = top_level(t);
    let one_action = !top.iter().any(|&k| t[k].is_punct(','));
    let not_valid = t
        .windows(2)
        .any(|p| p[0].is_word("not") && p[1].is_word("valid"));
    (one_action && !not_valid && !name.is_empty()).then_some((table, name))
}

/// `ALTER TABLE [ONLY] t ALTER [COLUMN] c SET NOT NULL`: the table and the column, as written
/// and unquoted.
fn set_not_null(t: &[Tok]) -> Option<(String, String, String)> {
    let (table, i, _) = alter_table(t)?;
    let mut c = Cursor { t, i };
    if !c.eat("alter") {
        return None;
    }
    c.eat("column");
    let col = c.peek()?;
    let bare = col.ident()?.to_string();
    let mut written = String::new();
    crate::tokenize::write_name(&mut written, col);
    c.i += 1;
    (c.eat_all(&["set", "not", "null"]) && c.done()).then_some((table, written, bare))
}

/// The name of the check that stands for `NOT NULL` on `col` until it is set.
fn not_null_check(col: &str) -> String {
    let suffix = "_not_null";
    let mut keep = MAX_IDENT.saturating_sub(suffix.len()).min(col.len());
    while !col.is_char_boundary(keep) {
        keep -= 1;
    }
    let mut out = String::new();
    let _ = write_ident(&mut out, &format!("{}{suffix}", &col[..keep]));
    out
}

fn without_semicolon(sql: &str) -> &str {
    sql.trim_end().strip_suffix(';').unwrap_or(sql).trim_end()
}

/// The online form of a draft's statements (the preamble not among them): the timeouts and
/// the preamble, the transactional part between `BEGIN` and `COMMIT`, then the statements
/// that run outside a transaction.
pub(super) fn online(drafted: Vec<DraftStatement>) -> Vec<DraftStatement> {
    let parsed: Vec<Vec<Tok>> = drafted.iter().map(|s| toks(&s.sql)).collect();
    let created_tables: Vec<String> = parsed.iter().filter_map(|t| create_table(t)).collect();
    // A foreign key needs the unique index on the columns it references when it is added.
    let referenced: Vec<(String, Option<Vec<String>>)> =
        parsed.iter().flat_map(|t| referenced_tables(t)).collect();
    let needed = |ix: &CreateIndex| {
        ix.unique
            && referenced.iter().any(|(table, columns)| {
                *table == ix.table
                    && (columns.is_none() || ix.columns.is_none() || *columns == ix.columns)
            })
    };
    let dropped_indexes: Vec<Option<String>> = parsed.iter().map(|t| drop_index(t)).collect();
    // An index whose name another statement of the draft uses stays in the transaction,
    // where that statement finds it (but for its own drop, which moves with it).
    let mentions = |local: &str, name: &str, except: usize| {
        parsed.iter().enumerate().any(|(k, t)| {
            k != except
                && dropped_indexes[k].as_deref() != Some(name)
                && t.iter().any(|x| x.ident() == Some(local))
        })
    };
    let mut transaction = Vec::new();
    // Enum labels are added before the transaction: one added inside it cannot be used there.
    let mut before = Vec::new();
    let (mut drops, mut checks, mut creates) = (Vec::new(), Vec::new(), Vec::new());
    let mut concurrent_names = Vec::new();
    for (k, (s, t)) in drafted.iter().zip(&parsed).enumerate() {
        if adds_value(t) {
            before.push(s.clone());
            continue;
        }
        if let Some(ix) = create_index(t)
            && !ix.only
            && !created_tables.contains(&ix.table)
            && !needed(&ix)
            && !mentions(&ix.local, &ix.name, k)
            && let Some((_, at)) = located(&s.sql)
        {
            let end = at[ix.keyword] + "index".len();
            let sql = format!("{} CONCURRENTLY{}", &s.sql[..end], &s.sql[end..]);
            concurrent_names.push(ix.name);
            creates.push(statement(sql));
            continue;
        }
        if let Some((table, name)) = add_validatable(t) {
            transaction.push(DraftStatement {
                hazards: hazard::hazards(&format!("{} NOT VALID", without_semicolon(&s.sql))),
                sql: format!("{} NOT VALID;", without_semicolon(&s.sql)),
                destructive: None,
            });
            checks.push(statement(format!(
                "ALTER TABLE {table} VALIDATE CONSTRAINT {name};"
            )));
            continue;
        }
        if let Some((table, col, bare)) = set_not_null(t) {
            let check = not_null_check(&bare);
            transaction.push(statement(format!(
                "ALTER TABLE {table} ADD CONSTRAINT {check} CHECK ({col} IS NOT NULL) NOT VALID;"
            )));
            checks.push(statement(format!(
                "ALTER TABLE {table} VALIDATE CONSTRAINT {check};"
            )));
            // The validated check proves the column holds no null: no scan.
            checks.push(DraftStatement {
                sql: format!("ALTER TABLE {table} ALTER COLUMN {col} SET NOT NULL;"),
                destructive: None,
                hazards: vec![Hazard::AccessExclusiveLock],
            });
            checks.push(DraftStatement {
                sql: format!("ALTER TABLE {table} DROP CONSTRAINT {check};"),
                destructive: None,
                hazards: vec![Hazard::AccessExclusiveLock],
            });
            continue;
        }
        transaction.push(s.clone());
    }
    // The drops of indexes that are built again concurrently go with them; so do the other
    // drops, `IF EXISTS` since dropping a table or column in the transaction drops its
    // indexes.
    let built_here: Vec<String> = transaction
        .iter()
        .filter_map(|s| create_index(&toks(&s.sql)).map(|ix| ix.name))
        .collect();
    let mut kept = Vec::with_capacity(transaction.len());
    for s in transaction {
        match drop_index(&toks(&s.sql)) {
            // An index built again in the transaction is dropped there first.
            Some(name) if !built_here.contains(&name) => {
                let if_exists = if concurrent_names.contains(&name) {
                    ""
                } else {
                    "IF EXISTS "
                };
                drops.push(DraftStatement {
                    hazards: vec![Hazard::NoTransaction],
                    sql: format!("DROP INDEX CONCURRENTLY {if_exists}{name};"),
                    destructive: s.destructive,
                });
            }
            _ => kept.push(s),
        }
    }
    let mut out = vec![
        statement(LOCK_TIMEOUT.into()),
        statement(STATEMENT_TIMEOUT.into()),
        statement(PREAMBLE.into()),
    ];
    out.extend(before);
    out.push(statement(BEGIN.into()));
    out.extend(kept);
    out.push(statement(COMMIT.into()));
    if !(drops.is_empty() && checks.is_empty() && creates.is_empty()) {
        out.push(statement(NO_STATEMENT_TIMEOUT.into()));
        out.extend(drops);
        out.extend(checks);
        out.extend(creates);
    }
    out
}
