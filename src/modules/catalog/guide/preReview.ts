/**
 * 网上预审: an item whose guide says the applicant must still come to the hall (到现场次数 > 0) but
 * which is received online (online depth stage 2, 网上申请) is checked online first, so the
 * applicant comes once, with the originals, to be accepted at the window (最多跑一次). An online
 * submission of such an item starts `prereview` instead of `submitted`.
 */
export const RECEIVE_ONLINE = 2;

export function needsPreReview(item: { visits: number | null | undefined; onlineDepth: readonly number[] }): boolean {
  return (item.visits ?? 0) > 0 && item.onlineDepth.includes(RECEIVE_ONLINE);
}
