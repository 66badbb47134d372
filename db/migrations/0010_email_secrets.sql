ALTER TABLE "outbound_emails" ADD COLUMN "secrets" text;--> statement-breakpoint
ALTER TABLE "system_emails" ADD COLUMN "secrets" text;--> statement-breakpoint
-- Hand-written: live links already at rest are cut out of what was stored before this release
-- (emails sent or failed, replies that quote them, tracked clicks, webhook payloads). The patterns
-- match server/email/email-secrets.ts (redactSecretLinks). Emails still queued keep theirs until
-- they are sent: the outbox cuts them out then.
CREATE OR REPLACE FUNCTION afterview_redact_secret_links(value text) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $fn$
    SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(value,
      '(https?://[^[:space:]<>"''()]*)?/p/[A-Za-z0-9_-]{43}', '[portal link]', 'g'),
      '(https?://[^[:space:]<>"''()]*)?/invite/[A-Za-z0-9_-]{43}', '[invitation link]', 'g'),
      '(https?://[^[:space:]<>"''()]*)?/api/auth/callback/[A-Za-z0-9_-]+\?[^[:space:]<>"''()]*token=[^[:space:]<>"''()]*', '[sign-in link]', 'g'),
      '(https?://[^[:space:]<>"''()]*)?/unsubscribe/v1\.[0-9a-f-]{36}\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}', '[unsubscribe link]', 'g')
  $fn$;
--> statement-breakpoint
UPDATE "outbound_emails" SET
    "html" = afterview_redact_secret_links("html"),
    "text" = afterview_redact_secret_links("text"),
    "headers" = afterview_redact_secret_links("headers"::text)::jsonb
  WHERE "status" NOT IN ('queued', 'sending')
    AND afterview_redact_secret_links("html" || "text" || "headers"::text) <> "html" || "text" || "headers"::text;
--> statement-breakpoint
UPDATE "system_emails" SET
    "html" = afterview_redact_secret_links("html"),
    "text" = afterview_redact_secret_links("text")
  WHERE "status" NOT IN ('queued', 'sending')
    AND afterview_redact_secret_links("html" || "text") <> "html" || "text";
--> statement-breakpoint
UPDATE "inbound_emails" SET
    "subject" = afterview_redact_secret_links("subject"),
    "text" = afterview_redact_secret_links("text"),
    "full_text" = afterview_redact_secret_links("full_text")
  WHERE afterview_redact_secret_links("subject" || "text" || "full_text") <> "subject" || "text" || "full_text";
--> statement-breakpoint
UPDATE "touches" SET
    "body" = afterview_redact_secret_links("body"),
    "meta" = afterview_redact_secret_links("meta"::text)::jsonb
  WHERE (coalesce("body", '') || "meta"::text) LIKE ANY (ARRAY['%/p/%', '%/invite/%', '%/callback/%', '%/unsubscribe/v1.%'])
    AND afterview_redact_secret_links(coalesce("body", '') || "meta"::text) <> coalesce("body", '') || "meta"::text;
--> statement-breakpoint
UPDATE "email_events" SET "payload" = afterview_redact_secret_links("payload"::text)::jsonb
  WHERE afterview_redact_secret_links("payload"::text) <> "payload"::text;
--> statement-breakpoint
DROP FUNCTION afterview_redact_secret_links(text);
