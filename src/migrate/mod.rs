//! A migration draft that would turn the left schema into the right one, for review.

use std::fmt;

use crate::classify::object::ObjectKind;
use crate::diff::change::{Change, ChangeKind, SchemaDiff, Snippet};
use crate::normalize::{closing, split_commas};
use crate::split::split;
use crate::tokenize::{Tok, render, tokenize};

mod column;
mod composite;
mod domain;
mod enums;
mod graph;
mod hazard;
mod inherit;
mod known;
mod online;
mod order;
mod partition;
mod retype;
mod rls;
mod sequence;
mod table;
use column::column;
pub use hazard::Hazard;

/// A draft's statements and its `-- manual:` notes.
type Drafted = (Vec<DraftStatement>, Vec<String>);

/// The SQL that would turn the left schema into the right one: a draft for review, printed by
/// its `Display`. What it cannot express safely is a `-- manual:` comment naming the object.
///
/// Statements that destroy something (see [`Destructive`]) are *unsafe*, as migra calls
/// them: unless [`Migration::allow_unsafe`] lets them run, `Display` writes each of them
/// commented out, every line of it after the marker `-- unsafe: `, so that running the draft
/// as it is leaves what they would destroy in place. (A draft whose unsafe statements are
/// withheld may then fail where it re-creates what it drops: a changed index, a changed
/// materialized view.)
///
/// ```
/// let diff = sql_compare::diff(
///     "CREATE TABLE t (a bigint, gone text);",
///     "CREATE TABLE t (a integer NOT NULL, b text);",
/// )?;
/// let draft = diff.migration();
/// let sql = draft.to_string();
/// assert!(sql.contains("\n-- unsafe: ALTER TABLE public.t DROP COLUMN gone;\n"));
/// assert!(sql.contains("\n-- unsafe: ALTER TABLE public.t ALTER COLUMN a TYPE integer USING a::integer;\n"));
/// assert!(sql.contains("\nALTER TABLE public.t ADD COLUMN b text;\n"));
/// assert!(sql.contains("\nALTER TABLE public.t ALTER COLUMN a SET NOT NULL;\n"));
/// assert_eq!(draft.destructive_count(), 2);
///
/// let sql = draft.allow_unsafe(true).to_string();
/// assert!(sql.contains("\nALTER TABLE public.t DROP COLUMN gone;\n"));
/// assert!(!sql.contains("-- unsafe:"));
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Migration<'a> {
    diff: &'a SchemaDiff,
    allow_unsafe: bool,
    online: bool,
    /// The statements and `-- manual:` notes, made when first asked for: `Display`,
    /// [`Migration::statements`] and the counts share them (they do not depend on
    /// `allow_unsafe`).
    drafted: std::sync::OnceLock<Drafted>,
}

impl SchemaDiff {
    /// The migration draft from the left schema to the right one, its unsafe statements
    /// withheld (see [`Migration::allow_unsafe`]).
    pub fn migration(&self) -> Migration<'_> {
        Migration {
            diff: self,
            allow_unsafe: false,
            online: false,
            drafted: std::sync::OnceLock::new(),
        }
    }
}

/// What a destructive statement of a draft destroys, or may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Destructive {
    /// Drops a schema object or a part of one, with whatever it holds: `DROP TABLE`,
    /// `DROP VIEW`, `DROP INDEX`, `DROP TYPE`, `DROP SCHEMA`, `ALTER TABLE … DROP CONSTRAINT`,
    /// `ALTER EXTENSION … DROP …` and every other `DROP`.
    Drop,
    /// Drops a column (`ALTER TABLE … DROP COLUMN`) or a composite type's attribute, and
    /// with it the values it holds.
    DropColumn,
    /// Changes a column's type (`ALTER COLUMN … TYPE`): the conversion may lose data or fail.
    ColumnType,
    /// Deletes or overwrites rows: `DELETE`, `TRUNCATE`, `UPDATE`.
    Rows,
    /// Lowers a table's protection: `ALTER TABLE … DISABLE ROW LEVEL SECURITY` or
    /// `NO FORCE ROW LEVEL SECURITY` lets rows its policies hid be read or written.
    Security,
}

/// One statement of a migration draft, in the order the draft runs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftStatement {
    sql: String,
    destructive: Option<Destructive>,
    hazards: Vec<Hazard>,
}

impl DraftStatement {
    /// The statement's SQL, ending with `;` (it may span lines).
    pub fn sql(&self) -> &str {
        &self.sql
    }

    /// What it destroys, if it is destructive.
    pub fn destructive(&self) -> Option<Destructive> {
        self.destructive
    }

    /// Whether it is destructive (unsafe).
    pub fn is_destructive(&self) -> bool {
        self.destructive.is_some()
    }

    /// What running it risks on a database in use, sorted, each once; `Display` of the draft
    /// writes them as a `-- hazard:` line above it.
    ///
    /// ```
    /// use sql_compare::Hazard;
    ///
    /// let diff = sql_compare::diff("CREATE TABLE t (a int);", "CREATE TABLE t (a int);\nCREATE INDEX i ON public.t (a);")?;
    /// let draft = diff.migration();
    /// let index = &draft.statements()[1];
    /// assert_eq!(index.hazards(), [Hazard::ShareLock, Hazard::ScansTable]);
    /// assert!(draft.to_string().contains(
    ///     "\n-- hazard: takes a SHARE lock (blocks writes); scans the table\nCREATE INDEX i ON public.t (a);\n"
    /// ));
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    pub fn hazards(&self) -> &[Hazard] {
        &self.hazards
    }
}

impl fmt::Display for DraftStatement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sql)
    }
}

/// The statement every non-empty draft starts with: routine bodies are not checked while the
/// objects they use may not exist yet.
const PREAMBLE: &str = "SET check_function_bodies = false;";

