//! Inputs shared by the benches: pairs from the corpus at `../shared/corpus`, and large
//! synthetic schemas generated here, deterministically, in pg_dump's layout.
//!
//! The generated pair is the same schema written twice: the left side in pg_dump's order, the
//! right side with its statements shuffled, the columns of every `CREATE TABLE`, the labels of
//! every enum and the privileges of every `GRANT` in another order, and another `\restrict`
//! key. With the default options the two compare equal.
#![allow(dead_code)]

pub mod usage;

use std::path::PathBuf;

/// One pair of inputs to compare.
pub struct Pair {
    /// A short name for tables and benchmark ids.
    pub name: String,
    pub left: String,
    pub right: String,
    /// Whether the default options must find the two sides equal (checked before timing).
    pub expect_equal: Option<bool>,
}

impl Pair {
    /// Bytes of both sides together.
    pub fn bytes(&self) -> usize {
        self.left.len() + self.right.len()
    }
}

/// `../shared/corpus` beside the crate, or `None` with a message when it is missing.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("pairs").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: the corpus benches need the corpus at {} (it is missing)",
            dir.display()
        );
        None
    }
}

/// A pair of the corpus (`pairs/<name>/a.dump.sql`, `b.dump.sql`), or `None` with a message.
pub fn corpus_pair(name: &str, expect_equal: Option<bool>) -> Option<Pair> {
    let dir = corpus_dir()?.join("pairs").join(name);
    let read = |side: &str| {
        let path = dir.join(side);
        std::fs::read_to_string(&path)
            .map_err(|e| eprintln!("skipped: {}: {e}", path.display()))
            .ok()
    };
    Some(Pair {
        name: name.to_string(),
        left: read("a.dump.sql")?,
        right: read("b.dump.sql")?,
        expect_equal,
    })
}

