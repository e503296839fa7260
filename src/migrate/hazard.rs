//! What running a statement of a draft risks on a live database, as PostgreSQL 15 documents
//! it (ALTER TABLE's notes, "Explicit Locking") and as its lock table shows: the lock it takes
//! and what that blocks, whether it rewrites or scans the table, deletes data, or may fail on
//! rows that exist.

use std::fmt;

use super::*;
use crate::classify::cursor::Cursor;

/// A risk of running one statement of a migration draft on a database in use.
///
/// ```
/// use sql_compare::Hazard;
///
/// let diff = sql_compare::diff(
///     "CREATE TABLE t (a integer);",
///     "CREATE TABLE t (a bigint NOT NULL);",
/// )?;
/// let statements = diff.migration().statements();
/// let retype = statements.iter().find(|s| s.sql().contains(" TYPE ")).unwrap();
/// assert_eq!(
///     retype.hazards(),
///     [Hazard::AccessExclusiveLock, Hazard::RewritesTable]
/// );
/// let not_null = statements.iter().find(|s| s.sql().contains("SET NOT NULL")).unwrap();
/// assert_eq!(
///     not_null.hazards(),
///     [Hazard::AccessExclusiveLock, Hazard::ScansTable, Hazard::MayFailOnRows]
/// );
/// assert_eq!(
///     Hazard::RewritesTable.to_string(),
///     "rewrites the table and its indexes"
/// );
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Hazard {
    /// Takes an `ACCESS EXCLUSIVE` lock on a table, view or sequence: every read and write of
    /// it waits until the transaction ends (most `ALTER TABLE` forms, `DROP TABLE`, `DROP
    /// INDEX`, `CREATE POLICY`, `CREATE OR REPLACE VIEW`).
    AccessExclusiveLock,
    /// Takes a `SHARE ROW EXCLUSIVE` lock: writes wait, reads go on (`ADD FOREIGN KEY`, on both
    /// tables; `CREATE TRIGGER`; `ALTER SEQUENCE`, which makes `nextval` wait).
    ShareRowExclusiveLock,
    /// Takes a `SHARE` lock: writes wait, reads go on (`CREATE INDEX`; `ALTER DOMAIN … ADD
    /// CONSTRAINT` and `SET NOT NULL`, on every table that uses the domain).
    ShareLock,
    /// Rewrites the table and rebuilds its indexes, which takes time and disk space for a
    /// large table: a column type change that is not binary coercible, `ADD COLUMN` with a
    /// volatile default, a stored generated or identity column.
    RewritesTable,
    /// Reads every row to check them or to build an index (`SET NOT NULL`, `ADD CONSTRAINT`
    /// without `NOT VALID`, `VALIDATE CONSTRAINT`, `CREATE INDEX`, `ATTACH PARTITION`).
    ScansTable,
    /// Deletes stored data: a dropped table, column or sequence, `TRUNCATE`, `DELETE`.
    DeletesData,
    /// Fails if existing rows break the new rule: `SET NOT NULL`, a CHECK, unique, exclusion
    /// or foreign key constraint, a narrowing type change, an enum label that is removed.
    MayFailOnRows,
    /// Cannot run inside a transaction block (`CREATE INDEX CONCURRENTLY`, `DROP INDEX
    /// CONCURRENTLY`).
    NoTransaction,
}

impl fmt::Display for Hazard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Hazard::AccessExclusiveLock => {
                "takes an ACCESS EXCLUSIVE lock (blocks reads and writes)"
            }
            Hazard::ShareRowExclusiveLock => "takes a SHARE ROW EXCLUSIVE lock (blocks writes)",
            Hazard::ShareLock => "takes a SHARE lock (blocks writes)",
            Hazard::RewritesTable => "rewrites the table and its indexes",
            Hazard::ScansTable => "scans the table",
            Hazard::DeletesData => "deletes data",
            Hazard::MayFailOnRows => "may fail on existing rows",
            Hazard::NoTransaction => "cannot run inside a transaction block",
        })
    }
}