/// The marker that starts every line of a withheld unsafe statement.
const UNSAFE_MARKER: &str = "-- unsafe:";

impl Migration<'_> {
    /// Whether `Display` writes the unsafe (destructive) statements live (`true`) or
    /// commented out with the marker `-- unsafe: ` on every line (`false`, the default).
    /// [`Migration::statements`] has them either way.
    ///
    /// ```
    /// let diff = sql_compare::diff("CREATE TABLE t (a int);", "")?;
    /// assert!(diff.migration().to_string().contains("\n-- unsafe: DROP TABLE public.t;\n"));
    /// assert!(diff.migration().allow_unsafe(true).to_string().contains("\nDROP TABLE public.t;\n"));
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn allow_unsafe(mut self, allow: bool) -> Self {
        self.allow_unsafe = allow;
        self
    }

    /// Whether unsafe statements are written live (see [`Migration::allow_unsafe`]).
    pub fn allows_unsafe(&self) -> bool {
        self.allow_unsafe
    }

    /// Writes the draft in its online form (`false` by default): indexes built and dropped
    /// `CONCURRENTLY` after a transactional part between `BEGIN` and `COMMIT`, CHECK and
    /// foreign key constraints added `NOT VALID` and validated after it, `SET NOT NULL`
    /// through a validated check, lock and statement timeouts first. Such a draft must not
    /// run in a single transaction.
    ///
    /// ```
    /// let diff = sql_compare::diff("CREATE TABLE t (a int);", "CREATE TABLE t (a int);\nCREATE INDEX i ON public.t (a);")?;
    /// let sql = diff.migration().online(true).to_string();
    /// assert!(sql.contains("\nCREATE INDEX CONCURRENTLY i ON public.t (a);\n"));
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn online(mut self, online: bool) -> Self {
        if online != self.online {
            self.drafted = std::sync::OnceLock::new();
        }
        self.online = online;
        self
    }

    /// Whether the draft is written in its online form (see [`Migration::online`]).
    ///
    /// ```
    /// let diff = sql_compare::diff("", "CREATE TABLE t (a int);")?;
    /// assert!(!diff.migration().is_online());
    /// assert!(diff.migration().online(true).is_online());
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    pub fn is_online(&self) -> bool {
        self.online
    }

    /// The draft's statements in the order they run, destructive ones marked, withheld or
    /// not: the `SET` that starts every draft, then the changes (in the online form: the
    /// timeouts, `BEGIN`, the transactional part, `COMMIT`, then the statements that run
    /// outside a transaction). None when the schemas are equal. The `-- manual:` notes are
    /// not statements and are not among them.
    ///
    /// ```
    /// use sql_compare::Destructive;
    ///
    /// let diff = sql_compare::diff(
    ///     "CREATE TABLE old (a int);",
    ///     "CREATE TABLE new (a int);",
    /// )?;
    /// let statements = diff.migration().statements();
    /// let marked: Vec<(&str, Option<Destructive>)> =
    ///     statements.iter().map(|s| (s.sql(), s.destructive())).collect();
    /// assert_eq!(
    ///     marked,
    ///     [
    ///         ("SET check_function_bodies = false;", None),
    ///         ("DROP TABLE public.old;", Some(Destructive::Drop)),
    ///         ("CREATE TABLE new (a int);", None),
    ///     ]
    /// );
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    pub fn statements(&self) -> Vec<DraftStatement> {
        if self.diff.is_empty() {
            return Vec::new();
        }
        self.drafted().0.clone()
    }

    /// The draft's statements (see [`Migration::statements`]) and its manual notes.
    fn drafted(&self) -> &Drafted {
        self.drafted.get_or_init(|| self.draft())
    }

    fn draft(&self) -> Drafted {
        if self.diff.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let _known = known::scope(self.diff);
        let plan = self.plan();
        let drafted: Vec<DraftStatement> = plan
            .actions
            .into_iter()
            .map(|a| DraftStatement {
                hazards: a.hazards.unwrap_or_else(|| hazard::hazards(&a.sql)),
                sql: a.sql,
                destructive: a.destructive,
            })
            .collect();
        let statements = if self.online {
            online::online(drafted)
        } else {
            let mut out = Vec::with_capacity(drafted.len() + 1);
            out.push(DraftStatement {
                sql: PREAMBLE.to_string(),
                destructive: None,
                hazards: Vec::new(),
            });
            out.extend(drafted);
            out
        };
        // A name may hold a line break (`"a<newline>DROP TABLE t; --"`): each line of a note
        // stays a comment.
        let notes = plan
            .manual
            .iter()
            .map(|n| n.replace("\r\n", "\n").replace(['\r', '\n'], "\n-- "))
            .collect();
        (statements, notes)
    }

    /// How many of the draft's statements are destructive: those that `Display` withholds
    /// unless unsafe statements are allowed.
    ///
    /// ```
    /// let diff = sql_compare::diff("CREATE TABLE t (a int, b int);", "CREATE TABLE t (a int);")?;
    /// assert_eq!(diff.migration().destructive_count(), 1);
    /// assert_eq!(diff.mirror().migration().destructive_count(), 0);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    pub fn destructive_count(&self) -> usize {
        self.drafted()
            .0
            .iter()
            .filter(|s| s.is_destructive())
            .count()
    }

    /// The draft's `-- manual:` notes: what it leaves to a human, each saying what to write.
    ///
    /// ```
    /// let diff = sql_compare::diff(
    ///     "CREATE TABLE p (a int) PARTITION BY RANGE (a);",
    ///     "CREATE TABLE p (a int) PARTITION BY LIST (a);",
    /// )?;
    /// let notes = diff.migration().manual_notes();
    /// assert_eq!(notes.len(), 1);
    /// assert!(notes[0].contains("INSERT INTO public.p SELECT * FROM public.p__old;"));
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    pub fn manual_notes(&self) -> Vec<String> {
        self.drafted().1.clone()
    }

    /// How many `-- manual:` notes the draft has (see [`Migration::manual_notes`]).
    ///
    /// ```
    /// let diff = sql_compare::diff("CREATE TYPE e AS ENUM ('a', 'b');", "CREATE TYPE e AS ENUM ('a', 'c');")?;
    /// assert_eq!(diff.migration().manual_count(), 0);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    pub fn manual_count(&self) -> usize {
        self.drafted().1.len()
    }

    /// The actions of the draft, in the order they run: ordered by the dependencies between
    /// the objects of each dump (see `order`) when the dumps are known, else by phase.
    fn plan(&self) -> Plan {
        let plan = self.plan_recreating(Vec::new());
        // A label added by `ALTER TYPE … ADD VALUE` cannot be used before the transaction
        // commits: an enum whose new labels the draft uses is recreated instead, unless the
        // online form adds them before its transaction.
        let used = enums::added_labels_used(&plan.actions);
        if used.is_empty() || self.online {
            return plan;
        }
        self.plan_recreating(used)
    }

    /// The actions of the draft, the enums named in `recreate` recreated even if labels
    /// were only added to them.
    fn plan_recreating(&self, recreate: Vec<String>) -> Plan {
        let graph = self.diff.sources.as_ref().map(graph::Graph::new);
        let mut plan = Plan {
            recreate,
            inherit: std::sync::Arc::new(
                graph.as_ref().map(inherit::Tables::new).unwrap_or_default(),
            ),
            taken: std::sync::Arc::new(graph.as_ref().map(taken_names).unwrap_or_default()),
            ..Plan::default()
        };
        for (c, change) in self.diff.changes().iter().enumerate() {
            plan.current = Origin::Whole(c);
            object(&mut plan, change);
        }
        match graph {
            Some(graph) => order::arrange(&mut plan, self.diff, &graph),
            None => plan.actions.sort_by_key(|a| (a.phase, a.order, a.seq)),
        }
        plan
    }
}

