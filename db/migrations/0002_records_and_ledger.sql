-- Trigram search over candidate names and emails.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."interview_kind" AS ENUM('phone', 'video', 'onsite');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('open', 'on_hold', 'closed');--> statement-breakpoint
CREATE TYPE "public"."application_stage" AS ENUM('applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."touch_channel" AS ENUM('portal', 'email', 'phone', 'manual', 'system');--> statement-breakpoint
CREATE TYPE "public"."touch_direction" AS ENUM('inbound', 'outbound');--> statement-breakpoint
CREATE TYPE "public"."touch_kind" AS ENUM('question', 'email_reply', 'thank_you', 'call', 'message', 'email_click', 'portal_visit', 'email_open', 'note', 'answer', 'email_sent', 'portal_link_sent', 'status_update');--> statement-breakpoint
CREATE TABLE "applications" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"candidate_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"stage" "application_stage" DEFAULT 'applied' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "candidates" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"owner_user_id" uuid,
	"team_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"source" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidates_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"kind" "interview_kind" NOT NULL,
	"interviewers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interviews_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"client_company" text NOT NULL,
	"title" text NOT NULL,
	"status" "job_status" DEFAULT 'open' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "candidate_engagement" (
	"org_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"inbound_count" integer DEFAULT 0 NOT NULL,
	"outbound_count" integer DEFAULT 0 NOT NULL,
	"strong_count" integer DEFAULT 0 NOT NULL,
	"medium_count" integer DEFAULT 0 NOT NULL,
	"weak_count" integer DEFAULT 0 NOT NULL,
	"max_strength" smallint DEFAULT 0 NOT NULL,
	"followed_up_at" timestamp with time zone,
	"first_inbound_at" timestamp with time zone,
	"last_inbound_at" timestamp with time zone,
	"last_outbound_at" timestamp with time zone,
	"last_reply_at" timestamp with time zone,
	"awaiting_reply_since" timestamp with time zone,
	"score_points" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "candidate_engagement_org_id_candidate_id_pk" PRIMARY KEY("org_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "interview_engagement" (
	"org_id" uuid NOT NULL,
	"interview_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"inbound_count" integer DEFAULT 0 NOT NULL,
	"outbound_count" integer DEFAULT 0 NOT NULL,
	"strong_count" integer DEFAULT 0 NOT NULL,
	"medium_count" integer DEFAULT 0 NOT NULL,
	"weak_count" integer DEFAULT 0 NOT NULL,
	"max_strength" smallint DEFAULT 0 NOT NULL,
	"followed_up_at" timestamp with time zone,
	"last_inbound_at" timestamp with time zone,
	"last_outbound_at" timestamp with time zone,
	"score_points" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "interview_engagement_org_id_interview_id_pk" PRIMARY KEY("org_id","interview_id")
);
--> statement-breakpoint
CREATE TABLE "touches" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"candidate_id" uuid NOT NULL,
	"application_id" uuid,
	"interview_id" uuid,
	"kind" "touch_kind" NOT NULL,
	"direction" "touch_direction" NOT NULL,
	"channel" "touch_channel" NOT NULL,
	"strength" smallint NOT NULL,
	"actor_user_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"body" text,
	"dedupe_key" text NOT NULL,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "touches_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "follow_up_window_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "reply_target_hours" integer DEFAULT 48 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_candidate_fk" FOREIGN KEY ("org_id","candidate_id") REFERENCES "public"."candidates"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_job_fk" FOREIGN KEY ("org_id","job_id") REFERENCES "public"."jobs"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_team_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_owner_fk" FOREIGN KEY ("org_id","owner_user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_application_fk" FOREIGN KEY ("org_id","application_id") REFERENCES "public"."applications"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_candidate_fk" FOREIGN KEY ("org_id","candidate_id") REFERENCES "public"."candidates"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_team_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_engagement" ADD CONSTRAINT "candidate_engagement_candidate_fk" FOREIGN KEY ("org_id","candidate_id") REFERENCES "public"."candidates"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_engagement" ADD CONSTRAINT "interview_engagement_interview_fk" FOREIGN KEY ("org_id","interview_id") REFERENCES "public"."interviews"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_engagement" ADD CONSTRAINT "interview_engagement_candidate_fk" FOREIGN KEY ("org_id","candidate_id") REFERENCES "public"."candidates"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_candidate_fk" FOREIGN KEY ("org_id","candidate_id") REFERENCES "public"."candidates"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_application_fk" FOREIGN KEY ("org_id","application_id") REFERENCES "public"."applications"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_interview_fk" FOREIGN KEY ("org_id","interview_id") REFERENCES "public"."interviews"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_candidate_job_uq" ON "applications" USING btree ("org_id","candidate_id","job_id");--> statement-breakpoint
CREATE INDEX "applications_job_idx" ON "applications" USING btree ("org_id","job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "candidates_org_email_uq" ON "candidates" USING btree ("org_id",lower("email"));--> statement-breakpoint
CREATE INDEX "candidates_team_idx" ON "candidates" USING btree ("org_id","team_id");--> statement-breakpoint
CREATE INDEX "candidates_owner_idx" ON "candidates" USING btree ("org_id","owner_user_id");--> statement-breakpoint
CREATE INDEX "candidates_search_idx" ON "candidates" USING gin ((lower("name" || ' ' || "email")) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "interviews_application_idx" ON "interviews" USING btree ("org_id","application_id");--> statement-breakpoint
CREATE INDEX "interviews_candidate_ends_idx" ON "interviews" USING btree ("org_id","candidate_id","ends_at");--> statement-breakpoint
CREATE INDEX "interviews_ends_idx" ON "interviews" USING btree ("org_id","ends_at");--> statement-breakpoint
CREATE INDEX "jobs_team_idx" ON "jobs" USING btree ("org_id","team_id");--> statement-breakpoint
CREATE INDEX "candidate_engagement_awaiting_idx" ON "candidate_engagement" USING btree ("org_id","awaiting_reply_since") WHERE "candidate_engagement"."awaiting_reply_since" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "touches_dedupe_uq" ON "touches" USING btree ("org_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "touches_candidate_time_idx" ON "touches" USING btree ("org_id","candidate_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "touches_interview_idx" ON "touches" USING btree ("org_id","interview_id") WHERE "touches"."interview_id" is not null;