-- Hand-written: moves the content of every existing upload out of uploads.content into the
-- database file store (stored_files, key uploads/<id>) before the next migration drops the column.
INSERT INTO "stored_files" ("key", "content", "created_at")
SELECT 'uploads/' || "id"::text, "content", "created_at" FROM "uploads"
ON CONFLICT ("key") DO NOTHING;
