-- The first release: accounts and their invoices.
CREATE TYPE invoice_state AS ENUM ('draft', 'sent', 'void');

CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    email text NOT NULL UNIQUE
);

CREATE TABLE invoices (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    state invoice_state NOT NULL DEFAULT 'draft',
    amount numeric(12,2) NOT NULL
);
