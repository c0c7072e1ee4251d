import { createHash } from 'node:crypto';
import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { auditEvents, auditHead } from './tables.js';

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
 * The database function `audit_append` (migration 0014) locks the chain head, hashes, inserts and
 * advances the head, so the global lock is held for that call and the COMMIT only. It runs with its
 * owner's rights: on PostgreSQL the application role may call it but cannot UPDATE or DELETE audit
 * rows (src/db/roles.ts). The hash is computed by the database over the same canonical text
 * `chainHash` builds: `seq` sorts last among the keys, so the text is `<canonical without seq>` +
 * seq + `}` and the database supplies seq and the previous hash.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.execute(sql`SELECT ${auditAppendCall(input)} AS seq`);
}

/** Detail values known only inside the statement that makes the change (a case number the database assigns). */
export type LateDetail = Record<string, SQL>;

/**
 * The `audit_append(…)` call as an SQL expression, for a write that records its audit row in the
 * same statement as the change (one round trip fewer while the chain head is locked). `late`
 * names detail values the statement itself produces: each must be a text expression, and is put
 * into both the hashed canonical text (as its JSON string, which PostgreSQL's `to_json` writes
 * exactly as `JSON.stringify` does for text) and the stored detail. The expression only runs if
 * the statement evaluates it, so callers must reference it in their result (a CTE that is not
 * read is not run).
 */
export function auditAppendCall(input: AuditInput, late: LateDetail = {}): SQL {
  const at = new Date().toISOString();
  const lateKeys = Object.keys(late);
  const placeholders = new Map(lateKeys.map((k) => [k, `\u0000late:${k}\u0000`]));
  const detail = { ...(input.detail ?? {}), ...Object.fromEntries(placeholders) };
  let prefix: SQL = sql`${auditChainPrefix({ ...input, detail }, at)}`;
  let stored: SQL = sql`${JSON.stringify(input.detail ?? {})}::jsonb`;
  for (const k of lateKeys) {
    prefix = sql`replace(${prefix}, ${JSON.stringify(placeholders.get(k))}, to_json((${late[k]})::text)::text)`;
    stored = sql`jsonb_set(${stored}, ${`{${k}}`}::text[], to_jsonb((${late[k]})::text))`;
  }
  return sql`audit_append(${prefix}, ${at}::timestamptz, ${input.actorAccountId}::uuid, ${input.action}, ${input.entityType}, ${input.entityId}, ${stored})`;
}

/** The canonical text of an event up to its `seq` value (`…"seq":`), which `audit_append` completes and hashes. */
export function auditChainPrefix(input: AuditInput, at: string): string {
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
  return withoutSeq.slice(0, -2);
}

export type AuditBreakReason =
  /** A row's content does not match its hash: it was edited. */
  | 'row_altered'
  /** A row does not point at the one before it: a row was inserted, replaced or removed before it. */
  | 'link_broken'
  /** Sequence numbers jump: rows in between were deleted. */
  | 'rows_missing'
  /** The chain stops before the head: the newest rows were deleted. */
  | 'tail_missing'
  /** The last row is not the one the head recorded: the newest rows were replaced. */
  | 'head_mismatch'
  /** Rows exist past the head: appended outside audit_append. */
  | 'rows_beyond_head'
  /** The head row itself is gone. */
  | 'head_missing';

export type AuditVerification = {
  ok: boolean;
  /** Rows checked. */
  count: number;
  /** The head's sequence number when verification started. */
  headSeq: number;
  /** Sequence number of the first row (or missing row) where the chain breaks; null when intact. */
  brokenAt: number | null;
  reason: AuditBreakReason | null;
};

const GENESIS = '0'.repeat(64);
const BATCH = 5000;

/**
 * Recomputes the chain and compares its end with the head. The head is read first and only rows up
 * to it are walked, in batches outside one long transaction (on PGlite a transaction would hold the
 * only connection): rows appended meanwhile are not counted. It proves the rows agree with the head;
 * someone able to rewrite rows and head together (the owner role, or anyone with the PGlite files)
 * is caught only by a checkpoint kept elsewhere.
 */
export async function verifyAuditChain(db: Executor): Promise<AuditVerification> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head) return { ok: false, count: 0, headSeq: 0, brokenAt: null, reason: 'head_missing' };
  const broken = (count: number, brokenAt: number, reason: AuditBreakReason): AuditVerification => ({ ok: false, count, headSeq: head.seq, brokenAt, reason });
  let prev = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(gte(auditEvents.seq, expectedSeq), lte(auditEvents.seq, head.seq)))
      .orderBy(asc(auditEvents.seq))
      .limit(BATCH);
    for (const r of rows) {
      count++;
      if (r.seq !== expectedSeq) return broken(count, expectedSeq, 'rows_missing');
      if (r.prevHash !== prev) return broken(count, r.seq, 'link_broken');
      const expected = chainHash(prev, {
        seq: r.seq,
        at: r.at.toISOString(),
        actorAccountId: r.actorAccountId,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        detail: r.detail,
      });
      if (r.hash !== expected) return broken(count, r.seq, 'row_altered');
      prev = r.hash;
      expectedSeq = r.seq + 1;
    }
    if (rows.length < BATCH) break;
  }
  if (expectedSeq <= head.seq) return broken(count, expectedSeq, 'tail_missing');
  if (prev !== head.hash) return broken(count, head.seq, 'head_mismatch');
  // Rows past the head: read the highest seq first, then the head again, so an append committing
  // in between (row and head commit together) can only raise the head, never cause a false alarm.
  const [top] = await db.select({ max: sql<number | null>`max(${auditEvents.seq})::int8` }).from(auditEvents);
  const [headNow] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const max = top?.max == null ? 0 : Number(top.max);
  if (headNow && max > headNow.seq) return broken(count, headNow.seq + 1, 'rows_beyond_head');
  return { ok: true, count, headSeq: head.seq, brokenAt: null, reason: null };
}

/** One sentence an operator can act on, for a verification result. */
export function describeAuditVerification(v: AuditVerification): string {
  if (v.ok) return `The audit chain is intact: ${v.count} events, head at ${v.headSeq}.`;
  const at = v.brokenAt;
  switch (v.reason) {
    case 'row_altered':
      return `The audit chain is broken at event ${at}: its content no longer matches its hash, so it was changed after it was written.`;
    case 'link_broken':
      return `The audit chain is broken at event ${at}: it does not follow the event before it, so an event before it was replaced or removed.`;
    case 'rows_missing':
      return `The audit chain is broken at event ${at}: that event is missing (deleted), the chain jumps past it.`;
    case 'tail_missing':
      return `The audit chain is broken at event ${at}: the chain head records ${v.headSeq} events, but the log ends at ${(at ?? 1) - 1}, so the newest events were deleted.`;
    case 'head_mismatch':
      return `The audit chain is broken at event ${at}: the last event is not the one the chain head recorded, so the newest events were replaced.`;
    case 'rows_beyond_head':
      return `The audit chain is broken at event ${at}: events exist past the chain head, so they were added outside the platform.`;
    case 'head_missing':
      return 'The audit chain head (table audit_head) is missing: the database was altered or not migrated.';
    default:
      return 'The audit chain is broken.';
  }
}

export async function auditEventsFor(db: Executor, entityType: string, entityId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(sql`${auditEvents.entityType} = ${entityType} AND ${auditEvents.entityId} = ${entityId}`)
    .orderBy(asc(auditEvents.seq));
}
