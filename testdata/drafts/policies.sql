-- Row-level security: ALTER TABLE ENABLE/DISABLE/FORCE/NO FORCE ROW LEVEL SECURITY both ways,
-- CREATE/DROP/ALTER POLICY (PERMISSIVE/RESTRICTIVE, FOR command, TO roles, USING, WITH CHECK).

-- pair: enable-rls
-- left
CREATE TABLE t (owner text);
-- right
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;

-- pair: disable-rls
-- left
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- right
CREATE TABLE t (owner text);

-- pair: force-rls
-- left
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- right
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
ALTER TABLE t FORCE ROW LEVEL SECURITY;

-- pair: no-force-rls
-- left
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
ALTER TABLE t FORCE ROW LEVEL SECURITY;
-- right
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;

-- pair: enable-and-force-removed
-- left
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
ALTER TABLE t FORCE ROW LEVEL SECURITY;
-- right
CREATE TABLE t (owner text);

-- pair: enable-and-force-added
-- left
CREATE TABLE t (owner text);
-- right
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
ALTER TABLE t FORCE ROW LEVEL SECURITY;

-- pair: force-without-enable
-- left
CREATE TABLE t (owner text);
-- right
CREATE TABLE t (owner text);
ALTER TABLE t FORCE ROW LEVEL SECURITY;

-- pair: policy-added
-- both
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- left
-- right
CREATE POLICY own_rows ON t USING (owner = current_user);

-- pair: policy-dropped
-- both
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- left
CREATE POLICY own_rows ON t USING (owner = current_user);
-- right

-- pair: policy-using-changed
-- both
CREATE TABLE t (owner text, public boolean);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- left
CREATE POLICY own_rows ON t USING (owner = current_user);
-- right
CREATE POLICY own_rows ON t USING (owner = current_user OR public);

-- pair: policy-with-check
-- both
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- left
CREATE POLICY ins ON t FOR INSERT WITH CHECK (true);
-- right
CREATE POLICY ins ON t FOR INSERT WITH CHECK (owner = current_user);

-- pair: policy-command-changed
-- both
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- left
CREATE POLICY p ON t FOR SELECT USING (true);
-- right
CREATE POLICY p ON t FOR UPDATE USING (true);

-- pair: policy-restrictive
-- both
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- left
CREATE POLICY p ON t USING (owner IS NOT NULL);
-- right
CREATE POLICY p ON t AS RESTRICTIVE USING (owner IS NOT NULL);

-- pair: policy-roles-changed
-- both
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- left
CREATE POLICY p ON t TO drafts_reader USING (true);
-- right
CREATE POLICY p ON t TO drafts_reader, drafts_writer USING (true);

-- pair: policy-renamed
-- both
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- left
CREATE POLICY old_p ON t USING (true);
-- right
CREATE POLICY new_p ON t USING (true);

-- pair: policy-name-with-space
-- both
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- left
-- right
CREATE POLICY "Owners see their rows" ON t FOR SELECT USING (owner = current_user);

-- pair: policy-on-dropped-column
-- left
CREATE TABLE t (owner text, tenant int);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY by_tenant ON t USING (tenant = 1);
-- right
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;

-- pair: policy-calling-new-function
-- left
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- right
CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE FUNCTION me() RETURNS text LANGUAGE sql STABLE AS $$ SELECT current_user::text $$;
CREATE POLICY mine ON t USING (owner = me());
