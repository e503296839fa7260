-- Triggers: CREATE/DROP TRIGGER (BEFORE/AFTER/INSTEAD OF, ROW/STATEMENT, INSERT/UPDATE OF
-- columns/DELETE/TRUNCATE, WHEN, REFERENCING transition tables, arguments), CREATE CONSTRAINT
-- TRIGGER (DEFERRABLE), triggers whose function changes or is new, event triggers.

-- pair: trigger-added
-- both
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE TABLE t (a int, updated timestamptz);
-- left
-- right
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();

-- pair: trigger-dropped
-- both
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE TABLE t (a int, updated timestamptz);
-- left
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
-- right

-- pair: trigger-and-function-added
-- left
CREATE TABLE t (a int, updated timestamptz);
-- right
CREATE TABLE t (a int, updated timestamptz);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();

-- pair: trigger-and-function-dropped
-- left
CREATE TABLE t (a int, updated timestamptz);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
-- right
CREATE TABLE t (a int, updated timestamptz);

-- pair: timing-before-to-after
-- both
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TABLE t (a int);
-- left
CREATE TRIGGER t_audit BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION audit();
-- right
CREATE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION audit();

-- pair: events-changed
-- both
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TABLE t (a int);
-- left
CREATE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION audit();
-- right
CREATE TRIGGER t_audit AFTER INSERT OR UPDATE OR DELETE ON t FOR EACH ROW EXECUTE FUNCTION audit();

-- pair: update-of-columns
-- both
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TABLE t (a int, b int);
-- left
CREATE TRIGGER t_audit AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION audit();
-- right
CREATE TRIGGER t_audit AFTER UPDATE OF b ON t FOR EACH ROW EXECUTE FUNCTION audit();

-- pair: when-condition-added
-- both
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TABLE t (a int);
-- left
CREATE TRIGGER t_audit AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION audit();
-- right
CREATE TRIGGER t_audit AFTER UPDATE ON t FOR EACH ROW WHEN (OLD.a IS DISTINCT FROM NEW.a) EXECUTE FUNCTION audit();

-- pair: statement-level-truncate
-- both
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TABLE t (a int);
-- left
-- right
CREATE TRIGGER t_truncate AFTER TRUNCATE ON t FOR EACH STATEMENT EXECUTE FUNCTION audit();

-- pair: transition-tables
-- both
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TABLE t (a int);
-- left
-- right
CREATE TRIGGER t_batch AFTER INSERT ON t REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit();

-- pair: trigger-arguments
-- both
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TABLE t (a int);
-- left
CREATE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION audit('v1');
-- right
CREATE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION audit('v2', 'x y');

-- pair: instead-of-on-view
-- both
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
CREATE FUNCTION v_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (NEW.a); RETURN NEW; END $$;
-- left
-- right
CREATE TRIGGER v_ins INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION v_ins();

-- pair: constraint-trigger-added
-- both
CREATE FUNCTION check_it() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TABLE t (a int);
-- left
-- right
CREATE CONSTRAINT TRIGGER t_check AFTER INSERT OR UPDATE ON t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_it();

-- pair: constraint-trigger-dropped
-- both
CREATE FUNCTION check_it() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TABLE t (a int);
-- left
CREATE CONSTRAINT TRIGGER t_check AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION check_it();
-- right

-- pair: constraint-trigger-made-deferrable
-- both
CREATE FUNCTION check_it() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TABLE t (a int);
-- left
CREATE CONSTRAINT TRIGGER t_check AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION check_it();
-- right
CREATE CONSTRAINT TRIGGER t_check AFTER INSERT ON t DEFERRABLE FOR EACH ROW EXECUTE FUNCTION check_it();

-- pair: trigger-function-body-changed
-- left
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE TABLE t (a int, updated timestamptz);
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
-- right
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := clock_timestamp(); RETURN NEW; END $$;
CREATE TABLE t (a int, updated timestamptz);
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();

-- pair: trigger-uses-other-function
-- both
CREATE FUNCTION f1() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE FUNCTION f2() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (a int);
-- left
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f1();
-- right
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f2();

-- pair: trigger-renamed
-- both
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (a int);
-- left
CREATE TRIGGER old_tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
-- right
CREATE TRIGGER new_tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();

-- pair: trigger-on-partitioned-table
-- both
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- left
-- right
CREATE TRIGGER m_tr AFTER INSERT ON m FOR EACH ROW EXECUTE FUNCTION f();

-- pair: trigger-when-on-dropped-column
-- left
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (a int, b int);
CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.b > 0) EXECUTE FUNCTION f();
-- right
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (a int);

-- pair: event-trigger-added
-- both
CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl'; END $$;
-- left
-- right
CREATE EVENT TRIGGER drafts_on_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION on_ddl();
