-- Changes that involve several objects at once, where the order of the statements matters:
-- what a foreign key needs, what a view or a default uses, what a type is used by, what
-- drops along with what.

-- pair: fk-to-newly-unique-column
-- left
CREATE TABLE p (id int PRIMARY KEY, code text);
CREATE TABLE c (code text);
-- right
CREATE TABLE p (id int PRIMARY KEY, code text CONSTRAINT p_code_key UNIQUE);
CREATE TABLE c (code text CONSTRAINT c_code_fk REFERENCES p (code));

-- pair: fk-to-new-unique-index-column
-- left
CREATE TABLE p (id int PRIMARY KEY, code text);
CREATE TABLE c (code text);
-- right
CREATE TABLE p (id int PRIMARY KEY, code text);
CREATE UNIQUE INDEX p_code ON p (code);
CREATE TABLE c (code text CONSTRAINT c_code_fk REFERENCES p (code));

-- pair: fk-to-new-table-and-column
-- left
CREATE TABLE c (a int);
-- right
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (a int, p_id int REFERENCES p);

-- pair: unique-dropped-with-its-fk
-- left
CREATE TABLE p (id int PRIMARY KEY, code text CONSTRAINT p_code_key UNIQUE);
CREATE TABLE c (code text CONSTRAINT c_code_fk REFERENCES p (code));
-- right
CREATE TABLE p (id int PRIMARY KEY, code text);
CREATE TABLE c (code text);

-- pair: referenced-pk-replaced
-- left
CREATE TABLE p (id int CONSTRAINT p_pkey PRIMARY KEY, uid uuid NOT NULL);
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p);
-- right
CREATE TABLE p (id int NOT NULL, uid uuid CONSTRAINT p_pkey PRIMARY KEY);
CREATE TABLE c (p_uid uuid CONSTRAINT c_p_fk REFERENCES p);

-- pair: view-over-column-type-change-with-view-on-view
-- left
CREATE TABLE t (a int, b text);
CREATE VIEW v1 AS SELECT a, b FROM t;
CREATE VIEW v2 AS SELECT a FROM v1 WHERE b <> '';
-- right
CREATE TABLE t (a bigint, b text);
CREATE VIEW v1 AS SELECT a, b FROM t;
CREATE VIEW v2 AS SELECT a FROM v1 WHERE b <> '';

-- pair: view-over-column-type-change-with-grants
-- left
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
GRANT SELECT ON v TO drafts_reader;
COMMENT ON VIEW v IS 'Kept.';
-- right
CREATE TABLE t (a numeric);
CREATE VIEW v AS SELECT a FROM t;
GRANT SELECT ON v TO drafts_reader;
COMMENT ON VIEW v IS 'Kept.';

-- pair: matview-over-column-type-change-with-index
-- left
CREATE TABLE t (a int);
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
CREATE INDEX mv_a ON mv (a);
-- right
CREATE TABLE t (a bigint);
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
CREATE INDEX mv_a ON mv (a);

-- pair: function-used-by-default-dropped-default-kept-column
-- left
CREATE FUNCTION gen() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TABLE t (a int DEFAULT gen());
-- right
CREATE TABLE t (a int DEFAULT 0);

-- pair: function-replaced-by-other-in-default
-- left
CREATE FUNCTION gen_a() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TABLE t (a int DEFAULT gen_a());
-- right
CREATE FUNCTION gen_b() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;
CREATE TABLE t (a int DEFAULT gen_b());

