-- ADD COLUMN puts the name last; the models list it before email.
ALTER TABLE accounts ADD COLUMN name text;
