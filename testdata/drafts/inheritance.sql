-- Inheritance: CREATE TABLE … INHERITS, ALTER TABLE INHERIT / NO INHERIT, columns added to a
-- parent, multiple parents, inherited CHECK constraints.

-- pair: child-added
-- both
CREATE TABLE parent (id int, name text);
-- left
-- right
CREATE TABLE child (extra int) INHERITS (parent);

-- pair: child-dropped
-- both
CREATE TABLE parent (id int, name text);
-- left
CREATE TABLE child (extra int) INHERITS (parent);
-- right

-- pair: no-inherit
-- both
CREATE TABLE parent (id int, name text);
-- left
CREATE TABLE child (extra int) INHERITS (parent);
-- right
CREATE TABLE child (id int, name text, extra int);

-- pair: inherit-added
-- expect: manual
-- ALTER TABLE child INHERIT parent keeps id and name as the child's own columns (attislocal),
-- which pg_dump writes in its CREATE TABLE: only a table created anew has them inherited only.
-- both
CREATE TABLE parent (id int, name text);
-- left
CREATE TABLE child (id int, name text, extra int);
-- right
CREATE TABLE child (extra int) INHERITS (parent);

-- pair: column-added-to-parent
-- left
CREATE TABLE parent (id int);
CREATE TABLE child (extra int) INHERITS (parent);
-- right
CREATE TABLE parent (id int, name text);
CREATE TABLE child (extra int) INHERITS (parent);

-- pair: column-dropped-from-parent
-- left
CREATE TABLE parent (id int, name text);
CREATE TABLE child (extra int) INHERITS (parent);
-- right
CREATE TABLE parent (id int);
CREATE TABLE child (extra int) INHERITS (parent);

-- pair: check-on-parent
-- left
CREATE TABLE parent (id int);
CREATE TABLE child () INHERITS (parent);
-- right
CREATE TABLE parent (id int, CONSTRAINT id_pos CHECK (id > 0));
CREATE TABLE child () INHERITS (parent);

-- pair: second-parent
-- both
CREATE TABLE p1 (a int);
CREATE TABLE p2 (b int);
-- left
CREATE TABLE child () INHERITS (p1);
-- right
CREATE TABLE child () INHERITS (p1, p2);

-- pair: parent-changed
-- both
CREATE TABLE p1 (a int);
CREATE TABLE p2 (a int);
-- left
CREATE TABLE child () INHERITS (p1);
-- right
CREATE TABLE child () INHERITS (p2);

-- pair: child-with-local-column-default
-- left
CREATE TABLE parent (id int, state text);
CREATE TABLE child () INHERITS (parent);
-- right
CREATE TABLE parent (id int, state text);
CREATE TABLE child () INHERITS (parent);
ALTER TABLE child ALTER COLUMN state SET DEFAULT 'child';

-- pair: inherit-added-columns-stay-local
-- both
CREATE TABLE parent (id int NOT NULL, name text);
-- left
CREATE TABLE child (id int NOT NULL, name text, extra int);
-- right
CREATE TABLE child (id int NOT NULL, name text, extra int);
ALTER TABLE child INHERIT parent;

-- pair: parent-dropped-child-kept
-- left
CREATE TABLE parent (id int, name text);
CREATE TABLE child (extra int) INHERITS (parent);
-- right
CREATE TABLE child (id int, name text, extra int);

-- pair: no-inherit-with-check-not-null-and-default
-- both
CREATE TABLE parent (id int NOT NULL DEFAULT 1, name text, CONSTRAINT id_pos CHECK (id > 0));
-- left
CREATE TABLE child (extra int) INHERITS (parent);
-- right
CREATE TABLE child (id int, extra int, name text);

-- pair: no-inherit-keeps-check
-- both
CREATE TABLE parent (id int, CONSTRAINT id_pos CHECK (id > 0));
-- left
CREATE TABLE child (extra int) INHERITS (parent);
-- right
CREATE TABLE child (id int, extra int, CONSTRAINT id_pos CHECK (id > 0));

-- pair: multi-level-middle-detached
-- both
CREATE TABLE top (a int);
CREATE TABLE middle (b int) INHERITS (top);
-- left
CREATE TABLE bottom (c int) INHERITS (middle);
-- right
CREATE TABLE bottom (a int, b int, c int);

