-- Enum types: CREATE/DROP TYPE … AS ENUM, ALTER TYPE … ADD VALUE (at the end, BEFORE, AFTER),
-- RENAME VALUE, labels removed (the type recreated and every column, default and routine that
-- uses it converted), and enums used by columns, arrays, defaults, functions, views,
-- materialized views, check constraints, domains and composite types.

-- pair: enum-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

-- pair: enum-dropped
-- left
CREATE TABLE t (a int);
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
-- right
CREATE TABLE t (a int);

-- pair: add-value-at-end
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok');
-- right
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

-- pair: add-value-before
-- left
CREATE TYPE mood AS ENUM ('sad', 'happy');
-- right
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

-- pair: add-value-first
-- left
CREATE TYPE mood AS ENUM ('ok', 'happy');
-- right
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

-- pair: add-several-values
-- left
CREATE TYPE status AS ENUM ('new', 'done');
-- right
CREATE TYPE status AS ENUM ('draft', 'new', 'active', 'paused', 'done', 'archived');

-- pair: add-value-used-by-column
-- left
CREATE TYPE status AS ENUM ('new', 'done');
CREATE TABLE t (s status);
-- right
CREATE TYPE status AS ENUM ('new', 'active', 'done');
CREATE TABLE t (s status);

-- pair: add-value-and-use-it-as-default
-- left
CREATE TYPE status AS ENUM ('new', 'done');
CREATE TABLE t (s status DEFAULT 'new');
-- right
CREATE TYPE status AS ENUM ('new', 'active', 'done');
CREATE TABLE t (s status DEFAULT 'active');

-- pair: rename-value
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
-- right
CREATE TYPE mood AS ENUM ('sad', 'fine', 'happy');

-- pair: rename-value-used-by-column
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (m mood);
-- right
CREATE TYPE mood AS ENUM ('sad', 'fine', 'happy');
CREATE TABLE t (m mood);

-- pair: remove-value
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');

-- pair: remove-value-used-by-column
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (m mood);
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m mood);

-- pair: remove-value-used-by-default
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (m mood DEFAULT 'sad');
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m mood DEFAULT 'sad');

-- pair: remove-value-used-by-array-column
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (ms mood[]);
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (ms mood[]);

-- pair: remove-value-used-by-function
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE FUNCTION cheer(m mood) RETURNS mood LANGUAGE sql AS $$ SELECT 'happy'::mood $$;
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE FUNCTION cheer(m mood) RETURNS mood LANGUAGE sql AS $$ SELECT 'happy'::mood $$;

-- pair: remove-value-used-by-view
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (m mood);
CREATE VIEW v AS SELECT m FROM t;
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m mood);
CREATE VIEW v AS SELECT m FROM t;

-- pair: reorder-values
-- options: strict-enum-order
-- left
CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad');
-- right
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

-- pair: enum-column-added
-- both
CREATE TYPE mood AS ENUM ('sad', 'happy');
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, m mood DEFAULT 'happy' NOT NULL);

-- pair: enum-and-column-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (a int, m mood);

-- pair: enum-and-column-dropped
-- left
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (a int, m mood);
-- right
CREATE TABLE t (a int);

-- pair: column-text-to-enum
-- left
CREATE TABLE t (m text);
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m mood);

-- pair: column-enum-to-text-type-dropped
-- left
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m mood);
-- right
CREATE TABLE t (m text);

-- pair: enum-in-other-schema
-- left
CREATE TABLE t (a int);
-- right
CREATE SCHEMA kinds;
CREATE TYPE kinds.color AS ENUM ('red', 'green');
CREATE TABLE t (a int, c kinds.color);

-- pair: enum-label-with-quote-and-space
-- left
CREATE TYPE answer AS ENUM ('yes', 'no');
-- right
CREATE TYPE answer AS ENUM ('yes', 'no', 'don''t know', 'n/a');

-- pair: remove-value-used-by-view-and-function
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (m mood);
CREATE FUNCTION cheer(m mood) RETURNS mood LANGUAGE plpgsql AS $$ BEGIN RETURN 'happy'; END $$;
COMMENT ON FUNCTION cheer(mood) IS 'always happy';
ALTER FUNCTION cheer(mood) OWNER TO drafts_owner;
CREATE VIEW v AS SELECT m, cheer(m) AS cheered FROM t;
COMMENT ON VIEW v IS 'cheered moods';
GRANT SELECT ON v TO drafts_reader;
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m mood);
CREATE FUNCTION cheer(m mood) RETURNS mood LANGUAGE plpgsql AS $$ BEGIN RETURN 'happy'; END $$;
COMMENT ON FUNCTION cheer(mood) IS 'always happy';
ALTER FUNCTION cheer(mood) OWNER TO drafts_owner;
CREATE VIEW v AS SELECT m, cheer(m) AS cheered FROM t;
COMMENT ON VIEW v IS 'cheered moods';
GRANT SELECT ON v TO drafts_reader;

