-- The models' tables: every column where the application's model puts it.
CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    name text,
    email text NOT NULL UNIQUE
);

CREATE TABLE invoices (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    state invoice_state NOT NULL DEFAULT 'draft',
    amount numeric(12,2) NOT NULL
);

CREATE INDEX invoices_account_id_idx ON invoices (account_id);
