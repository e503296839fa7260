-- Constraints: ADD/DROP CONSTRAINT for CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY (every ON
-- DELETE/ON UPDATE action, MATCH FULL), EXCLUDE; DEFERRABLE and INITIALLY DEFERRED; NOT VALID
-- and VALIDATE CONSTRAINT; NO INHERIT; UNIQUE NULLS NOT DISTINCT; USING INDEX; names that
-- need quotes.

-- pair: check-added
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, CONSTRAINT a_positive CHECK (a > 0));

-- pair: check-dropped
-- left
CREATE TABLE t (a int, CONSTRAINT a_positive CHECK (a > 0));
-- right
CREATE TABLE t (a int);

-- pair: check-changed
-- left
CREATE TABLE t (a int, CONSTRAINT a_range CHECK (a > 0));
-- right
CREATE TABLE t (a int, CONSTRAINT a_range CHECK (a > 0 AND a < 100));

-- pair: check-unnamed-added
-- left
CREATE TABLE t (a int, b int);
-- right
CREATE TABLE t (a int, b int CHECK (b <> 0));

-- pair: check-multi-column
-- left
CREATE TABLE t (lo int, hi int);
-- right
CREATE TABLE t (lo int, hi int, CONSTRAINT ordered CHECK (lo <= hi));

-- pair: check-not-valid
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int);
ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0) NOT VALID;

-- pair: check-validated
-- left
CREATE TABLE t (a int);
ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0) NOT VALID;
-- right
CREATE TABLE t (a int);
ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0);

-- pair: check-no-inherit
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, CONSTRAINT only_here CHECK (a > 0) NO INHERIT);

-- pair: check-renamed
-- left
CREATE TABLE t (a int, CONSTRAINT old_check CHECK (a > 0));
-- right
CREATE TABLE t (a int, CONSTRAINT new_check CHECK (a > 0));

-- pair: unique-added
-- left
CREATE TABLE t (a int, b int);
-- right
CREATE TABLE t (a int, b int, CONSTRAINT t_a_b_key UNIQUE (a, b));

-- pair: unique-dropped
-- left
CREATE TABLE t (a int UNIQUE);
-- right
CREATE TABLE t (a int);

-- pair: unique-columns-changed
-- left
CREATE TABLE t (a int, b int, CONSTRAINT t_uq UNIQUE (a));
-- right
CREATE TABLE t (a int, b int, CONSTRAINT t_uq UNIQUE (a, b));

-- pair: unique-nulls-not-distinct
-- left
CREATE TABLE t (a int, CONSTRAINT t_uq UNIQUE (a));
-- right
CREATE TABLE t (a int, CONSTRAINT t_uq UNIQUE NULLS NOT DISTINCT (a));

-- pair: unique-include
-- left
CREATE TABLE t (a int, b text);
-- right
CREATE TABLE t (a int, b text, CONSTRAINT t_uq UNIQUE (a) INCLUDE (b));

-- pair: unique-deferrable
-- left
CREATE TABLE t (a int, CONSTRAINT t_uq UNIQUE (a));
-- right
CREATE TABLE t (a int, CONSTRAINT t_uq UNIQUE (a) DEFERRABLE INITIALLY DEFERRED);

-- pair: unique-with-fillfactor
-- left
CREATE TABLE t (a int, CONSTRAINT t_uq UNIQUE (a));
-- right
CREATE TABLE t (a int, CONSTRAINT t_uq UNIQUE (a) WITH (fillfactor = 80));

-- pair: unique-using-index
-- left
CREATE TABLE t (a int);
CREATE UNIQUE INDEX t_a_idx ON t (a);
-- right
CREATE TABLE t (a int);
CREATE UNIQUE INDEX t_a_idx ON t (a);
ALTER TABLE t ADD CONSTRAINT t_a_idx UNIQUE USING INDEX t_a_idx;

-- pair: primary-key-added
-- left
CREATE TABLE t (id int NOT NULL, v text);
-- right
CREATE TABLE t (id int PRIMARY KEY, v text);

-- pair: primary-key-added-on-nullable
-- left
CREATE TABLE t (id int, v text);
-- right
CREATE TABLE t (id int PRIMARY KEY, v text);

-- pair: primary-key-dropped
-- left
CREATE TABLE t (id int PRIMARY KEY, v text);
-- right
CREATE TABLE t (id int NOT NULL, v text);

-- pair: primary-key-columns-changed
-- left
CREATE TABLE t (a int NOT NULL, b int NOT NULL, CONSTRAINT t_pkey PRIMARY KEY (a));
-- right
CREATE TABLE t (a int NOT NULL, b int NOT NULL, CONSTRAINT t_pkey PRIMARY KEY (a, b));

-- pair: primary-key-renamed
-- left
CREATE TABLE t (id int CONSTRAINT t_pkey PRIMARY KEY);
-- right
CREATE TABLE t (id int CONSTRAINT t_pk PRIMARY KEY);

-- pair: primary-key-referenced-changed
-- left
CREATE TABLE p (a int NOT NULL, b int NOT NULL, CONSTRAINT p_pkey PRIMARY KEY (a));
CREATE TABLE c (a int REFERENCES p);
-- right
CREATE TABLE p (a int NOT NULL, b int NOT NULL, CONSTRAINT p_pkey PRIMARY KEY (a, b));
CREATE TABLE c (a int, b int, FOREIGN KEY (a, b) REFERENCES p);

-- pair: fk-added
-- both
CREATE TABLE p (id int PRIMARY KEY);
-- left
CREATE TABLE c (p_id int);
-- right
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p);

