CREATE TABLE "population_registry" (
	"id" uuid PRIMARY KEY NOT NULL,
	"id_number_bidx" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"name_enc" text NOT NULL,
	"region_code" text NOT NULL,
	"status" text DEFAULT 'normal' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "population_registry_id_number_bidx_unique" UNIQUE("id_number_bidx")
);
--> statement-breakpoint
CREATE TABLE "hall_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clerk_account_id" uuid NOT NULL,
	"applicant_account_id" uuid NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "submitted_by_account_id" uuid;--> statement-breakpoint
ALTER TABLE "hall_visits" ADD CONSTRAINT "hall_visits_clerk_account_id_accounts_id_fk" FOREIGN KEY ("clerk_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_visits" ADD CONSTRAINT "hall_visits_applicant_account_id_accounts_id_fk" FOREIGN KEY ("applicant_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "population_registry_region_idx" ON "population_registry" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "hall_visits_clerk_idx" ON "hall_visits" USING btree ("clerk_account_id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_submitted_by_account_id_accounts_id_fk" FOREIGN KEY ("submitted_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;