-- Materialized views: CREATE/DROP MATERIALIZED VIEW (WITH NO DATA), a changed query, with
-- indexes, over views and over columns that change, storage parameters.

-- pair: matview-added
-- both
CREATE TABLE t (a int);
-- left
-- right
CREATE MATERIALIZED VIEW mv AS SELECT a, count(*) AS n FROM t GROUP BY a;

-- pair: matview-dropped
-- both
CREATE TABLE t (a int);
-- left
CREATE MATERIALIZED VIEW mv AS SELECT a, count(*) AS n FROM t GROUP BY a;
-- right

-- pair: matview-query-changed
-- both
CREATE TABLE t (a int);
-- left
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
-- right
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t WHERE a > 0;

-- pair: matview-query-changed-with-index
-- both
CREATE TABLE t (a int, b int);
-- left
CREATE MATERIALIZED VIEW mv AS SELECT a, b FROM t;
CREATE INDEX mv_a ON mv (a);
-- right
CREATE MATERIALIZED VIEW mv AS SELECT a, b FROM t WHERE b > 0;
CREATE INDEX mv_a ON mv (a);

-- pair: matview-with-no-data
-- both
CREATE TABLE t (a int);
-- left
-- right
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t WITH NO DATA;

-- pair: matview-index-added
-- both
CREATE TABLE t (a int);
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
-- left
-- right
CREATE INDEX mv_a ON mv (a);

-- pair: matview-over-view
-- both
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
-- left
-- right
CREATE MATERIALIZED VIEW mv AS SELECT a FROM v;

-- pair: matview-over-changed-view
-- left
CREATE TABLE t (a int, b int);
CREATE VIEW v AS SELECT a, b FROM t;
CREATE MATERIALIZED VIEW mv AS SELECT a FROM v;
-- right
CREATE TABLE t (a int, b int);
CREATE VIEW v AS SELECT a FROM t;
CREATE MATERIALIZED VIEW mv AS SELECT a FROM v;

-- pair: matview-over-column-type-change
-- left
CREATE TABLE t (a int);
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
-- right
CREATE TABLE t (a bigint);
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;

-- pair: matview-storage-parameter
-- both
CREATE TABLE t (a int);
-- left
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
-- right
CREATE MATERIALIZED VIEW mv WITH (fillfactor = 60) AS SELECT a FROM t;
