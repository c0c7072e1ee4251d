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
 * so the change and its audit row commit or vanish together. Locking the head row orders writers.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  // Bumping the head both locks it (ordering concurrent writers) and hands us the previous hash.
  const bumped = await tx.execute(sql`UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq::text AS seq, hash`);
  const head = (bumped as unknown as { rows: { seq: string; hash: string }[] }).rows[0];
  if (!head) throw new Error('audit chain head missing: migrations not applied');
  const at = new Date();
  const event = {
    seq: Number(head.seq),
    at: at.toISOString(),
    actorAccountId: input.actorAccountId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    detail: input.detail ?? {},
  };
  const hash = chainHash(head.hash, event);
  await tx.execute(sql`
    WITH appended AS (
      INSERT INTO audit_events (seq, at, actor_account_id, action, entity_type, entity_id, detail, prev_hash, hash)
      VALUES (${event.seq}, ${event.at}, ${event.actorAccountId}, ${event.action}, ${event.entityType}, ${event.entityId},
              ${JSON.stringify(event.detail)}::jsonb, ${head.hash}, ${hash})
    )
    UPDATE audit_head SET hash = ${hash} WHERE id = 1`);
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
