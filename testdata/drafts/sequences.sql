-- Sequences: CREATE/DROP SEQUENCE and every ALTER SEQUENCE option (AS, INCREMENT BY,
-- MINVALUE/NO MINVALUE, MAXVALUE/NO MAXVALUE, START WITH, CACHE, CYCLE/NO CYCLE, OWNED BY),
-- options going back to their defaults, serial columns added and removed, sequences used by
-- defaults.

-- pair: sequence-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE SEQUENCE s;

-- pair: sequence-dropped
-- left
CREATE TABLE t (a int);
CREATE SEQUENCE s;
-- right
CREATE TABLE t (a int);

-- pair: sequence-with-all-options
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE SEQUENCE s AS integer INCREMENT BY 5 MINVALUE 10 MAXVALUE 100000 START WITH 20 CACHE 10 CYCLE;

-- pair: as-smallint
-- left
CREATE SEQUENCE s;
-- right
CREATE SEQUENCE s AS smallint;

-- pair: as-bigint-from-integer
-- left
CREATE SEQUENCE s AS integer;
-- right
CREATE SEQUENCE s AS bigint;

-- pair: increment
-- left
CREATE SEQUENCE s;
-- right
CREATE SEQUENCE s INCREMENT BY 10;

-- pair: increment-negative
-- left
CREATE SEQUENCE s;
-- right
CREATE SEQUENCE s INCREMENT BY -1 MINVALUE -1000 MAXVALUE -1 START WITH -1;

-- pair: minvalue
-- left
CREATE SEQUENCE s;
-- right
CREATE SEQUENCE s MINVALUE 0 START WITH 0;

-- pair: maxvalue
-- left
CREATE SEQUENCE s;
-- right
CREATE SEQUENCE s MAXVALUE 999;

-- pair: no-maxvalue
-- left
CREATE SEQUENCE s MAXVALUE 999;
-- right
CREATE SEQUENCE s;

-- pair: no-minvalue
-- left
CREATE SEQUENCE s MINVALUE 5 START WITH 5;
-- right
CREATE SEQUENCE s START WITH 5;

-- pair: start-with
-- left
CREATE SEQUENCE s;
-- right
CREATE SEQUENCE s START WITH 1000;

-- pair: cache
-- left
CREATE SEQUENCE s;
-- right
CREATE SEQUENCE s CACHE 50;

-- pair: cache-back-to-one
-- left
CREATE SEQUENCE s CACHE 50;
-- right
CREATE SEQUENCE s;

-- pair: cycle
-- left
CREATE SEQUENCE s MAXVALUE 10;
-- right
CREATE SEQUENCE s MAXVALUE 10 CYCLE;

-- pair: no-cycle
-- left
CREATE SEQUENCE s MAXVALUE 10 CYCLE;
-- right
CREATE SEQUENCE s MAXVALUE 10;

-- pair: all-options-back-to-defaults
-- left
CREATE SEQUENCE s AS integer INCREMENT BY 5 MINVALUE 10 MAXVALUE 100000 START WITH 20 CACHE 10 CYCLE;
-- right
CREATE SEQUENCE s;

-- pair: owned-by-added
-- left
CREATE TABLE t (id int);
CREATE SEQUENCE s;
-- right
CREATE TABLE t (id int);
CREATE SEQUENCE s OWNED BY t.id;

-- pair: owned-by-removed
-- left
CREATE TABLE t (id int);
CREATE SEQUENCE s OWNED BY t.id;
-- right
CREATE TABLE t (id int);
CREATE SEQUENCE s;

-- pair: owned-by-other-column
-- left
CREATE TABLE t (id int, other int);
CREATE SEQUENCE s OWNED BY t.id;
-- right
CREATE TABLE t (id int, other int);
CREATE SEQUENCE s OWNED BY t.other;

-- pair: serial-column-added
-- left
CREATE TABLE t (a text);
-- right
CREATE TABLE t (a text, id serial);

-- pair: serial-column-dropped
-- left
CREATE TABLE t (a text, id serial);
-- right
CREATE TABLE t (a text);

-- pair: bigserial-table-dropped
-- left
CREATE TABLE keep (a int);
CREATE TABLE t (id bigserial PRIMARY KEY);
-- right
CREATE TABLE keep (a int);

-- pair: serial-becomes-plain-int
-- left
CREATE TABLE t (id serial);
-- right
CREATE TABLE t (id int NOT NULL);

-- pair: plain-int-becomes-serial
-- left
CREATE TABLE t (id int NOT NULL);
-- right
CREATE TABLE t (id serial);

-- pair: default-nextval-added
-- both
CREATE SEQUENCE s;
-- left
CREATE TABLE t (id bigint);
-- right
CREATE TABLE t (id bigint DEFAULT nextval('s'));

-- pair: sequence-and-default-dropped
-- left
CREATE SEQUENCE s;
CREATE TABLE t (id bigint DEFAULT nextval('s'));
-- right
CREATE TABLE t (id bigint);

-- pair: sequence-and-default-added
-- left
CREATE TABLE t (id bigint);
-- right
CREATE SEQUENCE s;
CREATE TABLE t (id bigint DEFAULT nextval('s'));

-- pair: sequence-renamed
-- left
CREATE SEQUENCE old_seq;
-- right
CREATE SEQUENCE new_seq;

-- pair: sequence-unlogged
-- left
CREATE SEQUENCE s;
-- right
CREATE UNLOGGED SEQUENCE s;

-- pair: sequence-owned-by-dropped-column
-- left
CREATE TABLE t (a int, n int);
CREATE SEQUENCE s OWNED BY t.n;
ALTER TABLE t ALTER COLUMN n SET DEFAULT nextval('s');
-- right
CREATE TABLE t (a int);

-- pair: sequence-owned-by-dropped-table-kept
-- left
CREATE TABLE t (n int);
CREATE SEQUENCE s OWNED BY t.n;
CREATE TABLE keep (a int);
-- right
CREATE SEQUENCE s;
CREATE TABLE keep (a int);
