-- Comments: COMMENT ON every kind of object (table, column, view, materialized view, index,
-- sequence, constraint, trigger, policy, function, procedure, type, domain, schema, extension,
-- rule), added, changed and removed (IS NULL), and objects dropped or renamed with their
-- comment.

-- pair: table-comment-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'All the things.';

-- pair: table-comment-changed
-- left
CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'Old words.';
-- right
CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'New words, with ''quotes''.';

-- pair: table-comment-removed
-- left
CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'Going away.';
-- right
CREATE TABLE t (a int);

-- pair: column-comment-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
COMMENT ON COLUMN t.a IS 'The a.';

-- pair: column-comment-removed
-- left
CREATE TABLE t (a int);
COMMENT ON COLUMN t.a IS 'The a.';
-- right
CREATE TABLE t (a int);

-- pair: column-dropped-with-comment
-- left
CREATE TABLE t (a int, b int);
COMMENT ON COLUMN t.b IS 'The b.';
-- right
CREATE TABLE t (a int);

-- pair: table-dropped-with-comment
-- left
CREATE TABLE keep (a int);
CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'Gone soon.';
COMMENT ON COLUMN t.a IS 'Gone too.';
-- right
CREATE TABLE keep (a int);

-- pair: table-renamed-with-comment
-- left
CREATE TABLE old_t (a int);
COMMENT ON TABLE old_t IS 'Same words.';
-- right
CREATE TABLE new_t (a int);
COMMENT ON TABLE new_t IS 'Same words.';

-- pair: view-comment
-- both
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
-- left
-- right
COMMENT ON VIEW v IS 'A view.';

-- pair: matview-comment
-- both
CREATE TABLE t (a int);
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
-- left
COMMENT ON MATERIALIZED VIEW mv IS 'Before.';
-- right
COMMENT ON MATERIALIZED VIEW mv IS 'After.';

-- pair: index-comment
-- both
CREATE TABLE t (a int);
CREATE INDEX t_a ON t (a);
-- left
-- right
COMMENT ON INDEX t_a IS 'Speeds up a.';

-- pair: sequence-comment
-- both
CREATE SEQUENCE s;
-- left
-- right
COMMENT ON SEQUENCE s IS 'Numbers.';

-- pair: constraint-comment
-- both
CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0));
-- left
-- right
COMMENT ON CONSTRAINT a_pos ON t IS 'Positive only.';

-- pair: constraint-dropped-with-comment
-- left
CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0));
COMMENT ON CONSTRAINT a_pos ON t IS 'Positive only.';
-- right
CREATE TABLE t (a int);

-- pair: trigger-comment
-- both
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (a int);
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
-- left
-- right
COMMENT ON TRIGGER tr ON t IS 'Does nothing.';

-- pair: policy-comment
-- both
CREATE TABLE t (a int);
CREATE POLICY p ON t USING (true);
-- left
COMMENT ON POLICY p ON t IS 'Everyone.';
-- right

-- pair: function-comment
-- both
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i $$;
-- left
-- right
COMMENT ON FUNCTION f(int) IS 'Identity.';

-- pair: function-dropped-with-comment
-- left
CREATE TABLE keep (a int);
CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql AS $$ SELECT i $$;
COMMENT ON FUNCTION f(int) IS 'Identity.';
-- right
CREATE TABLE keep (a int);

-- pair: procedure-comment
-- both
CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;
-- left
-- right
COMMENT ON PROCEDURE p() IS 'Does little.';

-- pair: type-comment
-- both
CREATE TYPE mood AS ENUM ('sad', 'happy');
-- left
-- right
COMMENT ON TYPE mood IS 'How one feels.';

-- pair: domain-comment
-- both
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
-- left
COMMENT ON DOMAIN posint IS 'Positive.';
-- right
COMMENT ON DOMAIN posint IS 'Strictly positive.';

-- pair: schema-comment
-- both
CREATE SCHEMA app;
-- left
-- right
COMMENT ON SCHEMA app IS 'The application.';

-- pair: public-schema-comment-removed
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
COMMENT ON SCHEMA public IS NULL;

-- pair: extension-comment
-- both
CREATE EXTENSION citext;
-- left
-- right
COMMENT ON EXTENSION citext IS 'Case-insensitive text.';

-- pair: rule-comment
-- both
CREATE TABLE t (a int);
CREATE RULE t_nothing AS ON DELETE TO t DO INSTEAD NOTHING;
-- left
-- right
COMMENT ON RULE t_nothing ON t IS 'Rows are never deleted.';

-- pair: composite-attribute-comment
-- both
CREATE TYPE pair AS (x int, y int);
-- left
-- right
COMMENT ON COLUMN pair.x IS 'First.';

-- pair: comment-with-newlines
-- both
CREATE TABLE t (a int);
-- left
COMMENT ON TABLE t IS 'One line.';
-- right
COMMENT ON TABLE t IS E'Two\nlines.';

-- pair: view-column-comment
-- both
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
-- left
-- right
COMMENT ON COLUMN v.a IS 'From t.';
