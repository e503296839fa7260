//! Kinds of schema objects and of their parts, and how objects are named.

use std::borrow::Cow;
use std::fmt;

/// The kind of a schema object, or of a part of one (a column, a constraint, an owner…).
///
/// Its `Display` is the lower-case name used in reports and JSON (`"materialized view"`).
///
/// ```
/// use sql_compare::ObjectKind;
///
/// let diff = sql_compare::diff("", "CREATE MATERIALIZED VIEW public.totals AS SELECT 1 AS n;")?;
/// assert_eq!(diff.changes()[0].kind(), ObjectKind::MaterializedView);
/// assert_eq!(ObjectKind::MaterializedView.to_string(), "materialized view");
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ObjectKind {
    /// `CREATE SCHEMA`.
    Schema,
    /// `CREATE EXTENSION`.
    Extension,
    /// `CREATE TYPE … AS ENUM`.
    Enum,
    /// Any other `CREATE TYPE` (composite, range, base, shell).
    Type,
    /// `CREATE DOMAIN`.
    Domain,
    /// `CREATE COLLATION`.
    Collation,
    /// `CREATE SEQUENCE`.
    Sequence,
    /// `CREATE TABLE`.
    Table,
    /// `CREATE FOREIGN TABLE`.
    ForeignTable,
    /// `CREATE VIEW`.
    View,
    /// `CREATE MATERIALIZED VIEW`.
    MaterializedView,
    /// `CREATE FUNCTION`.
    Function,
    /// `CREATE PROCEDURE`.
    Procedure,
    /// `CREATE AGGREGATE`.
    Aggregate,
    /// `CREATE OPERATOR`.
    Operator,
    /// `CREATE OPERATOR CLASS`.
    OperatorClass,
    /// `CREATE OPERATOR FAMILY`.
    OperatorFamily,
    /// `CREATE TEXT SEARCH CONFIGURATION`.
    TextSearchConfiguration,
    /// `CREATE TEXT SEARCH DICTIONARY`.
    TextSearchDictionary,
    /// `CREATE TEXT SEARCH PARSER`.
    TextSearchParser,
    /// `CREATE TEXT SEARCH TEMPLATE`.
    TextSearchTemplate,
    /// `CREATE EVENT TRIGGER`.
    EventTrigger,
    /// `CREATE PUBLICATION`.
    Publication,
    /// `CREATE SUBSCRIPTION`.
    Subscription,
    /// `CREATE FOREIGN DATA WRAPPER`.
    ForeignDataWrapper,
    /// `CREATE SERVER`.
    Server,
    /// `CREATE USER MAPPING`.
    UserMapping,
    /// `CREATE CAST`.
    Cast,
    /// `CREATE [PROCEDURAL] LANGUAGE`.
    Language,
    /// `CREATE CONVERSION`.
    Conversion,
    /// `CREATE STATISTICS`.
    Statistics,
    /// `CREATE ACCESS METHOD`.
    AccessMethod,
    /// `CREATE TRANSFORM`.
    Transform,
    /// `ALTER DEFAULT PRIVILEGES`.
    DefaultPrivileges,
    /// The database itself (`COMMENT ON DATABASE`, `ALTER DATABASE`).
    Database,
    /// A role or role membership (`CREATE ROLE`, `GRANT role TO role`).
    Role,
    /// A session setting: `SET name = …` or `SELECT pg_catalog.set_config('name', …)`.
    Setting,
    /// A column of a table, view or type.
    Column,
    /// A table or domain constraint.
    Constraint,
    /// An index.
    Index,
    /// A trigger on a table.
    Trigger,
    /// A row-level security policy.
    Policy,
    /// A rewrite rule.
    Rule,
    /// The part of an object's definition that is not broken down further (for a table: what
    /// is outside its column list, such as `PARTITION BY` or `INHERITS`).
    Definition,
    /// The order of a table's columns (only compared when column order is significant).
    ColumnOrder,
    /// `ALTER TABLE … ATTACH PARTITION`: a table's place as a partition.
    Partition,
    /// `COMMENT ON`.
    Comment,
    /// `GRANT` and `REVOKE`.
    Privileges,
    /// `ALTER … OWNER TO`.
    Owner,
    /// `ALTER SEQUENCE … OWNED BY`.
    OwnedBy,
    /// `ENABLE` / `FORCE ROW LEVEL SECURITY`.
    RowSecurity,
    /// `REPLICA IDENTITY`.
    ReplicaIdentity,
    /// `CLUSTER ON`.
    Cluster,
    /// Rows of a table (`INSERT`, `COPY` data) or a sequence's value (`setval`).
    Data,
    /// A statement of a form this crate does not break down, keyed by its canonical text.
    Other,
}

