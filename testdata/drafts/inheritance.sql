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
