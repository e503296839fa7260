-- Customers get a display name; ADD COLUMN puts it after created_at.
ALTER TABLE customers ADD COLUMN display_name character varying(120);
