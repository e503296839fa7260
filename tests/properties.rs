//! Property tests: generated pg_dump-like schemas (a model rendered to SQL text), transformed in
//! ways that must not matter (the diff stays empty) or that must (the diff is not empty and
//! names the object that changed).
//!
//! `PROPTEST_CASES=N` overrides every property's case count for a longer run.

mod common;

use std::fmt::Write as _;

use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use proptest::test_runner::FileFailurePersistence;
use sql_compare::{ChangeKind, Comparer, ObjectKind, SchemaDiff, diff};

use common::Rng;

// ---------------------------------------------------------------------------------------------
// Names and values the generators draw from. Quoted names (capitals, spaces) are among them on
// purpose: case changes must leave them alone.

const TABLES: &[&str] = &[
    "customers",
    "orders",
    "order_items",
    "products",
    "Audit Log",
    "invoices",
    "UserAccounts",
];
const COLUMNS: &[&str] = &[
    "email",
    "display_name",
    "total",
    "price",
    "quantity",
    "created_at",
    "updated_at",
    "note",
    "tags",
    "score",
    "ratio",
    "payload",
    "title",
    "amount",
    "sku",
    "CamelCase",
    "first name",
    "weight",
];
const ENUMS: &[&str] = &["order_status", "mood", "Priority"];
const LABELS: &[&str] = &[
    "pending",
    "paid",
    "shipped",
    "cancelled",
    "it's",
    "a, b",
    "A",
    "a",
    "(x)",
    "ünï",
    "x;y",
];
const FUNCTIONS: &[&str] = &[
    "touch_updated_at",
    "order_total",
    "normalize_email",
    "Next Code",
];
const ARG_TYPES: &[&str] = &[
    "integer",
    "text",
    "bigint",
    "boolean",
    "numeric",
    "integer[]",
    "timestamp with time zone",
    "character varying",
];
const ROLES: &[&str] = &["postgres", "app_owner", "reporting", "Admin Role"];
const PRIVILEGES: &[&str] = &["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"];
const DEFAULTS: &[&str] = &[
    "0",
    "42",
    "''::text",
    "'a, b'::text",
    "'it''s; fine'::text",
    "now()",
    "CURRENT_TIMESTAMP",
    "'{}'::jsonb",
    "jsonb_build_object('a', 1, 'b', ARRAY[1, 2])",
    "gen_random_uuid()",
    "round((random() * (100)::double precision))",
    "COALESCE(NULL::integer, 1, 2)",
    "('2020-01-01 00:00:00+00'::timestamp with time zone + '1 day'::interval)",
    "'{}'::text[]",
    "ARRAY['x'::text, 'y, z'::text]",
    "(1.5)::numeric(10,2)",
    "false",
    "substr(md5((random())::text), 1, 8)",
];
const COMMENTS: &[&str] = &[
    "Customers of the shop.",
    "it's; a \"comment\" -- with /* everything */",
    "$$ not a body $$",
];
const STRINGS: &[&str] = &[
    "hello",
    "x;y",
    "it''s",
    "-- not a comment",
    "/* nor this */",
];

// ---------------------------------------------------------------------------------------------
// The model.

#[derive(Clone, Debug, PartialEq)]
enum Ty {
    Integer,
    Bigint,
    Smallint,
    Text,
    Boolean,
    Numeric(u8, u8),
    Varchar(u16),
    Timestamptz,
    Jsonb,
    Uuid,
    Array(Box<Ty>),
    Enum(String),
}

impl Ty {
    fn sql(&self) -> String {
        match self {
            Ty::Integer => "integer".into(),
            Ty::Bigint => "bigint".into(),
            Ty::Smallint => "smallint".into(),
            Ty::Text => "text".into(),
            Ty::Boolean => "boolean".into(),
            Ty::Numeric(p, s) => format!("numeric({p},{s})"),
            Ty::Varchar(n) => format!("character varying({n})"),
            Ty::Timestamptz => "timestamp with time zone".into(),
            Ty::Jsonb => "jsonb".into(),
            Ty::Uuid => "uuid".into(),
            Ty::Array(t) => format!("{}[]", t.sql()),
            Ty::Enum(name) => format!("public.{}", q(name)),
        }
    }
}

#[derive(Clone, Debug)]
struct Column {
    name: String,
    ty: Ty,
    default: Option<String>,
    not_null: bool,
    comment: Option<String>,
    /// `id` filled from a sequence (`ALTER TABLE … SET DEFAULT nextval(…)`).
    serial: bool,
}

#[derive(Clone, Debug)]
enum CheckExpr {
    Range(String, i32, i32),
    AnyInt(String, Vec<i32>),
    AnyText(String, Vec<String>),
    Length(String, u16),
    Nested(String, usize),
}