/// The comment line written above a statement with hazards, or None.
pub(super) fn comment(hazards: &[Hazard]) -> Option<String> {
    if hazards.is_empty() {
        return None;
    }
    let list: Vec<String> = hazards.iter().map(Hazard::to_string).collect();
    Some(format!("-- hazard: {}", list.join("; ")))
}

/// Functions whose value changes from row to row: a column added with one of them as its
/// default is filled by rewriting the table.
const VOLATILE: &[&str] = &[
    "random",
    "clock_timestamp",
    "timeofday",
    "gen_random_uuid",
    "uuid_generate_v1",
    "uuid_generate_v1mc",
    "uuid_generate_v4",
    "nextval",
    "txid_current",
];

/// The hazards of a statement, read from its tokens, sorted and each once.
pub(super) fn hazards(sql: &str) -> Vec<Hazard> {
    use Hazard::*;
    let t = toks(sql);
    let mut out = Vec::new();
    let w = words(&t, 4);
    let at = |k: usize, s: &str| w.get(k).is_some_and(|x| *x == s);
    match w.first().copied().unwrap_or("") {
        "drop" => {
            let kind = w.get(1).copied().unwrap_or("");
            match kind {
                "table" | "materialized" | "foreign" | "sequence" => {
                    out.extend([AccessExclusiveLock, DeletesData]);
                }
                "index" if at(2, "concurrently") => out.push(NoTransaction),
                "index" | "trigger" | "policy" | "rule" | "view" => out.push(AccessExclusiveLock),
                _ => {}
            }
        }
        "create" => {
            let k = if at(1, "or") && at(2, "replace") {
                3
            } else {
                1
            };
            let unique = at(k, "unique");
            let kind = w.get(k + usize::from(unique)).copied().unwrap_or("");
            match kind {
                "index" => {
                    if has_word(&t, "concurrently") {
                        out.extend([NoTransaction, ScansTable]);
                    } else {
                        out.extend([ShareLock, ScansTable]);
                    }
                    if unique {
                        out.push(MayFailOnRows);
                    }
                }
                // A new partition locks its parent.
                "table"
                    if t.windows(2)
                        .any(|p| p[0].is_word("partition") && p[1].is_word("of")) =>
                {
                    out.push(AccessExclusiveLock)
                }
                "trigger" | "constraint" => out.push(ShareRowExclusiveLock),
                "policy" | "rule" => out.push(AccessExclusiveLock),
                "view" if k == 3 => out.push(AccessExclusiveLock),
                _ => {}
            }
        }
        "truncate" => out.extend([AccessExclusiveLock, DeletesData]),
        "delete" | "update" => out.push(DeletesData),
        "alter" => match w.get(1).copied().unwrap_or("") {
            "table" | "foreign" => alter_table(&t, &mut out),
            "domain" => {
                let adds = has_word(&t, "add") && !has_word(&t, "valid");
                let not_null = has_word(&t, "set") && has_word(&t, "null");
                // Unlike a table's, a domain's validation blocks writes.
                if adds || not_null || has_word(&t, "validate") {
                    out.extend([ShareLock, ScansTable, MayFailOnRows]);
                }
            }
            "sequence" => out.push(ShareRowExclusiveLock),
            "view" | "materialized" => out.push(AccessExclusiveLock),
            _ => {}
        },
        _ => {}
    }
    out.sort();
    out.dedup();
    out
}

/// The hazards of each action of an `ALTER TABLE`.
fn alter_table(t: &[Tok], out: &mut Vec<Hazard>) {
    use Hazard::*;
    let mut c = Cursor::new(t);
    c.eat("alter");
    c.eat("foreign");
    c.eat("table");
    c.eat_all(&["if", "exists"]);
    c.eat("only");
    if c.name().is_none() {
        out.push(AccessExclusiveLock);
        return;
    }
    c.eat_punct('*');
    let rest = &t[c.i..];
    for r in crate::normalize::split_commas(rest, 0..rest.len()) {
        action(&rest[r], out);
    }
}

