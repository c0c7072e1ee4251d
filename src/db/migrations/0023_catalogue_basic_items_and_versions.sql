CREATE TABLE "basic_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"baseline" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "basic_items_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "service_item_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_item_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"status" text NOT NULL,
	"overrides" jsonb NOT NULL,
	"content" jsonb NOT NULL,
	"author_account_id" uuid,
	"submitted_at" timestamp with time zone,
	"reviewer_account_id" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Catalogue in two layers (issue 9): basic items (基本目录) and versioned implementations (实施清单).
-- Existing service items are implementations. Each becomes its own basic item (same code, its content
-- as the baseline, no local overrides) and gets version 1, published (retired when it was withdrawn);
-- its cases are recorded as applied under that version. Ids are derived from the item's, so the
-- backfill is deterministic. The new columns are filled before they become NOT NULL.
ALTER TABLE "service_items" ADD COLUMN "basic_item_id" uuid;--> statement-breakpoint
ALTER TABLE "service_items" ADD COLUMN "region_code" text;--> statement-breakpoint
ALTER TABLE "service_items" ADD COLUMN "current_version_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "item_version_id" uuid;--> statement-breakpoint
INSERT INTO "basic_items" ("id", "code", "baseline", "created_at", "updated_at")
SELECT md5('basic_item:' || i.id::text)::uuid, i.code,
       jsonb_build_object('name', i.name, 'itemType', i.item_type, 'guide', i.guide, 'materials', i.materials, 'form', i.form,
                          'legalLimitDays', i.legal_limit_days, 'promisedLimitDays', i.promised_limit_days, 'onlineDepth', i.online_depth,
                          'licenceTypeCode', i.licence_type_code, 'minLevel', i.min_level, 'applicantKinds', i.applicant_kinds),
       i.created_at, i.created_at
FROM "service_items" i;--> statement-breakpoint
INSERT INTO "service_item_versions" ("id", "service_item_id", "version_no", "status", "overrides", "content", "published_at", "retired_at", "created_at")
SELECT md5('item_version:' || i.id::text)::uuid, i.id, 1, CASE WHEN i.published THEN 'published' ELSE 'retired' END, '{}'::jsonb, b.baseline,
       i.created_at, CASE WHEN i.published THEN NULL ELSE i.created_at END, i.created_at
FROM "service_items" i JOIN "basic_items" b ON b.id = md5('basic_item:' || i.id::text)::uuid;--> statement-breakpoint
UPDATE "service_items" i SET "basic_item_id" = md5('basic_item:' || i.id::text)::uuid, "current_version_id" = md5('item_version:' || i.id::text)::uuid,
       "region_code" = d.region_code
FROM "departments" d WHERE d.id = i.department_id;--> statement-breakpoint
UPDATE "cases" c SET "item_version_id" = md5('item_version:' || c.item_id::text)::uuid;--> statement-breakpoint
ALTER TABLE "service_items" ALTER COLUMN "basic_item_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "service_items" ALTER COLUMN "region_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "item_version_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "service_item_versions" ADD CONSTRAINT "service_item_versions_service_item_id_service_items_id_fk" FOREIGN KEY ("service_item_id") REFERENCES "public"."service_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_item_versions" ADD CONSTRAINT "service_item_versions_author_account_id_accounts_id_fk" FOREIGN KEY ("author_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_item_versions" ADD CONSTRAINT "service_item_versions_reviewer_account_id_accounts_id_fk" FOREIGN KEY ("reviewer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_item_versions_no_uq" ON "service_item_versions" USING btree ("service_item_id","version_no");--> statement-breakpoint
CREATE UNIQUE INDEX "service_item_versions_one_open_uq" ON "service_item_versions" USING btree ("service_item_id") WHERE status IN ('draft', 'review');--> statement-breakpoint
CREATE INDEX "service_item_versions_review_idx" ON "service_item_versions" USING btree ("status","submitted_at");--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_basic_item_id_basic_items_id_fk" FOREIGN KEY ("basic_item_id") REFERENCES "public"."basic_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_current_version_id_service_item_versions_id_fk" FOREIGN KEY ("current_version_id") REFERENCES "public"."service_item_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_item_version_id_service_item_versions_id_fk" FOREIGN KEY ("item_version_id") REFERENCES "public"."service_item_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A published version never changes: only its retirement (status, retired_at) may be written, and
-- neither a published nor a retired version may be deleted. The application never tries; this
-- stops an accident or a hand-written UPDATE from rewriting what cases were applied under.
CREATE OR REPLACE FUNCTION service_item_versions_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = public, pg_temp
AS $$
BEGIN
  IF OLD.status IN ('published', 'retired') THEN
    IF TG_OP = 'DELETE'
       OR NEW.overrides IS DISTINCT FROM OLD.overrides OR NEW.content IS DISTINCT FROM OLD.content
       OR NEW.version_no IS DISTINCT FROM OLD.version_no OR NEW.service_item_id IS DISTINCT FROM OLD.service_item_id
       OR NEW.author_account_id IS DISTINCT FROM OLD.author_account_id OR NEW.reviewer_account_id IS DISTINCT FROM OLD.reviewer_account_id
       OR NEW.published_at IS DISTINCT FROM OLD.published_at OR NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at
       OR NEW.status NOT IN ('published', 'retired') OR (OLD.status = 'retired' AND NEW.status <> 'retired') THEN
      RAISE EXCEPTION 'a published catalogue version never changes (version %)', OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER service_item_versions_immutable BEFORE UPDATE OR DELETE ON service_item_versions
FOR EACH ROW EXECUTE FUNCTION service_item_versions_guard();