-- pair: fk-dropped
-- both
CREATE TABLE p (id int PRIMARY KEY);
-- left
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p);
-- right
CREATE TABLE c (p_id int);

-- pair: fk-on-delete-cascade
-- both
CREATE TABLE p (id int PRIMARY KEY);
-- left
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p);
-- right
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p ON DELETE CASCADE);

-- pair: fk-on-delete-set-null
-- both
CREATE TABLE p (id int PRIMARY KEY);
-- left
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p ON DELETE CASCADE);
-- right
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p ON DELETE SET NULL);

-- pair: fk-on-delete-set-null-columns
-- both
CREATE TABLE p (tenant int, id int, PRIMARY KEY (tenant, id));
-- left
CREATE TABLE c (tenant int NOT NULL, p_id int, CONSTRAINT c_p_fk FOREIGN KEY (tenant, p_id) REFERENCES p);
-- right
CREATE TABLE c (tenant int NOT NULL, p_id int, CONSTRAINT c_p_fk FOREIGN KEY (tenant, p_id) REFERENCES p ON DELETE SET NULL (p_id));

-- pair: fk-on-delete-set-default
-- both
CREATE TABLE p (id int PRIMARY KEY);
-- left
CREATE TABLE c (p_id int DEFAULT 0 CONSTRAINT c_p_fk REFERENCES p);
-- right
CREATE TABLE c (p_id int DEFAULT 0 CONSTRAINT c_p_fk REFERENCES p ON DELETE SET DEFAULT);

-- pair: fk-on-delete-restrict
-- both
CREATE TABLE p (id int PRIMARY KEY);
-- left
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p ON DELETE NO ACTION);
-- right
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p ON DELETE RESTRICT);

-- pair: fk-on-update-cascade
-- both
CREATE TABLE p (id int PRIMARY KEY);
-- left
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p);
-- right
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p ON UPDATE CASCADE);

-- pair: fk-match-full
-- both
CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
-- left
CREATE TABLE c (a int, b int, CONSTRAINT c_fk FOREIGN KEY (a, b) REFERENCES p);
-- right
CREATE TABLE c (a int, b int, CONSTRAINT c_fk FOREIGN KEY (a, b) REFERENCES p MATCH FULL);

-- pair: fk-deferrable
-- both
CREATE TABLE p (id int PRIMARY KEY);
-- left
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p);
-- right
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p DEFERRABLE INITIALLY DEFERRED);

-- pair: fk-initially-immediate
-- both
CREATE TABLE p (id int PRIMARY KEY);
-- left
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p DEFERRABLE INITIALLY DEFERRED);
-- right
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p DEFERRABLE);

-- pair: fk-not-valid
-- both
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (p_id int);
-- left
-- right
ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p NOT VALID;

-- pair: fk-validated
-- both
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (p_id int);
-- left
ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p NOT VALID;
-- right
ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p;

-- pair: fk-referenced-table-changed
-- both
CREATE TABLE p1 (id int PRIMARY KEY);
CREATE TABLE p2 (id int PRIMARY KEY);
-- left
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p1);
-- right
CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p2);

-- pair: fk-self-referencing
-- left
CREATE TABLE node (id int PRIMARY KEY, parent int);
-- right
CREATE TABLE node (id int PRIMARY KEY, parent int REFERENCES node);

-- pair: fk-to-unique-not-pk
-- both
CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE);
-- left
CREATE TABLE c (code text);
-- right
CREATE TABLE c (code text REFERENCES p (code));

-- pair: fk-to-other-schema
-- both
CREATE SCHEMA ref;
CREATE TABLE ref.p (id int PRIMARY KEY);
-- left
CREATE TABLE c (p_id int);
-- right
CREATE TABLE c (p_id int REFERENCES ref.p);

-- pair: exclusion-added
-- both
CREATE EXTENSION btree_gist;
-- left
CREATE TABLE booking (room int, during tsrange);
-- right
CREATE TABLE booking (room int, during tsrange, CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));

-- pair: exclusion-dropped
-- left
CREATE TABLE c (r circle, CONSTRAINT c_excl EXCLUDE USING gist (r WITH &&));
-- right
CREATE TABLE c (r circle);

-- pair: exclusion-with-where
-- left
CREATE TABLE c (r circle, active boolean);
-- right
CREATE TABLE c (r circle, active boolean, CONSTRAINT c_excl EXCLUDE USING gist (r WITH &&) WHERE (active));

-- pair: constraint-name-with-space
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, CONSTRAINT "a must be positive" CHECK (a > 0));

-- pair: constraint-name-with-space-dropped
-- left
CREATE TABLE t (a int, CONSTRAINT "a must be positive" CHECK (a > 0));
-- right
CREATE TABLE t (a int);

-- pair: constraint-name-with-space-changed
-- left
CREATE TABLE t (a int, CONSTRAINT "a in range" CHECK (a > 0));
-- right
CREATE TABLE t (a int, CONSTRAINT "a in range" CHECK (a > 0 AND a < 10));

-- pair: constraint-name-upper-case
-- left
CREATE TABLE t (a int);
-- right
CREATE TABLE t (a int, CONSTRAINT "Unique_A" UNIQUE (a));

-- pair: constraint-name-reserved-word
-- left
CREATE TABLE t (a int, CONSTRAINT "check" CHECK (a > 0));
-- right
CREATE TABLE t (a int, CONSTRAINT "check" CHECK (a >= 0));