/// The corpus pairs the benches use: MusicBrainz (1.18 MB a side, columns reordered) and a
/// mid-size one (Danbooru, about 200 KB a side). Missing ones are left out with a message.
pub fn corpus_pairs() -> Vec<Pair> {
    [
        corpus_pair("order-musicbrainz-columns", Some(true)),
        corpus_pair("roundtrip-danbooru", None),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Whether the 50 MB pair is wanted (`SQL_COMPARE_BENCH_LARGE=1`).
pub fn large_enabled() -> bool {
    std::env::var("SQL_COMPARE_BENCH_LARGE").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// A generated pair of about `mb` decimal megabytes a side, named `gen-<mb>MB`.
pub fn generated_pair(mb: usize) -> Pair {
    let (left, right) = generate(mb * 1_000_000, 0x5EED_0000 + mb as u64);
    Pair {
        name: format!("gen-{mb}MB"),
        left,
        right,
        expect_equal: Some(true),
    }
}

/// A small deterministic random number generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `1/n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// A statement of the generated schema, with the pieces whose order does not matter kept
/// apart so that each side can write them in its own order.
enum Stmt {
    /// Written as is.
    Plain(String),
    /// `head` + one item per line (`,` between) + `tail`: the elements of a `CREATE TABLE`.
    Lines {
        head: String,
        items: Vec<String>,
        tail: String,
    },
    /// `head` + items joined by `sep` + `tail`: enum labels, privileges of a `GRANT`.
    Inline {
        head: String,
        items: Vec<String>,
        sep: &'static str,
        tail: String,
    },
}

impl Stmt {
    fn write(&self, out: &mut String, rng: Option<&mut Rng>) {
        let (head, items, sep, tail) = match self {
            Stmt::Plain(s) => {
                out.push_str(s);
                return;
            }
            Stmt::Lines { head, items, tail } => (head, items, ",\n    ", tail),
            Stmt::Inline {
                head,
                items,
                sep,
                tail,
            } => (head, items, *sep, tail),
        };
        let mut order: Vec<&String> = items.iter().collect();
        if let Some(rng) = rng {
            rng.shuffle(&mut order);
        }
        out.push_str(head);
        for (k, item) in order.iter().enumerate() {
            if k > 0 {
                out.push_str(sep);
            }
            out.push_str(item);
        }
        out.push_str(tail);
    }
}

/// The sections of a dump, in the order pg_dump writes them.
#[derive(Clone, Copy)]
enum Section {
    Schemas,
    Types,
    Functions,
    Tables,
    Defaults,
    Constraints,
    Indexes,
    Triggers,
    ForeignKeys,
    Grants,
}

const SECTIONS: usize = 10;

struct Builder {
    sections: [Vec<(String, Stmt)>; SECTIONS],
    bytes: usize,
}

impl Builder {
    /// Adds a statement with pg_dump's `-- Name: …; Type: …` header above it.
    fn add(&mut self, section: Section, name: &str, kind: &str, schema: &str, stmt: Stmt) {
        let header = format!(
            "--\n-- Name: {name}; Type: {kind}; Schema: {schema}; Owner: app_owner\n--\n\n"
        );
        self.bytes += header.len()
            + match &stmt {
                Stmt::Plain(s) => s.len(),
                Stmt::Lines { head, items, tail } => {
                    head.len() + tail.len() + items.iter().map(|i| i.len() + 6).sum::<usize>()
                }
                Stmt::Inline {
                    head, items, tail, ..
                } => head.len() + tail.len() + items.iter().map(|i| i.len() + 2).sum::<usize>(),
            }
            + 3;
        self.sections[section as usize].push((header, stmt));
    }

    fn plain(&mut self, section: Section, name: &str, kind: &str, schema: &str, text: String) {
        self.add(section, name, kind, schema, Stmt::Plain(text));
    }
}

const SCHEMAS: &[&str] = &[
    "public",
    "billing",
    "catalog",
    "crm",
    "inventory",
    "audit",
    "reporting",
    "\"Legacy\"",
];

const WORDS: &[&str] = &[
    "name",
    "title",
    "email",
    "status",
    "amount",
    "price",
    "quantity",
    "created_at",
    "updated_at",
    "deleted_at",
    "owner_id",
    "parent_id",
    "account_id",
    "note",
    "description",
    "code",
    "slug",
    "position",
    "weight",
    "is_active",
    "metadata",
    "tags",
    "score",
    "expires_at",
    "currency",
    "country",
    "locale",
    "version",
    "checksum",
    "external_ref",
];

const ENUM_LABELS: &[&str] = &[
    "draft",
    "pending",
    "active",
    "paused",
    "archived",
    "deleted",
    "failed",
    "done",
    "queued",
    "running",
    "cancelled",
    "refunded",
];

const PRIVILEGES: &[&str] = &[
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "TRUNCATE",
    "REFERENCES",
    "TRIGGER",
];

/// Generates a pair of dumps of the same schema, each about `target_bytes` long: thousands of
/// tables with sequences, defaults, checks, primary and foreign keys, indexes, enums, trigger
/// functions, triggers, views, comments, owners and grants. The same `seed` gives the same
/// text.
pub fn generate(target_bytes: usize, seed: u64) -> (String, String) {
    let mut rng = Rng::new(seed);
    let mut b = Builder {
        sections: Default::default(),
        bytes: 0,
    };
    for s in SCHEMAS.iter().filter(|s| **s != "public") {
        b.plain(
            Section::Schemas,
            s,
            "SCHEMA",
            "-",
            format!("CREATE SCHEMA {s};"),
        );
        b.plain(
            Section::Schemas,
            s,
            "SCHEMA",
            "-",
            format!("ALTER SCHEMA {s} OWNER TO app_owner;"),
        );
        b.plain(
            Section::Grants,
            s,
            "ACL",
            "-",
            format!("GRANT USAGE ON SCHEMA {s} TO app_reader;"),
        );
    }
    // Enums used by the tables: (qualified name, labels).
    let mut enums: Vec<String> = Vec::new();
    let mut tables: Vec<String> = Vec::new();
    let mut i = 0usize;
    while b.bytes < target_bytes {
        let schema = SCHEMAS[i % SCHEMAS.len()];
        if i % 8 == 0 {
            let name = format!("{schema}.state_{i}");
            let n = 3 + rng.below(8);
            let mut labels: Vec<String> =
                ENUM_LABELS[..n].iter().map(|l| format!("'{l}'")).collect();
            if rng.one_in(4) {
                labels.push(format!("'with ''quote'' {i}'"));
            }
            b.add(
                Section::Types,
                &format!("state_{i}"),
                "TYPE",
                schema,
                Stmt::Inline {
                    head: format!("CREATE TYPE {name} AS ENUM (\n    "),
                    items: labels,
                    sep: ",\n    ",
                    tail: "\n);".into(),
                },
            );
            b.plain(
                Section::Types,
                &format!("state_{i}"),
                "TYPE",
                schema,
                format!("ALTER TYPE {name} OWNER TO app_owner;"),
            );
            enums.push(name);
        }
        table(&mut b, &mut rng, schema, i, &enums, &tables);
        tables.push(format!("{schema}.t{i}"));
        i += 1;
    }

    let mut left = String::with_capacity(b.bytes + 4096);
    let mut right = String::with_capacity(b.bytes + 4096);
    let settings = [
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
    ];
    let top = |key: &str| {
        format!(
            "--\n-- PostgreSQL database dump\n--\n\n\\restrict {key}\n\n\
             -- Dumped from database version 15.18\n-- Dumped by pg_dump version 15.18\n\n"
        )
    };
    left.push_str(&top(
        "GeneratedLeftKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL",
    ));
    right.push_str(&top(
        "GeneratedRightKey123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL",
    ));
    for s in settings {
        left.push_str(s);
        left.push('\n');
    }
    let mut shuffled_settings = settings;
    rng.shuffle(&mut shuffled_settings);
    for s in shuffled_settings {
        right.push_str(s);
        right.push('\n');
    }
    left.push('\n');
    right.push('\n');

    let mut all: Vec<&(String, Stmt)> = Vec::new();
    for section in &b.sections {
        for entry in section {
            left.push_str(&entry.0);
            entry.1.write(&mut left, None);
            left.push_str("\n\n\n");
            all.push(entry);
        }
    }
    rng.shuffle(&mut all);
    for entry in all {
        right.push_str(&entry.0);
        entry.1.write(&mut right, Some(&mut rng));
        right.push_str("\n\n\n");
    }
    let end = |key: &str| {
        format!("--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict {key}\n\n")
    };
    left.push_str(&end(
        "GeneratedLeftKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL",
    ));
    right.push_str(&end(
        "GeneratedRightKey123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL",
    ));
    (left, right)
}

/// One table with everything pg_dump writes about it.
fn table(
    b: &mut Builder,
    rng: &mut Rng,
    schema: &str,
    i: usize,
    enums: &[String],
    tables: &[String],
) {
    use Section::*;
    let name = format!("t{i}");
    let q = format!("{schema}.{name}");
    let mut cols: Vec<String> = vec!["id bigint NOT NULL".into()];
    let mut col_names: Vec<String> = vec!["id".into()];
    let ncols = 4 + rng.below(14);
    let mut used = std::collections::HashSet::new();
    let mut fk: Option<(String, String)> = None;
    let mut has_updated_at = false;
    let mut has_amount = false;
    for _ in 0..ncols {
        let word = *rng.pick(WORDS);
        if !used.insert(word) {
            continue;
        }
        let col = match word {
            "amount" | "price" => {
                has_amount = word == "amount";
                format!("{word} numeric(12,2) DEFAULT 0 NOT NULL")
            }
            "quantity" | "position" | "version" => format!("{word} integer DEFAULT 1 NOT NULL"),
            "weight" | "score" => format!("{word} double precision"),
            "created_at" | "updated_at" => {
                has_updated_at |= word == "updated_at";
                format!("{word} timestamp with time zone DEFAULT now() NOT NULL")
            }
            "deleted_at" | "expires_at" => format!("{word} timestamp without time zone"),
            "owner_id" | "parent_id" | "account_id" => {
                if fk.is_none() && !tables.is_empty() {
                    let target = tables[rng.below(tables.len())].clone();
                    fk = Some((word.to_string(), target));
                }
                format!("{word} bigint")
            }
            "is_active" => "is_active boolean DEFAULT true NOT NULL".into(),
            "metadata" => "metadata jsonb DEFAULT '{}'::jsonb NOT NULL".into(),
            "tags" => "tags text[] DEFAULT '{}'::text[]".into(),
            "status" if !enums.is_empty() => {
                let e = &enums[rng.below(enums.len())];
                format!("status {e} DEFAULT 'draft'::{e} NOT NULL")
            }
            "email" | "code" | "slug" | "currency" | "country" | "locale" => {
                format!("{word} character varying({})", 2 + rng.below(254))
            }
            _ => format!("{word} text"),
        };
        cols.push(col);
        col_names.push(word.to_string());
    }
    if rng.one_in(6) {
        cols.push("\"MixedCase\" text COLLATE pg_catalog.\"C\"".into());
    }
    if has_amount {
        cols.push(format!(
            "CONSTRAINT {name}_amount_check CHECK ((amount >= (0)::numeric))"
        ));
    }
    b.add(
        Tables,
        &name,
        "TABLE",
        schema,
        Stmt::Lines {
            head: format!("CREATE TABLE {q} (\n    "),
            items: cols,
            tail: "\n);".into(),
        },
    );
    b.plain(
        Tables,
        &name,
        "TABLE",
        schema,
        format!("ALTER TABLE {q} OWNER TO app_owner;"),
    );
    if rng.one_in(3) {
        b.plain(
            Tables,
            &format!("TABLE {name}"),
            "COMMENT",
            schema,
            format!("COMMENT ON TABLE {q} IS 'Rows of {name}: generated for the benchmarks, it''s synthetic.';"),
        );
    }
    // The id sequence, owned by the column.
    let seq = format!("{q}_id_seq");
    b.plain(
        Tables,
        &format!("{name}_id_seq"),
        "SEQUENCE",
        schema,
        format!("CREATE SEQUENCE {seq}\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;"),
    );
    b.plain(
        Tables,
        &format!("{name}_id_seq"),
        "SEQUENCE",
        schema,
        format!("ALTER SEQUENCE {seq} OWNER TO app_owner;"),
    );
    b.plain(
        Tables,
        &format!("{name}_id_seq"),
        "SEQUENCE OWNED BY",
        schema,
        format!("ALTER SEQUENCE {seq} OWNED BY {q}.id;"),
    );
    b.plain(
        Defaults,
        &format!("{name} id"),
        "DEFAULT",
        schema,
        format!("ALTER TABLE ONLY {q} ALTER COLUMN id SET DEFAULT nextval('{seq}'::regclass);"),
    );
    b.plain(
        Constraints,
        &format!("{name} {name}_pkey"),
        "CONSTRAINT",
        schema,
        format!("ALTER TABLE ONLY {q}\n    ADD CONSTRAINT {name}_pkey PRIMARY KEY (id);"),
    );
    // Indexes on some of the other columns.
    for col in col_names.iter().skip(1).filter(|_| rng.one_in(3)) {
        let (unique, method) = match col.as_str() {
            "email" | "slug" | "code" => ("UNIQUE ", "btree"),
            "metadata" | "tags" => ("", "gin"),
            _ => ("", "btree"),
        };
        let idx = format!("{name}_{col}_idx");
        let cond = if col == "deleted_at" {
            " WHERE (deleted_at IS NULL)"
        } else {
            ""
        };
        b.plain(
            Indexes,
            &idx,
            "INDEX",
            schema,
            format!("CREATE {unique}INDEX {idx} ON {q} USING {method} ({col}){cond};"),
        );
    }
    if let Some((col, target)) = fk {
        b.plain(
            ForeignKeys,
            &format!("{name} {name}_{col}_fkey"),
            "FK CONSTRAINT",
            schema,
            format!("ALTER TABLE ONLY {q}\n    ADD CONSTRAINT {name}_{col}_fkey FOREIGN KEY ({col}) REFERENCES {target}(id) ON DELETE CASCADE;"),
        );
    }
    // A trigger function and its trigger.
    if has_updated_at && rng.one_in(2) {
        let f = format!("{schema}.touch_{name}()");
        b.plain(
            Functions,
            &format!("touch_{name}()"),
            "FUNCTION",
            schema,
            format!(
                "CREATE FUNCTION {f} RETURNS trigger\n    LANGUAGE plpgsql\n    AS $$\nBEGIN\n    \
                 -- keep updated_at current; a ';' inside the body must not split it\n    \
                 IF NEW IS DISTINCT FROM OLD THEN\n        NEW.updated_at := now();\n    END IF;\n    \
                 RAISE DEBUG 'touched %', '{name}';\n    RETURN NEW;\nEND;\n$$;"
            ),
        );
        b.plain(
            Functions,
            &format!("touch_{name}()"),
            "FUNCTION",
            schema,
            format!("ALTER FUNCTION {f} OWNER TO app_owner;"),
        );
        b.plain(
            Triggers,
            &format!("{name} {name}_touch"),
            "TRIGGER",
            schema,
            format!("CREATE TRIGGER {name}_touch BEFORE UPDATE ON {q} FOR EACH ROW EXECUTE FUNCTION {f};"),
        );
    }
    // A SQL function with arguments now and then, and a view.
    if rng.one_in(5) {
        let f = format!(
            "{schema}.count_{name}(since timestamp with time zone, active boolean DEFAULT true)"
        );
        b.plain(
            Functions,
            &format!("count_{name}(timestamp with time zone, boolean)"),
            "FUNCTION",
            schema,
            format!("CREATE FUNCTION {f} RETURNS bigint\n    LANGUAGE sql STABLE\n    AS $_$\n  SELECT count(*) FROM {q} WHERE id > 0 AND $2;\n$_$;"),
        );
        b.plain(
            Functions,
            &format!("count_{name}(timestamp with time zone, boolean)"),
            "FUNCTION",
            schema,
            format!("ALTER FUNCTION {schema}.count_{name}(since timestamp with time zone, active boolean) OWNER TO app_owner;"),
        );
    }
    if rng.one_in(6) {
        let cols = col_names
            .iter()
            .take(4)
            .cloned()
            .collect::<Vec<_>>()
            .join(",\n    ");
        b.plain(
            Tables,
            &format!("{name}_view"),
            "VIEW",
            schema,
            format!("CREATE VIEW {q}_view AS\n SELECT {cols}\n   FROM {q}\n  WHERE (({q}.id % (2)::bigint) = 0);"),
        );
        b.plain(
            Tables,
            &format!("{name}_view"),
            "VIEW",
            schema,
            format!("ALTER VIEW {q}_view OWNER TO app_owner;"),
        );
    }
    // Grants.
    let n = 1 + rng.below(PRIVILEGES.len());
    let privs: Vec<String> = PRIVILEGES[..n].iter().map(|p| p.to_string()).collect();
    b.add(
        Grants,
        &format!("TABLE {name}"),
        "ACL",
        schema,
        Stmt::Inline {
            head: "GRANT ".into(),
            items: privs,
            sep: ",",
            tail: format!(" ON TABLE {q} TO app_writer;"),
        },
    );
    b.plain(
        Grants,
        &format!("TABLE {name}"),
        "ACL",
        schema,
        format!("GRANT SELECT ON TABLE {q} TO app_reader;"),
    );
    if rng.one_in(4) {
        b.plain(
            Grants,
            &format!("SEQUENCE {name}_id_seq"),
            "ACL",
            schema,
            format!("GRANT SELECT,USAGE ON SEQUENCE {seq} TO app_writer;"),
        );
    }
}

/// The process held on one CPU while this lives (both parsing threads of `diff` then share
/// that CPU, so `diff` runs as if sequentially); the CPUs it had are given back on drop.
///
/// The public API always parses the two sides on two threads; pinning the whole process with
/// `taskset` is how the benches measure the sequential cost without a hook in the library.
pub struct OneCpu {
    pid: String,
    original: String,
}

fn allowed_cpus() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("Cpus_allowed_list:"))
        .map(|s| s.trim().to_string())
}

/// Sets the CPUs of this process's main thread (the one that runs the benches; the threads it
/// starts from then on inherit them). Not `-a` (every thread): a thread that `diff` started to
/// free memory may end while taskset walks the list, which makes it fail.
fn taskset(cpus: &str, pid: &str) -> bool {
    std::process::Command::new("taskset")
        .args(["-p", "-c", cpus, pid])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

impl OneCpu {
    /// Pins the main thread of this process (and so every thread it starts) to its first
    /// allowed CPU, or says why it cannot and gives `None`.
    pub fn pin() -> Option<OneCpu> {
        let original = allowed_cpus()?;
        let first: String = original
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let pid = std::process::id().to_string();
        if first.is_empty() || !taskset(&first, &pid) || allowed_cpus().as_deref() != Some(&first) {
            eprintln!(
                "skipped: the sequential variant needs `taskset` (util-linux) to pin the process to one CPU"
            );
            return None;
        }
        Some(OneCpu { pid, original })
    }
}

impl Drop for OneCpu {
    fn drop(&mut self) {
        if !taskset(&self.original, &self.pid) {
            eprintln!("warning: could not give the CPUs {} back", self.original);
        }
    }
}

/// sqlparser's tokenizer alone (PostgreSQL dialect) over a whole text: the baseline.
pub fn bare_tokenize(text: &str) -> usize {
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::tokenizer::Tokenizer;
    let dialect = PostgreSqlDialect {};
    match Tokenizer::new(&dialect, text).tokenize_with_location() {
        Ok(tokens) => tokens.len(),
        Err(e) => panic!("the bare tokenizer failed: {e}"),
    }
}

/// The distinct statement texts of a pair (both sides, first occurrence first), as
/// `sql_compare::statements` splits them, and the bytes of all its statements.
pub struct Distinct<'a> {
    pub texts: Vec<&'a str>,
    pub all_bytes: usize,
}

pub fn distinct_statements(pair: &Pair) -> Distinct<'_> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Distinct {
        texts: Vec::new(),
        all_bytes: 0,
    };
    for side in [&pair.left, &pair.right] {
        let stmts = sql_compare::statements(side).unwrap_or_else(|e| panic!("{}: {e}", pair.name));
        for s in stmts {
            out.all_bytes += s.text().len();
            if seen.insert(s.text()) {
                out.texts.push(s.text());
            }
        }
    }
    out
}