/// The order statements must run in: drops of dependants first, then creates of what others
/// depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// The change of the diff an action comes from: an object added or removed whole
/// (`Whole`), or a part of a changed one (`Part`), by their indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
enum Origin {
    #[default]
    None,
    Whole(usize),
    Part(usize, usize),
}

#[derive(Debug, Clone)]
struct Action {
    phase: Phase,
    /// Within a phase: creates follow the right dump's order, drops the reverse of the left's.
    order: i64,
    /// The order actions were planned in: the last tie-breaker.
    seq: usize,
    origin: Origin,
    sql: String,
    destructive: Option<Destructive>,
    /// What running it risks, when known beforehand instead of read from its SQL.
    hazards: Option<Vec<Hazard>>,
}

impl Action {
    fn new(phase: Phase, order: i64, sql: String) -> Self {
        let sql = terminate(sql);
        let destructive = destructive(&sql);
        Action {
            phase,
            order,
            seq: 0,
            origin: Origin::None,
            sql,
            destructive,
            hazards: None,
        }
    }
}

/// The actions of a draft and its `-- manual:` notes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    actions: Vec<Action>,
    manual: Vec<String>,
    /// Enums recreated even if labels were only added to them (see [`Migration::plan`]).
    recreate: Vec<String>,
    /// The types the plan recreates under their name (see `retype`).
    retypes: Vec<retype::Retype>,
    /// Where the actions being planned come from.
    current: Origin,
    /// The tables of both dumps, for the columns they have through their parents.
    inherit: std::sync::Arc<inherit::Tables>,
    /// The names of the relations, indexes and types of both dumps (see [`taken_names`]).
    taken: std::sync::Arc<std::collections::HashSet<String>>,
    /// The temporary names the plan took (see [`Plan::free_name`]).
    claimed: Vec<String>,
}

/// The qualified names of the relations, indexes, constraints and types of both dumps, as the
/// graph writes them: a temporary relation or type must take none (tables, views, sequences
/// and composite types share `pg_type`'s names, relations and indexes `pg_class`'s).
fn taken_names(graph: &graph::Graph<'_>) -> std::collections::HashSet<String> {
    use ObjectKind::*;
    let mut out = std::collections::HashSet::new();
    for n in &graph.nodes {
        if !matches!(n.ns, Table | Type) {
            continue;
        }
        match n.kind {
            Definition => {
                out.insert(n.object.to_string());
            }
            Index => {
                out.insert(n.part.to_string());
            }
            Constraint => {
                if let Some(s) = crate::classify::object::schema_part(&n.object) {
                    out.insert(format!("{s}.{}", n.part));
                }
            }
            _ => {}
        }
    }
    out
}

/// PostgreSQL's longest identifier, in bytes (`NAMEDATALEN - 1`).
const MAX_IDENT: usize = 63;

impl Plan {
    fn push(&mut self, mut action: Action) {
        action.seq = self.actions.len();
        action.origin = self.current;
        self.actions.push(action);
    }

    fn create(&mut self, phase: Phase, line: u32, sql: impl Into<String>) {
        self.push(Action::new(phase, i64::from(line), sql.into()));
    }

    /// [`Plan::create`], with what the statement destroys known beforehand instead of read
    /// from its SQL.
    fn create_as(
        &mut self,
        phase: Phase,
        line: u32,
        sql: String,
        destructive: Option<Destructive>,
    ) {
        self.push(Action {
            phase,
            order: i64::from(line),
            seq: 0,
            origin: Origin::None,
            sql: terminate(sql),
            destructive,
            hazards: None,
        });
    }

    /// [`Plan::create_as`], with the statement's hazards known beforehand too.
    fn create_hazarded(
        &mut self,
        phase: Phase,
        line: u32,
        sql: String,
        destructive: Option<Destructive>,
        hazards: Vec<Hazard>,
    ) {
        self.create_as(phase, line, sql, destructive);
        if let Some(a) = self.actions.last_mut() {
            a.hazards = Some(hazards);
        }
    }

