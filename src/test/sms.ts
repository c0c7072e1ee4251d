import { inArray, sql } from 'drizzle-orm';
import { blindIndexes } from '../lib/pii.js';
import { smsOutbox } from '../modules/notify/tables.js';
import type { Db } from '../db/client.js';
import { accountPhone, findAccountBySignInName } from '../modules/identity/service.js';
import { lastCodeSentTo } from '../modules/notify/index.js';

/**
 * Moves the per-number SMS history of an account a day into the past, as if the user came back
 * tomorrow: tests sign the same staff member in many times, and the gateway (like a real one)
 * allows one code a minute and ten a day per number. Changes only the clock of old rows.
 */
export async function aDayLater(db: Db, accountId: string): Promise<void> {
  const phone = await accountPhone(db, accountId);
  await db.execute(sql`UPDATE otp_challenges SET created_at = created_at - interval '1 day' WHERE account_id = ${accountId}`);
  if (phone) await db.update(smsOutbox).set({ createdAt: sql`${smsOutbox.createdAt} - interval '1 day'` }).where(inArray(smsOutbox.phoneBidx, blindIndexes('phone', phone)));
}

/** The staff account behind a sign-in name, ready for a fresh code; null for citizens and enterprises. */
export async function prepareStaffSignIn(db: Db, username: string): Promise<{ accountId: string; phone: string } | null> {
  const account = await findAccountBySignInName(db, username);
  if (account?.kind !== 'staff') return null;
  await aDayLater(db, account.id);
  return { accountId: account.id, phone: (await accountPhone(db, account.id)) ?? '' };
}

/** The code the sandbox gateway last sent to a number, as the person would read it on their phone. */
export async function codeFromOutbox(db: Db, phone: string): Promise<string> {
  const code = await lastCodeSentTo(db, phone);
  if (!code) throw new Error('no code in the SMS sandbox outbox');
  return code;
}