impl CheckExpr {
    fn sql(&self) -> String {
        match self {
            CheckExpr::Range(c, lo, hi) => format!("(({c} >= {lo}) AND ({c} <= {hi}))", c = q(c)),
            CheckExpr::AnyInt(c, items) => format!(
                "({} = ANY (ARRAY[{}]))",
                q(c),
                items
                    .iter()
                    .map(i32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            CheckExpr::AnyText(c, items) => format!(
                "(({})::text = ANY ((ARRAY[{}])::text[]))",
                q(c),
                items
                    .iter()
                    .map(|s| format!("{}::character varying", lit(s)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            CheckExpr::Length(c, n) => format!("(char_length(({})::text) <= {n})", q(c)),
            CheckExpr::Nested(c, depth) => format!(
                "{}{} IS NOT NULL{}",
                "(".repeat(*depth),
                q(c),
                ")".repeat(*depth)
            ),
        }
    }

    fn rename(&mut self, from: &str, to: &str) {
        let (CheckExpr::Range(c, ..)
        | CheckExpr::AnyInt(c, _)
        | CheckExpr::AnyText(c, _)
        | CheckExpr::Length(c, _)
        | CheckExpr::Nested(c, _)) = self;
        if c == from {
            *c = to.to_string();
        }
    }
}

#[derive(Clone, Debug)]
struct Check {
    name: String,
    expr: CheckExpr,
}

#[derive(Clone, Debug)]
struct Key {
    name: String,
    primary: bool,
    columns: Vec<String>,
}

#[derive(Clone, Debug)]
struct IndexDef {
    name: String,
    unique: bool,
    /// (column, descending)
    columns: Vec<(String, bool)>,
    partial: Option<String>,
}

#[derive(Clone, Debug)]
struct Table {
    name: String,
    columns: Vec<Column>,
    checks: Vec<Check>,
    keys: Vec<Key>,
    indexes: Vec<IndexDef>,
    owner: String,
    grants: Vec<(Vec<String>, String)>,
    comment: Option<String>,
}

#[derive(Clone, Debug)]
struct Enum {
    name: String,
    labels: Vec<String>,
    owner: String,
}

#[derive(Clone, Debug)]
enum Lit {
    Int(i64),
    Str(String),
}

impl Lit {
    fn sql(&self) -> String {
        match self {
            Lit::Int(n) => n.to_string(),
            Lit::Str(s) => format!("'{s}'"),
        }
    }
}

#[derive(Clone, Debug)]
struct Function {
    name: String,
    /// (argument name, type)
    args: Vec<(String, String)>,
    returns: String,
    plpgsql: bool,
    tag: String,
    literal: Lit,
    owner: String,
}

impl Function {
    /// The name the library keys a function by: argument types only.
    fn key(&self) -> String {
        let types: Vec<&str> = self.args.iter().map(|(_, t)| t.as_str()).collect();
        format!("public.{}({})", q(&self.name), types.join(", "))
    }

    fn signature(&self) -> String {
        let args: Vec<String> = self.args.iter().map(|(n, t)| format!("{n} {t}")).collect();
        format!("public.{}({})", q(&self.name), args.join(", "))
    }
}

#[derive(Clone, Debug)]
struct Schema {
    restrict_key: String,
    enums: Vec<Enum>,
    tables: Vec<Table>,
    functions: Vec<Function>,
}

/// An identifier as pg_dump writes it: quoted unless it is a plain lower-case word.
fn q(ident: &str) -> String {
    let plain = ident
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && ident
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain {
        ident.to_string()
    } else {
        format!("\"{}\"", ident.replace('"', "\"\""))
    }
}

fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn qualified(name: &str) -> String {
    format!("public.{}", q(name))
}

/// A name not yet in `taken`: `base`, `base1`, `base2`…
fn fresh(base: String, taken: &mut Vec<String>) -> String {
    let mut name = base.clone();
    let mut k = 0;
    while taken.contains(&name) {
        k += 1;
        name = format!("{base}{k}");
    }
    taken.push(name.clone());
    name
}

// ---------------------------------------------------------------------------------------------
// Rendering: a dump is a list of chunks, so that transformations can tell statements from
// psql meta-commands and comments between statements.

#[derive(Clone, Debug)]
enum Chunk {
    /// A psql meta-command line (`\restrict …`).
    Meta(String),
    /// pg_dump's `--` comment blocks between statements.
    Note(String),
    Stmt(String),
}

#[derive(Clone, Debug)]
struct Dump(Vec<Chunk>);

impl Dump {
    fn text(&self) -> String {
        let parts: Vec<&str> = self
            .0
            .iter()
            .map(|c| match c {
                Chunk::Meta(s) | Chunk::Note(s) | Chunk::Stmt(s) => s.as_str(),
            })
            .collect();
        parts.join("\n\n") + "\n"
    }

    fn map_statements(mut self, mut f: impl FnMut(&str) -> String) -> Self {
        for c in &mut self.0 {
            if let Chunk::Stmt(s) = c {
                *s = f(s);
            }
        }
        self
    }

    fn without_notes(mut self) -> Self {
        self.0.retain(|c| !matches!(c, Chunk::Note(_)));
        self
    }

    /// Statements in a random order; meta-commands and notes stay where they are.
    fn shuffle_statements(mut self, rng: &mut Rng) -> Self {
        let slots: Vec<usize> = (0..self.0.len())
            .filter(|&i| matches!(self.0[i], Chunk::Stmt(_)))
            .collect();
        let mut stmts: Vec<Chunk> = slots.iter().map(|&i| self.0[i].clone()).collect();
        rng.shuffle(&mut stmts);
        for (slot, stmt) in slots.into_iter().zip(stmts) {
            self.0[slot] = stmt;
        }
        self
    }
}

fn note(name: &str, kind: &str, owner: &str) -> Chunk {
    Chunk::Note(format!(
        "--\n-- Name: {name}; Type: {kind}; Schema: public; Owner: {owner}\n--"
    ))
}

impl Schema {
    fn render(&self) -> Dump {
        let mut out = vec![
            Chunk::Note("--\n-- PostgreSQL database dump\n--".into()),
            Chunk::Meta(format!("\\restrict {}", self.restrict_key)),
            Chunk::Note(
                "-- Dumped from database version 16.4\n-- Dumped by pg_dump version 16.4".into(),
            ),
        ];
        for set in [
            "SET statement_timeout = 0;",
            "SET lock_timeout = 0;",
            "SET idle_in_transaction_session_timeout = 0;",
            "SET client_encoding = 'UTF8';",
            "SET standard_conforming_strings = on;",
            "SELECT pg_catalog.set_config('search_path', '', false);",
            "SET check_function_bodies = false;",
            "SET xmloption = content;",
            "SET client_min_messages = warning;",
            "SET row_security = off;",
        ] {
            out.push(Chunk::Stmt(set.into()));
        }
        for e in &self.enums {
            out.push(note(&e.name, "TYPE", &e.owner));
            let labels: Vec<String> = e.labels.iter().map(|l| format!("    {}", lit(l))).collect();
            out.push(Chunk::Stmt(format!(
                "CREATE TYPE {} AS ENUM (\n{}\n);",
                qualified(&e.name),
                labels.join(",\n")
            )));
            out.push(Chunk::Stmt(format!(
                "ALTER TYPE {} OWNER TO {};",
                qualified(&e.name),
                q(&e.owner)
            )));
        }
        for f in &self.functions {
            out.push(note(&f.name, "FUNCTION", &f.owner));
            let body = if f.plpgsql {
                format!(
                    "\nBEGIN\n    -- a comment inside the body; it's part of it\n    IF $1 IS NULL THEN\n        RAISE EXCEPTION 'no; value';\n    END IF;\n    RETURN {};\nEND;\n",
                    f.literal.sql()
                )
            } else {
                format!(" SELECT {} ", f.literal.sql())
            };
            out.push(Chunk::Stmt(format!(
                "CREATE FUNCTION {} RETURNS {}\n    LANGUAGE {}\n    AS {tag}{body}{tag};",
                f.signature(),
                f.returns,
                if f.plpgsql { "plpgsql" } else { "sql" },
                tag = f.tag,
            )));
            out.push(Chunk::Stmt(format!(
                "ALTER FUNCTION {} OWNER TO {};",
                f.signature(),
                q(&f.owner)
            )));
        }
        out.push(Chunk::Stmt("SET default_tablespace = '';".into()));
        out.push(Chunk::Stmt(
            "SET default_table_access_method = heap;".into(),
        ));
        for t in &self.tables {
            render_table(t, &mut out);
        }
        out.push(Chunk::Note(
            "--\n-- PostgreSQL database dump complete\n--".into(),
        ));
        out.push(Chunk::Meta(format!("\\unrestrict {}", self.restrict_key)));
        Dump(out)
    }

    fn text(&self) -> String {
        self.render().text()
    }
}

fn render_table(t: &Table, out: &mut Vec<Chunk>) {
    let name = qualified(&t.name);
    out.push(note(&t.name, "TABLE", &t.owner));
    let mut elems: Vec<String> = t
        .columns
        .iter()
        .map(|c| {
            let mut s = format!("    {} {}", q(&c.name), c.ty.sql());
            if let Some(d) = &c.default {
                let _ = write!(s, " DEFAULT {d}");
            }
            if c.not_null {
                s.push_str(" NOT NULL");
            }
            s
        })
        .collect();
    for ck in &t.checks {
        elems.push(format!(
            "    CONSTRAINT {} CHECK ({})",
            q(&ck.name),
            ck.expr.sql()
        ));
    }
    out.push(Chunk::Stmt(format!(
        "CREATE TABLE {name} (\n{}\n);",
        elems.join(",\n")
    )));
    out.push(Chunk::Stmt(format!(
        "ALTER TABLE {name} OWNER TO {};",
        q(&t.owner)
    )));
    if let Some(c) = &t.comment {
        out.push(Chunk::Stmt(format!(
            "COMMENT ON TABLE {name} IS {};",
            lit(c)
        )));
    }
    for c in &t.columns {
        if let Some(text) = &c.comment {
            out.push(Chunk::Stmt(format!(
                "COMMENT ON COLUMN {name}.{} IS {};",
                q(&c.name),
                lit(text)
            )));
        }
    }
    for c in t.columns.iter().filter(|c| c.serial) {
        let seq_raw = format!("{}_{}_seq", t.name, c.name);
        let seq = qualified(&seq_raw);
        out.push(note(&seq_raw, "SEQUENCE", &t.owner));
        out.push(Chunk::Stmt(format!(
            "CREATE SEQUENCE {seq}\n    AS {}\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;",
            c.ty.sql()
        )));
        out.push(Chunk::Stmt(format!(
            "ALTER SEQUENCE {seq} OWNER TO {};",
            q(&t.owner)
        )));
        out.push(Chunk::Stmt(format!(
            "ALTER SEQUENCE {seq} OWNED BY {name}.{};",
            q(&c.name)
        )));
        out.push(Chunk::Stmt(format!(
            "ALTER TABLE ONLY {name} ALTER COLUMN {} SET DEFAULT nextval({}::regclass);",
            q(&c.name),
            lit(&seq)
        )));
    }
    for k in &t.keys {
        let cols: Vec<String> = k.columns.iter().map(|c| q(c)).collect();
        out.push(Chunk::Stmt(format!(
            "ALTER TABLE ONLY {name}\n    ADD CONSTRAINT {} {} ({});",
            q(&k.name),
            if k.primary { "PRIMARY KEY" } else { "UNIQUE" },
            cols.join(", ")
        )));
    }
    for i in &t.indexes {
        let cols: Vec<String> = i
            .columns
            .iter()
            .map(|(c, desc)| format!("{}{}", q(c), if *desc { " DESC" } else { "" }))
            .collect();
        let mut s = format!(
            "CREATE {}INDEX {} ON {name} USING btree ({})",
            if i.unique { "UNIQUE " } else { "" },
            q(&i.name),
            cols.join(", ")
        );
        if let Some(w) = &i.partial {
            let _ = write!(s, " WHERE ({} IS NOT NULL)", q(w));
        }
        s.push(';');
        out.push(Chunk::Stmt(s));
    }
    for (privs, role) in &t.grants {
        out.push(Chunk::Stmt(format!(
            "GRANT {} ON TABLE {name} TO {};",
            privs.join(","),
            q(role)
        )));
    }
}

// ---------------------------------------------------------------------------------------------
// Generators.

fn arb_scalar(enums: Vec<String>) -> BoxedStrategy<Ty> {
    let mut options: Vec<BoxedStrategy<Ty>> = vec![
        Just(Ty::Integer).boxed(),
        Just(Ty::Bigint).boxed(),
        Just(Ty::Smallint).boxed(),
        Just(Ty::Text).boxed(),
        Just(Ty::Boolean).boxed(),
        (1u8..=20, 0u8..=6)
            .prop_map(|(p, s)| Ty::Numeric(p.max(s), s))
            .boxed(),
        (1u16..=300).prop_map(Ty::Varchar).boxed(),
        Just(Ty::Timestamptz).boxed(),
        Just(Ty::Jsonb).boxed(),
        Just(Ty::Uuid).boxed(),
    ];
    if !enums.is_empty() {
        options.push(select(enums).prop_map(Ty::Enum).boxed());
    }
    proptest::strategy::Union::new(options).boxed()
}

fn arb_type(enums: Vec<String>) -> BoxedStrategy<Ty> {
    let scalar = arb_scalar(enums);
    prop_oneof![
        4 => scalar.clone(),
        1 => scalar.prop_map(|t| Ty::Array(Box::new(t))),
    ]
    .boxed()
}

prop_compose! {
    fn arb_column(name: String, enums: Vec<String>)(
        ty in arb_type(enums.clone()),
        default in proptest::option::weighted(0.4, select(DEFAULTS)),
        not_null in any::<bool>(),
        comment in proptest::option::weighted(0.2, select(COMMENTS)),
    ) -> Column {
        Column {
            name: name.clone(),
            ty,
            default: default.map(str::to_string),
            not_null,
            comment: comment.map(str::to_string),
            serial: false,
        }
    }
}

/// A CHECK, with the column it is on given as an index.
#[derive(Clone, Debug)]
enum CheckSpec {
    Range(i32, i32),
    AnyInt(Vec<i32>),
    AnyText(Vec<String>),
    Length(u16),
    Nested(usize),
}

fn arb_check_spec() -> impl Strategy<Value = CheckSpec> {
    prop_oneof![
        (-100i32..100, 0i32..1000).prop_map(|(lo, d)| CheckSpec::Range(lo, lo + d)),
        proptest::collection::vec(-50i32..50, 1..5).prop_map(CheckSpec::AnyInt),
        subsequence(LABELS, 1..5)
            .prop_map(|v| CheckSpec::AnyText(v.into_iter().map(str::to_string).collect())),
        (1u16..500).prop_map(CheckSpec::Length),
        (1usize..40).prop_map(CheckSpec::Nested),
    ]
}

/// Everything of a table but its columns, with columns given as indices.
#[derive(Clone, Debug)]
struct TableSpec {
    checks: Vec<(CheckSpec, Index)>,
    primary: Option<Vec<usize>>,
    uniques: Vec<Vec<usize>>,
    indexes: Vec<(bool, Vec<usize>, bool, Option<Index>)>,
    owner: &'static str,
    grants: Vec<(Vec<&'static str>, &'static str)>,
    comment: Option<&'static str>,
}

fn arb_table(name: &'static str, enums: Vec<String>) -> impl Strategy<Value = Table> {
    (
        subsequence(COLUMNS, 2..=6).prop_shuffle(),
        proptest::option::weighted(0.6, prop_oneof![Just(Ty::Integer), Just(Ty::Bigint)]),
    )
        .prop_flat_map(move |(cols, serial)| {
            let columns: Vec<_> = cols
                .iter()
                .map(|c| arb_column(c.to_string(), enums.clone()))
                .collect();
            let n = cols.len() + usize::from(serial.is_some());
            let idx: Vec<usize> = (0..n).collect();
            let spec = (
                proptest::collection::vec((arb_check_spec(), any::<Index>()), 0..3),
                proptest::option::of(subsequence(idx.clone(), 1..=2)),
                proptest::collection::vec(subsequence(idx.clone(), 1..=2), 0..2),
                proptest::collection::vec(
                    (
                        any::<bool>(),
                        subsequence(idx.clone(), 1..=n.min(3)).prop_shuffle(),
                        any::<bool>(),
                        proptest::option::weighted(0.3, any::<Index>()),
                    ),
                    0..3,
                ),
                select(ROLES),
                proptest::collection::vec((subsequence(PRIVILEGES, 1..=3), select(ROLES)), 0..3),
                proptest::option::weighted(0.3, select(COMMENTS)),
            )
                .prop_map(
                    |(checks, primary, uniques, indexes, owner, grants, comment)| TableSpec {
                        checks,
                        primary,
                        uniques,
                        indexes,
                        owner,
                        grants,
                        comment,
                    },
                );
            (Just(serial), columns, spec)
        })
        .prop_map(move |(serial, columns, spec)| build_table(name, serial, columns, spec))
}

fn build_table(name: &str, serial: Option<Ty>, mut columns: Vec<Column>, spec: TableSpec) -> Table {
    if let Some(ty) = serial {
        columns.insert(
            0,
            Column {
                name: "id".into(),
                ty,
                default: None,
                not_null: true,
                comment: None,
                serial: true,
            },
        );
    }
    let col = |i: usize| columns[i].name.clone();
    let mut taken = Vec::new();
    let checks = spec
        .checks
        .into_iter()
        .map(|(s, at)| {
            let c = col(at.index(columns.len()));
            let expr = match s {
                CheckSpec::Range(lo, hi) => CheckExpr::Range(c.clone(), lo, hi),
                CheckSpec::AnyInt(v) => CheckExpr::AnyInt(c.clone(), v),
                CheckSpec::AnyText(v) => CheckExpr::AnyText(c.clone(), v),
                CheckSpec::Length(n) => CheckExpr::Length(c.clone(), n),
                CheckSpec::Nested(d) => CheckExpr::Nested(c.clone(), d),
            };
            Check {
                name: fresh(format!("{name}_{c}_check"), &mut taken),
                expr,
            }
        })
        .collect();
    let mut keys = Vec::new();
    if let Some(cols) = spec.primary {
        keys.push(Key {
            name: fresh(format!("{name}_pkey"), &mut taken),
            primary: true,
            columns: cols.into_iter().map(col).collect(),
        });
    }
    for cols in spec.uniques {
        let cols: Vec<String> = cols.into_iter().map(col).collect();
        keys.push(Key {
            name: fresh(format!("{name}_{}_key", cols.join("_")), &mut taken),
            primary: false,
            columns: cols,
        });
    }
    let indexes = spec
        .indexes
        .into_iter()
        .map(|(unique, cols, desc, partial)| {
            let cols: Vec<String> = cols.into_iter().map(col).collect();
            IndexDef {
                name: fresh(format!("{name}_{}_idx", cols.join("_")), &mut taken),
                unique,
                columns: cols
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (c.clone(), desc && k == 0))
                    .collect(),
                partial: partial.map(|at| col(at.index(columns.len()))),
            }
        })
        .collect();
    Table {
        name: name.to_string(),
        checks,
        keys,
        indexes,
        owner: spec.owner.to_string(),
        grants: spec
            .grants
            .into_iter()
            .map(|(p, r)| (p.into_iter().map(str::to_string).collect(), r.to_string()))
            .collect(),
        comment: spec.comment.map(str::to_string),
        columns,
    }
}

fn arb_enum(name: &'static str) -> impl Strategy<Value = Enum> {
    (subsequence(LABELS, 1..=7).prop_shuffle(), select(ROLES)).prop_map(move |(labels, owner)| {
        Enum {
            name: name.to_string(),
            labels: labels.into_iter().map(str::to_string).collect(),
            owner: owner.to_string(),
        }
    })
}

fn arb_literal() -> impl Strategy<Value = Lit> {
    prop_oneof![
        (-1000i64..1000).prop_map(Lit::Int),
        select(STRINGS).prop_map(|s| Lit::Str(s.to_string())),
    ]
}

fn arb_function(name: &'static str) -> impl Strategy<Value = Function> {
    (
        proptest::collection::vec(select(ARG_TYPES), 0..=3),
        select(&["integer", "text", "trigger", "void", "SETOF bigint"][..]),
        any::<bool>(),
        select(&["$$", "$_$", "$function$"][..]),
        arb_literal(),
        select(ROLES),
    )
        .prop_map(
            move |(args, returns, plpgsql, tag, literal, owner)| Function {
                name: name.to_string(),
                args: args
                    .into_iter()
                    .enumerate()
                    .map(|(k, t)| (format!("p{}", k + 1), t.to_string()))
                    .collect(),
                returns: returns.to_string(),
                plpgsql,
                tag: tag.to_string(),
                literal,
                owner: owner.to_string(),
            },
        )
}

fn arb_key() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{20,64}"
}

fn arb_schema() -> impl Strategy<Value = Schema> {
    (
        subsequence(ENUMS, 1..=3),
        subsequence(TABLES, 1..=3),
        subsequence(FUNCTIONS, 1..=3),
        arb_key(),
    )
        .prop_flat_map(|(enum_names, table_names, function_names, key)| {
            let enum_list: Vec<String> = enum_names.iter().map(|s| s.to_string()).collect();
            let enums: Vec<_> = enum_names.iter().map(|&n| arb_enum(n)).collect();
            let tables: Vec<_> = table_names
                .iter()
                .map(|&n| arb_table(n, enum_list.clone()))
                .collect();
            let functions: Vec<_> = function_names.iter().map(|&n| arb_function(n)).collect();
            (enums, tables, functions, Just(key))
        })
        .prop_map(|(enums, tables, functions, restrict_key)| Schema {
            restrict_key,
            enums,
            tables,
            functions,
        })
}

// ---------------------------------------------------------------------------------------------
// Text transformations that must not matter. They never touch string literals, quoted
// identifiers, dollar-quoted bodies or comments.

/// For each byte of a statement: `None` in SQL code, `Some(k)` inside the k-th literal
/// (string, quoted identifier, dollar-quoted body) or comment.
fn protected(sql: &str) -> Vec<Option<usize>> {
    let b = sql.as_bytes();
    let mut mask = vec![None; b.len()];
    let mut i = 0;
    let mut k = 0;
    let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$';
    while i < b.len() {
        let end = match b[i] {
            q @ (b'\'' | b'"') => {
                let mut j = i + 1;
                loop {
                    assert!(j < b.len(), "generated SQL is unterminated: {sql}");
                    if b[j] == q {
                        if b.get(j + 1) == Some(&q) {
                            j += 2;
                            continue;
                        }
                        break Some(j + 1);
                    }
                    j += 1;
                }
            }
            b'$' if i == 0 || !is_ident(b[i - 1]) => {
                let mut j = i + 1;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                    j += 1;
                }
                if j < b.len() && b[j] == b'$' {
                    let tag = &sql[i..=j];
                    let close = sql[j + 1..].find(tag).expect("closed dollar body");
                    Some(j + 1 + close + tag.len())
                } else {
                    None
                }
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                Some(sql[i..].find('\n').map_or(b.len(), |n| i + n))
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                let mut j = i;
                loop {
                    if sql[j..].starts_with("/*") {
                        depth += 1;
                        j += 2;
                    } else if sql[j..].starts_with("*/") {
                        depth -= 1;
                        j += 2;
                        if depth == 0 {
                            break Some(j);
                        }
                    } else {
                        j += 1;
                    }
                }
            }
            _ => None,
        };
        match end {
            Some(e) => {
                for m in &mut mask[i..e] {
                    *m = Some(k);
                }
                k += 1;
                i = e;
            }
            None => i += 1,
        }
    }
    mask
}

/// Characters next to which whitespace may be added or taken away.
const PUNCT: &[u8] = b"(),[];";

/// Rewrites a statement's whitespace: `gap(before, after, existing)` gives what to put between
/// two bytes of code (`existing` is the whitespace that was there, possibly empty). It is only
/// asked where there is whitespace, or where no whitespace is needed (next to punctuation).
fn rewrite_gaps(sql: &str, mut gap: impl FnMut(u8, u8, &str) -> String) -> String {
    let b = sql.as_bytes();
    let mask = protected(sql);
    let is_ws = |i: usize| mask[i].is_none() && b[i].is_ascii_whitespace();
    let mut out = String::with_capacity(sql.len() * 2);
    let mut i = 0;
    while i < b.len() {
        if is_ws(i) {
            let start = i;
            while i < b.len() && is_ws(i) {
                i += 1;
            }
            let before = if start == 0 { b' ' } else { b[start - 1] };
            let after = b.get(i).copied().unwrap_or(b' ');
            let mut g = gap(before, after, &sql[start..i]);
            // A `--` comment ends at its newline: keep one.
            if start > 0 && mask[start - 1].is_some() && !g.contains('\n') {
                let seg = mask[start - 1];
                let first = (0..start).rev().take_while(|&k| mask[k] == seg).last();
                if first.is_some_and(|f| sql[f..].starts_with("--")) {
                    g.insert(0, '\n');
                }
            }
            out.push_str(&g);
            continue;
        }
        // Copy one character; between it and the next, maybe add a gap.
        let ch_len = sql[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&sql[i..i + ch_len]);
        let j = i + ch_len;
        if j < b.len() && !is_ws(j) {
            let inside = mask[i].is_some() && mask[i] == mask[j];
            let punct = (mask[i].is_none() && PUNCT.contains(&b[i]))
                || (mask[j].is_none() && PUNCT.contains(&b[j]));
            if !inside && punct {
                out.push_str(&gap(b[i], b[j], ""));
            }
        }
        i = j;
    }
    out
}

const SPACES: &[&str] = &[" ", "  ", "\n", "\t", "\n    ", " \r\n\t ", "\n\n"];

fn reflow(sql: &str, rng: &mut Rng) -> String {
    rewrite_gaps(sql, |before, after, existing| {
        let optional = PUNCT.contains(&before) || PUNCT.contains(&after);
        match rng.next() % 4 {
            0 if optional => String::new(),
            1 => existing.to_string(),
            _ => SPACES[(rng.next() % SPACES.len() as u64) as usize].to_string(),
        }
    })
}

const LINE_COMMENTS: &[&str] = &[
    "-- c",
    "--",
    "-- it's; a \"comment\" $$ /* not a block",
    "--- dashes ---",
];
const BLOCK_COMMENTS: &[&str] = &[
    "/* c */",
    "/**/",
    "/* it's; -- \"x\" $$ */",
    "/* outer /* nested; */ still */",
    "/*\n * multi-line\n */",
];

fn pick<'a>(rng: &mut Rng, from: &[&'a str]) -> &'a str {
    from[(rng.next() % from.len() as u64) as usize]
}

