CREATE FUNCTION public.f(p1 integer, VARIADIC xs text[], d double precision DEFAULT 1) RETURNS integer
    LANGUAGE plpgsql
    AS $_$
BEGIN
    RETURN 'x;y' || $$z$$;
END;
$_$;
