-- Hand-written: drizzle-kit emits neither roles, grants nor FORCE ROW LEVEL SECURITY.
-- Roles belong to the whole server, so they are created only when missing: a second database on
-- the same server (tests, CI) migrates too.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'afterview_tenant') THEN
    CREATE ROLE afterview_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'afterview_system') THEN
    CREATE ROLE afterview_system NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  -- A non-superuser owner (a managed Postgres) must be a member to SET ROLE into them.
  IF NOT pg_has_role(current_user, 'afterview_tenant', 'MEMBER') THEN
    EXECUTE format('GRANT afterview_tenant TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, 'afterview_system', 'MEMBER') THEN
    EXECUTE format('GRANT afterview_system TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO afterview_tenant, afterview_system;
--> statement-breakpoint
-- NULL when no tenant is set, and `org_id = NULL` is never true: no tenant, no rows.
CREATE OR REPLACE FUNCTION afterview_current_org() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
--> statement-breakpoint
-- Secures every table that has an org_id column. Later migrations call it again after adding
-- tables, so a new tenant table cannot be forgotten (and the isolation tests check the catalog).
CREATE OR REPLACE FUNCTION afterview_secure_tenant_tables() RETURNS void
  LANGUAGE plpgsql
  AS $fn$
DECLARE
  t record;
BEGIN
  -- A table commented 'append-only…' (ledgers) may be read and added to, never rewritten.
  FOR t IN
    SELECT c.relname, coalesce(obj_description(c.oid, 'pg_class'), '') LIKE 'append-only%' AS append_only
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t.relname);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I FOR ALL TO afterview_tenant '
      'USING (org_id = afterview_current_org()) WITH CHECK (org_id = afterview_current_org())',
      t.relname);
    EXECUTE format('DROP POLICY IF EXISTS system_access ON %I', t.relname);
    EXECUTE format('CREATE POLICY system_access ON %I FOR ALL TO afterview_system USING (true) WITH CHECK (true)', t.relname);
    EXECUTE format('REVOKE ALL ON %I FROM afterview_tenant, afterview_system', t.relname);
    IF t.append_only THEN
      EXECUTE format('GRANT SELECT, INSERT ON %I TO afterview_tenant, afterview_system', t.relname);
    ELSE
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO afterview_tenant, afterview_system', t.relname);
    END IF;
  END LOOP;
END
$fn$;
--> statement-breakpoint
COMMENT ON TABLE audit_log IS 'append-only: who did what, when, before and after';
--> statement-breakpoint
SELECT afterview_secure_tenant_tables();
--> statement-breakpoint
-- The tenant root: its key is its own id. Agencies are never deleted through the app.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON organizations FOR ALL TO afterview_tenant
  USING (id = afterview_current_org()) WITH CHECK (id = afterview_current_org());
--> statement-breakpoint
CREATE POLICY system_access ON organizations FOR ALL TO afterview_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON organizations TO afterview_tenant;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON organizations TO afterview_system;
--> statement-breakpoint
-- Users are global (next-auth owns them), but a tenant may only see the people of its agency.
-- RLS is enabled, not forced: the adapter works as the table owner.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_members ON users FOR SELECT TO afterview_tenant
  USING (id IN (SELECT m.user_id FROM memberships m));
--> statement-breakpoint
CREATE POLICY system_access ON users FOR SELECT TO afterview_system USING (true);
--> statement-breakpoint
GRANT SELECT ON users TO afterview_tenant, afterview_system;