fn add_comments(sql: &str, rng: &mut Rng) -> String {
    let body = rewrite_gaps(sql, |_, _, existing| match rng.next() % 5 {
        0 => format!(" {} ", pick(rng, BLOCK_COMMENTS)),
        1 => format!(" {}\n", pick(rng, LINE_COMMENTS)),
        _ => existing.to_string(),
    });
    format!(
        "{} {body} {}",
        pick(rng, BLOCK_COMMENTS),
        pick(rng, LINE_COMMENTS)
    )
}

/// Changes the case of every word of SQL code (keywords and unquoted identifiers).
fn change_case(sql: &str, rng: &mut Rng) -> String {
    let mask = protected(sql);
    let mut out = String::with_capacity(sql.len());
    let mut mode = rng.next() % 3;
    let mut in_word = false;
    for (i, ch) in sql.char_indices() {
        if mask[i].is_some() {
            in_word = false;
            out.push(ch);
            continue;
        }
        let word_char = ch.is_ascii_alphanumeric() || ch == '_';
        if word_char && !in_word {
            mode = rng.next() % 3;
        }
        in_word = word_char;
        match mode {
            0 => out.push(ch.to_ascii_uppercase()),
            1 => out.push(ch.to_ascii_lowercase()),
            _ if rng.next() % 2 == 0 => out.push(ch.to_ascii_uppercase()),
            _ => out.push(ch.to_ascii_lowercase()),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Mutations that must show, with the names the diff must report.

/// What a mutation changed: the object's name, and the names of its parts that must be among
/// the object's `details()`. `exact`: nothing else may differ.
#[derive(Debug)]
struct Expect {
    object: String,
    parts: Vec<String>,
    exact: bool,
}

fn column_name(t: &Table, c: &str) -> String {
    format!("{}.{}", qualified(&t.name), q(c))
}

/// A column that is not the sequence-filled `id` (every table has at least two).
fn plain_column(t: &Table, at: Index) -> usize {
    let plain: Vec<usize> = (0..t.columns.len())
        .filter(|&i| !t.columns[i].serial)
        .collect();
    plain[at.index(plain.len())]
}

/// Two different plain columns.
fn two_columns(t: &Table, a: Index, b: Index) -> (usize, usize) {
    let plain: Vec<usize> = (0..t.columns.len())
        .filter(|&i| !t.columns[i].serial)
        .collect();
    let i = a.index(plain.len());
    let j = (i + 1 + b.index(plain.len() - 1)) % plain.len();
    (plain[i], plain[j])
}

/// A type whose text differs from `ty`'s.
fn other_type(ty: &Ty, pick: Index) -> Ty {
    let choices = [
        Ty::Integer,
        Ty::Bigint,
        Ty::Text,
        Ty::Numeric(12, 2),
        Ty::Numeric(10, 2),
        Ty::Varchar(120),
        Ty::Varchar(121),
        Ty::Array(Box::new(Ty::Text)),
        Ty::Array(Box::new(Ty::Integer)),
        Ty::Timestamptz,
    ];
    let others: Vec<&Ty> = choices.iter().filter(|t| t.sql() != ty.sql()).collect();
    others[pick.index(others.len())].clone()
}

fn check(d: &SchemaDiff, expect: &Expect) -> Result<(), TestCaseError> {
    prop_assert!(!d.is_empty(), "no difference found for {expect:?}");
    let names: Vec<&str> = d.changes().iter().map(|c| c.name()).collect();
    let Some(change) = d.changes().iter().find(|c| c.name() == expect.object) else {
        return Err(TestCaseError::fail(format!(
            "{} is not among the changes {names:?}\n{d}",
            expect.object
        )));
    };
    let details: Vec<&str> = change.details().iter().map(|c| c.name()).collect();
    for part in &expect.parts {
        prop_assert!(
            details.contains(&part.as_str()),
            "{part} is not among the details {details:?} of {}\n{d}",
            expect.object
        );
    }
    if expect.exact {
        prop_assert_eq!(names.len(), 1, "more changes than {:?}\n{}", expect, d);
        prop_assert_eq!(change.change(), ChangeKind::Changed);
        prop_assert_eq!(details.len(), expect.parts.len(), "{:?}\n{}", expect, d);
    }
    Ok(())
}

/// Compares `a` with `b` (statements of `b` shuffled), checks the diff names what `expect`
/// says, and that the other direction mirrors it.
fn assert_sensitive(
    a: &Schema,
    b: &Schema,
    expect: &Expect,
    seed: u64,
) -> Result<(), TestCaseError> {
    let at = a.text();
    let bt = b.render().shuffle_statements(&mut Rng::new(seed)).text();
    let ab = diff(&at, &bt).unwrap();
    check(&ab, expect)?;
    let ba = diff(&bt, &at).unwrap();
    prop_assert_eq!(ba, ab.mirror());
    Ok(())
}

fn assert_equal(a: &str, b: &str) -> Result<(), TestCaseError> {
    let d = diff(a, b).unwrap();
    prop_assert!(d.is_empty(), "expected equal:\n{a}\n---\n{b}\n---\n{d}");
    Ok(())
}

fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        cases: n,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/properties.txt",
        ))),
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Reflexive and symmetric.

