-- Audit log hardening (issue 7, point 11). Hand-written: functions and triggers drizzle cannot declare.
-- 1. audit_append(): the one way to append. It locks the chain head, hashes, inserts and advances the
--    head in one call. SECURITY DEFINER, owned by the role that runs migrations: on PostgreSQL the
--    application role gets SELECT on the audit tables and EXECUTE on this function only (see
--    src/db/roles.ts), so it can append but never rewrite. search_path is pinned with pg_temp last,
--    as the PostgreSQL manual requires for SECURITY DEFINER functions ("Writing SECURITY DEFINER
--    Functions Safely"): otherwise a temporary table named audit_head would be used instead.
-- 2. Triggers refusing UPDATE, DELETE and TRUNCATE of audit rows, and any head move other than one
--    step onto the row just appended. A guard against accidents on both databases; on PGlite (one
--    embedded superuser) anyone with file access can still rewrite the log.
CREATE OR REPLACE FUNCTION audit_append(p_prefix text, p_at timestamptz, p_actor uuid, p_action text, p_entity_type text, p_entity_id text, p_detail jsonb)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_seq bigint;
  v_prev text;
  v_hash text;
BEGIN
  SELECT seq + 1, hash INTO v_seq, v_prev FROM public.audit_head WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit chain head missing: migrations not applied';
  END IF;
  -- Same canonical text as chainHash() in src/modules/supervision/audit.ts: seq is the last key.
  v_hash := encode(sha256(convert_to(v_prev || chr(10) || p_prefix || v_seq::text || '}', 'UTF8')), 'hex');
  INSERT INTO public.audit_events (seq, at, actor_account_id, action, entity_type, entity_id, detail, prev_hash, hash)
  VALUES (v_seq, p_at, p_actor, p_action, p_entity_type, p_entity_id, p_detail, v_prev, v_hash);
  UPDATE public.audit_head SET seq = v_seq, hash = v_hash WHERE id = 1;
  RETURN v_seq;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = public, pg_temp
AS $$
DECLARE
  h record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT seq, hash INTO h FROM public.audit_head WHERE id = 1;
    IF NEW.seq <> h.seq + 1 OR NEW.prev_hash <> h.hash THEN
      RAISE EXCEPTION 'audit_events is append-only: a row must continue the chain head (seq %, got %)', h.seq + 1, NEW.seq
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_guard();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_head_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.id = OLD.id AND NEW.seq = OLD.seq + 1
       AND EXISTS (SELECT 1 FROM public.audit_events WHERE seq = NEW.seq AND hash = NEW.hash AND prev_hash = OLD.hash) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_head only moves forward onto the row just appended: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_head_forward_only BEFORE INSERT OR UPDATE OR DELETE ON audit_head
FOR EACH ROW EXECUTE FUNCTION audit_head_guard();
--> statement-breakpoint
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
FOR EACH STATEMENT EXECUTE FUNCTION audit_head_guard();
