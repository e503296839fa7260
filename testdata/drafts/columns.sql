-- Columns: ALTER TABLE … ADD/DROP COLUMN and every ALTER COLUMN form (type with and without a
-- cast PostgreSQL makes by itself, default, NOT NULL, collation, identity, generated,
-- storage, compression, statistics, attribute options).

-- pair: add-nullable
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, b text);

-- pair: add-not-null-with-default
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, b boolean DEFAULT false NOT NULL);

-- pair: add-with-volatile-default
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, created timestamptz DEFAULT clock_timestamp());

-- pair: add-several
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, b text, c numeric(10,2) DEFAULT 0, d date NOT NULL DEFAULT '2020-01-01');

-- pair: add-array-column
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, tags text[] DEFAULT '{}'::text[]);

-- pair: add-column-with-check
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, qty int CHECK (qty > 0));

-- pair: add-column-with-unique
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, code text UNIQUE);

-- pair: add-column-references
-- both
CREATE TABLE p (id int PRIMARY KEY);
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, p_id int REFERENCES p ON DELETE CASCADE);

-- pair: drop-column
-- left
CREATE TABLE t (a int, b text);
-- right
CREATE TABLE t (a int);

-- pair: drop-last-column
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t ();

-- pair: drop-column-with-index
-- left
CREATE TABLE t (a int, b text);
CREATE INDEX t_b ON t (b);
-- right
CREATE TABLE t (a int);

-- pair: drop-column-in-multicolumn-index
-- left
CREATE TABLE t (a int, b text);
CREATE INDEX t_ab ON t (a, b);
-- right
CREATE TABLE t (a int);

-- pair: type-int-to-bigint
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a bigint);

-- pair: type-bigint-to-int
-- left
CREATE TABLE t (a bigint);
-- right
CREATE TABLE t (a int);

-- pair: type-varchar-longer
-- left
CREATE TABLE t (a varchar(10));
-- right
CREATE TABLE t (a varchar(100));

-- pair: type-varchar-to-text
-- left
CREATE TABLE t (a varchar(10));
-- right
CREATE TABLE t (a text);

-- pair: type-numeric-precision
-- left
CREATE TABLE t (a numeric(10,2));
-- right
CREATE TABLE t (a numeric(12,4));

-- pair: type-text-to-int-using
-- left
CREATE TABLE t (a text);
-- right
CREATE TABLE t (a integer);

-- pair: type-int-to-text
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a text);

-- pair: type-timestamp-to-timestamptz
-- left
CREATE TABLE t (a timestamp);
-- right
CREATE TABLE t (a timestamptz);

-- pair: type-text-to-jsonb
-- left
CREATE TABLE t (a text);
-- right
CREATE TABLE t (a jsonb);

-- pair: type-int-to-boolean-explicit-cast
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a boolean);

-- pair: type-date-to-int
-- expect: manual
-- left
CREATE TABLE t (a date);
-- right
CREATE TABLE t (a integer);

-- pair: type-uuid-to-bigint
-- expect: manual
-- left
CREATE TABLE t (a uuid);
-- right
CREATE TABLE t (a bigint);

-- pair: type-with-default
-- left
CREATE TABLE t (a int DEFAULT 0);
-- right
CREATE TABLE t (a bigint DEFAULT 0);

-- pair: type-with-default-not-castable
-- left
CREATE TABLE t (a text DEFAULT 'none');
-- right
CREATE TABLE t (a int DEFAULT 0);

-- pair: type-array-element
-- left
CREATE TABLE t (a int[]);
-- right
CREATE TABLE t (a bigint[]);

-- pair: type-indexed-column
-- left
CREATE TABLE t (a int);
CREATE INDEX t_a ON t (a);
-- right
CREATE TABLE t (a bigint);
CREATE INDEX t_a ON t (a);

-- pair: type-primary-key-referenced
-- left
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (p_id int REFERENCES p);
-- right
CREATE TABLE p (id bigint PRIMARY KEY);
CREATE TABLE c (p_id bigint REFERENCES p);

-- pair: set-default
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int DEFAULT 42);

-- pair: change-default
-- left
CREATE TABLE t (a text DEFAULT 'x');
-- right
CREATE TABLE t (a text DEFAULT 'y');

-- pair: drop-default
-- left
CREATE TABLE t (a timestamptz DEFAULT now());
-- right
CREATE TABLE t (a timestamptz);

