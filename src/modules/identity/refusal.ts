import type { Db, Tx } from '../../db/client.js';
import type { DomainError } from '../../lib/errors.js';

/**
 * A refusal whose record must stay (an audit event of a failed check, a counted failure): the use
 * case writes the record in the caller's transaction and returns the refusal instead of throwing
 * it, so the caller commits first and throws afterwards.
 */
export class Refusal {
  constructor(readonly error: DomainError) {}
}

/** One transaction for a use case that may return a `Refusal`: committed either way, then thrown. */
export async function inTxKeepingRefusal<T>(db: Db, run: (tx: Tx) => Promise<T | Refusal>): Promise<T> {
  const out = await db.transaction(run);
  if (out instanceof Refusal) throw out.error;
  return out;
}