/// A random chain of mutations (none to three), for the symmetry property.
fn mutate_randomly(s: &mut Schema, picks: &[(u8, Index, Index, Index)]) {
    for &(what, a, b, c) in picks {
        let t = a.index(s.tables.len());
        let table = &mut s.tables[t];
        let plain = table.columns.iter().filter(|c| !c.serial).count();
        if plain < 2 {
            continue;
        }
        let col = plain_column(table, b);
        match what % 8 {
            0 => table.columns[col].ty = other_type(&table.columns[col].ty, c),
            1 => table.columns[col].not_null ^= true,
            2 => {
                table.columns.remove(col);
            }
            3 => table.owner = ROLES[c.index(ROLES.len())].to_string(),
            4 => table
                .grants
                .push((vec!["SELECT".into()], ROLES[c.index(ROLES.len())].into())),
            5 => {
                let f = c.index(s.functions.len());
                s.functions[f].literal = Lit::Int(7);
            }
            6 => {
                let e = c.index(s.enums.len());
                s.enums[e].labels.pop();
            }
            _ => s.tables.remove(t).name.clear(),
        }
        if s.tables.is_empty() {
            break;
        }
    }
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn reflexive(s in arb_schema()) {
        let text = s.text();
        assert_equal(&text, &text)?;
    }

    #[test]
    fn symmetric(
        s in arb_schema(),
        picks in proptest::collection::vec((any::<u8>(), any::<Index>(), any::<Index>(), any::<Index>()), 0..4),
    ) {
        let a = s.text();
        let mut m = s.clone();
        mutate_randomly(&mut m, &picks);
        let b = m.text();
        let ab = diff(&a, &b).unwrap();
        let ba = diff(&b, &a).unwrap();
        prop_assert_eq!(ba, ab.mirror());
    }
}

