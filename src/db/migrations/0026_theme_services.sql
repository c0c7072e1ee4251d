CREATE TABLE "theme_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"theme_id" uuid NOT NULL,
	"theme_code" text NOT NULL,
	"theme_name" jsonb NOT NULL,
	"applicant_account_id" uuid NOT NULL,
	"submitted_by_account_id" uuid,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "upload_claims" (
	"upload_id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	CONSTRAINT "upload_claims_upload_claim_uq" UNIQUE("upload_id","claim_id")
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"audience" text NOT NULL,
	"topics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"members" jsonb NOT NULL,
	"fields" jsonb NOT NULL,
	"materials" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "themes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
-- Every attached upload so far belonged to one case: that case is its claim.
INSERT INTO "upload_claims" ("upload_id", "claim_id") SELECT "upload_id", "case_id" FROM "case_materials";--> statement-breakpoint
ALTER TABLE "case_materials" ADD COLUMN "claim_id" uuid;--> statement-breakpoint
UPDATE "case_materials" SET "claim_id" = "case_id";--> statement-breakpoint
ALTER TABLE "case_materials" ALTER COLUMN "claim_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "case_materials" DROP CONSTRAINT "case_materials_upload_id_unique";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "bundle_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "waits_for" jsonb;--> statement-breakpoint
ALTER TABLE "theme_applications" ADD CONSTRAINT "theme_applications_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_applications" ADD CONSTRAINT "theme_applications_applicant_account_id_accounts_id_fk" FOREIGN KEY ("applicant_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_applications" ADD CONSTRAINT "theme_applications_submitted_by_account_id_accounts_id_fk" FOREIGN KEY ("submitted_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upload_claims" ADD CONSTRAINT "upload_claims_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "theme_applications_applicant_idx" ON "theme_applications" USING btree ("applicant_account_id","submitted_at");--> statement-breakpoint
ALTER TABLE "case_materials" ADD CONSTRAINT "case_materials_upload_claim_fk" FOREIGN KEY ("upload_id","claim_id") REFERENCES "public"."upload_claims"("upload_id","claim_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_bundle_id_theme_applications_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."theme_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_materials_upload_case_uq" ON "case_materials" USING btree ("upload_id","case_id");--> statement-breakpoint
CREATE INDEX "cases_bundle_idx" ON "cases" USING btree ("bundle_id") WHERE "cases"."bundle_id" IS NOT NULL;