impl ObjectKind {
    /// The lower-case name used in reports and JSON.
    ///
    /// ```
    /// assert_eq!(sql_compare::ObjectKind::ForeignTable.as_str(), "foreign table");
    /// ```
    pub fn as_str(self) -> &'static str {
        use ObjectKind::*;
        match self {
            Schema => "schema",
            Extension => "extension",
            Enum => "enum",
            Type => "type",
            Domain => "domain",
            Collation => "collation",
            Sequence => "sequence",
            Table => "table",
            ForeignTable => "foreign table",
            View => "view",
            MaterializedView => "materialized view",
            Function => "function",
            Procedure => "procedure",
            Aggregate => "aggregate",
            Operator => "operator",
            OperatorClass => "operator class",
            OperatorFamily => "operator family",
            TextSearchConfiguration => "text search configuration",
            TextSearchDictionary => "text search dictionary",
            TextSearchParser => "text search parser",
            TextSearchTemplate => "text search template",
            EventTrigger => "event trigger",
            Publication => "publication",
            Subscription => "subscription",
            ForeignDataWrapper => "foreign data wrapper",
            Server => "server",
            UserMapping => "user mapping",
            Cast => "cast",
            Language => "language",
            Conversion => "conversion",
            Statistics => "statistics",
            AccessMethod => "access method",
            Transform => "transform",
            DefaultPrivileges => "default privileges",
            Database => "database",
            Role => "role",
            Setting => "setting",
            Column => "column",
            Constraint => "constraint",
            Index => "index",
            Trigger => "trigger",
            Policy => "policy",
            Rule => "rule",
            Definition => "definition",
            ColumnOrder => "column order",
            Partition => "partition",
            Comment => "comment",
            Privileges => "privileges",
            Owner => "owner",
            OwnedBy => "owned by",
            RowSecurity => "row security",
            ReplicaIdentity => "replica identity",
            Cluster => "cluster",
            Data => "data",
            Other => "other",
        }
    }

    /// Objects of kinds that share a namespace in PostgreSQL are one object when their names
    /// match: `ALTER TABLE s OWNER TO` and `CREATE SEQUENCE s` speak of the same relation.
    pub(crate) fn namespace(self) -> ObjectKind {
        use ObjectKind::*;
        match self {
            Table | ForeignTable | View | MaterializedView | Sequence | Index => Table,
            Enum | Type | Domain => Type,
            Function | Procedure | Aggregate => Function,
            k => k,
        }
    }
}

impl fmt::Display for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ObjectKind {
    /// Whether objects of this kind live in a schema (and so have schema-qualified names).
    pub(crate) fn in_schema(self) -> bool {
        use ObjectKind::*;
        matches!(
            self.namespace(),
            Table
                | Type
                | Function
                | Collation
                | Operator
                | OperatorClass
                | OperatorFamily
                | TextSearchConfiguration
                | TextSearchDictionary
                | TextSearchParser
                | TextSearchTemplate
                | Conversion
                | Statistics
        )
    }
}

/// The schema of a qualified object name: its first component, when a `.` follows it before
/// any `(` (`public` of `public.f(app.t)`).
pub(crate) fn schema_part(name: &str) -> Option<&str> {
    let mut quoted = false;
    for (i, c) in name.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '.' if !quoted => return Some(&name[..i]),
            '(' if !quoted => return None,
            _ => {}
        }
    }
    None
}

