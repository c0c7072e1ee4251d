/** Certificate verification over real HTTP: issue a few licences per algorithm, then hammer GET /api/verify/:code. */
import { HttpClient, KeepAliveGetter, samplePdf, samplePng } from './http.js';
import { NO_CRIMINAL_RECORD } from './submissions.js';
import { runFor, type TimedResult } from './timing.js';

export const BUSINESS = '000101001000'; // 个体工商户设立登记 (SCJG, signs with SM2): M01 + M02

type Issuer = { dept: 'SCJG' | 'GA'; alg: 'SM2' | 'Ed25519'; itemCode: string };
export const ISSUERS: Issuer[] = [
  { dept: 'SCJG', alg: 'SM2', itemCode: BUSINESS },
  { dept: 'GA', alg: 'Ed25519', itemCode: NO_CRIMINAL_RECORD },
];

async function caseBody(citizen: HttpClient, itemCode: string, itemId: string, n: number) {
  const m1 = await citizen.upload('id.pdf', samplePdf(`licence ${n}`), 'application/pdf');
  if (itemCode === BUSINESS) {
    const m2 = await citizen.upload('lease.png', samplePng(), 'image/png');
    return {
      itemId,
      form: { tradeName: `兰州城关区张记牛肉面馆${n}号店`, organisation: '个人经营', scope: '餐饮服务', address: `城关区张掖路 ${n} 号` },
      materials: [
        { code: 'M01', uploadId: m1 },
        { code: 'M02', uploadId: m2 },
      ],
    };
  }
  return { itemId, form: { purpose: '就业' }, materials: [{ code: 'M01', uploadId: m1 }] };
}

/** Submit → accept (`<dept>.clerk`) → approve (`<dept>.approver`) over HTTP (signing them in unless `staff` is given); returns the verify codes from `verifyUrl`. */
export async function issueLicences(
  base: string,
  citizen: HttpClient,
  issuer: Issuer,
  itemId: string,
  count: number,
  staff?: { clerk: HttpClient; approver: HttpClient },
): Promise<string[]> {
  const clerk = staff?.clerk ?? new HttpClient(base);
  const approver = staff?.approver ?? new HttpClient(base);
  if (!staff) {
    await clerk.login(`${issuer.dept.toLowerCase()}.clerk`);
    await approver.login(`${issuer.dept.toLowerCase()}.approver`);
  }
  const codes: string[] = [];
  for (let n = 1; n <= count; n++) {
    const c = await citizen.post<{ id: string }>('/api/cases', await caseBody(citizen, issuer.itemCode, itemId, n), 201);
    await clerk.post(`/api/cases/${c.id}/accept`, {});
    const done = await approver.post<{ status: string; licence: { id: string } | null }>(`/api/cases/${c.id}/approve`, { opinion: '材料齐全，符合法定条件，准予办理。' });
    if (done.status !== 'completed' || !done.licence) throw new Error(`case ${c.id} did not issue a licence`);
    const lic = await citizen.get<{ alg: string; verifyUrl: string }>(`/api/licences/${done.licence.id}`);
    if (lic.alg !== issuer.alg) throw new Error(`${issuer.dept} licence signed with ${lic.alg}, expected ${issuer.alg}`);
    codes.push(new URL(lic.verifyUrl).pathname.split('/').pop()!);
  }
  return codes;
}

/** Runs a GET loop on one keep-alive socket per in-flight request, after a warm-up. */
async function getLoop(base: string, opts: { warmupMs: number; ms: number; concurrency: number }, op: (g: KeepAliveGetter) => Promise<boolean>) {
  const getter = new KeepAliveGetter(base, opts.concurrency);
  try {
    await runFor(opts.warmupMs, opts.concurrency, () => op(getter));
    return await runFor(opts.ms, opts.concurrency, () => op(getter));
  } finally {
    getter.close();
  }
}

/** Anonymous GET /api/verify/:code round-robin over `codes`; an op succeeds only on 200 with valid=true. */
export function benchVerify(base: string, codes: string[], opts: { warmupMs: number; ms: number; concurrency: number }): Promise<TimedResult> {
  let next = 0;
  return getLoop(base, opts, async (g) => {
    const code = codes[next++ % codes.length]!;
    const r = await g.get(`/api/verify/${code}`);
    if (r.status !== 200) throw new Error(`GET /api/verify: HTTP ${r.status} ${r.body.slice(0, 200)}`);
    return (JSON.parse(r.body) as { valid: boolean }).valid === true;
  });
}

/**
 * Ceiling of the HTTP stack on this machine: anonymous GET /api/auth/csrf touches no database
 * (no session cookie → no lookup), so its rate bounds any endpoint served by this process.
 */
export function benchHttpFloor(base: string, opts: { warmupMs: number; ms: number; concurrency: number }): Promise<TimedResult> {
  return getLoop(base, opts, async (g) => (await g.get('/api/auth/csrf')).status === 200);
}
