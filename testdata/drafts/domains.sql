-- Domains: CREATE/DROP DOMAIN and ALTER DOMAIN (ADD/DROP CONSTRAINT, NOT VALID, SET/DROP NOT
-- NULL, SET/DROP DEFAULT, RENAME TO), domains over other base types, domains used by columns and
-- functions; a base type or collation changed, which only a new domain can have (the domain
-- recreated, and with it what uses it: array columns, defaults, other domains, composite
-- types, routines, views), with its comment, owner and privileges.

-- pair: domain-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);

-- pair: domain-dropped
-- left
CREATE TABLE t (a int);
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
-- right
CREATE TABLE t (a int);

-- pair: add-check
-- left
CREATE DOMAIN d AS text;
-- right
CREATE DOMAIN d AS text CONSTRAINT d_nonempty CHECK (VALUE <> '');

-- pair: drop-check
-- left
CREATE DOMAIN d AS text CONSTRAINT d_nonempty CHECK (VALUE <> '');
-- right
CREATE DOMAIN d AS text;

-- pair: change-check
-- left
CREATE DOMAIN d AS int CONSTRAINT d_range CHECK (VALUE > 0);
-- right
CREATE DOMAIN d AS int CONSTRAINT d_range CHECK (VALUE > 0 AND VALUE < 100);

-- pair: add-check-not-valid
-- left
CREATE DOMAIN d AS int;
-- right
CREATE DOMAIN d AS int;
ALTER DOMAIN d ADD CONSTRAINT d_pos CHECK (VALUE > 0) NOT VALID;

-- pair: set-not-null
-- left
CREATE DOMAIN d AS int;
-- right
CREATE DOMAIN d AS int NOT NULL;

-- pair: drop-not-null
-- left
CREATE DOMAIN d AS int NOT NULL;
-- right
CREATE DOMAIN d AS int;

-- pair: set-default
-- left
CREATE DOMAIN d AS int;
-- right
CREATE DOMAIN d AS int DEFAULT 7;

-- pair: drop-default
-- left
CREATE DOMAIN d AS text DEFAULT 'x';
-- right
CREATE DOMAIN d AS text;

-- pair: change-check-used-by-column
-- left
CREATE DOMAIN email AS text CONSTRAINT email_at CHECK (VALUE LIKE '%@%');
CREATE TABLE users (e email);
-- right
CREATE DOMAIN email AS text CONSTRAINT email_at CHECK (VALUE ~ '^[^@]+@[^@]+$');
CREATE TABLE users (e email);

-- pair: base-type-changed
-- left
CREATE DOMAIN money_amount AS numeric(10,2);
-- right
CREATE DOMAIN money_amount AS numeric(14,4);

-- pair: base-type-changed-used-by-column
-- left
CREATE DOMAIN code AS varchar(5);
CREATE TABLE t (c code);
-- right
CREATE DOMAIN code AS varchar(10);
CREATE TABLE t (c code);

-- pair: column-uses-domain-instead-of-base
-- both
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
-- left
CREATE TABLE t (a integer);
-- right
CREATE TABLE t (a posint);

-- pair: domain-with-collation
-- left
CREATE DOMAIN d AS text;
-- right
CREATE DOMAIN d AS text COLLATE "C";

