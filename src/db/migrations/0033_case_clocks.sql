ALTER TABLE "case_events" ALTER COLUMN "actor_account_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "accept_limit_days" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "accept_due_date" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "warn_date" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "paused_since" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "pause_kind" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "paused_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "extension_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "extension_request" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "supplement_deadline" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "clock_colour" text DEFAULT 'green' NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_department_colour_idx" ON "cases" USING btree ("department_id","clock_colour","submitted_at","id");--> statement-breakpoint
CREATE INDEX "cases_intake_colour_idx" ON "cases" USING btree ("department_id","clock_colour","submitted_at","id") WHERE "cases"."status" IN ('submitted', 'resubmitted');--> statement-breakpoint
CREATE INDEX "cases_alarm_idx" ON "cases" USING btree ("clock_colour","submitted_at","id") WHERE "cases"."clock_colour" IN ('yellow', 'red') AND "cases"."status" IN ('submitted', 'resubmitted', 'accepted', 'supplement_requested');--> statement-breakpoint
CREATE INDEX "cases_supplement_deadline_idx" ON "cases" USING btree ("supplement_deadline") WHERE "cases"."status" = 'supplement_requested';