-- pair: multi-level-moved-to-top
-- both
CREATE TABLE top (a int);
CREATE TABLE middle (b int) INHERITS (top);
-- left
CREATE TABLE bottom (c int) INHERITS (middle);
-- right
CREATE TABLE bottom (b int, c int) INHERITS (top);

-- pair: quoted-names-no-inherit
-- both
CREATE TABLE "Parent Table" ("Id" int, "select" text);
-- left
CREATE TABLE "Child" ("Extra" int) INHERITS ("Parent Table");
-- right
CREATE TABLE "Child" ("Id" int, "select" text, "Extra" int);

-- pair: quoted-names-parent-changed
-- both
CREATE TABLE "P 1" ("A" int);
CREATE TABLE "P 2" ("A" int);
-- left
CREATE TABLE "Child" () INHERITS ("P 1");
-- right
CREATE TABLE "Child" () INHERITS ("P 2");

-- pair: inherited-columns-made-local
-- both
CREATE TABLE parent (id bigint NOT NULL, kind text NOT NULL);
-- left
CREATE TABLE child (CONSTRAINT kind_a CHECK (kind = 'A')) INHERITS (parent);
-- right
CREATE TABLE child (id bigint, kind text, CONSTRAINT kind_a CHECK (kind = 'A')) INHERITS (parent);

-- pair: inherit-from-new-parent-with-new-column
-- both
CREATE TABLE child (a int, b text);
-- left
CREATE TABLE p (a int);
-- right
CREATE TABLE p (a int, b text);
ALTER TABLE child INHERIT p;

-- pair: new-parent-with-new-column-temporary-name-taken
-- The temporary parent's name `child__inherit` is taken by a view and a sequence.
-- both
CREATE VIEW child__inherit AS SELECT 1 AS x;
CREATE SEQUENCE child__inherit1;
CREATE TABLE p (a int, b text);
-- left
CREATE TABLE child (c int);
-- right
CREATE TABLE child (c int) INHERITS (p);

-- pair: second-parent-with-not-null-default-and-checks
-- The new parent's columns the child lacks come inherited only, with their NOT NULL, default
-- and collation, its CHECK constraints (one naming a column the child has already) and a
-- generated column; a column the child has gets the parent's NOT NULL.
-- both
CREATE TABLE p1 (a int, CONSTRAINT p1_a CHECK (a > 0));
CREATE TABLE p2 (x int, a int NOT NULL, b int NOT NULL DEFAULT 5, c text COLLATE "C" DEFAULT 'z',
    d int GENERATED ALWAYS AS (b * 2) STORED,
    CONSTRAINT p2_b CHECK (b > 0), CONSTRAINT "p2 a below b" CHECK (a < b + 100));
-- left
CREATE TABLE child (l int NOT NULL) INHERITS (p1);
INSERT INTO child VALUES (1, 2);
-- right
CREATE TABLE child (l int NOT NULL) INHERITS (p1, p2);

-- pair: second-parent-with-grandparent-and-grandchild
-- both
CREATE TABLE p1 (a int);
CREATE TABLE gp (g int DEFAULT 7 NOT NULL);
CREATE TABLE p2 (e int) INHERITS (gp);
-- left
CREATE TABLE child () INHERITS (p1);
CREATE TABLE grandchild (z int) INHERITS (child);
-- right
CREATE TABLE child () INHERITS (p1, p2);
CREATE TABLE grandchild (z int) INHERITS (child);

-- pair: first-parent-of-quoted-table
-- both
CREATE SCHEMA "Sales";
CREATE TABLE "Sales"."Base Row" ("Row Id" int NOT NULL, note text, CHECK ("Row Id" > 0));
-- left
CREATE TABLE "Sales"."Order Row" (qty int);
-- right
CREATE TABLE "Sales"."Order Row" (qty int) INHERITS ("Sales"."Base Row");

-- pair: parent-changed-to-one-with-more-columns
-- both
CREATE TABLE p1 (a int);
CREATE TABLE p2 (a int, b text DEFAULT 'x', CHECK (b <> ''));
-- left
CREATE TABLE child (c int) INHERITS (p1);
-- right
CREATE TABLE child (c int) INHERITS (p2);

-- pair: new-parent-not-null-on-existing-column
-- both
CREATE TABLE p (a int NOT NULL, b int);
-- left
CREATE TABLE child (a int, c int);
-- right
CREATE TABLE child (a int, c int) INHERITS (p);