    fn drop(&mut self, phase: Phase, line: u32, sql: impl Into<String>) {
        self.push(Action::new(phase, -i64::from(line), sql.into()));
    }

    /// A name for an object the draft makes or renames for a while, in the schema `schema`
    /// (as written): `local` (unquoted) followed by `suffix`, else by `suffix1`, `suffix2`…,
    /// cut to 63 bytes, that no relation, index or type of either dump and no other temporary
    /// name of the plan has. The qualified name, and its last part as written.
    fn free_name(&mut self, schema: &str, local: &str, suffix: &str) -> Option<(String, String)> {
        let found = (0..1000).find_map(|n| {
            let suffix = if n == 0 {
                suffix.to_string()
            } else {
                format!("{suffix}{n}")
            };
            let mut keep = MAX_IDENT.saturating_sub(suffix.len()).min(local.len());
            while !local.is_char_boundary(keep) {
                keep -= 1;
            }
            let mut bare = String::new();
            let _ = crate::tokenize::write_ident(&mut bare, &format!("{}{suffix}", &local[..keep]));
            let name = format!("{schema}.{bare}");
            let free = !self.taken.contains(&name) && !self.claimed.contains(&name);
            free.then_some((name, bare))
        })?;
        self.claimed.push(found.0.clone());
        Some(found)
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
        // A `;` after a line comment would be part of it.
        let last_line = sql.rsplit('\n').next().unwrap_or_default();
        if last_line.contains("--") {
            sql.push('\n');
        }
        sql.push(';');
    }
    sql
}

impl fmt::Display for Migration<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.diff.is_empty() {
            return Ok(());
        }
        let (statements, manual) = self.drafted();
        writeln!(
            f,
            "-- Migration draft from the left schema to the right one, by sql-compare."
        )?;
        writeln!(f, "-- Review it before running it.")?;
        if self.online {
            for line in [
                "-- Online form: the statements between BEGIN and COMMIT run in one transaction;",
                "-- those after COMMIT run one at a time outside any transaction, since CONCURRENTLY",
                "-- cannot run in one and a validation must not hold the transaction's locks.",
                "-- Do not run this file in a single transaction (psql --single-transaction).",
                "-- A statement that waits longer than lock_timeout for its lock fails instead of",
                "-- blocking the queries queued behind it: run it again later. A CREATE INDEX",
                "-- CONCURRENTLY that fails leaves an invalid index: drop it before trying again.",
            ] {
                writeln!(f, "{line}")?;
            }
        }
        let withheld = statements.iter().filter(|s| s.is_destructive()).count();
        if withheld > 0 && !self.allow_unsafe {
            let s = if withheld == 1 { "" } else { "s" };
            writeln!(
                f,
                "-- {withheld} destructive statement{s} withheld: every line of {} starts with \"{UNSAFE_MARKER} \".",
                if withheld == 1 { "it" } else { "them" }
            )?;
        }
        // The settings that start the draft, then its manual notes, then the rest.
        let settings = statements
            .iter()
            .take_while(|s| s.sql.starts_with("SET "))
            .count();
        for s in &statements[..settings] {
            writeln!(f, "{}", s.sql)?;
        }
        for m in manual {
            writeln!(f, "{m}")?;
        }
        for s in &statements[settings..] {
            writeln!(f)?;
            if self.online && s.sql == online::COMMIT {
                writeln!(f, "{}", s.sql)?;
                if !std::ptr::eq(s, statements.last().unwrap_or(s)) {
                    writeln!(f)?;
                    writeln!(
                        f,
                        "-- Outside any transaction, one statement at a time (psql's default):"
                    )?;
                }
                continue;
            }
            if let Some(line) = hazard::comment(&s.hazards) {
                writeln!(f, "{line}")?;
            }
            if s.is_destructive() && !self.allow_unsafe {
                write_withheld(f, &s.sql)?;
            } else {
                writeln!(f, "{}", s.sql)?;
            }
        }
        Ok(())
    }
}

/// A statement commented out, every line after the unsafe marker.
fn write_withheld(f: &mut impl fmt::Write, sql: &str) -> fmt::Result {
    for line in sql.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            writeln!(f, "{UNSAFE_MARKER}")?;
        } else {
            writeln!(f, "{UNSAFE_MARKER} {line}")?;
        }
    }
    Ok(())
}

/// What a statement of a draft destroys, if anything: read from its tokens, so that the
/// right dump's statements copied into the draft are judged as the draft's own are.
fn destructive(sql: &str) -> Option<Destructive> {
    let t = toks(sql);
    let first = words(&t, 1);
    match first.first().copied()? {
        "drop" => Some(Destructive::Drop),
        "delete" | "truncate" | "update" => Some(Destructive::Rows),
        // A data-modifying `WITH`.
        "with"
            if ["delete", "truncate", "update"]
                .iter()
                .any(|w| has_word(&t, w)) =>
        {
            Some(Destructive::Rows)
        }
        "alter" => lowers_security(&t).or_else(|| altered(&t)),
        _ => None,
    }
}

/// Whether an `ALTER` statement disables row-level security or stops forcing it on the
/// table's owner: the top-level keywords `DISABLE ROW LEVEL SECURITY` or `NO FORCE ROW LEVEL
/// SECURITY` (a quoted name that spells them is a name).
fn lowers_security(t: &[Tok]) -> Option<Destructive> {
    let top = top_level(t);
    let mut is_top = vec![false; t.len()];
    for &i in &top {
        is_top[i] = true;
    }
    let at = |i: usize, w: &[&str]| {
        w.iter()
            .enumerate()
            .all(|(k, w)| is_top.get(i + k) == Some(&true) && t[i + k].is_word(w))
    };
    top.iter()
        .any(|&i| {
            at(i, &["disable", "row", "level", "security"])
                || at(i, &["no", "force", "row", "level", "security"])
        })
        .then_some(Destructive::Security)
}

