-- ADD VALUE puts the new label last; the models list it before 'cancelled'.
ALTER TYPE order_status ADD VALUE 'shipped';
