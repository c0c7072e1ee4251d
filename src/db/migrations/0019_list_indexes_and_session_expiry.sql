DROP INDEX "cases_applicant_idx";--> statement-breakpoint
DROP INDEX "cases_department_status_idx";--> statement-breakpoint
DROP INDEX "licences_holder_idx";--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "cases_applicant_submitted_idx" ON "cases" USING btree ("applicant_account_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "cases_department_submitted_idx" ON "cases" USING btree ("department_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "cases_intake_queue_idx" ON "cases" USING btree ("department_id","submitted_at","id") WHERE "cases"."status" IN ('submitted', 'resubmitted');--> statement-breakpoint
CREATE INDEX "cases_approval_queue_idx" ON "cases" USING btree ("department_id","submitted_at","id") WHERE "cases"."status" = 'accepted';--> statement-breakpoint
CREATE INDEX "licences_holder_issued_idx" ON "licences" USING btree ("holder_account_id","issued_at","id");