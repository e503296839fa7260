-- Procedures: CREATE/DROP PROCEDURE, changed bodies and arguments, SECURITY DEFINER, SET.

-- pair: procedure-added
-- both
CREATE TABLE log (msg text);
-- left
-- right
CREATE PROCEDURE note(m text) LANGUAGE sql AS $$ INSERT INTO log VALUES (m) $$;

-- pair: procedure-dropped
-- both
CREATE TABLE log (msg text);
-- left
CREATE PROCEDURE note(m text) LANGUAGE sql AS $$ INSERT INTO log VALUES (m) $$;
-- right

-- pair: procedure-body-changed
-- both
CREATE TABLE log (msg text);
-- left
CREATE PROCEDURE note(m text) LANGUAGE sql AS $$ INSERT INTO log VALUES (m) $$;
-- right
CREATE PROCEDURE note(m text) LANGUAGE sql AS $$ INSERT INTO log VALUES (upper(m)) $$;

-- pair: procedure-plpgsql-with-commit
-- both
CREATE TABLE log (msg text);
-- left
-- right
CREATE PROCEDURE batch() LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1..3 LOOP
        INSERT INTO log VALUES (i::text);
        COMMIT;
    END LOOP;
END
$$;

-- pair: procedure-argument-added
-- both
CREATE TABLE log (msg text, lvl int);
-- left
CREATE PROCEDURE note(m text) LANGUAGE sql AS $$ INSERT INTO log VALUES (m, 0) $$;
-- right
CREATE PROCEDURE note(m text, lvl int) LANGUAGE sql AS $$ INSERT INTO log VALUES (m, lvl) $$;

-- pair: procedure-inout-parameter
-- left
CREATE PROCEDURE bump(INOUT n int) LANGUAGE plpgsql AS $$ BEGIN n := n + 1; END $$;
-- right
CREATE PROCEDURE bump(INOUT n int) LANGUAGE plpgsql AS $$ BEGIN n := n + 2; END $$;

-- pair: procedure-security-definer
-- both
CREATE TABLE log (msg text);
-- left
CREATE PROCEDURE note(m text) LANGUAGE sql AS $$ INSERT INTO log VALUES (m) $$;
-- right
CREATE PROCEDURE note(m text) LANGUAGE sql SECURITY DEFINER AS $$ INSERT INTO log VALUES (m) $$;

-- pair: procedure-set-search-path
-- both
CREATE TABLE log (msg text);
-- left
CREATE PROCEDURE note(m text) LANGUAGE sql AS $$ INSERT INTO public.log VALUES (m) $$;
-- right
CREATE PROCEDURE note(m text) LANGUAGE sql SET search_path = public AS $$ INSERT INTO public.log VALUES (m) $$;
