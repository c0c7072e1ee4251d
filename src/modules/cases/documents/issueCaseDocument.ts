import { sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { shanghaiDate } from '../../../lib/calendar.js';
import { maskIdNumber } from '../../../lib/mask.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { calendarForWrite } from '../../calendar/index.js';
import { getAppliedItem } from '../../catalog/index.js';
import { getDepartment, performerId, personIdentity, type Actor } from '../../identity/index.js';
import { signAsDepartment } from '../../licences/index.js';
import { appendAudit } from '../../supervision/index.js';
import type { CaseRow } from '../service.js';
import { documentNumber, documentTitles, type DocumentContent } from './content.js';
import { letterheadOf, sealImage } from './letterhead.js';
import { documentOrigin } from './origin.js';
import { documentPayload, newVerifyCode, sha256Hex } from './payload.js';
import { renderDocumentPdf } from './render.js';
import { caseDocumentCounters, caseDocuments, type CaseDocumentKind } from './tables.js';

/**
 * Working days an applicant is given to bring what a 补正告知书 lists. The law fixes none (行政许可法
 * 第三十二条 only makes the clerk say everything at once); 15 is common practice — see docs/case-documents.md.
 */
export const SUPPLEMENT_REPLY_WORKING_DAYS = 15;

/**
 * Issues the document of a case step in the step's transaction: numbers it (文号, per department,
 * kind and year), fixes its content, renders it once for its SHA-256, signs the record with the
 * department's key and writes the audit event. The PDF itself is rendered again on each download.
 */
export async function issueCaseDocument(
  tx: Tx,
  actor: Actor,
  c: CaseRow,
  kind: CaseDocumentKind,
  extra: { reason?: string | null; licenceIdentifier?: string | null } = {},
): Promise<{ id: string; documentNumber: string }> {
  const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const issuedOn = shanghaiDate(issuedAt);
  const year = Number(issuedOn.slice(0, 4));
  const [item, applicant, dept] = await Promise.all([getAppliedItem(tx, c.itemId, c.itemVersionId), personIdentity(tx, c.applicantAccountId), getDepartment(tx, c.departmentId)]);
  if (!item || !applicant || !dept) throw new Error(`case ${c.id}: item, applicant or department missing`);
  const parent = dept.parentId ? await getDepartment(tx, dept.parentId) : null;
  const letterhead = await letterheadOf(tx, dept.id, dept.name.zh);

  const counted = await tx
    .insert(caseDocumentCounters)
    .values({ departmentId: dept.id, kind, year, last: 1 })
    .onConflictDoUpdate({ target: [caseDocumentCounters.departmentId, caseDocumentCounters.kind, caseDocumentCounters.year], set: { last: sql`${caseDocumentCounters.last} + 1` } })
    .returning({ last: caseDocumentCounters.last });
  const seq = counted[0]!.last;
  const number = documentNumber(letterhead.shortName, kind, year, seq);

  const verifyCode = newVerifyCode();
  const materialName = (code: string | null) => item.materials.find((m) => m.code === code)?.name.zh ?? '其他材料';
  const supplement =
    kind === 'supplement' && c.supplementNotice
      ? {
          items: c.supplementNotice.items.map((i) => ({ material: materialName(i.materialCode), reason: i.reason })),
          note: c.supplementNotice.note,
          deadline: (await calendarForWrite(tx)).dueDate(issuedOn, SUPPLEMENT_REPLY_WORKING_DAYS).date,
        }
      : null;
  const content: DocumentContent = {
    kind,
    title: documentTitles[kind],
    number,
    caseNo: c.caseNo,
    addressee: applicant.idNumber
      ? { name: applicant.name, idLabel: '公民身份号码', id: maskIdNumber(applicant.idNumber) }
      : { name: applicant.name, idLabel: '统一社会信用代码', id: applicant.creditCode ?? '' },
    item: item.name.zh,
    submittedOn: shanghaiDate(c.submittedAt),
    issuedOn,
    department: { name: dept.name.zh, creditCode: dept.creditCode },
    // 行政复议法 (2023) 第二十四条: a government department's acts are reviewed by the government at its level.
    reviewBody: parent?.name.zh.endsWith('人民政府') ? parent.name.zh : '本级人民政府',
    acceptedOn: c.acceptedAt ? shanghaiDate(c.acceptedAt) : null,
    dueDate: kind === 'acceptance' ? c.dueDate : null,
    promisedDays: kind === 'acceptance' ? c.dueLimitDays : null,
    supplement,
    reason: extra.reason ?? null,
    licenceIdentifier: extra.licenceIdentifier ?? null,
    sealSha256: letterhead.sealSha256,
    verifyUrl: `${documentOrigin()}/verify/document/${verifyCode}`,
    verifyCode,
  };
  const text = JSON.stringify(content);
  const pdf = await renderDocumentPdf(content, issuedAt, await sealImage(tx, letterhead.sealSha256));
  const id = uuidv7();
  const row = { id, caseId: c.id, kind, documentNumber: number, departmentId: dept.id, issuedAt, verifyCode, pdfSha256: sha256Hex(pdf), content: text };
  const signed = await signAsDepartment(tx, dept.id, documentPayload(row));
  await tx.insert(caseDocuments).values({ ...row, year, seq, keyId: signed?.keyId ?? null, signature: signed?.signature ?? null });
  await appendAudit(tx, {
    actorAccountId: performerId(actor),
    action: 'case.document_issue',
    entityType: 'case_document',
    entityId: id,
    detail: { caseId: c.id, caseNo: c.caseNo, kind, documentNumber: number, pdfSha256: row.pdfSha256, signed: !!signed },
  });
  return { id, documentNumber: number };
}