/// Whether a name, not an action, follows `prev` in an `ALTER` statement.
fn names_follow(prev: Option<&Tok>) -> bool {
    const BEFORE_NAMES: &[&str] = &[
        "table",
        "only",
        "exists",
        "add",
        "alter",
        "column",
        "attribute",
        "constraint",
        "rename",
        "to",
        "references",
        "type",
    ];
    match prev {
        Some(Tok::Punct('.')) => true,
        Some(p) => BEFORE_NAMES.iter().any(|w| p.is_word(w)),
        None => false,
    }
}

/// What an `ALTER` statement destroys, if anything: the first of its top-level `DROP`s (not a
/// column's or a domain's `DROP DEFAULT`, `DROP NOT NULL`, `DROP EXPRESSION` or `DROP
/// IDENTITY`, which keep every value) and its column type changes.
fn altered(t: &[Tok]) -> Option<Destructive> {
    let of_table = t.get(1).is_some_and(|w| w.is_word("table"))
        || (t.get(1).is_some_and(|w| w.is_word("foreign"))
            && t.get(2).is_some_and(|w| w.is_word("table")));
    let mut depth = 0usize;
    for (i, tok) in t.iter().enumerate() {
        match tok {
            Tok::Punct('(' | '[') => depth += 1,
            Tok::Punct(')' | ']') => depth = depth.saturating_sub(1),
            // A `drop` right after a word that a name follows is that name (`"drop"` is the
            // bare word: it is no reserved keyword).
            w if depth == 0 && w.is_word("drop") && !names_follow(t.get(i.wrapping_sub(1))) => {
                let next = t.get(i + 1);
                let is = |x: &str| next.is_some_and(|n| n.is_word(x));
                // `ALTER [COLUMN] c DROP …` changes the column `c`; a `DROP` that starts an
                // action of `ALTER TABLE` drops a column (`DROP identity` drops the column
                // named `identity`) or a constraint.
                let of_column = i >= 2
                    && t[i - 1].ident().is_some()
                    && (t[i - 2].is_word("alter") || t[i - 2].is_word("column"));
                let keeps_values = is("default") || is("not") || is("expression") || is("identity");
                let what = if keeps_values && (of_column || !of_table) {
                    continue;
                } else if is("column") || is("attribute") {
                    Destructive::DropColumn
                } else if is("constraint") || !of_table {
                    Destructive::Drop
                } else {
                    // `ALTER TABLE t DROP c`: COLUMN is optional.
                    Destructive::DropColumn
                };
                return Some(what);
            }
            w if depth == 0 && w.is_word("type") && i >= 2 => {
                let prev = &t[i - 1];
                let before = &t[i - 2];
                let column_type = prev.is_word("data")
                    || (prev.ident().is_some()
                        && !prev.is_word("column")
                        && !prev.is_word("attribute")
                        && (before.is_word("alter")
                            || before.is_word("column")
                            || before.is_word("attribute")));
                if column_type {
                    return Some(Destructive::ColumnType);
                }
            }
            _ => {}
        }
    }
    None
}

/// Tokens of a piece of SQL (a statement or a column definition), or none if it does not lex:
/// the comparison's, for a snippet's text or a dump's statement (see `known`). Only SQL the
/// draft wrote itself (a drafted statement, read for its hazards, its order, its online form)
/// and text the comparison did not read as SQL are tokenized here.
fn toks(text: &str) -> Vec<Tok> {
    if let Some(t) = known::toks(text) {
        return t;
    }
    known::tokenized();
    split(text)
        .ok()
        .and_then(|s| s.first().and_then(|r| tokenize(r).ok()))
        .map(|t| t.toks)
        .unwrap_or_default()
}

fn words(t: &[Tok], n: usize) -> Vec<&str> {
    t.iter().take(n).map(|t| t.word().unwrap_or("")).collect()
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
        toks(s.text()).first().and_then(Tok::word),
        Some(w) if matches!(w, "create" | "alter" | "comment" | "grant" | "revoke" | "insert" | "copy" | "select" | "set")
    )
}

/// Adds the right dump's statements as they are.
fn add_statements(plan: &mut Plan, change: &Change, snippets: &[Snippet]) {
    for s in snippets {
        match statement_phase(s.text()) {
            Some(phase) if is_statement(s) => {
                plan.create(phase, s.lines().start(), s.text().to_string())
            }
            _ => plan.manual(change, "rows or text that is not a statement"),
        }
    }
}