-- pair: function-used-by-check-argument-type-changed
-- left
CREATE FUNCTION ok(i int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i > 0 $$;
CREATE TABLE t (a int CONSTRAINT t_ok CHECK (ok(a)));
-- right
CREATE FUNCTION ok(i bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i > 0 $$;
CREATE TABLE t (a bigint CONSTRAINT t_ok CHECK (ok(a)));

-- pair: type-used-by-function-attribute-added
-- left
CREATE TYPE pt AS (x int, y int);
CREATE FUNCTION norm(p pt) RETURNS int LANGUAGE sql AS $$ SELECT abs(p.x) + abs(p.y) $$;
-- right
CREATE TYPE pt AS (x int, y int, z int);
CREATE FUNCTION norm(p pt) RETURNS int LANGUAGE sql AS $$ SELECT abs(p.x) + abs(p.y) + abs(p.z) $$;

-- pair: enum-used-by-function-and-column-dropped
-- left
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m mood);
CREATE FUNCTION is_happy(m mood) RETURNS boolean LANGUAGE sql AS $$ SELECT m = 'happy' $$;
-- right
CREATE TABLE t (a int);

-- pair: domain-used-by-function-dropped
-- left
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE FUNCTION half(p posint) RETURNS int LANGUAGE sql AS $$ SELECT p / 2 $$;
-- right
CREATE FUNCTION half(p int) RETURNS int LANGUAGE sql AS $$ SELECT p / 2 $$;

-- pair: sequence-owned-by-column-moved-to-new-table
-- left
CREATE TABLE a (id int);
CREATE SEQUENCE s OWNED BY a.id;
-- right
CREATE SEQUENCE s;
CREATE TABLE b (id int DEFAULT nextval('s'));
ALTER SEQUENCE s OWNED BY b.id;

-- pair: sequence-shared-by-two-defaults
-- left
CREATE SEQUENCE s;
CREATE TABLE a (id int DEFAULT nextval('s'));
CREATE TABLE b (id int DEFAULT nextval('s'));
-- right
CREATE TABLE a (id int);
CREATE TABLE b (id int);

-- pair: partitions-moving-parents
-- left
CREATE TABLE old_m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE p2024 PARTITION OF old_m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE p2025 PARTITION OF old_m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- right
CREATE TABLE new_m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE p2024 PARTITION OF new_m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE p2025 PARTITION OF new_m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- pair: partitioned-index-with-partition-index-attached
-- left
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX m_id ON m (id);
-- right
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX m_id ON m (id, at);

-- pair: trigger-function-dropped-with-trigger-on-dropped-table
-- left
CREATE TABLE keep (a int);
CREATE TABLE t (a int);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
-- right
CREATE TABLE keep (a int);

-- pair: view-using-function-using-table-all-added
-- left
CREATE TABLE keep (a int);
-- right
CREATE TABLE keep (a int);
CREATE TABLE items (id int, price numeric);
CREATE FUNCTION with_tax(p numeric) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN p * 1.2;
CREATE VIEW priced AS SELECT id, with_tax(price) AS gross FROM items;

-- pair: view-using-function-using-table-all-dropped
-- left
CREATE TABLE keep (a int);
CREATE TABLE items (id int, price numeric);
CREATE FUNCTION with_tax(p numeric) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN p * 1.2;
CREATE VIEW priced AS SELECT id, with_tax(price) AS gross FROM items;
-- right
CREATE TABLE keep (a int);

-- pair: policy-using-function-replaced
-- left
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE FUNCTION me() RETURNS text LANGUAGE sql STABLE AS $$ SELECT current_user::text $$;
CREATE POLICY mine ON t USING (owner = me());
-- right
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE FUNCTION whoami() RETURNS text LANGUAGE sql STABLE AS $$ SELECT session_user::text $$;
CREATE POLICY mine ON t USING (owner = whoami());

-- pair: column-type-change-with-fk-both-sides
-- left
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p);
CREATE TABLE gc (c_id int REFERENCES c);
-- right
CREATE TABLE p (id bigint PRIMARY KEY);
CREATE TABLE c (id bigint PRIMARY KEY, p_id bigint REFERENCES p);
CREATE TABLE gc (c_id bigint REFERENCES c);

-- pair: column-type-change-used-by-index-and-check
-- left
CREATE TABLE t (a int CONSTRAINT t_a_pos CHECK (a > 0));
CREATE INDEX t_a_expr ON t ((a * 2));
-- right
CREATE TABLE t (a bigint CONSTRAINT t_a_pos CHECK (a > 0));
CREATE INDEX t_a_expr ON t ((a * 2));

-- pair: generated-column-over-changed-column
-- left
CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);
-- right
CREATE TABLE t (a bigint, b bigint GENERATED ALWAYS AS (a * 2) STORED);

-- pair: schema-dropped-with-cross-schema-fk
-- left
CREATE SCHEMA gone;
CREATE TABLE gone.p (id int PRIMARY KEY);
CREATE TABLE c (p_id int REFERENCES gone.p);
-- right
CREATE TABLE c (p_id int);

-- pair: table-renamed-with-dependents
-- left
CREATE TABLE old_t (id int PRIMARY KEY);
CREATE TABLE c (t_id int REFERENCES old_t);
CREATE VIEW v AS SELECT id FROM old_t;
-- right
CREATE TABLE new_t (id int PRIMARY KEY);
CREATE TABLE c (t_id int REFERENCES new_t);
CREATE VIEW v AS SELECT id FROM new_t;


-- pair: table-becomes-view-with-view-over-it
-- both
CREATE SCHEMA x;
-- left
CREATE TABLE x.data (id uuid, name text);
CREATE VIEW x.q AS SELECT id, name FROM x.data;
GRANT SELECT ON x.data TO drafts_reader;
-- right
CREATE TABLE x.t_data (id uuid, name text);
CREATE VIEW x.data AS SELECT id, name FROM x.t_data;
CREATE VIEW x.q AS SELECT id, name FROM x.data;
GRANT SELECT ON x.data TO drafts_reader;

-- pair: view-becomes-table-with-view-over-it
-- both
CREATE TABLE src (id int, name text);
-- left
CREATE VIEW v AS SELECT id, name FROM src;
CREATE VIEW w AS SELECT name FROM v;
-- right
CREATE TABLE v (id int, name text);
CREATE VIEW w AS SELECT name FROM v;

-- pair: view-becomes-materialized-view
-- both
CREATE TABLE src (id int);
-- left
CREATE VIEW v AS SELECT id FROM src;
-- right
CREATE MATERIALIZED VIEW v AS SELECT id FROM src;
