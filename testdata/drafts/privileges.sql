-- Privileges: GRANT and REVOKE on tables (each privilege, WITH GRANT OPTION, PUBLIC), columns,
-- views, sequences, functions (including the default EXECUTE to PUBLIC revoked), procedures,
-- schemas, types; default privileges (ALTER DEFAULT PRIVILEGES). The roles come from roles.sql.

-- pair: grant-select
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
GRANT SELECT ON t TO drafts_reader;

-- pair: revoke-select
-- left
CREATE TABLE t (a int);
GRANT SELECT ON t TO drafts_reader;
-- right
CREATE TABLE t (a int);

-- pair: grant-more-privileges
-- left
CREATE TABLE t (a int);
GRANT SELECT ON t TO drafts_writer;
-- right
CREATE TABLE t (a int);
GRANT SELECT, INSERT, UPDATE, DELETE ON t TO drafts_writer;

-- pair: grant-all
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
GRANT ALL ON t TO drafts_app;

-- pair: revoke-some
-- left
CREATE TABLE t (a int);
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON t TO drafts_writer;
-- right
CREATE TABLE t (a int);
GRANT SELECT, INSERT ON t TO drafts_writer;

-- pair: grant-with-grant-option
-- left
CREATE TABLE t (a int);
GRANT SELECT ON t TO drafts_reader;
-- right
CREATE TABLE t (a int);
GRANT SELECT ON t TO drafts_reader WITH GRANT OPTION;

-- pair: grant-to-public
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
GRANT SELECT ON t TO PUBLIC;

-- pair: grant-to-role-with-space
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
GRANT SELECT, REFERENCES ON t TO "Drafts Admin";

-- pair: grant-column
-- left
CREATE TABLE t (a int, secret text);
-- right
CREATE TABLE t (a int, secret text);
GRANT SELECT (a) ON t TO drafts_reader;

-- pair: revoke-column
-- left
CREATE TABLE t (a int, b int);
GRANT SELECT (a), UPDATE (b) ON t TO drafts_writer;
-- right
CREATE TABLE t (a int, b int);
GRANT SELECT (a) ON t TO drafts_writer;

-- pair: grant-on-view
-- both
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
-- left
-- right
GRANT SELECT ON v TO drafts_reader;

-- pair: grant-on-sequence
-- both
CREATE SEQUENCE s;
-- left
-- right
GRANT USAGE, SELECT ON SEQUENCE s TO drafts_app;

-- pair: grant-on-function
-- both
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
-- left
-- right
GRANT EXECUTE ON FUNCTION f() TO drafts_app;

-- pair: revoke-execute-from-public
-- both
CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;
-- left
-- right
REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION f() TO drafts_app;

-- pair: grant-on-procedure
-- both
CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;
-- left
-- right
GRANT EXECUTE ON PROCEDURE p() TO drafts_app;

-- pair: grant-on-schema
-- both
CREATE SCHEMA app;
-- left
-- right
GRANT USAGE ON SCHEMA app TO drafts_reader;
GRANT CREATE ON SCHEMA app TO drafts_owner;

-- pair: grant-create-on-public-schema
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
GRANT CREATE ON SCHEMA public TO PUBLIC;

-- pair: grant-on-type
-- both
CREATE TYPE mood AS ENUM ('sad', 'happy');
-- left
-- right
REVOKE USAGE ON TYPE mood FROM PUBLIC;
GRANT USAGE ON TYPE mood TO drafts_app;

-- pair: grant-on-new-table
-- left
CREATE TABLE keep (a int);
-- right
CREATE TABLE keep (a int);
CREATE TABLE t (a int);
GRANT SELECT ON t TO drafts_reader;

-- pair: grants-on-dropped-table
-- left
CREATE TABLE keep (a int);
CREATE TABLE t (a int);
GRANT SELECT ON t TO drafts_reader;
-- right
CREATE TABLE keep (a int);

-- pair: default-privileges-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO drafts_reader;

-- pair: default-privileges-removed
-- left
CREATE TABLE t (a int);
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO drafts_app;
-- right
CREATE TABLE t (a int);

-- pair: grant-moved-to-other-role
-- left
CREATE TABLE t (a int);
GRANT SELECT ON t TO drafts_reader;
-- right
CREATE TABLE t (a int);
GRANT SELECT ON t TO drafts_app;
