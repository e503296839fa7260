-- The roles the pairs grant to and hand objects to: cluster-wide, created by tests/drafts.rs
-- once per run, before any pair loads (a role that exists already is left alone).
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['drafts_reader', 'drafts_writer', 'drafts_owner', 'drafts_app', 'Drafts Admin']
    LOOP
        BEGIN
            EXECUTE format('CREATE ROLE %I', r);
        EXCEPTION WHEN duplicate_object THEN
            NULL;
        END;
    END LOOP;
END
$$;
