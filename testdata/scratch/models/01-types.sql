-- The models' types: labels in the order the application lists them.
CREATE TYPE invoice_state AS ENUM ('draft', 'sent', 'paid', 'void');
