CREATE TABLE "calendar_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "official_schedule_days" (
	"date" date PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"working" boolean NOT NULL,
	"name" text
);
--> statement-breakpoint
CREATE TABLE "official_schedules" (
	"year" integer PRIMARY KEY NOT NULL,
	"source_notice" text NOT NULL,
	"origin" text DEFAULT 'admin' NOT NULL,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "due_limit_days" integer;--> statement-breakpoint
ALTER TABLE "official_schedule_days" ADD CONSTRAINT "official_schedule_days_year_official_schedules_year_fk" FOREIGN KEY ("year") REFERENCES "public"."official_schedules"("year") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_schedules" ADD CONSTRAINT "official_schedules_entered_by_accounts_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "official_schedule_days_year_idx" ON "official_schedule_days" USING btree ("year");