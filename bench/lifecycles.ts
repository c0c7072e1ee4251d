/**
 * Full case lifecycles over real HTTP: a caterer submits a food business licence (食品经营许可),
 * market regulation's clerk accepts it, market regulation's and health's approvers each agree in
 * the parallel review (并联审批), and the second agreement completes the case and issues the
 * signed licence. Four requests by four people; the case's documents (受理通知书, 准予许可决定书)
 * are rendered as PDFs and signed inside those requests.
 *
 * The floor is the serial composition of the parts a lifecycle cannot avoid, each measured in the
 * same run: four HTTP trips (the HTTP floor), one submission transaction (the submission floor),
 * the PDFs the case really got (plain pdfkit writing the same text, the documents floor) and
 * one raw signature per document and for the licence. It leaves out the accept and approve rows'
 * own writes, so it is higher than any real implementation could reach: the ratio is a lower bound.
 */
import { generateKeyPair, sign, type SigningAlg } from '../src/lib/signing.js';
import { HttpClient, samplePdf } from './http.js';
import { Exhausted, runFor, sequentialFor, type TimedResult } from './timing.js';

export const FOOD_BUSINESS = '000101002000'; // 食品经营许可 (SCJG with health WJ in parallel): M02 + M03

export type LifecycleStaff = { clerk: HttpClient; approvers: HttpClient[] };

const form = (n: number) => ({
  operatorName: `兰州城关区张记牛肉面馆${n}号店`,
  address: `城关区张掖路 ${n} 号`,
  category: '餐饮服务经营者',
  items: '热食类食品制售',
  safetyManager: '张三',
});

/** One lifecycle on pre-uploaded materials; throws when a step does not answer as a real case would. */
async function lifecycle(citizen: HttpClient, staff: LifecycleStaff, itemId: string, n: number, uploads: [string, string]) {
  const c = await citizen.post<{ id: string }>(
    '/api/cases',
    { itemId, form: form(n), materials: [{ code: 'M02', uploadId: uploads[0] }, { code: 'M03', uploadId: uploads[1] }] },
    201,
  );
  const accepted = await staff.clerk.post<{ status: string }>(`/api/cases/${c.id}/accept`, {});
  if (accepted.status !== 'accepted') throw new Error(`case ${c.id} is ${accepted.status} after acceptance`);
  let last: { status: string; licence: { id: string } | null } | undefined;
  for (const approver of staff.approvers) last = await approver.post(`/api/cases/${c.id}/approve`, { opinion: '经审查，符合法定条件，同意。' });
  if (!last || !['completed', 'delivered'].includes(last.status) || !last.licence) throw new Error(`case ${c.id} is ${last?.status} without a licence after both agreements`);
  return c.id;
}

export type LifecycleFigures = {
  run: TimedResult;
  /** HTTP requests per lifecycle (submit, accept, one approval per department). */
  trips: number;
  /** Documents the case got (each a PDF signed by its department). */
  documents: number;
  /** Raw signatures per second on the issuing department's algorithm, in this process. */
  signPerS: number;
};

export async function benchLifecycles(
  citizen: HttpClient,
  staff: LifecycleStaff,
  itemId: string,
  opts: { warmupMs: number; ms: number; concurrency: number; alg: SigningAlg },
): Promise<LifecycleFigures> {
  const pdf = samplePdf('lifecycle');
  let n = 0;
  const pair = async (): Promise<[string, string]> => [await citizen.upload('plan.pdf', pdf, 'application/pdf'), await citizen.upload('rules.pdf', pdf, 'application/pdf')];

  // Warm-up, which also tells how many documents a lifecycle leaves on the case.
  const first = await lifecycle(citizen, staff, itemId, ++n, await pair());
  const { items } = await citizen.get<{ items: unknown[] }>(`/api/cases/${first}/documents`);
  const warm = await runFor(opts.warmupMs, opts.concurrency, async () => Boolean(await lifecycle(citizen, staff, itemId, ++n, await pair())));
  if (warm.ops === 0) throw new Error(`warm-up lifecycles all failed: ${warm.firstError ?? 'no ops'}`);

  // Uploads are not part of a lifecycle: pre-upload enough for the timed run (warm rate × 2, bounded).
  const want = Math.min(5_000, Math.max(50, Math.ceil((warm.ops / warm.seconds) * 2 * (opts.ms / 1000) * 1.3)));
  const pool: [string, string][] = [];
  const up = await runFor(600_000, opts.concurrency, async () => {
    if (pool.length + opts.concurrency > want) throw new Exhausted();
    pool.push(await pair());
    return true;
  });
  if (up.errors) throw new Error(`pre-upload failed: ${up.firstError}`);

  const run = await runFor(opts.ms, opts.concurrency, async () => {
    const uploads = pool.pop();
    if (!uploads) throw new Exhausted();
    return Boolean(await lifecycle(citizen, staff, itemId, ++n, uploads));
  });

  const key = generateKeyPair(opts.alg);
  const payload = Buffer.from(JSON.stringify({ identifier: '11620100MB0000000X-0000000001', holder: '张三', item: '食品经营许可', issuedAt: new Date().toISOString(), pad: 'x'.repeat(300) }));
  const signed = await sequentialFor(1500, async () => sign(opts.alg, key.privateKey, payload));
  return { run, trips: 2 + staff.approvers.length, documents: items.length, signPerS: signed.ops / signed.seconds };
}

/** 1 / (trips/http + 1/submission + documents/pdf + signatures/sign): the serial floor of one lifecycle. */
export function lifecycleFloor(f: LifecycleFigures, parts: { httpPerS: number; submissionPerS: number; pdfPerS: number }): number {
  const seconds = f.trips / parts.httpPerS + 1 / parts.submissionPerS + f.documents / parts.pdfPerS + (f.documents + 1) / f.signPerS;
  return 1 / seconds;
}
