-- A migration that takes a minute: the interruption tests stop the run while it sleeps.
CREATE TABLE t (a int);
SELECT pg_sleep(60);
