-- ADD VALUE puts 'paid' last; the models list it before 'void'.
ALTER TYPE invoice_state ADD VALUE 'paid';
CREATE INDEX invoices_account_id_idx ON invoices (account_id);
