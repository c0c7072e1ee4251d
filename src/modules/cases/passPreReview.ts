import type { Tx } from '../../db/client.js';
import type { Actor } from '../identity/index.js';
import { transition } from './transition.js';

/** Where the applicant books their visit to the hall for the item (the portal's booking page). */
export const bookingPath = (itemId: string) => `/appointments/new/${itemId}`;

/**
 * 网上预审通过: the clerk has checked the materials online and tells the applicant what to bring to
 * the window (the originals), with the hall's booking page for the item. The case waits
 * `prereviewed` until the applicant comes and the window accepts it.
 */
export async function passPreReview(tx: Tx, actor: Actor, caseId: string, input: { bring: string; note?: string | null | undefined }) {
  await transition(tx, actor, caseId, 'prereview_pass', async (_tx, c) => ({
    patch: {},
    note: input.note ?? null,
    detail: { bring: input.bring, bookingPath: bookingPath(c.itemId) },
  }));
}
