DROP INDEX "cases_intake_queue_idx";--> statement-breakpoint
DROP INDEX "cases_intake_colour_idx";--> statement-breakpoint
CREATE INDEX "cases_intake_queue_idx" ON "cases" USING btree ("department_id","submitted_at","id") WHERE "cases"."status" IN ('submitted', 'resubmitted', 'prereview', 'prereviewed');--> statement-breakpoint
CREATE INDEX "cases_intake_colour_idx" ON "cases" USING btree ("department_id","clock_colour","submitted_at","id") WHERE "cases"."status" IN ('submitted', 'resubmitted', 'prereview', 'prereviewed');