/// The bare tokenizer over each text on its own, one after the other, into one buffer that is
/// kept from one text to the next (as `diff` tokenizes statements); the number of tokens.
pub fn bare_tokenize_each(texts: &[&str]) -> usize {
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::tokenizer::Tokenizer;
    let dialect = PostgreSqlDialect {};
    let mut buf = Vec::new();
    let mut count = 0;
    for text in texts {
        buf.clear();
        if let Err(e) = Tokenizer::new(&dialect, text).tokenize_with_location_into_buf(&mut buf) {
            panic!("the bare tokenizer failed: {e}");
        }
        count += buf.len();
    }
    count
}

/// Our parse of one input, through the public API: `diff` against an empty dump with every
/// object excluded, so that nothing is left to match or report. It costs the parse of `text`
/// plus one exclusion test per entry and the start of one thread.
pub fn parse_one(text: &str) -> usize {
    match sql_compare::Comparer::new().exclude("*").diff(text, "") {
        Ok(d) => d.len(),
        Err(e) => panic!("parse failed: {e}"),
    }
}

/// `sql_compare::diff` of a pair (both sides parsed at once on two threads).
pub fn diff(pair: &Pair) -> usize {
    match sql_compare::diff(&pair.left, &pair.right) {
        Ok(d) => d.len(),
        Err(e) => panic!("{}: diff failed: {e}", pair.name),
    }
}

/// Checks that the pair gets its expected verdict before it is timed.
pub fn check(pair: &Pair) {
    if let Some(equal) = pair.expect_equal {
        let d = sql_compare::diff(&pair.left, &pair.right)
            .unwrap_or_else(|e| panic!("{}: {e}", pair.name));
        assert_eq!(
            d.is_empty(),
            equal,
            "{}: expected {}, got:\n{d}",
            pair.name,
            if equal { "equal" } else { "different" }
        );
    }
}
