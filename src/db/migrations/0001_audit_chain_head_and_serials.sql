-- The audit chain starts from a fixed genesis row so that every append can lock it.
INSERT INTO "audit_head" ("id", "seq", "hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
--> statement-breakpoint
CREATE SEQUENCE "licence_serial_seq" START WITH 1;
