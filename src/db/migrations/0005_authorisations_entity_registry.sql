CREATE TABLE "authorisations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"principal_account_id" uuid NOT NULL,
	"agent_account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"item_codes" jsonb,
	"valid_until" timestamp with time zone,
	"granted_by_account_id" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_account_id" uuid
);
--> statement-breakpoint
CREATE TABLE "entity_registry" (
	"id" uuid PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"name" text NOT NULL,
	"legal_rep_id_number_bidx" text NOT NULL,
	"legal_rep_id_number_enc" text NOT NULL,
	"region_code" text NOT NULL,
	"status" text DEFAULT 'normal' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entity_registry_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "acting_authorisation_id" uuid;--> statement-breakpoint
ALTER TABLE "service_items" ADD COLUMN "applicant_kinds" jsonb DEFAULT '["person"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "authorisations" ADD CONSTRAINT "authorisations_principal_account_id_accounts_id_fk" FOREIGN KEY ("principal_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorisations" ADD CONSTRAINT "authorisations_agent_account_id_accounts_id_fk" FOREIGN KEY ("agent_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorisations" ADD CONSTRAINT "authorisations_granted_by_account_id_accounts_id_fk" FOREIGN KEY ("granted_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorisations" ADD CONSTRAINT "authorisations_revoked_by_account_id_accounts_id_fk" FOREIGN KEY ("revoked_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "authorisations_agent_idx" ON "authorisations" USING btree ("agent_account_id");--> statement-breakpoint
CREATE INDEX "authorisations_principal_idx" ON "authorisations" USING btree ("principal_account_id");