/// The schema that names inside an object's statements are read relative to (see
/// `SkipSchema`): the schema of its name, unquoted, or `public`. Objects of unknown forms
/// (keyed by their text) are read relative to `public`.
pub(crate) fn names_schema(key: &ObjectKey) -> Cow<'_, str> {
    if key.ns == ObjectKind::Other {
        return Cow::Borrowed("public");
    }
    unquoted_schema(&key.name)
}

/// The schema of a qualified name, unquoted, or `public` for an unqualified one.
pub(crate) fn unquoted_schema(name: &str) -> Cow<'_, str> {
    match schema_part(name) {
        Some(q) => unquote_ident(q),
        None => Cow::Borrowed("public"),
    }
}

/// One identifier as written in a name (`a`, `"A"`, `"a""b"`) as PostgreSQL reads it: without
/// its quotes, a doubled `""` inside one `"`.
pub(crate) fn unquote_ident(written: &str) -> Cow<'_, str> {
    match written
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) if inner.contains('"') => Cow::Owned(inner.replace("\"\"", "\"")),
        Some(inner) => Cow::Borrowed(inner),
        None => Cow::Borrowed(written),
    }
}

/// The identity of a top-level object: its namespace and its schema-qualified name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct ObjectKey {
    pub ns: ObjectKind,
    pub name: std::sync::Arc<str>,
}

/// The identity of a part of an object.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct PartKey {
    pub kind: ObjectKind,
    pub name: Box<str>,
}

/// Whether `name` matches a pattern where `*` stands for any run of characters. A pattern
/// without a `.` also matches the last component of a qualified name
/// (`schema_migrations` matches `public.schema_migrations`).
pub(crate) fn name_matches(pattern: &str, name: &str) -> bool {
    if glob(pattern, name) {
        return true;
    }
    // An unqualified name (old or hand-written dumps) is taken to be in `public`.
    if pattern.contains('.') && !name.contains('.') && glob(pattern, &format!("public.{name}")) {
        return true;
    }
    if !pattern.contains('.') {
        let base = name.split('(').next().unwrap_or(name);
        if let Some((_, last)) = base.rsplit_once('.') {
            return glob(pattern, last);
        }
    }
    false
}

fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Iterative wildcard matching with backtracking to the last `*`: linear in practice.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] != '*' && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_names_and_last_components() {
        assert!(name_matches(
            "schema_migrations",
            "public.schema_migrations"
        ));
        assert!(name_matches("public.schema_*", "public.schema_migrations"));
        assert!(name_matches("*_seq", "public.a_id_seq"));
        assert!(name_matches("*", "x"));
        assert!(!name_matches(
            "schema_migrations",
            "public.schema_migrations_x"
        ));
        assert!(!name_matches(
            "other.schema_migrations",
            "public.schema_migrations"
        ));
        assert!(name_matches("f", "public.f(integer)"));
        assert!(name_matches("public.schema_*", "schema_migrations"));
        assert!(!name_matches("app.schema_*", "schema_migrations"));
    }

    #[test]
    fn schemas_are_read_unquoted() {
        assert_eq!(unquoted_schema("public.t"), "public");
        assert_eq!(unquoted_schema("t"), "public");
        assert_eq!(unquoted_schema("\"A\".t"), "A");
        assert_eq!(unquoted_schema("\"a\"\"b\".\"c.d\""), "a\"b");
        assert_eq!(unquoted_schema("\"\"\"x\".t"), "\"x");
        assert_eq!(unquoted_schema("\"x\"\"\".f(a.b)"), "x\"");
    }

    #[test]
    fn relation_kinds_share_a_namespace() {
        assert_eq!(ObjectKind::Sequence.namespace(), ObjectKind::Table);
        assert_eq!(ObjectKind::View.namespace(), ObjectKind::Table);
        assert_eq!(ObjectKind::Domain.namespace(), ObjectKind::Type);
        assert_eq!(ObjectKind::Schema.namespace(), ObjectKind::Schema);
    }
}
