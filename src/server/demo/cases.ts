import type { Tx } from '../../db/client.js';
import { addCalendarDays, shanghaiDate } from '../../lib/calendar.js';
import { calendarForWrite } from '../../modules/calendar/index.js';
import {
  acceptCase,
  approveCase,
  bookAppointment,
  clockDates,
  colourOn,
  listSlots,
  requestSupplement,
  saveDraft,
  startSpecialProcedure,
  storeUpload,
  submitCase,
  watchDeadlines,
  type MaterialInput,
  type UploadLimits,
} from '../../modules/cases/index.js';
import type { FileStores } from '../../modules/files/index.js';
import { loadActor, type Actor } from '../../modules/identity/index.js';
import { demoRegistryPeople } from '../../modules/registry/index.js';

/** What the demo's cases need of the city seeded before them. */
export type DemoCity = {
  regionCode: string;
  /** Account ids by sign-in name: the citizens' mobiles, the staff user names. */
  accounts: ReadonlyMap<string, string>;
  /** The city's own items (catalog.ts), by code. */
  itemIds: ReadonlyMap<string, string>;
  files: FileStores;
};

/** The demo's own files are a few kilobytes; the limits only guard the store, as for any upload. */
const demoUploadLimits: UploadLimits = { maxBytes: 1024 * 1024, quotaBytes: 64 * 1024 * 1024, quotaWindowHours: 24, rateMax: 1000, rateWindowSeconds: 60, purgeGraceHours: 24 };

export const demoCaseItems = {
  business: '000101001000', // 个体工商户设立登记 (SCJG, 3 promised working days)
  food: '000101002000', // 食品经营许可 (SCJG with health in parallel, 5)
  marriage: '000107003000', // 内地居民结婚登记 (MZ, 即办件)
  residence: '000120004000', // 居住证申领 (GA, 10)
  noRecord: '000120005000', // 无犯罪记录证明开具 (GA, 1)
} as const;

