ALTER TABLE "notifications" ALTER COLUMN "case_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "case_no" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "supplement_warned_round" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "appointment_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_appointment_id_hall_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."hall_appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_about_one" CHECK (("notifications"."case_id" IS NOT NULL AND "notifications"."case_no" IS NOT NULL AND "notifications"."appointment_id" IS NULL) OR ("notifications"."case_id" IS NULL AND "notifications"."case_no" IS NULL AND "notifications"."appointment_id" IS NOT NULL));