// ---------------------------------------------------------------------------------------------
// Invariants: the diff stays empty.

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn shuffling_statements_does_not_matter(s in arb_schema(), seed in any::<u64>()) {
        let dump = s.render();
        let shuffled = dump.clone().shuffle_statements(&mut Rng::new(seed));
        assert_equal(&dump.text(), &shuffled.text())?;
    }

    #[test]
    fn shuffling_columns_does_not_matter(s in arb_schema(), seed in any::<u64>()) {
        let dump = s.render();
        let mut rng = Rng::new(seed);
        let shuffled = dump.clone().map_statements(|st| common::shuffle_columns(st, &mut rng));
        assert_equal(&dump.text(), &shuffled.text())?;
        // And the same through the shared helper that also moves statements around.
        assert_equal(&dump.text(), &common::shuffle_dump(&dump.text(), seed))?;
    }

    #[test]
    fn shuffling_enum_labels_does_not_matter(s in arb_schema(), seed in any::<u64>()) {
        let mut shuffled = s.clone();
        let mut rng = Rng::new(seed);
        for e in &mut shuffled.enums {
            rng.shuffle(&mut e.labels);
        }
        assert_equal(&s.text(), &shuffled.text())?;
    }

    #[test]
    fn reflowing_whitespace_does_not_matter(s in arb_schema(), seed in any::<u64>()) {
        let dump = s.render();
        let mut rng = Rng::new(seed);
        let reflowed = dump.clone().map_statements(|st| reflow(st, &mut rng));
        assert_equal(&dump.text(), &reflowed.text())?;
    }

    #[test]
    fn keyword_and_identifier_case_does_not_matter(s in arb_schema(), seed in any::<u64>()) {
        let dump = s.render();
        let mut rng = Rng::new(seed);
        let cased = dump.clone().map_statements(|st| change_case(st, &mut rng));
        assert_equal(&dump.text(), &cased.text())?;
    }

    #[test]
    fn adding_and_removing_comments_does_not_matter(s in arb_schema(), seed in any::<u64>()) {
        let dump = s.render();
        let mut rng = Rng::new(seed);
        let commented = dump.clone().map_statements(|st| add_comments(st, &mut rng));
        let bare = dump.clone().without_notes();
        assert_equal(&dump.text(), &commented.text())?;
        assert_equal(&bare.text(), &commented.text())?;
        assert_equal(&dump.text(), &bare.text())?;
    }

    #[test]
    fn the_restrict_key_does_not_matter(s in arb_schema(), key in arb_key()) {
        let mut other = s.clone();
        other.restrict_key = key;
        assert_equal(&s.text(), &other.text())?;
    }

    #[test]
    fn all_invariants_at_once(s in arb_schema(), seed in any::<u64>(), key in arb_key()) {
        let mut rng = Rng::new(seed);
        let mut other = s.clone();
        other.restrict_key = key;
        for e in &mut other.enums {
            rng.shuffle(&mut e.labels);
        }
        let transformed = other
            .render()
            .without_notes()
            .map_statements(|st| common::shuffle_columns(st, &mut rng))
            .map_statements(|st| reflow(st, &mut rng))
            .map_statements(|st| change_case(st, &mut rng))
            .map_statements(|st| add_comments(st, &mut rng))
            .shuffle_statements(&mut rng);
        assert_equal(&s.text(), &transformed.text())?;
    }
}

