-- Schemas: CREATE/DROP SCHEMA (empty, with objects, AUTHORIZATION), a schema renamed (a drop
-- and an add to a comparison), objects moved between schemas.

-- pair: schema-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE SCHEMA app;

-- pair: schema-dropped
-- left
CREATE TABLE t (a int);
CREATE SCHEMA app;
-- right
CREATE TABLE t (a int);

-- pair: schema-with-objects-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE SCHEMA app;
CREATE TYPE app.kind AS ENUM ('a', 'b');
CREATE TABLE app.items (id int PRIMARY KEY, k app.kind);
CREATE VIEW app.item_ids AS SELECT id FROM app.items;
CREATE FUNCTION app.count_items() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM app.items $$;

-- pair: schema-with-objects-dropped
-- left
CREATE TABLE t (a int);
CREATE SCHEMA app;
CREATE TYPE app.kind AS ENUM ('a', 'b');
CREATE TABLE app.items (id int PRIMARY KEY, k app.kind);
CREATE VIEW app.item_ids AS SELECT id FROM app.items;
CREATE SEQUENCE app.s;
-- right
CREATE TABLE t (a int);

-- pair: schema-renamed
-- left
CREATE SCHEMA old_app;
CREATE TABLE old_app.t (a int);
-- right
CREATE SCHEMA new_app;
CREATE TABLE new_app.t (a int);

-- pair: schema-authorization
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE SCHEMA app AUTHORIZATION drafts_owner;

-- pair: table-moved-between-schemas
-- both
CREATE SCHEMA a;
CREATE SCHEMA b;
-- left
CREATE TABLE a.t (x int);
-- right
CREATE TABLE b.t (x int);

-- pair: cross-schema-fk-added
-- both
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TABLE a.p (id int PRIMARY KEY);
-- left
CREATE TABLE b.c (p_id int);
-- right
CREATE TABLE b.c (p_id int REFERENCES a.p);

-- pair: public-schema-owner
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
ALTER SCHEMA public OWNER TO drafts_owner;
