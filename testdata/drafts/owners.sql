-- Owners: ALTER … OWNER TO for tables, views, materialized views, sequences, functions,
-- procedures, types, domains and schemas; objects created with an owner.

-- pair: table-owner
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
ALTER TABLE t OWNER TO drafts_owner;

-- pair: table-owner-back
-- left
CREATE TABLE t (a int);
ALTER TABLE t OWNER TO drafts_owner;
-- right
CREATE TABLE t (a int);

-- pair: table-owner-changed
-- left
CREATE TABLE t (a int);
ALTER TABLE t OWNER TO drafts_owner;
-- right
CREATE TABLE t (a int);
ALTER TABLE t OWNER TO drafts_app;

-- pair: view-owner
-- both
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
-- left
-- right
ALTER VIEW v OWNER TO drafts_owner;

-- pair: matview-owner
-- both
CREATE TABLE t (a int);
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
-- left
-- right
ALTER MATERIALIZED VIEW mv OWNER TO drafts_owner;

-- pair: sequence-owner
-- both
CREATE SEQUENCE s;
-- left
-- right
ALTER SEQUENCE s OWNER TO drafts_owner;

-- pair: function-owner
-- both
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
-- left
-- right
ALTER FUNCTION f() OWNER TO drafts_owner;

-- pair: procedure-owner
-- both
CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;
-- left
-- right
ALTER PROCEDURE p() OWNER TO drafts_owner;

-- pair: type-owner
-- both
CREATE TYPE mood AS ENUM ('sad', 'happy');
-- left
-- right
ALTER TYPE mood OWNER TO drafts_owner;

-- pair: domain-owner
-- both
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
-- left
-- right
ALTER DOMAIN posint OWNER TO drafts_owner;

-- pair: schema-owner
-- both
CREATE SCHEMA app;
-- left
-- right
ALTER SCHEMA app OWNER TO drafts_owner;

-- pair: new-table-with-owner
-- left
CREATE TABLE keep (a int);
-- right
CREATE TABLE keep (a int);
CREATE TABLE t (a int);
ALTER TABLE t OWNER TO drafts_owner;

-- pair: owner-with-space-in-name
-- both
CREATE TABLE t (a int);
-- left
-- right
ALTER TABLE t OWNER TO "Drafts Admin";

-- pair: serial-table-owner
-- both
CREATE TABLE t (id serial);
-- left
-- right
ALTER TABLE t OWNER TO drafts_owner;