// ---------------------------------------------------------------------------------------------
// Sensitivity: the diff is not empty and names what changed.

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn a_column_type_change_shows(s in arb_schema(), t in any::<Index>(), c in any::<Index>(), ty in any::<Index>(), seed in any::<u64>()) {
        let mut m = s.clone();
        let table = &mut m.tables[t.index(s.tables.len())];
        let col = plain_column(table, c);
        table.columns[col].ty = other_type(&table.columns[col].ty, ty);
        let expect = Expect {
            object: qualified(&table.name),
            parts: vec![column_name(table, &table.columns[col].name)],
            exact: true,
        };
        assert_sensitive(&s, &m, &expect, seed)?;
    }

    #[test]
    fn a_column_default_change_shows(s in arb_schema(), t in any::<Index>(), c in any::<Index>(), d in any::<Index>(), seed in any::<u64>()) {
        let mut m = s.clone();
        let table = &mut m.tables[t.index(s.tables.len())];
        let col = plain_column(table, c);
        let column = &mut table.columns[col];
        let others: Vec<Option<String>> = std::iter::once(None)
            .chain(DEFAULTS.iter().map(|d| Some(d.to_string())))
            .filter(|d| *d != column.default)
            .collect();
        column.default = others[d.index(others.len())].clone();
        let expect = Expect {
            object: qualified(&table.name),
            parts: vec![column_name(table, &table.columns[col].name)],
            exact: true,
        };
        assert_sensitive(&s, &m, &expect, seed)?;
    }

    #[test]
    fn a_nullability_change_shows(s in arb_schema(), t in any::<Index>(), c in any::<Index>(), seed in any::<u64>()) {
        let mut m = s.clone();
        let table = &mut m.tables[t.index(s.tables.len())];
        let col = plain_column(table, c);
        table.columns[col].not_null ^= true;
        let expect = Expect {
            object: qualified(&table.name),
            parts: vec![column_name(table, &table.columns[col].name)],
            exact: true,
        };
        assert_sensitive(&s, &m, &expect, seed)?;
    }

    #[test]
    fn a_column_rename_shows(s in arb_schema(), t in any::<Index>(), c in any::<Index>(), seed in any::<u64>()) {
        let mut m = s.clone();
        let table = &mut m.tables[t.index(s.tables.len())];
        let col = plain_column(table, c);
        let old = table.columns[col].name.clone();
        let new = format!("{old}_renamed");
        // As ALTER TABLE … RENAME COLUMN does: constraints and indexes follow.
        table.columns[col].name = new.clone();
        for ck in &mut table.checks {
            ck.expr.rename(&old, &new);
        }
        for k in &mut table.keys {
            for c in &mut k.columns {
                if *c == old {
                    c.clone_from(&new);
                }
            }
        }
        for i in &mut table.indexes {
            for (c, _) in &mut i.columns {
                if *c == old {
                    c.clone_from(&new);
                }
            }
            if i.partial.as_deref() == Some(old.as_str()) {
                i.partial = Some(new.clone());
            }
        }
        let expect = Expect {
            object: qualified(&table.name),
            parts: vec![column_name(table, &old), column_name(table, &new)],
            exact: false,
        };
        assert_sensitive(&s, &m, &expect, seed)?;
    }

    #[test]
    fn a_removed_column_shows(s in arb_schema(), t in any::<Index>(), c in any::<Index>(), seed in any::<u64>()) {
        let mut m = s.clone();
        let table = &mut m.tables[t.index(s.tables.len())];
        let col = plain_column(table, c);
        let removed = table.columns.remove(col);
        let mut parts = vec![column_name(table, &removed.name)];
        if removed.comment.is_some() {
            // Its COMMENT ON COLUMN goes with it.
            parts.push(format!("column {}", column_name(table, &removed.name)));
        }
        let expect = Expect { object: qualified(&table.name), parts, exact: true };
        assert_sensitive(&s, &m, &expect, seed)?;
    }

    #[test]
    fn swapping_two_column_types_shows(s in arb_schema(), t in any::<Index>(), c1 in any::<Index>(), c2 in any::<Index>(), ty in any::<Index>(), seed in any::<u64>()) {
        let mut a = s.clone();
        let table = &mut a.tables[t.index(s.tables.len())];
        let (i, j) = two_columns(table, c1, c2);
        if table.columns[i].ty.sql() == table.columns[j].ty.sql() {
            table.columns[j].ty = other_type(&table.columns[i].ty, ty);
        }
        let mut b = a.clone();
        let tb = &mut b.tables[t.index(s.tables.len())];
        let ti = tb.columns[i].ty.clone();
        tb.columns[i].ty = std::mem::replace(&mut tb.columns[j].ty, ti);
        let mut parts = vec![column_name(tb, &tb.columns[i].name), column_name(tb, &tb.columns[j].name)];
        parts.sort();
        let expect = Expect { object: qualified(&tb.name), parts, exact: true };
        assert_sensitive(&a, &b, &expect, seed)?;
    }

    #[test]
    fn swapping_numeric_arguments_between_columns_shows(
        s in arb_schema(),
        t in any::<Index>(), c1 in any::<Index>(), c2 in any::<Index>(),
        p1 in 1u8..=38, p2 in 1u8..=38, s1 in 0u8..=10, ds in 1u8..=10,
        swap_scale in any::<bool>(),
        seed in any::<u64>(),
    ) {
        // numeric(p1,s1), numeric(p2,s2) → numeric(p1,s2), numeric(p2,s1): the same tokens
        // in the same multiset of "comma-separated pieces", so naive splitting sees nothing.
        let s2 = s1 + ds;
        let p1 = p1.max(s2);
        let mut p2 = p2.max(s2);
        if p2 == p1 {
            p2 += 1;
        }
        let mut a = s.clone();
        let ti = t.index(s.tables.len());
        let (i, j) = two_columns(&a.tables[ti], c1, c2);
        a.tables[ti].columns[i].ty = Ty::Numeric(p1, s1);
        a.tables[ti].columns[j].ty = Ty::Numeric(p2, s2);
        let mut b = a.clone();
        let tb = &mut b.tables[ti];
        if swap_scale {
            tb.columns[i].ty = Ty::Numeric(p1, s2);
            tb.columns[j].ty = Ty::Numeric(p2, s1);
        } else {
            tb.columns[i].ty = Ty::Numeric(p2, s1);
            tb.columns[j].ty = Ty::Numeric(p1, s2);
        }
        let mut parts = vec![column_name(tb, &tb.columns[i].name), column_name(tb, &tb.columns[j].name)];
        parts.sort();
        let expect = Expect { object: qualified(&tb.name), parts, exact: true };
        assert_sensitive(&a, &b, &expect, seed)?;
    }

    #[test]
    fn swapping_check_list_items_between_constraints_shows(
        s in arb_schema(),
        t in any::<Index>(), c1 in any::<Index>(), c2 in any::<Index>(),
        xs in proptest::collection::vec(-50i32..50, 2..5),
        ys in proptest::collection::vec(50i32..100, 2..5),
        k in any::<Index>(),
        seed in any::<u64>(),
    ) {
        let mut a = s.clone();
        let ti = t.index(s.tables.len());
        let (i, j) = two_columns(&a.tables[ti], c1, c2);
        let table = &mut a.tables[ti];
        let (ci, cj) = (table.columns[i].name.clone(), table.columns[j].name.clone());
        let mut taken: Vec<String> = table.checks.iter().map(|c| c.name.clone()).collect();
        let n1 = fresh(format!("{}_{ci}_list", table.name), &mut taken);
        let n2 = fresh(format!("{}_{cj}_list", table.name), &mut taken);
        table.checks.push(Check { name: n1.clone(), expr: CheckExpr::AnyInt(ci.clone(), xs.clone()) });
        table.checks.push(Check { name: n2.clone(), expr: CheckExpr::AnyInt(cj.clone(), ys.clone()) });
        let mut b = a.clone();
        let tb = &mut b.tables[ti];
        let k = k.index(xs.len().min(ys.len()));
        let (mut xs2, mut ys2) = (xs.clone(), ys.clone());
        std::mem::swap(&mut xs2[k], &mut ys2[k]);
        let last = tb.checks.len();
        tb.checks[last - 2].expr = CheckExpr::AnyInt(ci, xs2);
        tb.checks[last - 1].expr = CheckExpr::AnyInt(cj, ys2);
        let mut parts = vec![q(&n1), q(&n2)];
        parts.sort();
        let expect = Expect { object: qualified(&tb.name), parts, exact: true };
        assert_sensitive(&a, &b, &expect, seed)?;
    }

    #[test]
    fn reordering_index_columns_shows(s in arb_schema(), t in any::<Index>(), c1 in any::<Index>(), c2 in any::<Index>(), unique in any::<bool>(), seed in any::<u64>()) {
        let mut a = s.clone();
        let ti = t.index(s.tables.len());
        let (i, j) = two_columns(&a.tables[ti], c1, c2);
        let table = &mut a.tables[ti];
        let cols = vec![(table.columns[i].name.clone(), false), (table.columns[j].name.clone(), false)];
        let mut taken: Vec<String> = table.indexes.iter().map(|x| x.name.clone()).collect();
        taken.extend(table.keys.iter().map(|k| k.name.clone()));
        let name = fresh(format!("{}_pair_idx", table.name), &mut taken);
        table.indexes.push(IndexDef { name: name.clone(), unique, columns: cols, partial: None });
        let mut b = a.clone();
        b.tables[ti].indexes.last_mut().unwrap().columns.reverse();
        let expect = Expect { object: qualified(&b.tables[ti].name), parts: vec![qualified(&name)], exact: true };
        assert_sensitive(&a, &b, &expect, seed)?;
    }

    #[test]
    fn reordering_key_columns_shows(s in arb_schema(), t in any::<Index>(), c1 in any::<Index>(), c2 in any::<Index>(), primary in any::<bool>(), seed in any::<u64>()) {
        let mut a = s.clone();
        let ti = t.index(s.tables.len());
        let (i, j) = two_columns(&a.tables[ti], c1, c2);
        let table = &mut a.tables[ti];
        if primary {
            table.keys.retain(|k| !k.primary);
        }
        let mut taken: Vec<String> = table.keys.iter().map(|k| k.name.clone()).collect();
        taken.extend(table.indexes.iter().map(|x| x.name.clone()));
        let name = fresh(
            if primary { format!("{}_pkey", table.name) } else { format!("{}_pair_key", table.name) },
            &mut taken,
        );
        let columns = vec![table.columns[i].name.clone(), table.columns[j].name.clone()];
        table.keys.push(Key { name: name.clone(), primary, columns });
        let mut b = a.clone();
        b.tables[ti].keys.last_mut().unwrap().columns.reverse();
        let expect = Expect { object: qualified(&b.tables[ti].name), parts: vec![q(&name)], exact: true };
        assert_sensitive(&a, &b, &expect, seed)?;
    }

    #[test]
    fn a_literal_change_in_a_function_body_shows(s in arb_schema(), f in any::<Index>(), other in arb_literal(), seed in any::<u64>()) {
        let mut m = s.clone();
        let func = &mut m.functions[f.index(s.functions.len())];
        func.literal = match (&func.literal, other) {
            (Lit::Int(n), _) => Lit::Int(n + 1),
            (Lit::Str(a), Lit::Str(b)) if *a != b => Lit::Str(b),
            (Lit::Str(a), _) => Lit::Str(format!("{a}!")),
        };
        let expect = Expect { object: func.key(), parts: vec![func.key()], exact: true };
        assert_sensitive(&s, &m, &expect, seed)?;
    }

    #[test]
    fn an_added_grant_shows(s in arb_schema(), t in any::<Index>(), p in any::<Index>(), seed in any::<u64>()) {
        let mut m = s.clone();
        let table = &mut m.tables[t.index(s.tables.len())];
        table.grants.push((vec![PRIVILEGES[p.index(PRIVILEGES.len())].to_string()], "newcomer".into()));
        let expect = Expect { object: qualified(&table.name), parts: vec![qualified(&table.name)], exact: true };
        assert_sensitive(&s, &m, &expect, seed)?;
    }

    #[test]
    fn an_owner_change_shows(s in arb_schema(), what in 0u8..3, at in any::<Index>(), role in any::<Index>(), seed in any::<u64>()) {
        let mut m = s.clone();
        let (owner, object) = match what {
            0 => {
                let t = &mut m.tables[at.index(s.tables.len())];
                (&mut t.owner, qualified(&t.name))
            }
            1 => {
                let e = &mut m.enums[at.index(s.enums.len())];
                (&mut e.owner, qualified(&e.name))
            }
            _ => {
                let f = &mut m.functions[at.index(s.functions.len())];
                let key = f.key();
                (&mut f.owner, key)
            }
        };
        let others: Vec<&str> = ROLES.iter().copied().filter(|r| *r != owner.as_str()).collect();
        *owner = others[role.index(others.len())].to_string();
        // A table's owner also owns its sequences: both change.
        let serial = what == 0
            && m.tables[at.index(s.tables.len())].columns.iter().any(|c| c.serial);
        let expect = Expect { object: object.clone(), parts: vec![object], exact: !serial };
        assert_sensitive(&s, &m, &expect, seed)?;
    }

    #[test]
    fn strict_options_see_order(s in arb_schema(), seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let mut shuffled = s.clone();
        for e in &mut shuffled.enums {
            let before = e.labels.clone();
            e.labels.reverse();
            if e.labels == before {
                e.labels.push("added".into());
            }
        }
        let a = s.text();
        let b = shuffled.text();
        let d = Comparer::new().strict_enum_order(true).diff(&a, &b).unwrap();
        for e in &s.enums {
            prop_assert!(d.changes().iter().any(|c| c.name() == qualified(&e.name) && c.kind() == ObjectKind::Enum), "{}\n{d}", e.name);
        }
        // Columns in another order: equal by default, different when the order is strict.
        let mut moved = s.clone();
        for t in &mut moved.tables {
            t.columns.rotate_left(1);
        }
        let c = moved.render().shuffle_statements(&mut rng).text();
        assert_equal(&a, &c)?;
        let d = Comparer::new().strict_column_order(true).diff(&a, &c).unwrap();
        for t in &s.tables {
            let name = qualified(&t.name);
            prop_assert!(d.changes().iter().any(|ch| ch.name() == name
                && ch.details().iter().any(|x| x.kind() == ObjectKind::ColumnOrder)), "{name}\n{d}");
        }
    }
}

/// Prints a generated dump and its transformed versions, to look at what the generators make:
/// `cargo test --test properties show_a_generated_dump -- --ignored --nocapture`.
#[test]
#[ignore = "prints a sample; for people working on the generators"]
fn show_a_generated_dump() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let s = arb_schema().new_tree(&mut runner).unwrap().current();
    let mut rng = Rng::new(7);
    let dump = s.render();
    println!("{}", dump.text());
    println!(
        "=====REFLOW\n{}",
        dump.clone()
            .map_statements(|st| reflow(st, &mut rng))
            .text()
    );
    println!(
        "=====CASE\n{}",
        dump.clone()
            .map_statements(|st| change_case(st, &mut rng))
            .text()
    );
    println!(
        "=====COMMENTS\n{}",
        dump.clone()
            .map_statements(|st| add_comments(st, &mut rng))
            .text()
    );
}
