-- Indexes: CREATE/DROP INDEX with UNIQUE, NULLS NOT DISTINCT, partial (WHERE), expressions,
-- INCLUDE, DESC and NULLS FIRST, operator classes, collations, methods (btree, hash, gin,
-- gist, brin, spgist), storage parameters, renames, and indexes on partitioned tables.

-- pair: index-added
-- left
CREATE TABLE t (a int, b text);
-- right
CREATE TABLE t (a int, b text);
CREATE INDEX t_a ON t (a);

-- pair: index-dropped
-- left
CREATE TABLE t (a int, b text);
CREATE INDEX t_a ON t (a);
-- right
CREATE TABLE t (a int, b text);

-- pair: index-columns-changed
-- left
CREATE TABLE t (a int, b text);
CREATE INDEX t_idx ON t (a);
-- right
CREATE TABLE t (a int, b text);
CREATE INDEX t_idx ON t (a, b);

-- pair: index-made-unique
-- left
CREATE TABLE t (a int);
CREATE INDEX t_a ON t (a);
-- right
CREATE TABLE t (a int);
CREATE UNIQUE INDEX t_a ON t (a);

-- pair: unique-index-nulls-not-distinct
-- left
CREATE TABLE t (a int);
CREATE UNIQUE INDEX t_a ON t (a);
-- right
CREATE TABLE t (a int);
CREATE UNIQUE INDEX t_a ON t (a) NULLS NOT DISTINCT;

-- pair: partial-index-added
-- left
CREATE TABLE t (a int, deleted boolean);
-- right
CREATE TABLE t (a int, deleted boolean);
CREATE INDEX t_live ON t (a) WHERE NOT deleted;

-- pair: partial-index-predicate-changed
-- left
CREATE TABLE t (a int, state text);
CREATE INDEX t_open ON t (a) WHERE state = 'open';
-- right
CREATE TABLE t (a int, state text);
CREATE INDEX t_open ON t (a) WHERE state IN ('open', 'pending');

-- pair: expression-index
-- left
CREATE TABLE t (email text);
-- right
CREATE TABLE t (email text);
CREATE UNIQUE INDEX t_email_lower ON t (lower(email));

-- pair: expression-index-changed
-- left
CREATE TABLE t (email text);
CREATE INDEX t_email ON t (lower(email));
-- right
CREATE TABLE t (email text);
CREATE INDEX t_email ON t (upper(email));

-- pair: include-columns
-- left
CREATE TABLE t (a int, b text, c text);
CREATE INDEX t_a ON t (a);
-- right
CREATE TABLE t (a int, b text, c text);
CREATE INDEX t_a ON t (a) INCLUDE (b, c);

-- pair: desc-nulls-first
-- left
CREATE TABLE t (a int);
CREATE INDEX t_a ON t (a);
-- right
CREATE TABLE t (a int);
CREATE INDEX t_a ON t (a DESC NULLS LAST);

-- pair: opclass-text-pattern-ops
-- left
CREATE TABLE t (name text);
CREATE INDEX t_name ON t (name);
-- right
CREATE TABLE t (name text);
CREATE INDEX t_name ON t (name text_pattern_ops);

-- pair: index-collation
-- left
CREATE TABLE t (name text);
CREATE INDEX t_name ON t (name);
-- right
CREATE TABLE t (name text);
CREATE INDEX t_name ON t (name COLLATE "C");

-- pair: method-hash
-- left
CREATE TABLE t (k text);
-- right
CREATE TABLE t (k text);
CREATE INDEX t_k ON t USING hash (k);

-- pair: method-btree-to-hash
-- left
CREATE TABLE t (k text);
CREATE INDEX t_k ON t (k);
-- right
CREATE TABLE t (k text);
CREATE INDEX t_k ON t USING hash (k);

-- pair: method-gin-jsonb
-- left
CREATE TABLE t (doc jsonb);
-- right
CREATE TABLE t (doc jsonb);
CREATE INDEX t_doc ON t USING gin (doc jsonb_path_ops);

-- pair: method-gist-range
-- left
CREATE TABLE t (during tstzrange);
-- right
CREATE TABLE t (during tstzrange);
CREATE INDEX t_during ON t USING gist (during);

-- pair: method-brin
-- left
CREATE TABLE t (ts timestamptz);
-- right
CREATE TABLE t (ts timestamptz);
CREATE INDEX t_ts ON t USING brin (ts) WITH (pages_per_range = 32);

-- pair: method-spgist
-- left
CREATE TABLE t (p point);
-- right
CREATE TABLE t (p point);
CREATE INDEX t_p ON t USING spgist (p);

-- pair: index-storage-parameter
-- left
CREATE TABLE t (a int);
CREATE INDEX t_a ON t (a);
-- right
CREATE TABLE t (a int);
CREATE INDEX t_a ON t (a) WITH (fillfactor = 50);

-- pair: gin-fastupdate-off
-- left
CREATE TABLE t (tags text[]);
CREATE INDEX t_tags ON t USING gin (tags);
-- right
CREATE TABLE t (tags text[]);
CREATE INDEX t_tags ON t USING gin (tags) WITH (fastupdate = off);

-- pair: index-renamed
-- left
CREATE TABLE t (a int);
CREATE INDEX t_a_old ON t (a);
-- right
CREATE TABLE t (a int);
CREATE INDEX t_a_new ON t (a);

-- pair: index-statistics-on-expression
-- left
CREATE TABLE t (a int);
CREATE INDEX t_expr ON t ((a * 2));
-- right
CREATE TABLE t (a int);
CREATE INDEX t_expr ON t ((a * 2));
ALTER INDEX t_expr ALTER COLUMN 1 SET STATISTICS 1000;

-- pair: index-name-quoted
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE INDEX "Index On A" ON t (a);

-- pair: index-on-partitioned-table
-- both
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- left
-- right
CREATE INDEX m_id ON m (id);

-- pair: index-on-partitioned-table-dropped
-- both
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- left
CREATE INDEX m_id ON m (id);
-- right

-- pair: index-on-partitioned-table-changed
-- both
CREATE TABLE m (id int, v int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- left
CREATE INDEX m_idx ON m (id);
-- right
CREATE INDEX m_idx ON m (id, v);

-- pair: unique-index-on-partitioned-table
-- both
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- left
-- right
CREATE UNIQUE INDEX m_uq ON m (id, at);

-- pair: index-only-on-one-partition
-- both
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- left
-- right
CREATE INDEX m_2025_id ON m_2025 (id);

-- pair: index-on-materialized-view
-- both
CREATE TABLE t (a int);
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
-- left
-- right
CREATE UNIQUE INDEX mv_a ON mv (a);

-- pair: index-trgm-opclass
-- both
CREATE EXTENSION pg_trgm;
CREATE TABLE t (name text);
-- left
-- right
CREATE INDEX t_name_trgm ON t USING gin (name gin_trgm_ops);
