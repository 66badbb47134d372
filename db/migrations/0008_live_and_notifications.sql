CREATE TABLE "notifications" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"level" smallint DEFAULT 1 NOT NULL,
	"candidate_id" uuid,
	"subject_at" timestamp with time zone,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "digest_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "reminder_emails" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "status_updates_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "status_update_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "touches" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "touches_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_member_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_candidate_fk" FOREIGN KEY ("org_id","candidate_id") REFERENCES "public"."candidates"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("org_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("org_id","user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("org_id","user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_emails_dedupe_uq" ON "outbound_emails" USING btree ("org_id","dedupe_key") WHERE "outbound_emails"."dedupe_key" is not null;--> statement-breakpoint
CREATE INDEX "touches_seq_idx" ON "touches" USING btree ("org_id","seq");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_status_update_days_check" CHECK ("status_update_days" BETWEEN 1 AND 60);--> statement-breakpoint
-- Hand-written. Live updates: every touch announces itself when (and only if) its transaction
-- commits; each app instance LISTENs on one connection. The payload names only the agency and the
-- event id: listeners read the rest under the agency's own row-level security.
CREATE OR REPLACE FUNCTION afterview_notify_touch() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
BEGIN
  PERFORM pg_notify('afterview_touch', json_build_object('o', NEW.org_id, 's', NEW.seq)::text);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
DROP TRIGGER IF EXISTS touches_notify ON touches;--> statement-breakpoint
CREATE TRIGGER touches_notify AFTER INSERT ON touches FOR EACH ROW EXECUTE FUNCTION afterview_notify_touch();--> statement-breakpoint
SELECT afterview_secure_tenant_tables();
