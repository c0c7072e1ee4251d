ALTER TABLE "sms_outbox" ADD COLUMN "phone_bidx" text NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "phone_enc" text NOT NULL;--> statement-breakpoint
CREATE INDEX "sms_outbox_phone_idx" ON "sms_outbox" USING btree ("phone_bidx","created_at");