-- Quoted and odd names: spaces, upper case, a double quote, a single quote, reserved words,
-- non-ASCII letters, a dot and a semicolon, in schemas, tables, columns, indexes, sequences,
-- types, views, functions and constraints.

-- pair: table-with-space
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE TABLE "order items" ("item id" int, "unit price" numeric);

-- pair: upper-case-table-column-added
-- left
CREATE TABLE "Users" ("Id" int);
-- right
CREATE TABLE "Users" ("Id" int, "Email" text);

-- pair: reserved-word-names
-- left
CREATE TABLE "user" ("select" int);
-- right
CREATE TABLE "user" ("select" bigint, "from" text, "order" int);

-- pair: double-quote-in-name
-- left
CREATE TABLE "a""b" (x int);
-- right
CREATE TABLE "a""b" (x int, "c""d" text DEFAULT 'q');

-- pair: single-quote-in-name
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, "it's" text);
COMMENT ON COLUMN t."it's" IS 'It''s here.';

-- pair: non-ascii-names
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE TABLE "café" ("prix €" numeric, "größe" int, "名前" text);

-- pair: non-ascii-column-type-change
-- left
CREATE TABLE "café" ("größe" int);
-- right
CREATE TABLE "café" ("größe" bigint);

-- pair: dot-and-semicolon-in-name
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE TABLE "a.b;c" ("x;y" int);

-- pair: odd-schema-name
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
CREATE SCHEMA "My Schema";
CREATE TABLE "My Schema"."My Table" ("My Column" int PRIMARY KEY);

-- pair: odd-schema-dropped
-- left
CREATE TABLE t (a int);
CREATE SCHEMA "My Schema";
CREATE TABLE "My Schema"."My Table" ("My Column" int PRIMARY KEY);
-- right
CREATE TABLE t (a int);

-- pair: odd-index-and-constraint
-- left
CREATE TABLE "T" ("A" int, "B" int);
-- right
CREATE TABLE "T" ("A" int, "B" int, CONSTRAINT "T's key" UNIQUE ("A"));
CREATE INDEX "Index of ""B""" ON "T" ("B");

-- pair: odd-enum-and-labels
-- left
CREATE TYPE "Mood" AS ENUM ('Sad', 'Happy');
-- right
CREATE TYPE "Mood" AS ENUM ('Sad', 'So-so', 'Happy', 'émue');

-- pair: odd-sequence-options
-- left
CREATE SEQUENCE "Seq No";
-- right
CREATE SEQUENCE "Seq No" INCREMENT BY 2;

-- pair: odd-view-changed
-- both
CREATE TABLE "Data" ("Value" int);
-- left
CREATE VIEW "Data View" AS SELECT "Value" FROM "Data";
-- right
CREATE VIEW "Data View" AS SELECT "Value" FROM "Data" WHERE "Value" > 0;

-- pair: odd-function
-- left
CREATE FUNCTION "Add One"("Value" int) RETURNS int LANGUAGE sql AS $$ SELECT "Value" + 1 $$;
-- right
CREATE FUNCTION "Add One"("Value" int) RETURNS int LANGUAGE sql AS $$ SELECT "Value" + 2 $$;

-- pair: odd-column-dropped
-- left
CREATE TABLE t (a int, "Drop Me" text, "select" int);
-- right
CREATE TABLE t (a int);

-- pair: odd-not-null-and-default
-- left
CREATE TABLE t ("Mixed Case" int);
-- right
CREATE TABLE t ("Mixed Case" int DEFAULT 0 NOT NULL);

-- pair: odd-trigger-name
-- both
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (a int);
-- left
-- right
CREATE TRIGGER "Before Insert" BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();

-- pair: odd-fk-names
-- both
CREATE TABLE "Parent" ("Id" int PRIMARY KEY);
-- left
CREATE TABLE "Child" ("Parent Id" int);
-- right
CREATE TABLE "Child" ("Parent Id" int CONSTRAINT "Child → Parent" REFERENCES "Parent");