-- pair: remove-value-defaults-use-kept-labels
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (n int, m mood NOT NULL DEFAULT 'happy', ms mood[] DEFAULT '{sad,happy}');
INSERT INTO t (n) VALUES (1);
INSERT INTO t VALUES (2, 'sad', '{sad}');
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (n int, m mood NOT NULL DEFAULT 'happy', ms mood[] DEFAULT '{sad,happy}');

-- pair: remove-value-used-by-check
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (m mood, CONSTRAINT t_not_sad CHECK (m <> 'sad'));
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m mood, CONSTRAINT t_not_sad CHECK (m <> 'sad'));

-- pair: remove-value-used-by-domain
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN cheerful AS mood CONSTRAINT cheerful_check CHECK (VALUE <> 'sad');
CREATE TABLE t (m cheerful);
INSERT INTO t VALUES ('happy');
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE DOMAIN cheerful AS mood CONSTRAINT cheerful_check CHECK (VALUE <> 'sad');
CREATE TABLE t (m cheerful);

-- pair: remove-value-used-by-composite
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE entry AS (m mood, note text);
CREATE TABLE log (e entry);
INSERT INTO log VALUES (ROW('sad', 'x'));
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TYPE entry AS (m mood, note text);
CREATE TABLE log (e entry);

-- pair: remove-value-keeps-comment-and-owner
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
COMMENT ON TYPE mood IS 'how one feels';
ALTER TYPE mood OWNER TO drafts_owner;
CREATE TABLE t (m mood);
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
COMMENT ON TYPE mood IS 'how one feels';
ALTER TYPE mood OWNER TO drafts_owner;
CREATE TABLE t (m mood);

-- pair: remove-value-used-by-materialized-view
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (m mood);
CREATE MATERIALIZED VIEW mv AS SELECT m FROM t WHERE m = 'happy';
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m mood);
CREATE MATERIALIZED VIEW mv AS SELECT m FROM t WHERE m = 'happy';

-- pair: remove-value-column-moves-to-text
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (m mood, n mood);
INSERT INTO t VALUES ('ok', 'sad');
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m text, n mood);

-- pair: remove-value-and-converted-column-changed
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (n mood, k int);
INSERT INTO t VALUES ('sad', 1);
CREATE VIEW v AS SELECT n FROM t;
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (n mood NOT NULL DEFAULT 'happy', k int CHECK (k > 0));
CREATE INDEX t_n ON t (n) WHERE n = 'sad';
CREATE VIEW v AS SELECT n FROM t;

-- pair: remove-value-partitioned-table-in-schema
-- left
CREATE SCHEMA s;
CREATE TYPE s.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE s.p (m s.mood, k int) PARTITION BY LIST (k);
CREATE TABLE s.p1 PARTITION OF s.p FOR VALUES IN (1);
INSERT INTO s.p VALUES ('sad', 1);
CREATE VIEW s.v AS SELECT m FROM s.p;
-- right
CREATE SCHEMA s;
CREATE TYPE s.mood AS ENUM ('sad', 'happy');
CREATE TABLE s.p (m s.mood, k int) PARTITION BY LIST (k);
CREATE TABLE s.p1 PARTITION OF s.p FOR VALUES IN (1);
CREATE VIEW s.v AS SELECT m FROM s.p;

-- pair: remove-value-sql-function-used-by-index
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (m mood, a int);
CREATE FUNCTION is_happy(x text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x::mood = 'happy'::mood $$;
CREATE INDEX t_happy ON t (is_happy(a::text));
CREATE INDEX t_m ON t (m);
-- right
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m mood, a int);
CREATE FUNCTION is_happy(x text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x::mood = 'happy'::mood $$;
CREATE INDEX t_happy ON t (is_happy(a::text));
CREATE INDEX t_m ON t (m);

-- pair: remove-value-named-by-default-of-text-column
-- A text column whose default casts through the enum: the default names the type.
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'gone');
CREATE TABLE t (note text DEFAULT ('ok'::mood)::text, m mood);
-- right
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (note text DEFAULT ('ok'::mood)::text, m mood);

-- pair: remove-value-used-by-range
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'gone');
CREATE TYPE mood_range AS RANGE (subtype = mood);
CREATE TABLE t (r mood_range);
-- right
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE mood_range AS RANGE (subtype = mood);
CREATE TABLE t (r mood_range);

-- pair: remove-value-used-by-typed-table
-- left
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'gone');
CREATE TYPE entry AS (id int, m mood);
CREATE TABLE t OF entry (PRIMARY KEY (id));
-- right
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE entry AS (id int, m mood);
CREATE TABLE t OF entry (PRIMARY KEY (id));
