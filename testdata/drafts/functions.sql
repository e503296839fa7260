-- Functions: CREATE [OR REPLACE] / DROP FUNCTION and ALTER FUNCTION: body, return type (which
-- CREATE OR REPLACE refuses), arguments (overloads), argument defaults and names, volatility,
-- STRICT, SECURITY DEFINER, LEAKPROOF, PARALLEL, COST/ROWS, SET configuration, LANGUAGE sql /
-- plpgsql, SQL-standard bodies, RETURNS TABLE / SETOF, and functions used by defaults, CHECKs,
-- indexes and triggers.

-- pair: function-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE FUNCTION add1(i int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT i + 1 $$;

-- pair: function-dropped
-- left
CREATE TABLE t (a int);
CREATE FUNCTION add1(i int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT i + 1 $$;
-- right
CREATE TABLE t (a int);

-- pair: body-changed-sql
-- left
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i + 1 $$;
-- right
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i + 2 $$;

-- pair: body-changed-plpgsql
-- left
CREATE FUNCTION f(i int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN i; END $$;
-- right
CREATE FUNCTION f(i int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    r int := i * 2;
BEGIN
    IF r > 100 THEN
        RAISE NOTICE 'big: %', r;
    END IF;
    RETURN r;
END
$$;

-- pair: language-sql-to-plpgsql
-- left
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i $$;
-- right
CREATE FUNCTION f(i int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN i; END $$;

-- pair: sql-standard-body
-- left
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i * 3 $$;
-- right
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql RETURN i * 3;

-- pair: return-type-changed
-- left
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i $$;
-- right
CREATE FUNCTION f(i int) RETURNS bigint LANGUAGE sql AS $$ SELECT i::bigint $$;

-- pair: returns-table-columns-changed
-- left
CREATE FUNCTION f() RETURNS TABLE (a int) LANGUAGE sql AS $$ SELECT 1 $$;
-- right
CREATE FUNCTION f() RETURNS TABLE (a int, b text) LANGUAGE sql AS $$ SELECT 1, 'x' $$;

-- pair: returns-setof
-- both
CREATE TABLE t (a int);
-- left
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT a FROM t LIMIT 1 $$;
-- right
CREATE FUNCTION f() RETURNS SETOF int LANGUAGE sql AS $$ SELECT a FROM t $$;

-- pair: argument-added-overload
-- left
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i $$;
-- right
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i $$;
CREATE FUNCTION f(i int, j int) RETURNS int LANGUAGE sql AS $$ SELECT i + j $$;

-- pair: argument-type-changed
-- left
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i $$;
-- right
CREATE FUNCTION f(i bigint) RETURNS int LANGUAGE sql AS $$ SELECT i::int $$;

-- pair: argument-renamed
-- left
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i $$;
-- right
CREATE FUNCTION f(n int) RETURNS int LANGUAGE sql AS $$ SELECT n $$;

-- pair: argument-default-added
-- left
CREATE FUNCTION f(i int, j int) RETURNS int LANGUAGE sql AS $$ SELECT i + j $$;
-- right
CREATE FUNCTION f(i int, j int DEFAULT 1) RETURNS int LANGUAGE sql AS $$ SELECT i + j $$;

-- pair: argument-default-removed
-- left
CREATE FUNCTION f(i int, j int DEFAULT 1) RETURNS int LANGUAGE sql AS $$ SELECT i + j $$;
-- right
CREATE FUNCTION f(i int, j int) RETURNS int LANGUAGE sql AS $$ SELECT i + j $$;

-- pair: out-parameters
-- left
CREATE FUNCTION f(i int, OUT doubled int) LANGUAGE sql AS $$ SELECT i * 2 $$;
-- right
CREATE FUNCTION f(i int, OUT doubled int, OUT tripled int) LANGUAGE sql AS $$ SELECT i * 2, i * 3 $$;

-- pair: variadic
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE FUNCTION total(VARIADIC xs int[]) RETURNS int LANGUAGE sql AS $$ SELECT sum(x)::int FROM unnest(xs) x $$;

-- pair: volatility-immutable
-- left
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i $$;
-- right
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT i $$;

-- pair: volatility-stable-to-volatile
-- left
CREATE FUNCTION f() RETURNS timestamptz LANGUAGE sql STABLE AS $$ SELECT now() $$;
-- right
CREATE FUNCTION f() RETURNS timestamptz LANGUAGE sql AS $$ SELECT now() $$;

-- pair: strict
-- left
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i $$;
-- right
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql STRICT AS $$ SELECT i $$;

-- pair: security-definer
-- left
CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT current_user::text $$;
-- right
CREATE FUNCTION f() RETURNS text LANGUAGE sql SECURITY DEFINER AS $$ SELECT current_user::text $$;

-- pair: security-definer-removed
-- left
CREATE FUNCTION f() RETURNS text LANGUAGE sql SECURITY DEFINER AS $$ SELECT current_user::text $$;
-- right
CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT current_user::text $$;

-- pair: leakproof
-- left
CREATE FUNCTION f(i int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i > 0 $$;
-- right
CREATE FUNCTION f(i int) RETURNS boolean LANGUAGE sql IMMUTABLE LEAKPROOF AS $$ SELECT i > 0 $$;

-- pair: parallel-safe
-- left
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT i $$;
-- right
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT i $$;

-- pair: cost-and-rows
-- left
CREATE FUNCTION f() RETURNS SETOF int LANGUAGE sql AS $$ SELECT 1 $$;
-- right
CREATE FUNCTION f() RETURNS SETOF int LANGUAGE sql COST 500 ROWS 10 AS $$ SELECT 1 $$;

-- pair: set-search-path
-- left
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
-- right
CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path = pg_catalog, public AS $$ SELECT 1 $$;

-- pair: set-config-removed
-- left
CREATE FUNCTION f() RETURNS int LANGUAGE sql SET work_mem = '64MB' AS $$ SELECT 1 $$;
-- right
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;

-- pair: function-renamed
-- left
CREATE FUNCTION old_f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
-- right
CREATE FUNCTION new_f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;

-- pair: function-in-new-schema
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE SCHEMA util;
CREATE FUNCTION util.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;

-- pair: used-by-default-added
-- left
CREATE TABLE t (a int);
-- right
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
CREATE TABLE t (a int, code text DEFAULT next_code());

-- pair: used-by-default-dropped
-- left
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
CREATE TABLE t (a int, code text DEFAULT next_code());
-- right
CREATE TABLE t (a int);

-- pair: used-by-check-added
-- left
CREATE TABLE t (a int);
-- right
CREATE FUNCTION valid(i int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i BETWEEN 0 AND 10 $$;
CREATE TABLE t (a int CONSTRAINT t_a_valid CHECK (valid(a)));

-- pair: used-by-index-added
-- left
CREATE TABLE t (a text);
-- right
CREATE FUNCTION norm(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(trim(s)) $$;
CREATE TABLE t (a text);
CREATE INDEX t_norm ON t (norm(a));

-- pair: used-by-index-body-changed
-- left
CREATE FUNCTION norm(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(s) $$;
CREATE TABLE t (a text);
CREATE INDEX t_norm ON t (norm(a));
-- right
CREATE FUNCTION norm(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(trim(s)) $$;
CREATE TABLE t (a text);
CREATE INDEX t_norm ON t (norm(a));

-- pair: used-by-default-return-type-changed
-- left
CREATE FUNCTION seed() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TABLE t (a bigint DEFAULT seed());
-- right
CREATE FUNCTION seed() RETURNS bigint LANGUAGE sql AS $$ SELECT 1::bigint $$;
CREATE TABLE t (a bigint DEFAULT seed());

-- pair: function-calling-new-function
-- left
CREATE FUNCTION outer_f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
-- right
CREATE FUNCTION inner_f() RETURNS int LANGUAGE sql AS $$ SELECT 41 $$;
CREATE FUNCTION outer_f() RETURNS int LANGUAGE sql AS $$ SELECT inner_f() + 1 $$;

-- pair: sql-body-depends-on-function
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE FUNCTION inner_f(i int) RETURNS int LANGUAGE sql IMMUTABLE RETURN i + 1;
CREATE FUNCTION outer_f(i int) RETURNS int LANGUAGE sql IMMUTABLE RETURN inner_f(i) * 2;

-- pair: sql-body-dependency-dropped
-- left
CREATE TABLE t (a int);
CREATE FUNCTION inner_f(i int) RETURNS int LANGUAGE sql IMMUTABLE RETURN i + 1;
CREATE FUNCTION outer_f(i int) RETURNS int LANGUAGE sql IMMUTABLE RETURN inner_f(i) * 2;
-- right
CREATE TABLE t (a int);

-- pair: function-name-with-upper-case
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE FUNCTION "GetAnswer"() RETURNS int LANGUAGE sql AS $$ SELECT 42 $$;

-- pair: aggregate-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE FUNCTION mul_sfunc(state bigint, x int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT state * x $$;
CREATE AGGREGATE product(int) (SFUNC = mul_sfunc, STYPE = bigint, INITCOND = '1');
