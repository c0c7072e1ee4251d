-- Calendar state row and due-limit backfill (hand-written).
-- calendar_state holds exactly one row (id 1): due-date writes lock it FOR SHARE and schedule
-- entries FOR UPDATE, so it must exist before the first case is accepted.
INSERT INTO calendar_state (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
-- Cases accepted before due_limit_days existed were counted with their item's promised limit.
UPDATE cases SET due_limit_days = s.promised_limit_days
FROM service_items s
WHERE cases.item_id = s.id AND cases.due_date IS NOT NULL AND cases.due_limit_days IS NULL;
