CREATE TABLE "case_draft_uploads" (
	"draft_id" uuid NOT NULL,
	"material_code" text NOT NULL,
	"upload_id" uuid NOT NULL,
	CONSTRAINT "case_draft_uploads_draft_id_material_code_pk" PRIMARY KEY("draft_id","material_code")
);
--> statement-breakpoint
CREATE TABLE "case_drafts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"applicant_account_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"item_version_id" uuid,
	"form" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_supplements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"items" jsonb NOT NULL,
	"note" text,
	"requested_by_account_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_draft_uploads" ADD CONSTRAINT "case_draft_uploads_draft_id_case_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."case_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_draft_uploads" ADD CONSTRAINT "case_draft_uploads_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_drafts" ADD CONSTRAINT "case_drafts_applicant_account_id_accounts_id_fk" FOREIGN KEY ("applicant_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_drafts" ADD CONSTRAINT "case_drafts_item_id_service_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_drafts" ADD CONSTRAINT "case_drafts_item_version_id_service_item_versions_id_fk" FOREIGN KEY ("item_version_id") REFERENCES "public"."service_item_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_supplements" ADD CONSTRAINT "case_supplements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_supplements" ADD CONSTRAINT "case_supplements_requested_by_account_id_accounts_id_fk" FOREIGN KEY ("requested_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_draft_uploads_upload_idx" ON "case_draft_uploads" USING btree ("upload_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_drafts_applicant_item_uq" ON "case_drafts" USING btree ("applicant_account_id","item_id");--> statement-breakpoint
CREATE INDEX "case_drafts_applicant_updated_idx" ON "case_drafts" USING btree ("applicant_account_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_supplements_case_round_uq" ON "case_supplements" USING btree ("case_id","round");