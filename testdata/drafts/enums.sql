-- Enum types: CREATE/DROP TYPE … AS ENUM, ALTER TYPE … ADD VALUE (at the end, BEFORE, AFTER),
-- RENAME VALUE, labels removed (the type recreated and every column, default and routine that
-- uses it converted), and enums used by columns, arrays, defaults and functions.

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
