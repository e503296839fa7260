-- Composite types: CREATE/DROP TYPE … AS (…), ALTER TYPE ADD/DROP/ALTER ATTRIBUTE and RENAME
-- ATTRIBUTE, composite types used by columns and functions; range types.

-- pair: type-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE TYPE pair AS (x int, y int);

-- pair: type-dropped
-- left
CREATE TABLE t (a int);
CREATE TYPE pair AS (x int, y int);
-- right
CREATE TABLE t (a int);

-- pair: add-attribute
-- left
CREATE TYPE addr AS (street text, city text);
-- right
CREATE TYPE addr AS (street text, city text, zip text);

-- pair: drop-attribute
-- left
CREATE TYPE addr AS (street text, city text, zip text);
-- right
CREATE TYPE addr AS (street text, city text);

-- pair: alter-attribute-type
-- left
CREATE TYPE addr AS (street text, number int);
-- right
CREATE TYPE addr AS (street text, number bigint);

-- pair: rename-attribute
-- left
CREATE TYPE addr AS (street text, town text);
-- right
CREATE TYPE addr AS (street text, city text);

-- pair: attribute-collation
-- left
CREATE TYPE addr AS (street text);
-- right
CREATE TYPE addr AS (street text COLLATE "C");

-- pair: add-attribute-used-by-column
-- left
CREATE TYPE addr AS (street text, city text);
CREATE TABLE t (home addr);
-- right
CREATE TYPE addr AS (street text, city text, zip text);
CREATE TABLE t (home addr);

-- pair: type-used-by-function-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE TYPE pair AS (x int, y int);
CREATE FUNCTION swap(p pair) RETURNS pair LANGUAGE sql IMMUTABLE AS $$ SELECT ROW(p.y, p.x)::pair $$;

-- pair: type-used-by-function-dropped
-- left
CREATE TABLE t (a int);
CREATE TYPE pair AS (x int, y int);
CREATE FUNCTION swap(p pair) RETURNS pair LANGUAGE sql IMMUTABLE AS $$ SELECT ROW(p.y, p.x)::pair $$;
-- right
CREATE TABLE t (a int);

-- pair: range-type-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);

-- pair: range-type-used-by-column-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TABLE t (a int, r floatrange);

-- pair: composite-nested
-- left
CREATE TYPE inner_t AS (a int);
-- right
CREATE TYPE inner_t AS (a int);
CREATE TYPE outer_t AS (i inner_t, n text);
