import { createHash } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { auditEvents } from './schema.js';

export type AuditInput = {
  actorAccountId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  detail?: Record<string, unknown>;
};

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function chainHash(prevHash: string, e: { seq: number; at: string; actorAccountId: string | null; action: string; entityType: string; entityId: string; detail: Record<string, unknown> }): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(e)).digest('hex');
}

/**
 * Appends one event to the hash chain. Must run inside the transaction of the change it records,
 * so the change and its audit row commit or vanish together.
 *
 * One statement locks the chain head, hashes, inserts and advances the head, so the global lock
 * is held for that statement and the COMMIT only. The hash is computed by the database over the
 * same canonical text `chainHash` builds: `seq` sorts last among the keys, so the text is
 * `<canonical without seq>` + seq + `}` and the database supplies seq and the previous hash.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const at = new Date().toISOString();
  const withoutSeq = canonical({
    seq: 0,
    at,
    actorAccountId: input.actorAccountId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    detail: input.detail ?? {},
  });
  if (!withoutSeq.endsWith('"seq":0}')) throw new Error('audit canonical form changed: seq must be the last key');
  const prefix = withoutSeq.slice(0, -2);
  const appended = await tx.execute(sql`
    WITH h AS (
      SELECT seq + 1 AS seq, hash AS prev FROM audit_head WHERE id = 1 FOR UPDATE
    ), v AS (
      SELECT seq, prev, encode(sha256(convert_to(prev || chr(10) || ${prefix} || seq::text || '}', 'UTF8')), 'hex') AS hash FROM h
    ), ins AS (
      INSERT INTO audit_events (seq, at, actor_account_id, action, entity_type, entity_id, detail, prev_hash, hash)
      SELECT v.seq, ${at}, ${input.actorAccountId}, ${input.action}, ${input.entityType}, ${input.entityId},
             ${JSON.stringify(input.detail ?? {})}::jsonb, v.prev, v.hash
      FROM v
    )
    UPDATE audit_head SET seq = v.seq, hash = v.hash FROM v WHERE audit_head.id = 1
    RETURNING v.seq`);
  if ((appended as unknown as { rows: unknown[] }).rows.length !== 1) throw new Error('audit chain head missing: migrations not applied');
}

/** Recomputes the chain; returns the first broken sequence number, or null when intact. */
export async function verifyAuditChain(db: Executor): Promise<{ ok: boolean; count: number; brokenAt: number | null }> {
  const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const expected = chainHash(prev, {
      seq: r.seq,
      at: r.at.toISOString(),
      actorAccountId: r.actorAccountId,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      detail: r.detail,
    });
    if (r.prevHash !== prev || r.hash !== expected) return { ok: false, count: rows.length, brokenAt: r.seq };
    prev = r.hash;
  }
  return { ok: true, count: rows.length, brokenAt: null };
}

export async function auditEventsFor(db: Executor, entityType: string, entityId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(sql`${auditEvents.entityType} = ${entityType} AND ${auditEvents.entityId} = ${entityId}`)
    .orderBy(asc(auditEvents.seq));
}
