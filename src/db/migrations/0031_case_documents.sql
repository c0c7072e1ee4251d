CREATE TABLE "case_document_counters" (
	"department_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_document_counters_department_id_kind_year_pk" PRIMARY KEY("department_id","kind","year")
);
--> statement-breakpoint
CREATE TABLE "case_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"department_id" uuid NOT NULL,
	"document_number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"verify_code" text NOT NULL,
	"content" text NOT NULL,
	"pdf_sha256" text NOT NULL,
	"key_id" uuid,
	"signature" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_documents_document_number_unique" UNIQUE("document_number"),
	CONSTRAINT "case_documents_verify_code_unique" UNIQUE("verify_code")
);
--> statement-breakpoint
CREATE TABLE "document_letterheads" (
	"department_id" uuid PRIMARY KEY NOT NULL,
	"short_name" text NOT NULL,
	"seal_sha256" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_seals" (
	"sha256" text PRIMARY KEY NOT NULL,
	"png" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_document_counters" ADD CONSTRAINT "case_document_counters_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_key_id_signing_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."signing_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_letterheads" ADD CONSTRAINT "document_letterheads_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_letterheads" ADD CONSTRAINT "document_letterheads_seal_sha256_document_seals_sha256_fk" FOREIGN KEY ("seal_sha256") REFERENCES "public"."document_seals"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_documents_case_idx" ON "case_documents" USING btree ("case_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_sequence_idx" ON "case_documents" USING btree ("department_id","kind","year","seq");