CREATE TYPE public.mood AS ENUM (
    'sad',
    'it''s ok',
    'a, b'
);
ALTER TYPE public.mood OWNER TO app;
