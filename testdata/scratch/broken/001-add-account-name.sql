-- A typo: the table is accounts.
ALTER TABLE accounts ADD COLUMN name text;
ALTER TABLE acounts ADD COLUMN nickname text;