fn object(plan: &mut Plan, change: &Change) {
    use ObjectKind::*;
    match change.change() {
        ChangeKind::Added => add_statements(plan, change, change.right()),
        ChangeKind::Removed if change.kind() == DefaultPrivileges => {
            // Each `ALTER DEFAULT PRIVILEGES … GRANT` revoked, each `REVOKE` granted back.
            for s in change.left() {
                match invert_default_privilege(s.text()) {
                    Some(sql) => plan.drop(Phase::Revoke, s.lines().start(), sql),
                    None => plan.manual(change, "default privilege statement not understood"),
                }
            }
        }
        ChangeKind::Removed => {
            let line = change.left().first().map_or(0, |s| s.lines().start());
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
            let c = match plan.current {
                Origin::Whole(c) | Origin::Part(c, _) => Some(c),
                Origin::None => None,
            };
            for (p, part) in change.details().iter().enumerate() {
                if let Some(c) = c {
                    plan.current = Origin::Part(c, p);
                }
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

/// Whether a statement is an `ALTER TABLE … ENABLE/DISABLE [REPLICA|ALWAYS] TRIGGER`.
fn trigger_firing(text: &str) -> bool {
    let t = toks(text);
    t.first().is_some_and(|w| w.is_word("alter"))
        && t.get(1).is_some_and(|w| w.is_word("table"))
        && t.iter()
            .any(|w| w.is_word("enable") || w.is_word("disable"))
        && has_word(&t, "trigger")
}

fn first_line(s: &[Snippet]) -> u32 {
    s.first().map_or(0, |s| s.lines().start())
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
                    return plan.manual(
                        part,
                        &format!(
                            "the dump does not name this constraint, PostgreSQL did: find its \
                             name with SELECT conname FROM pg_constraint WHERE conrelid = \
                             '{}'::regclass; then write ALTER TABLE {table} DROP CONSTRAINT \
                             <name>;{}",
                            table.replace('\'', "''"),
                            if r.is_empty() {
                                ""
                            } else {
                                " and add the new one"
                            }
                        ),
                    );
                }
                let fk = l.iter().any(|s| has_word(&toks(s.text()), "references"));
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
            // A CHECK constraint the table had from a parent it leaves stays as its own.
            if l.is_empty() && plan.inherit.check_left_by_old_parents(table, part.name()) {
                return;
            }
            for s in r {
                let fk = has_word(&toks(s.text()), "references");
                let phase = if fk {
                    Phase::AddForeignKey
                } else {
                    Phase::AddConstraint
                };
                if is_statement(s) {
                    plan.create(phase, s.lines().start(), s.text().to_string());
                } else {
                    plan.create(
                        phase,
                        s.lines().start(),
                        format!("ALTER TABLE {table} ADD {}", s.text()),
                    );
                }
            }
        }
        // Only whether a trigger fires changes (`ALTER TABLE … ENABLE REPLICA TRIGGER`): the
        // trigger stays, enabled again when the right side says nothing.
        Trigger if !l.is_empty() && l.iter().chain(r).all(|s| trigger_firing(s.text())) => {
            if r.is_empty() {
                plan.create(
                    Phase::CreateTrigger,
                    ll,
                    format!("ALTER TABLE {table} ENABLE TRIGGER {}", part.name()),
                );
            }
            add_statements(plan, part, r);
        }
        Index | Trigger | Policy | Rule | Statistics => {
            if !l.is_empty() {
                let (phase, sql) = match part.kind() {
                    Index if l.iter().all(|s| has_word(&toks(s.text()), "attach")) => {
                        return plan.manual(
                            part,
                            "PostgreSQL cannot detach an index partition: drop the \
                             partition's index and create it again, or detach its table",
                        );
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
            // A relation that becomes one of another kind (a table a view): dropped, then
            // created again; with the dumps known, `order` makes it again whole, with what
            // depends on it.
            Table | View | MaterializedView | ForeignTable | Sequence
                if l.len() == 1
                    && r.len() == 1
                    && relation_kind(l[0].text()).is_some()
                    && relation_kind(l[0].text()) != relation_kind(r[0].text()) =>
            {
                if let Some((phase, what)) = relation_kind(l[0].text()).and_then(drop_relation) {
                    plan.drop(phase, ll, format!("DROP {what} {table}"));
                }
                add_statements(plan, part, r);
            }
            View if !r.is_empty() => {
                for s in r {
                    plan.create(Phase::CreateView, s.lines().start(), or_replace(s.text()));
                }
            }
            Function | Procedure | Aggregate if !r.is_empty() => {
                for s in r {
                    let sql = if is_create(s.text()) {
                        or_replace(s.text())
                    } else {
                        s.text().to_string()
                    };
                    plan.create(Phase::CreateRoutine, s.lines().start(), sql);
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
            Sequence if r.len() == 1 && is_create(r[0].text()) => {
                let t = toks(r[0].text());
                match (l.len(), sequence::alter_options(&t)) {
                    (1, Some(mut opts)) => {
                        // A sequence that turns round restarts at its start: its current
                        // value is out of the new bounds.
                        let down = |o: &str| o.contains("INCREMENT BY -");
                        let was_down =
                            sequence::alter_options(&toks(l[0].text())).is_some_and(|o| down(&o));
                        if was_down != down(&opts) {
                            opts.push_str(" RESTART");
                        }
                        plan.create(
                            Phase::CreateSequence,
                            rl,
                            format!("ALTER SEQUENCE {table} {opts}"),
                        );
                        let unlogged = sequence::unlogged(&toks(l[0].text()));
                        if unlogged != sequence::unlogged(&t) {
                            let what = if unlogged { "LOGGED" } else { "UNLOGGED" };
                            plan.create(
                                Phase::CreateSequence,
                                rl,
                                format!("ALTER SEQUENCE {table} SET {what}"),
                            );
                        }
                    }
                    _ => plan.manual(part, "sequence options changed"),
                }
            }
            Enum if l.len() == 1 && r.len() == 1 => {
                enums::enum_values(plan, part, table, &l[0], &r[0])
            }
            Domain if l.len() == 1 && r.len() == 1 => {
                domain::domain(plan, part, table, &l[0], &r[0])
            }
            _ if l.is_empty() => add_statements(plan, part, r),
            Table
                if l.len() == 1
                    && r.len() == 1
                    && partition::repartition(plan, part, table, &l[0], &r[0]) => {}
            Table
                if l.len() == 1
                    && r.len() == 1
                    && table::table_settings(plan, part, table, &l[0], &r[0]) => {}
            Type if l.len() == 1
                && r.len() == 1
                && composite::composite(plan, table, &l[0], &r[0]) => {}
            _ => plan.manual(part, "its definition changed"),
        },
        Comment => {
            if r.is_empty() {
                for s in l {
                    match uncomment(s.text()) {
                        Some(sql) => plan.create(Phase::Comment, s.lines().start(), sql),
                        None => plan.manual(part, "comment removed"),
                    }
                }
            }
            add_statements(plan, part, r);
        }
        Privileges => {
            for s in l {
                match invert_privilege(s.text()) {
                    Some(sql) => plan.drop(Phase::Revoke, s.lines().start(), sql),
                    None => plan.manual(part, "privilege statement not understood"),
                }
            }
            for s in r {
                plan.create(Phase::Grant, s.lines().start(), s.text().to_string());
            }
        }
        RowSecurity => rls::row_security(plan, part, l, r),
        // Compared only with `strict_column_order`.
        ColumnOrder => {
            let order = r.first().map_or("", |s| s.text().trim());
            let cols = order
                .strip_prefix('(')
                .and_then(|o| o.strip_suffix(')'))
                .unwrap_or(order);
            plan.manual(
                part,
                &format!(
                    "PostgreSQL cannot reorder a table's columns in place (ADD COLUMN puts a \
                     column last): to get the order {order}, create the table anew with its \
                     columns in that order, copy the rows with INSERT INTO <new table> \
                     ({cols}) SELECT {cols} FROM {table};, give it the indexes, constraints, \
                     defaults, triggers, policies, privileges, comments and owner of {table} \
                     and make the views and foreign keys that use {table} use it, drop \
                     {table} and rename the new table to its name; or accept the order"
                ),
            );
        }
        Owner | OwnedBy | Partition | ReplicaIdentity | Cluster => {
            if !l.is_empty() && r.is_empty() {
                let sql = match part.kind() {
                    OwnedBy => format!("ALTER SEQUENCE {table} OWNED BY NONE"),
                    Partition => format!("ALTER TABLE {} DETACH PARTITION {table}", part.name()),
                    ReplicaIdentity => format!("ALTER TABLE {table} REPLICA IDENTITY DEFAULT"),
                    Cluster => format!("ALTER TABLE {table} SET WITHOUT CLUSTER"),
                    _ => return plan.manual(part, "the left dump sets it, the right one does not"),
                };
                // A partition leaves before its parent's columns change.
                let phase = if part.kind() == Partition {
                    Phase::DropConstraint
                } else {
                    Phase::Owner
                };
                plan.create(phase, ll, sql);
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

/// The kind of relation a `CREATE` statement makes: a table (partitioned, unlogged…), a
/// view, a materialized view, a foreign table or a sequence.
fn relation_kind(text: &str) -> Option<ObjectKind> {
    let t = toks(text);
    let mut c = crate::classify::cursor::Cursor::new(&t);
    if !c.eat("create") {
        return None;
    }
    created_kind(&mut c).filter(|k| {
        use ObjectKind::*;
        matches!(k, Table | View | MaterializedView | ForeignTable | Sequence)
    })
}

/// After `CREATE`: the kind of object created, past `OR REPLACE` and the words that may stand
/// before it (`TEMPORARY`, `UNLOGGED`, `RECURSIVE`, `UNIQUE`…).
fn created_kind(c: &mut crate::classify::cursor::Cursor<'_>) -> Option<ObjectKind> {
    c.eat_all(&["or", "replace"]);
    for w in [
        "global",
        "local",
        "temporary",
        "temp",
        "unlogged",
        "recursive",
        "unique",
    ] {
        c.eat(w);
    }
    c.object_kind()
}

/// The phase and the words of the `DROP` of a relation of a kind.
fn drop_relation(kind: ObjectKind) -> Option<(Phase, &'static str)> {
    use ObjectKind::*;
    Some(match kind {
        Table => (Phase::DropRelation, "TABLE"),
        ForeignTable => (Phase::DropRelation, "FOREIGN TABLE"),
        View => (Phase::DropView, "VIEW"),
        MaterializedView => (Phase::DropView, "MATERIALIZED VIEW"),
        Sequence => (Phase::DropType, "SEQUENCE"),
        _ => return None,
    })
}

fn is_create(text: &str) -> bool {
    words(&toks(text), 1) == ["create"]
}

/// `CREATE …` → `CREATE OR REPLACE …` (unless it already says so).
fn or_replace(text: &str) -> String {
    // The `CREATE` token, where it is written: a comment may come before it.
    match located(text) {
        Some((t, at)) if t.first().is_some_and(|w| w.is_word("create")) => {
            if words(&t, 3)[1..].starts_with(&["or", "replace"]) {
                return text.to_string();
            }
            let after = at[0] + "create".len();
            format!("CREATE OR REPLACE{}", &text[after..])
        }
        _ => text.to_string(),
    }
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

/// A statement's tokens and the byte offset in `text` where each starts, the statement's text
/// ending at the last offset (before its final `;`). None if it does not lex, or if an offset
/// is not where the token is written (a word is checked against its spelling). The
/// comparison's tokens for a snippet's text (see `known`); SQL the draft wrote is tokenized.
fn located(text: &str) -> Option<(Vec<Tok>, Vec<usize>)> {
    let (t, mut at, body) = match known::lexed(text) {
        Some(lexed) => {
            let t = lexed.toks()?.to_vec();
            let at = lexed.starts(text)?;
            (t, at, text)
        }
        None => written_located(text)?,
    };
    if at.len() != t.len() {
        return None;
    }
    for (tok, &off) in t.iter().zip(&at) {
        // A word is where it is written (a quoted one may fold to a word).
        if let Some(w) = tok.word()
            && w.is_ascii()
            && !text.get(off..)?.starts_with('"')
            && !text.get(off..off + w.len())?.eq_ignore_ascii_case(w)
        {
            return None;
        }
    }
    let end = body.trim_end();
    let end = end.strip_suffix(';').unwrap_or(end).trim_end();
    at.push((end.as_ptr() as usize - text.as_ptr() as usize) + end.len());
    Some((t, at))
}

/// [`located`] for SQL the draft wrote: its first statement tokenized, the offsets in
/// `text`, and the statement's text.
fn written_located(text: &str) -> Option<(Vec<Tok>, Vec<usize>, &str)> {
    known::tokenized();
    let stmts = split(text).ok()?;
    let r = stmts.first()?;
    let t = tokenize(r).ok()?.toks;
    let starts = crate::parse::positions(r.text, r.meta_lines(), t.len()).tokens;
    if starts.len() != t.len() {
        return None;
    }
    let base = (r.text.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let at = starts.iter().map(|&s| base + s as usize).collect();
    Some((t, at, r.text))
}

/// The indexes of the tokens outside parentheses and brackets.
fn top_level(t: &[Tok]) -> Vec<usize> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for (i, tok) in t.iter().enumerate() {
        match tok {
            Tok::Punct('(' | '[') => depth += 1,
            Tok::Punct(')' | ']') => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(i),
            _ => {}
        }
    }
    out
}

/// `COMMENT ON … IS 'text'` → `COMMENT ON … IS NULL`: what follows the top-level `IS` (a
/// literal, which may hold ` IS ` itself) replaced.
fn uncomment(text: &str) -> Option<String> {
    let (t, at) = located(text)?;
    if !t.first()?.is_word("comment") {
        return None;
    }
    let is = top_level(&t)
        .into_iter()
        .rev()
        .find(|&i| t[i].is_word("is"))?;
    Some(format!("{} IS NULL", text[..at[is]].trim()))
}

/// `ALTER TABLE t ENABLE ROW LEVEL SECURITY` → `… DISABLE …`, `… FORCE …` → `… NO FORCE …`:
/// the keyword token edited, not a name that spells it.
fn lower_row_security(text: &str) -> Option<String> {
    let (t, at) = located(text)?;
    if !t.first()?.is_word("alter") {
        return None;
    }
    let rls = |i: usize| {
        ["row", "level", "security"]
            .iter()
            .enumerate()
            .all(|(k, w)| t.get(i + 1 + k).is_some_and(|x| x.is_word(w)))
    };
    let k = top_level(&t)
        .into_iter()
        .find(|&i| (t[i].is_word("enable") || t[i].is_word("force")) && rls(i))?;
    // Already lowered, or a quoted name where the keyword goes.
    if (k > 0 && t[k - 1].is_word("no")) || text[at[k]..].starts_with('"') {
        return None;
    }
    let with = if t[k].is_word("enable") {
        "DISABLE"
    } else {
        "NO FORCE"
    };
    let end = at[k] + t[k].ident()?.len();
    let start = text[..at[k]].len() - text[..at[k]].trim_start().len();
    Some(format!(
        "{}{with}{}",
        &text[start..at[k]],
        &text[end..at[t.len()]]
    ))
}

/// `ALTER DEFAULT PRIVILEGES … GRANT p ON kind TO r` → `… REVOKE p ON kind FROM r`, and the
/// reverse (see `invert_privilege`).
fn invert_default_privilege(text: &str) -> Option<String> {
    let (t, at) = located(text)?;
    let words = ["alter", "default", "privileges"];
    if !words
        .iter()
        .enumerate()
        .all(|(k, w)| t.get(k).is_some_and(|x| x.is_word(w)))
    {
        return None;
    }
    let k = top_level(&t)
        .into_iter()
        .find(|&i| t[i].is_word("grant") || t[i].is_word("revoke"))?;
    let inverted = invert_privilege(&text[at[k]..at[t.len()]])?;
    Some(format!("{} {inverted}", text[..at[k]].trim()))
}

/// `GRANT p ON o TO r` → `REVOKE p ON o FROM r`, and the reverse, read from the top-level
/// tokens: a `TO` or `FROM` inside a quoted name or a routine's arguments is not the keyword.
fn invert_privilege(text: &str) -> Option<String> {
    let (t, at) = located(text)?;
    let top = top_level(&t);
    let end = at[t.len()];
    let piece = |from: usize, to: usize| text[at[from]..at[to]].trim_end();
    let first = t.first()?;
    if first.is_word("grant") {
        let to = *top.iter().find(|&&i| t[i].is_word("to"))?;
        // `WITH GRANT OPTION` does not belong in a `REVOKE`; `GRANTED BY` does.
        let with = top.iter().copied().find(|&i| {
            i > to
                && t[i].is_word("with")
                && t.get(i + 1).is_some_and(|x| x.is_word("grant"))
                && t.get(i + 2).is_some_and(|x| x.is_word("option"))
        });
        let grantees = match with {
            Some(w) => format!(
                "{}{}",
                piece(to + 1, w),
                match t.get(w + 3) {
                    Some(_) => format!(" {}", text[at[w + 3]..end].trim()),
                    None => String::new(),
                }
            ),
            None => text[at[to + 1]..end].trim().to_string(),
        };
        if to < 2 || grantees.is_empty() {
            return None;
        }
        Some(format!("REVOKE {} FROM {grantees}", piece(1, to)))
    } else if first.is_word("revoke") {
        let from = *top.iter().find(|&&i| t[i].is_word("from"))?;
        let mut what = 1;
        if ["grant", "option", "for"]
            .iter()
            .enumerate()
            .all(|(k, w)| t.get(1 + k).is_some_and(|x| x.is_word(w)))
        {
            what = 4;
        }
        // `CASCADE` or `RESTRICT` ends a `REVOKE`, not a `GRANT`.
        let mut last = t.len();
        let keyword = (t[last - 1].is_word("cascade") || t[last - 1].is_word("restrict"))
            && !text[at[last - 1]..].starts_with('"');
        if keyword && last > from + 2 {
            last -= 1;
        }
        if from <= what || last <= from + 1 {
            return None;
        }
        Some(format!(
            "GRANT {} TO {}",
            piece(what, from),
            piece(from + 1, last)
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