-- pair: domain-check-calls-function
-- left
CREATE TABLE t (a int);
-- right
CREATE FUNCTION is_even(i int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i % 2 = 0 $$;
CREATE DOMAIN even AS int CHECK (is_even(VALUE));
CREATE TABLE t (a int);

-- pair: domain-over-domain
-- left
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
-- right
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN small_posint AS posint CHECK (VALUE < 100);

-- pair: domain-and-column-dropped
-- left
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TABLE t (a int, b posint);
-- right
CREATE TABLE t (a int);

-- pair: base-type-changed-used-by-array-column
-- left
CREATE DOMAIN code AS varchar(5);
CREATE TABLE t (cs code[]);
INSERT INTO t VALUES ('{ab,cde}');
-- right
CREATE DOMAIN code AS varchar(10);
CREATE TABLE t (cs code[]);

-- pair: base-type-changed-used-by-column-with-default
-- left
CREATE DOMAIN code AS varchar(5);
CREATE TABLE t (n int, c code DEFAULT 'abc', cs code[] DEFAULT '{x}');
INSERT INTO t (n) VALUES (1);
-- right
CREATE DOMAIN code AS varchar(10);
CREATE TABLE t (n int, c code DEFAULT 'abc', cs code[] DEFAULT '{x}');

-- pair: base-type-changed-used-by-domain
-- left
CREATE DOMAIN code AS varchar(5);
CREATE DOMAIN short_code AS code CONSTRAINT short_code_len CHECK (length(VALUE) > 1);
CREATE TABLE t (c short_code, d code);
INSERT INTO t VALUES ('ab', 'cd');
-- right
CREATE DOMAIN code AS varchar(10);
CREATE DOMAIN short_code AS code CONSTRAINT short_code_len CHECK (length(VALUE) > 1);
CREATE TABLE t (c short_code, d code);

-- pair: base-type-changed-used-by-function
-- both
CREATE TABLE t (a int);
-- left
CREATE DOMAIN code AS varchar(5);
CREATE FUNCTION shout(c code) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN upper(c); END $$;
COMMENT ON FUNCTION shout(code) IS 'upper-cases a code';
ALTER FUNCTION shout(code) OWNER TO drafts_owner;
REVOKE ALL ON FUNCTION shout(code) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION shout(code) TO drafts_reader;
-- right
CREATE DOMAIN code AS varchar(10);
CREATE FUNCTION shout(c code) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN upper(c); END $$;
COMMENT ON FUNCTION shout(code) IS 'upper-cases a code';
ALTER FUNCTION shout(code) OWNER TO drafts_owner;
REVOKE ALL ON FUNCTION shout(code) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION shout(code) TO drafts_reader;

-- pair: base-type-changed-used-by-view
-- left
CREATE DOMAIN code AS varchar(5);
CREATE TABLE t (c code);
CREATE VIEW v AS SELECT c, c::text AS plain FROM t;
-- right
CREATE DOMAIN code AS varchar(10);
CREATE TABLE t (c code);
CREATE VIEW v AS SELECT c, c::text AS plain FROM t;

-- pair: base-type-changed-used-by-composite
-- left
CREATE DOMAIN code AS varchar(5);
CREATE TYPE tagged AS (c code, n int);
CREATE TABLE t (x tagged);
INSERT INTO t VALUES (ROW('ab', 1));
-- right
CREATE DOMAIN code AS varchar(10);
CREATE TYPE tagged AS (c code, n int);
CREATE TABLE t (x tagged);

-- pair: base-type-changed-with-comment-owner-privileges
-- left
CREATE DOMAIN code AS varchar(5) NOT NULL DEFAULT 'x' CONSTRAINT code_nonempty CHECK (VALUE <> '');
COMMENT ON DOMAIN code IS 'a short code';
ALTER DOMAIN code OWNER TO drafts_owner;
REVOKE ALL ON DOMAIN code FROM PUBLIC;
GRANT USAGE ON DOMAIN code TO drafts_reader;
CREATE TABLE t (c code);
-- right
CREATE DOMAIN code AS varchar(10) NOT NULL DEFAULT 'x' CONSTRAINT code_nonempty CHECK (VALUE <> '');
COMMENT ON DOMAIN code IS 'a short code';
ALTER DOMAIN code OWNER TO drafts_owner;
REVOKE ALL ON DOMAIN code FROM PUBLIC;
GRANT USAGE ON DOMAIN code TO drafts_reader;
CREATE TABLE t (c code);

-- pair: base-type-and-check-changed
-- left
CREATE DOMAIN amount AS integer CONSTRAINT amount_positive CHECK (VALUE > 0);
CREATE TABLE t (a amount);
INSERT INTO t VALUES (5);
-- right
CREATE DOMAIN amount AS bigint DEFAULT 1 CONSTRAINT amount_positive CHECK (VALUE >= 0);
CREATE TABLE t (a amount);

-- pair: base-type-changed-odd-names
-- left
CREATE SCHEMA "Odd Schema";
CREATE DOMAIN "Odd Schema"."My Code's %s" AS varchar(5);
CREATE TABLE "Odd Schema"."T t" ("c%I" "Odd Schema"."My Code's %s" DEFAULT 'x', "C's" "Odd Schema"."My Code's %s"[]);
INSERT INTO "Odd Schema"."T t" VALUES ('ab', '{cd}');
-- right
CREATE SCHEMA "Odd Schema";
CREATE DOMAIN "Odd Schema"."My Code's %s" AS varchar(10);
CREATE TABLE "Odd Schema"."T t" ("c%I" "Odd Schema"."My Code's %s" DEFAULT 'x', "C's" "Odd Schema"."My Code's %s"[]);

-- pair: collation-changed-used-by-column
-- left
CREATE DOMAIN d AS text;
CREATE TABLE t (a d);
CREATE INDEX t_a ON t (a);
INSERT INTO t VALUES ('b'), ('A');
-- right
CREATE DOMAIN d AS text COLLATE "C";
CREATE TABLE t (a d);
CREATE INDEX t_a ON t (a);

-- pair: base-type-changed-check-calls-new-function
-- left
CREATE DOMAIN d AS int;
CREATE TABLE t (a d);
-- right
CREATE FUNCTION is_even(i bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i % 2 = 0 $$;
CREATE DOMAIN d AS bigint CHECK (is_even(VALUE));
CREATE TABLE t (a d);

-- pair: base-type-changed-used-by-procedure-and-atomic-function
-- left
CREATE DOMAIN code AS varchar(5);
CREATE PROCEDURE p(c code) LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION f() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT 'ab'::code; END;
CREATE TABLE t (a text DEFAULT f());
-- right
CREATE DOMAIN code AS varchar(10);
CREATE PROCEDURE p(c code) LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION f() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT 'ab'::code; END;
CREATE TABLE t (a text DEFAULT f());

-- pair: base-type-changed-used-by-check-and-index
-- left
CREATE DOMAIN code AS varchar(5);
CREATE TABLE t (c code, CONSTRAINT t_c CHECK (c::text <> 'x'));
CREATE INDEX t_c_i ON t ((c::text || 'y'));
-- right
CREATE DOMAIN code AS varchar(10);
CREATE TABLE t (c code, CONSTRAINT t_c CHECK (c::text <> 'x'));
CREATE INDEX t_c_i ON t ((c::text || 'y'));

-- pair: base-type-changed-old-name-taken
-- The names `<type>__old` a recreated type would take while its columns move are taken by a
-- table's row type and, cut to 63 bytes, by the other of two long domains over it.
-- both
CREATE TABLE d__old (x int);
-- left
CREATE DOMAIN d AS int;
CREATE DOMAIN long_domain_name_sharing_its_first_fifty_eight_bytes_with__one AS d;
CREATE DOMAIN long_domain_name_sharing_its_first_fifty_eight_bytes_with__two AS d;
CREATE TABLE t (a d, b long_domain_name_sharing_its_first_fifty_eight_bytes_with__one, c long_domain_name_sharing_its_first_fifty_eight_bytes_with__two);
INSERT INTO t VALUES (1, 2, 3);
-- right
CREATE DOMAIN d AS bigint;
CREATE DOMAIN long_domain_name_sharing_its_first_fifty_eight_bytes_with__one AS d;
CREATE DOMAIN long_domain_name_sharing_its_first_fifty_eight_bytes_with__two AS d;
CREATE TABLE t (a d, b long_domain_name_sharing_its_first_fifty_eight_bytes_with__one, c long_domain_name_sharing_its_first_fifty_eight_bytes_with__two);
