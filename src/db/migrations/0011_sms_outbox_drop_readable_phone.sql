-- Sandbox messages are disposable; the numbers they were sent to were stored readable, so they go.
DELETE FROM "sms_outbox";--> statement-breakpoint
DROP INDEX "sms_outbox_phone_idx";--> statement-breakpoint
ALTER TABLE "sms_outbox" DROP COLUMN "phone";