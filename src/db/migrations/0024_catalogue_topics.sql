-- Life events and enterprise stages by which the portal lists services (issue 9, "Finding services").
-- A basic item's content carries them and implementations inherit them; existing baselines get an
-- empty set. Published versions are immutable and keep their content as it was: code reads a
-- version without topics as having none.
ALTER TABLE "service_items" ADD COLUMN "topics" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
UPDATE "basic_items" SET "baseline" = "baseline" || '{"topics": {}}'::jsonb WHERE NOT ("baseline" ? 'topics');