/** A one-page PDF a viewer opens: the material's name in plain ASCII (the demo's scans stand in for real ones). */
export function demoPdf(title: string): Buffer {
  const text = `Yiwang demo material: ${title}`.replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * The most recent working day before `today` on which a case accepted with `limit` promised working
 * days shows `colour` today: the promised clock's own dates (clockDates, colourOn), on the official calendar.
 */
function acceptedDayFor(calendar: Awaited<ReturnType<typeof calendarForWrite>>, today: string, limit: number, colour: 'yellow' | 'red'): string {
  for (let back = 1; back <= 120; back++) {
    const day = addCalendarDays(today, -back);
    if (!calendar.isWorkingDay(day)) continue;
    const { due, warn } = clockDates(calendar, day, limit, 0);
    if (colourOn(today, due, warn) === colour) return day;
  }
  throw new Error(`no acceptance day makes a ${limit}-day clock ${colour} on ${today}`);
}

/**
 * The demo city at work: cases in every state a visitor should find when they sign in, made by the
 * demo people through the cases module's own use cases, in the seed's transaction (so the history,
 * the audit chain, the applicants' messages, the case documents and the certificate are the real ones).
 *
 * - 张三 (13800000001): a draft (结婚登记), a residence permit in public security's intake queue, an
 *   individual business registration with an open supplement notice (补正), a food business licence
 *   in parallel approval (market regulation and health both to decide), a certificate of no
 *   criminal record completed with its e-certificate and documents, and an appointment at the hall.
 * - 李四 (13800000002): a residence permit turning yellow and a certificate of no criminal record
 *   red on the promised clock, and an individual business registration in a special procedure (特别程序).
 *
 * The clocks: yellow and red cases were accepted on a past working day (acceptCase takes the moment
 * of acceptance), chosen by the clock's own date rule so the deadline watch, run at the end for
 * today, colours them. Their submission and every history entry carry the seed's real time: the
 * submission and the history take no chosen moment.
 */
export async function seedDemoCases(tx: Tx, city: DemoCity, now: Date = new Date()): Promise<void> {
  const actor = async (name: string): Promise<Actor> => {
    const id = city.accounts.get(name);
    const a = id ? await loadActor(tx, id) : null;
    if (!a) throw new Error(`demo account ${name} is missing`);
    return a;
  };
  const item = (code: string) => {
    const id = city.itemIds.get(code);
    if (!id) throw new Error(`demo item ${code} is missing`);
    return id;
  };
  const upload = async (who: Actor, code: string, title: string): Promise<MaterialInput> => {
    const stored = await storeUpload(tx, city.files, who, { fileName: `${title}.pdf`, bytes: demoPdf(title) }, demoUploadLimits);
    return { code, uploadId: stored.id };
  };
  const submit = async (who: Actor, code: string, form: Record<string, unknown>, materials: MaterialInput[]) =>
    (await submitCase(tx, who, { itemId: item(code), form, materials }, city.regionCode)).id;

  const zhang = await actor('13800000001');
  const li = await actor('13800000002');
  const scjgClerk = await actor('scjg.clerk');
  const scjgApprover = await actor('scjg.approver');
  const gaClerk = await actor('ga.clerk');
  const gaApprover = await actor('ga.approver');
  const wang = demoRegistryPeople.wangFang;

  // 暂存: 张三 began the marriage registration and kept it for later.
  await saveDraft(tx, zhang, item(demoCaseItems.marriage), {
    form: { spouseName: wang.name, spouseIdNumber: wang.idNumber },
    materials: [await upload(zhang, 'M01', 'household register zhang san')],
  });

  // In public security's intake queue: a residence permit (居住证) waiting for the clerk.
  await submit(zhang, demoCaseItems.residence, { address: '城关区庆阳路 188 号 3 单元 502 室', since: '2025-03-01', basis: 'job', employer: '兰州一网通科技有限公司' }, [
    await upload(zhang, 'M02', 'tenancy contract zhang san'),
  ]);

  // 一次性告知: market regulation asks for a clearer proof of premises (补正告知书 issued).
  const business = await submit(
    zhang,
    demoCaseItems.business,
    { tradeName: '兰州城关区张记牛肉面馆', organisation: '个人经营', scope: '餐饮服务（热食类食品制售）', address: '城关区张掖路 126 号' },
    [await upload(zhang, 'M02', 'premises certificate zhang san')],
  );
  await requestSupplement(tx, scjgClerk, business, {
    items: [{ materialCode: 'M02', reason: '经营场所证明复印件不清晰，请上传清晰的房屋租赁合同及产权证明' }],
    note: '请在补正期限内一次性补齐，逾期未补正的视为撤回申请。',
  });

  // 并联审批: accepted; market regulation and health each have the case in their approval queue.
  const food = await submit(
    zhang,
    demoCaseItems.food,
    { operatorName: '兰州城关区张记牛肉面馆', address: '城关区张掖路 126 号', category: '餐饮服务经营者', items: '热食类食品制售', safetyManager: '张三' },
    [await upload(zhang, 'M02', 'floor plan zhang ji'), await upload(zhang, 'M03', 'food safety rules zhang ji')],
  );
  await acceptCase(tx, scjgClerk, food, now);

  // 办结: accepted, approved, the certificate in 张三's wallet, its documents on the case.
  const done = await submit(zhang, demoCaseItems.noRecord, { purpose: '就业', recipient: '兰州一网通科技有限公司' }, []);
  await acceptCase(tx, gaClerk, done, now);
  await approveCase(tx, gaApprover, done, '经查询，未发现申请人有犯罪记录，准予开具。');

  // 限时办结: accepted on past working days, so the promised clock is yellow (80 % used) and red (overdue) today.
  const today = shanghaiDate(now);
  const calendar = await calendarForWrite(tx);
  const at = (day: string) => new Date(`${day}T10:00:00+08:00`);
  const yellow = await submit(li, demoCaseItems.residence, { address: '七里河区西津西路 36 号', since: '2024-09-01', basis: 'home' }, [await upload(li, 'M02', 'property certificate li si')]);
  await acceptCase(tx, gaClerk, yellow, at(acceptedDayFor(calendar, today, 10, 'yellow')));
  const red = await submit(li, demoCaseItems.noRecord, { purpose: '出国（境）' }, []);
  await acceptCase(tx, gaClerk, red, at(acceptedDayFor(calendar, today, 1, 'red')));

  // 特别程序: market regulation's approver sends 李四's business for an on-site inspection; the clock pauses.
  const inspected = await submit(li, demoCaseItems.business, { tradeName: '兰州七里河李记烧烤店', organisation: '家庭经营', scope: '餐饮服务（烧烤类食品制售）', address: '七里河区西津西路 8 号' }, [
    await upload(li, 'M02', 'premises certificate li si'),
  ]);
  await acceptCase(tx, scjgClerk, inspected, now);
  await startSpecialProcedure(tx, scjgApprover, inspected, { kind: 'inspection', reason: '经营场所涉及油烟排放，需现场勘查', expectedDays: 5 }, today);

  // The deadline watch, for today: the clocks above take their colours (and history entries).
  await watchDeadlines(tx, today);

  // 网上预约: 张三 books the hall's first open slot for the marriage registration.
  const slots = await listSlots(tx, zhang, 'zh-CN', item(demoCaseItems.marriage), now);
  const slot = slots.options.flatMap((o) => o.days.flatMap((d) => d.slots.filter((s) => s.remaining > 0).map((s) => ({ hallId: o.hallId, start: s.start }))))[0];
  if (slot) await bookAppointment(tx, zhang, { itemId: item(demoCaseItems.marriage), hallId: slot.hallId, slotStart: slot.start }, now);
}
