-- Extensions: CREATE/DROP EXTENSION (pg_trgm, citext, hstore, btree_gist, uuid-ossp), WITH
-- SCHEMA, extensions whose types or operator classes columns and indexes use.

-- pair: extension-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE EXTENSION pg_trgm;

-- pair: extension-dropped
-- left
CREATE TABLE t (a int);
CREATE EXTENSION hstore;
-- right
CREATE TABLE t (a int);

-- pair: extension-with-schema
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE SCHEMA ext;
CREATE EXTENSION hstore WITH SCHEMA ext;

-- pair: extension-name-with-dash
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE EXTENSION "uuid-ossp";

-- pair: extension-type-used-by-new-column
-- left
CREATE TABLE t (a int);
-- right
CREATE EXTENSION citext;
CREATE TABLE t (a int, email citext);

-- pair: extension-type-column-dropped
-- left
CREATE EXTENSION citext;
CREATE TABLE t (a int, email citext);
-- right
CREATE TABLE t (a int);

-- pair: column-text-to-citext
-- both
CREATE EXTENSION citext;
-- left
CREATE TABLE t (email text);
-- right
CREATE TABLE t (email citext);

-- pair: extension-opclass-index-added
-- left
CREATE TABLE t (name text);
-- right
CREATE EXTENSION pg_trgm;
CREATE TABLE t (name text);
CREATE INDEX t_name_trgm ON t USING gist (name gist_trgm_ops);

-- pair: extension-function-used-by-default
-- left
CREATE TABLE t (a int);
-- right
CREATE EXTENSION "uuid-ossp";
CREATE TABLE t (a int, id uuid DEFAULT uuid_generate_v4());

-- pair: two-extensions-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE EXTENSION btree_gist;
CREATE EXTENSION hstore;