-- pair: default-expression
-- left
CREATE TABLE t (a int, b text DEFAULT 'a');
-- right
CREATE TABLE t (a int, b text DEFAULT (md5((random())::text)));

-- pair: set-not-null
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int NOT NULL);

-- pair: drop-not-null
-- left
CREATE TABLE t (a int NOT NULL);
-- right
CREATE TABLE t (a int);

-- pair: not-null-and-default-together
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int DEFAULT 1 NOT NULL);

-- pair: collation-added
-- left
CREATE TABLE t (a text);
-- right
CREATE TABLE t (a text COLLATE "C");

-- pair: collation-changed
-- left
CREATE TABLE t (a text COLLATE "C");
-- right
CREATE TABLE t (a text COLLATE "POSIX");

-- pair: collation-removed
-- left
CREATE TABLE t (a text COLLATE "C");
-- right
CREATE TABLE t (a text);

-- pair: collation-of-indexed-column
-- left
CREATE TABLE t (a text);
CREATE INDEX t_a ON t (a);
-- right
CREATE TABLE t (a text COLLATE "C");
CREATE INDEX t_a ON t (a);

-- pair: add-column-with-collation
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, b text COLLATE "C");

-- pair: storage-external
-- left
CREATE TABLE t (a text);
-- right
CREATE TABLE t (a text);
ALTER TABLE t ALTER COLUMN a SET STORAGE EXTERNAL;

-- pair: storage-main-to-default
-- left
CREATE TABLE t (a text);
ALTER TABLE t ALTER COLUMN a SET STORAGE MAIN;
-- right
CREATE TABLE t (a text);

-- pair: storage-removed-from-domain-column
-- both
CREATE DOMAIN d AS numeric;
-- left
CREATE TABLE t (a d, b int[]);
ALTER TABLE t ALTER COLUMN a SET STORAGE PLAIN;
ALTER TABLE t ALTER COLUMN b SET STORAGE MAIN;
-- right
CREATE TABLE t (a d, b int[]);

-- pair: compression-lz4-or-pglz
-- left
CREATE TABLE t (a text);
-- right
CREATE TABLE t (a text COMPRESSION pglz);

-- pair: compression-removed
-- left
CREATE TABLE t (a text COMPRESSION pglz);
-- right
CREATE TABLE t (a text);

-- pair: statistics-set
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
ALTER TABLE t ALTER COLUMN a SET STATISTICS 500;

-- pair: statistics-reset
-- left
CREATE TABLE t (a int);
ALTER TABLE t ALTER COLUMN a SET STATISTICS 500;
-- right
CREATE TABLE t (a int);

-- pair: attribute-option-n-distinct
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
ALTER TABLE t ALTER COLUMN a SET (n_distinct = -0.5);

-- pair: attribute-option-reset
-- left
CREATE TABLE t (a int);
ALTER TABLE t ALTER COLUMN a SET (n_distinct = 100);
-- right
CREATE TABLE t (a int);

-- pair: generated-added
-- left
CREATE TABLE t (a int, b int);
-- right
CREATE TABLE t (a int, b int, c int GENERATED ALWAYS AS (a + b) STORED);

-- pair: generated-dropped
-- left
CREATE TABLE t (a int, b int, c int GENERATED ALWAYS AS (a + b) STORED);
-- right
CREATE TABLE t (a int, b int);

-- pair: generated-drop-expression
-- left
CREATE TABLE t (a int, c int GENERATED ALWAYS AS (a * 2) STORED);
-- right
CREATE TABLE t (a int, c int);

-- pair: generated-expression-changed
-- left
CREATE TABLE t (a int, c int GENERATED ALWAYS AS (a * 2) STORED);
-- right
CREATE TABLE t (a int, c int GENERATED ALWAYS AS (a * 3) STORED);

-- pair: plain-column-becomes-generated
-- left
CREATE TABLE t (a int, c int);
-- right
CREATE TABLE t (a int, c int GENERATED ALWAYS AS (a * 2) STORED);

-- pair: rename-column
-- left
CREATE TABLE t (a int, old_name text);
-- right
CREATE TABLE t (a int, new_name text);

-- pair: column-order-changed
-- expect: manual
-- options: strict-column-order
-- left
CREATE TABLE t (a int, b text);
-- right
CREATE TABLE t (b text, a int);
