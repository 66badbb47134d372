CREATE TABLE "invitations" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"role" "member_role" NOT NULL,
	"team_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"send_count" integer DEFAULT 1 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "invitations_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "reply_to_address" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "retention_months" integer;--> statement-breakpoint
ALTER TABLE "candidates" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_uq" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_open_uq" ON "invitations" USING btree ("org_id",lower("email")) WHERE "invitations"."accepted_at" is null and "invitations"."revoked_at" is null;--> statement-breakpoint
-- Append-only tables may name columns that GDPR erasure clears ("erasable(a, b)" in the table's
-- comment): only the system role may update those, and only through afterview_erase_candidate_touches.
CREATE OR REPLACE FUNCTION afterview_secure_tenant_tables() RETURNS void
  LANGUAGE plpgsql
  AS $fn$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.relname,
      coalesce(obj_description(c.oid, 'pg_class'), '') LIKE 'append-only%' AS append_only,
      substring(coalesce(obj_description(c.oid, 'pg_class'), '') FROM 'erasable\(([a-z_, ]+)\)') AS erasable
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
      IF t.erasable IS NOT NULL THEN
        EXECUTE format('GRANT UPDATE (%s) ON %I TO afterview_system', t.erasable, t.relname);
      END IF;
    ELSE
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO afterview_tenant, afterview_system', t.relname);
    END IF;
  END LOOP;
END
$fn$;
--> statement-breakpoint
COMMENT ON TABLE touches IS 'append-only: the touch ledger, source of truth for engagement; erasable(body, meta)';
--> statement-breakpoint
SELECT afterview_secure_tenant_tables();
--> statement-breakpoint
-- GDPR erasure of one candidate's touches in the current tenant: the rows stay (counts, strengths
-- and timing keep the agency's statistics right), what was said goes. It runs as the system role,
-- the only one allowed to touch the ledger's erasable columns, and only inside the caller's tenant.
CREATE OR REPLACE FUNCTION afterview_erase_candidate_touches(p_candidate uuid) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $fn$
DECLARE
  n integer;
BEGIN
  IF afterview_current_org() IS NULL THEN
    RAISE EXCEPTION 'afterview_erase_candidate_touches: no tenant is set';
  END IF;
  UPDATE touches SET body = NULL, meta = jsonb_build_object('erased', true)
  WHERE org_id = afterview_current_org() AND candidate_id = p_candidate;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$fn$;
--> statement-breakpoint
ALTER FUNCTION afterview_erase_candidate_touches(uuid) OWNER TO afterview_system;
--> statement-breakpoint
REVOKE ALL ON FUNCTION afterview_erase_candidate_touches(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION afterview_erase_candidate_touches(uuid) TO afterview_tenant;
