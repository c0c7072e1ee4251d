CREATE TABLE "catalog_search_documents" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"names_document" "tsvector" NOT NULL,
	"document" "tsvector" NOT NULL,
	"names" jsonb NOT NULL,
	"aliases" jsonb NOT NULL,
	"version" integer NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_search_synonyms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"expansions" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_search_synonyms_term_unique" UNIQUE("term")
);
--> statement-breakpoint
ALTER TABLE "catalog_search_documents" ADD CONSTRAINT "catalog_search_documents_item_id_service_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_search_synonyms" ADD CONSTRAINT "catalog_search_synonyms_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_search_documents_names_document_idx" ON "catalog_search_documents" USING gin ("names_document");--> statement-breakpoint
CREATE INDEX "catalog_search_documents_document_idx" ON "catalog_search_documents" USING gin ("document");