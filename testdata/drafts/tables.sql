-- Tables: CREATE TABLE, DROP TABLE and the ALTER TABLE forms that concern the table as a
-- whole (persistence, storage parameters, schema, rename, replica identity, clustering,
-- access method, triggers and rules enabled or not).

-- pair: create-table
-- both
CREATE TABLE t0 (a int);
-- left
-- right
CREATE TABLE t (id integer PRIMARY KEY, name text NOT NULL);

-- pair: drop-table
-- both
CREATE TABLE t0 (a int);
-- left
CREATE TABLE t (id integer PRIMARY KEY, name text NOT NULL);
-- right

-- pair: create-table-in-new-schema
-- left
CREATE TABLE t0 (a int);
-- right
CREATE TABLE t0 (a int);
CREATE SCHEMA app;
CREATE TABLE app.t (id bigint GENERATED ALWAYS AS IDENTITY, v text);

-- pair: create-unlogged-table
-- both
CREATE TABLE t0 (a int);
-- left
-- right
CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v jsonb);

-- pair: set-unlogged
-- left
CREATE TABLE t (a int);
-- right
CREATE UNLOGGED TABLE t (a int);

-- pair: set-logged
-- left
CREATE UNLOGGED TABLE t (a int);
-- right
CREATE TABLE t (a int);

-- pair: storage-parameter-set
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int) WITH (fillfactor = 70);

-- pair: storage-parameter-changed
-- left
CREATE TABLE t (a int) WITH (fillfactor = 70, autovacuum_enabled = false);
-- right
CREATE TABLE t (a int) WITH (fillfactor = 90, autovacuum_enabled = false);

-- pair: storage-parameter-reset
-- left
CREATE TABLE t (a int) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05);
-- right
CREATE TABLE t (a int);

-- pair: toast-storage-parameter
-- left
CREATE TABLE t (a text);
-- right
CREATE TABLE t (a text) WITH (toast.autovacuum_enabled = false);

-- pair: rename-table
-- left
CREATE TABLE old_name (a int);
-- right
CREATE TABLE new_name (a int);

-- pair: set-schema
-- both
CREATE SCHEMA other;
-- left
CREATE TABLE public.t (a int);
-- right
CREATE TABLE other.t (a int);

-- pair: replica-identity-full
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
ALTER TABLE t REPLICA IDENTITY FULL;

-- pair: replica-identity-nothing
-- left
CREATE TABLE t (a int);
ALTER TABLE t REPLICA IDENTITY FULL;
-- right
CREATE TABLE t (a int);
ALTER TABLE t REPLICA IDENTITY NOTHING;

-- pair: replica-identity-using-index
-- left
CREATE TABLE t (a int NOT NULL, b int);
CREATE UNIQUE INDEX t_a ON t (a);
-- right
CREATE TABLE t (a int NOT NULL, b int);
CREATE UNIQUE INDEX t_a ON t (a);
ALTER TABLE t REPLICA IDENTITY USING INDEX t_a;

-- pair: replica-identity-back-to-default
-- left
CREATE TABLE t (a int PRIMARY KEY);
ALTER TABLE t REPLICA IDENTITY FULL;
-- right
CREATE TABLE t (a int PRIMARY KEY);

-- pair: cluster-on
-- left
CREATE TABLE t (a int, b int);
CREATE INDEX t_a ON t (a);
CREATE INDEX t_b ON t (b);
-- right
CREATE TABLE t (a int, b int);
CREATE INDEX t_a ON t (a);
CREATE INDEX t_b ON t (b);
ALTER TABLE t CLUSTER ON t_b;

-- pair: cluster-on-other-index
-- left
CREATE TABLE t (a int, b int);
CREATE INDEX t_a ON t (a);
CREATE INDEX t_b ON t (b);
ALTER TABLE t CLUSTER ON t_a;
-- right
CREATE TABLE t (a int, b int);
CREATE INDEX t_a ON t (a);
CREATE INDEX t_b ON t (b);
ALTER TABLE t CLUSTER ON t_b;

-- pair: set-without-cluster
-- left
CREATE TABLE t (a int);
CREATE INDEX t_a ON t (a);
ALTER TABLE t CLUSTER ON t_a;
-- right
CREATE TABLE t (a int);
CREATE INDEX t_a ON t (a);

-- pair: access-method-heap-explicit
-- left
CREATE TABLE t0 (a int);
-- right
CREATE TABLE t0 (a int);
CREATE TABLE t (a int) USING heap;

-- pair: disable-trigger
-- both
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE t (a int);
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
-- left
-- right
ALTER TABLE t DISABLE TRIGGER tr;

-- pair: enable-replica-trigger
-- both
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE t (a int);
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
-- left
ALTER TABLE t DISABLE TRIGGER tr;
-- right
ALTER TABLE t ENABLE REPLICA TRIGGER tr;

-- pair: enable-always-trigger
-- both
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE t (a int);
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
-- left
-- right
ALTER TABLE t ENABLE ALWAYS TRIGGER tr;

-- pair: rule-added
-- left
CREATE TABLE t (a int);
CREATE TABLE log (a int);
-- right
CREATE TABLE t (a int);
CREATE TABLE log (a int);
CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.a);

-- pair: rule-removed
-- left
CREATE TABLE t (a int);
CREATE RULE t_nothing AS ON DELETE TO t DO INSTEAD NOTHING;
-- right
CREATE TABLE t (a int);

-- pair: rule-changed
-- left
CREATE TABLE t (a int);
CREATE TABLE log (a int);
CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.a);
-- right
CREATE TABLE t (a int);
CREATE TABLE log (a int);
CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.a * 2);

-- pair: disable-rule
-- both
CREATE TABLE t (a int);
CREATE RULE t_nothing AS ON DELETE TO t DO INSTEAD NOTHING;
-- left
-- right
ALTER TABLE t DISABLE RULE t_nothing;

-- pair: table-of-type
-- both
CREATE TYPE pt AS (x int, y int);
-- left
-- right
CREATE TABLE points OF pt (PRIMARY KEY (x, y));

-- pair: create-table-like
-- both
CREATE TABLE base (id int PRIMARY KEY, created timestamptz DEFAULT now());
-- left
-- right
CREATE TABLE copy (LIKE base INCLUDING ALL);

-- pair: drop-table-referenced-by-fk
-- both
CREATE TABLE keep (id int PRIMARY KEY);
-- left
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int, parent_id int REFERENCES parent);
-- right
CREATE TABLE child (id int, parent_id int);

-- pair: drop-two-tables-fk-between
-- left
CREATE TABLE keep (id int);
CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);
ALTER TABLE a ADD COLUMN b_id int REFERENCES b;
-- right
CREATE TABLE keep (id int);

-- pair: create-two-tables-fk-cycle
-- left
CREATE TABLE keep (id int);
-- right
CREATE TABLE keep (id int);
CREATE TABLE a (id int PRIMARY KEY, b_id int);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);
ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b;

-- pair: row-security-enable
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
