CREATE TABLE "portal_links" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"candidate_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"interview_id" uuid,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "portal_links_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "brand_color" text DEFAULT '#4338ca' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "logo_url" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "portal_link_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "touches" ADD COLUMN "in_reply_to" uuid;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_candidate_fk" FOREIGN KEY ("org_id","candidate_id") REFERENCES "public"."candidates"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_application_fk" FOREIGN KEY ("org_id","application_id") REFERENCES "public"."applications"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_interview_fk" FOREIGN KEY ("org_id","interview_id") REFERENCES "public"."interviews"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "portal_links_token_hash_uq" ON "portal_links" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_links_live_uq" ON "portal_links" USING btree ("org_id","application_id") WHERE "portal_links"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "portal_links_candidate_idx" ON "portal_links" USING btree ("org_id","candidate_id","created_at");--> statement-breakpoint
CREATE INDEX "rate_limits_window_idx" ON "rate_limits" USING btree ("window_start");--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_in_reply_to_fk" FOREIGN KEY ("org_id","in_reply_to") REFERENCES "public"."touches"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "touches_in_reply_to_idx" ON "touches" USING btree ("org_id","in_reply_to") WHERE "touches"."in_reply_to" is not null;--> statement-breakpoint
SELECT afterview_secure_tenant_tables();
--> statement-breakpoint
-- Counters belong to no agency: only the system role (through named unsafe… helpers) may use them.
REVOKE ALL ON rate_limits FROM afterview_tenant;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO afterview_system;
