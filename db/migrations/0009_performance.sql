ALTER TABLE "interview_engagement" ADD COLUMN "follow_up_seconds" numeric;--> statement-breakpoint
CREATE INDEX "candidates_active_idx" ON "candidates" USING btree ("org_id","id") WHERE "candidates"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "interview_engagement_latency_idx" ON "interview_engagement" USING btree ("org_id","follow_up_seconds","interview_id") WHERE "interview_engagement"."followed_up_at" is not null;--> statement-breakpoint
-- Hand-written: existing rows get their time to follow up (`npm run engagement:rebuild` recomputes it too).
UPDATE "interview_engagement" ie SET "follow_up_seconds" = extract(epoch from (ie."followed_up_at" - i."ends_at"))
  FROM "interviews" i
  WHERE i."org_id" = ie."org_id" AND i."id" = ie."interview_id" AND ie."followed_up_at" IS NOT NULL;
