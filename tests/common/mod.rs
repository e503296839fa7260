//! Helpers shared by the integration tests: the corpus location, dump shuffling, and a
//! PostgreSQL server (`pg`).
#![allow(dead_code)]

pub mod pg;

use std::path::PathBuf;

/// `../shared/corpus`, or `None` (with a message) when it is missing. Under `CI=true` a
/// missing corpus fails the test instead.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("INDEX.tsv").is_file() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "the corpus is missing: expected {} (CI checks the project out beside shared/)",
            dir.display()
        );
    }
    eprintln!("skipped: the corpus is missing at {}", dir.display());
    None
}

/// A small deterministic random number generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Shuffles the element lines of a `CREATE TABLE` in pg_dump's layout (one element per line,
/// four spaces in, a comma after all but the last). Other statements come back unchanged.
pub fn shuffle_columns(stmt: &str, rng: &mut Rng) -> String {
    let upper = stmt.to_ascii_uppercase();
    let is_table = upper.starts_with("CREATE TABLE")
        || upper.starts_with("CREATE UNLOGGED TABLE")
        || upper.starts_with("CREATE FOREIGN TABLE");
    let lines: Vec<&str> = stmt.lines().collect();
    if !is_table || lines.len() < 4 || !lines[0].ends_with('(') {
        return stmt.to_string();
    }
    let Some(close) = lines.iter().position(|l| l.starts_with(')')) else {
        return stmt.to_string();
    };
    let elems = &lines[1..close];
    let well_formed = elems.iter().enumerate().all(|(k, l)| {
        l.starts_with("    ")
            && !l[4..].starts_with(' ')
            && (k + 1 == elems.len()) != l.ends_with(',')
    });
    if !well_formed || elems.is_empty() {
        return stmt.to_string();
    }
    let mut items: Vec<&str> = elems.iter().map(|l| l.trim_end_matches(',')).collect();
    rng.shuffle(&mut items);
    let mut out = String::from(lines[0]);
    for (k, item) in items.iter().enumerate() {
        out.push('\n');
        out.push_str(item);
        if k + 1 < items.len() {
            out.push(',');
        }
    }
    for l in &lines[close..] {
        out.push('\n');
        out.push_str(l);
    }
    out
}

/// The dump with its statements in a random order and the columns of each `CREATE TABLE`
/// shuffled. `COPY` data blocks travel with their statement.
pub fn shuffle_dump(dump: &str, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut stmts: Vec<String> = sql_compare::statements(dump)
        .expect("the dump parses")
        .iter()
        .map(|s| {
            let mut text = shuffle_columns(s.text(), &mut rng);
            if !text.trim_end().ends_with(';') {
                text.push(';');
            }
            if s.text()
                .trim_start()
                .to_ascii_uppercase()
                .starts_with("COPY")
            {
                text.push('\n');
                for row in s.copy_rows() {
                    text.push_str(row);
                    text.push('\n');
                }
                text.push_str("\\.");
            }
            text
        })
        .collect();
    rng.shuffle(&mut stmts);
    stmts.join("\n\n") + "\n"
}

/// A pg_dump-like dump of at least `bytes` bytes, the same for the same seed: a header
/// (`\restrict`, `SET` lines), an enum, then table after table with typed columns, defaults,
/// CHECKs, an owned sequence, keys, indexes, comments, grants and owners.
pub fn generated_dump(bytes: usize, seed: u64) -> String {
    use std::fmt::Write as _;
    const TYPES: &[&str] = &[
        "integer",
        "bigint",
        "text",
        "numeric(12,2)",
        "character varying(120)",
        "timestamp with time zone",
        "boolean",
        "jsonb",
        "text[]",
        "public.status",
    ];
    const DEFAULTS: &[&str] = &[
        "",
        " DEFAULT 0",
        " DEFAULT now()",
        " DEFAULT ''::text",
        " DEFAULT round((random() * (100)::double precision))",
        " DEFAULT COALESCE(NULL::integer, 1, 2)",
    ];
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str(
        "--\n-- PostgreSQL database dump\n--\n\n\\restrict GeneratedKey0123456789\n\n\
         SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n\
         SELECT pg_catalog.set_config('search_path', '', false);\n\n\
         CREATE TYPE public.status AS ENUM (\n    'new',\n    'done',\n    'it''s, odd'\n);\n\n\
         ALTER TYPE public.status OWNER TO app;\n\n",
    );
    let mut k = 0u64;
    while out.len() < bytes {
        let t = format!("public.t{k}");
        let _ = write!(
            out,
            "--\n-- Name: t{k}; Type: TABLE; Schema: public; Owner: app\n--\n\n\
             CREATE TABLE {t} (\n    id bigint NOT NULL"
        );
        let ncols = 3 + rng.next() % 6;
        for c in 0..ncols {
            let ty = TYPES[(rng.next() % TYPES.len() as u64) as usize];
            let def = DEFAULTS[(rng.next() % DEFAULTS.len() as u64) as usize];
            let nn = if rng.next() % 2 == 0 { " NOT NULL" } else { "" };
            let _ = write!(out, ",\n    c{c} {ty}{def}{nn}");
        }
        let _ = write!(
            out,
            ",\n    CONSTRAINT t{k}_id_check CHECK ((((id > 0) AND (id < {}))))\n);\n\n\
             ALTER TABLE {t} OWNER TO app;\n\n\
             COMMENT ON TABLE {t} IS 'table {k}; it''s generated';\n\n\
             CREATE SEQUENCE {t}_id_seq\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n\n\
             ALTER SEQUENCE {t}_id_seq OWNED BY {t}.id;\n\n\
             ALTER TABLE ONLY {t} ALTER COLUMN id SET DEFAULT nextval('{t}_id_seq'::regclass);\n\n\
             ALTER TABLE ONLY {t}\n    ADD CONSTRAINT t{k}_pkey PRIMARY KEY (id);\n\n\
             CREATE INDEX t{k}_c0_idx ON {t} USING btree (c0, id);\n\n\
             GRANT SELECT,INSERT ON TABLE {t} TO reader;\n\n",
            1000 + rng.next() % 1000
        );
        if k % 10 == 0 {
            let _ = write!(
                out,
                "CREATE FUNCTION public.f{k}(a integer, b text DEFAULT 'x') RETURNS integer\n    \
                 LANGUAGE plpgsql\n    AS $$\nBEGIN\n    RETURN a + {k}; -- 'not; a string\nEND;\n$$;\n\n"
            );
        }
        k += 1;
    }
    out.push_str("\\unrestrict GeneratedKey0123456789\n");
    out
}

/// The command lines of all processes (from `/proc`), arguments joined by spaces; kernel
/// threads, which have none, left out.
pub fn command_lines() -> Vec<String> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.parse::<u32>().is_ok())
        })
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| !c.is_empty())
        .collect()
}