fn action(a: &[Tok], out: &mut Vec<Hazard>) {
    use Hazard::*;
    let is = |k: usize, w: &str| a.get(k).is_some_and(|x| x.is_word(w));
    let has = |w: &str| has_word(a, w);
    let not_valid = a
        .windows(2)
        .any(|p| p[0].is_word("not") && p[1].is_word("valid"));
    if is(0, "add") {
        // `ADD [CONSTRAINT name] …` or `ADD [COLUMN] [IF NOT EXISTS] c type …`.
        let k = if is(1, "constraint") { 3 } else { 1 };
        let constraint = ["check", "foreign", "unique", "primary", "exclude"]
            .iter()
            .any(|w| is(k, w));
        if constraint {
            if is(k, "foreign") {
                out.push(ShareRowExclusiveLock);
            } else {
                out.push(AccessExclusiveLock);
            }
            if has("using") && has("index") && !is(k, "exclude") {
                // A unique index already built; a primary key still sets NOT NULL.
                if is(k, "primary") {
                    out.extend([ScansTable, MayFailOnRows]);
                }
            } else if !not_valid {
                out.extend([ScansTable, MayFailOnRows]);
            }
            return;
        }
        out.push(AccessExclusiveLock);
        let generated_stored = has("generated") && has("stored");
        let identity = has("generated") && has("identity");
        let volatile_default = has("default") && VOLATILE.iter().any(|f| has(f));
        if generated_stored || identity || volatile_default || has("serial") || has("bigserial") {
            out.push(RewritesTable);
        }
        let not_null = a
            .windows(2)
            .any(|p| p[0].is_word("not") && p[1].is_word("null"));
        if (not_null && !has("default") && !identity && !generated_stored)
            || has("check")
            || has("references")
            || has("unique")
            || has("primary")
        {
            out.extend([ScansTable, MayFailOnRows]);
        }
        return;
    }
    if is(0, "alter") {
        let k = if is(1, "column") { 3 } else { 2 };
        if is(k, "type") || (is(k, "set") && is(k + 1, "data")) {
            out.extend([AccessExclusiveLock, RewritesTable, MayFailOnRows]);
        } else if is(k, "set") && is(k + 1, "not") {
            out.extend([AccessExclusiveLock, ScansTable, MayFailOnRows]);
        } else if is(k, "set") && (is(k + 1, "statistics") || is(k + 1, "storage")) {
            // SHARE UPDATE EXCLUSIVE: reads and writes go on.
        } else {
            out.push(AccessExclusiveLock);
        }
        return;
    }
    if is(0, "drop") {
        out.push(AccessExclusiveLock);
        // `DROP [COLUMN] c` (a column named `identity` too); not `DROP CONSTRAINT`.
        let of_column = !is(1, "constraint");
        if of_column {
            out.push(DeletesData);
        }
        return;
    }
    if is(0, "validate") {
        // SHARE UPDATE EXCLUSIVE: reads and writes go on while the rows are checked.
        out.extend([ScansTable, MayFailOnRows]);
        return;
    }
    if is(0, "attach") && is(1, "partition") {
        // ACCESS EXCLUSIVE on the partition, SHARE UPDATE EXCLUSIVE on the parent.
        out.extend([AccessExclusiveLock, ScansTable, MayFailOnRows]);
        return;
    }
    if is(0, "detach") && has("concurrently") {
        out.push(NoTransaction);
        return;
    }
    if (is(0, "cluster") && is(1, "on")) || (is(0, "set") && is(1, "without") && is(2, "cluster")) {
        return;
    }
    if (is(0, "enable") || is(0, "disable")) && (is(1, "trigger") || is(2, "trigger")) {
        out.push(ShareRowExclusiveLock);
        return;
    }
    let rewrites = ["logged", "unlogged", "tablespace", "access"];
    if is(0, "set") && rewrites.iter().any(|w| is(1, w)) {
        out.extend([AccessExclusiveLock, RewritesTable]);
        return;
    }
    out.push(AccessExclusiveLock);
}
