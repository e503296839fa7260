-- Views: CREATE/DROP VIEW, CREATE OR REPLACE VIEW with a changed query, columns added at the
-- end, removed, renamed and reordered (which CREATE OR REPLACE refuses), views on views, view
-- options (security_barrier, check_option, security_invoker), views over columns that change.

-- pair: view-added
-- both
CREATE TABLE t (a int, b text);
-- left
-- right
CREATE VIEW v AS SELECT a, b FROM t;

-- pair: view-dropped
-- both
CREATE TABLE t (a int, b text);
-- left
CREATE VIEW v AS SELECT a, b FROM t;
-- right

-- pair: query-changed-same-columns
-- both
CREATE TABLE t (a int, b text);
-- left
CREATE VIEW v AS SELECT a, b FROM t;
-- right
CREATE VIEW v AS SELECT a, b FROM t WHERE a > 0;

-- pair: column-added-at-end
-- both
CREATE TABLE t (a int, b text, c date);
-- left
CREATE VIEW v AS SELECT a, b FROM t;
-- right
CREATE VIEW v AS SELECT a, b, c FROM t;

-- pair: column-removed
-- both
CREATE TABLE t (a int, b text, c date);
-- left
CREATE VIEW v AS SELECT a, b, c FROM t;
-- right
CREATE VIEW v AS SELECT a, b FROM t;

-- pair: column-renamed
-- both
CREATE TABLE t (a int, b text);
-- left
CREATE VIEW v AS SELECT a, b FROM t;
-- right
CREATE VIEW v AS SELECT a, b AS label FROM t;

-- pair: columns-reordered
-- both
CREATE TABLE t (a int, b text);
-- left
CREATE VIEW v AS SELECT a, b FROM t;
-- right
CREATE VIEW v AS SELECT b, a FROM t;

-- pair: column-type-changed
-- both
CREATE TABLE t (a int, b text);
-- left
CREATE VIEW v AS SELECT a, b FROM t;
-- right
CREATE VIEW v AS SELECT a::bigint AS a, b FROM t;

-- pair: view-on-view-query-changed
-- both
CREATE TABLE t (a int, b text);
-- left
CREATE VIEW v1 AS SELECT a, b FROM t;
CREATE VIEW v2 AS SELECT a FROM v1;
-- right
CREATE VIEW v1 AS SELECT a, b FROM t WHERE b IS NOT NULL;
CREATE VIEW v2 AS SELECT a FROM v1;

-- pair: view-on-view-column-removed
-- both
CREATE TABLE t (a int, b text, c int);
-- left
CREATE VIEW v1 AS SELECT a, b, c FROM t;
CREATE VIEW v2 AS SELECT a, b FROM v1;
-- right
CREATE VIEW v1 AS SELECT a, b FROM t;
CREATE VIEW v2 AS SELECT a, b FROM v1;

-- pair: view-on-view-both-dropped
-- both
CREATE TABLE t (a int);
-- left
CREATE VIEW v1 AS SELECT a FROM t;
CREATE VIEW v2 AS SELECT a FROM v1;
-- right

-- pair: view-on-view-both-added
-- both
CREATE TABLE t (a int);
-- left
-- right
CREATE VIEW v1 AS SELECT a FROM t;
CREATE VIEW v2 AS SELECT a FROM v1;

-- pair: view-security-barrier
-- both
CREATE TABLE t (a int);
-- left
CREATE VIEW v AS SELECT a FROM t;
-- right
CREATE VIEW v WITH (security_barrier) AS SELECT a FROM t;

-- pair: view-security-invoker
-- both
CREATE TABLE t (a int);
-- left
CREATE VIEW v AS SELECT a FROM t;
-- right
CREATE VIEW v WITH (security_invoker = true) AS SELECT a FROM t;

-- pair: view-check-option
-- both
CREATE TABLE t (a int);
-- left
CREATE VIEW v AS SELECT a FROM t WHERE a > 0;
-- right
CREATE VIEW v AS SELECT a FROM t WHERE a > 0 WITH CASCADED CHECK OPTION;

-- pair: view-over-column-type-change
-- left
CREATE TABLE t (a int, b text);
CREATE VIEW v AS SELECT a, b FROM t;
-- right
CREATE TABLE t (a bigint, b text);
CREATE VIEW v AS SELECT a, b FROM t;

-- pair: view-over-dropped-column
-- left
CREATE TABLE t (a int, b text);
CREATE VIEW v AS SELECT a, b FROM t;
-- right
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;

-- pair: view-renamed
-- both
CREATE TABLE t (a int);
-- left
CREATE VIEW old_v AS SELECT a FROM t;
-- right
CREATE VIEW new_v AS SELECT a FROM t;

-- pair: view-calling-function-changed
-- left
CREATE FUNCTION twice(i int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT i * 2 $$;
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT twice(a) AS d FROM t;
-- right
CREATE FUNCTION twice(i int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT i + i $$;
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT twice(a) AS d FROM t;

-- pair: recursive-view
-- both
CREATE TABLE node (id int, parent int);
-- left
-- right
CREATE RECURSIVE VIEW tree (id, depth) AS SELECT id, 0 FROM node WHERE parent IS NULL UNION ALL SELECT n.id, t.depth + 1 FROM node n JOIN tree t ON n.parent = t.id;

-- pair: view-column-default
-- both
CREATE TABLE t (a int, b text);
CREATE VIEW v AS SELECT a, b FROM t;
-- left
-- right
ALTER VIEW v ALTER COLUMN b SET DEFAULT 'none';
