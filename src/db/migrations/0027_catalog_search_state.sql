CREATE TABLE "catalog_search_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	"items" integer NOT NULL
);
