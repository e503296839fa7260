CREATE INDEX orders_customer_id_status_idx ON orders (customer_id, status);
