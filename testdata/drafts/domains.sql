-- Domains: CREATE/DROP DOMAIN and ALTER DOMAIN (ADD/DROP CONSTRAINT, NOT VALID, SET/DROP NOT
-- NULL, SET/DROP DEFAULT), domains over other base types, domains used by columns and
-- functions.

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
