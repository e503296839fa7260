-- Never runs: the migration before it fails.
CREATE TABLE never (a int);
