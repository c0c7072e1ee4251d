import type { CaseDocumentKind } from './tables.js';

/**
 * Everything a document shows, fixed when it is issued and kept with its record (as JSON text):
 * the PDF is drawn from this alone (and the seal image it names), so it is the same file every time.
 * Personal data: the addressee's name in full (the document is theirs), an ID number masked.
 */
export type DocumentContent = {
  kind: CaseDocumentKind;
  title: string;
  number: string;
  caseNo: string;
  addressee: { name: string; idLabel: string; id: string };
  item: string;
  /** yyyy-mm-dd in Asia/Shanghai. */
  submittedOn: string;
  issuedOn: string;
  department: { name: string; creditCode: string };
  /** The body that hears an administrative reconsideration (行政复议机关): the level above, or 本级人民政府. */
  reviewBody: string;
  acceptedOn: string | null;
  dueDate: string | null;
  promisedDays: number | null;
  supplement: { items: { material: string; reason: string }[]; note: string | null; deadline: string } | null;
  /** The clerk's reason (不予受理) or the approver's opinion (准予 / 不予许可). */
  reason: string | null;
  licenceIdentifier: string | null;
  /** The seal image used (document_seals), or null for the drawn seal. */
  sealSha256: string | null;
  verifyUrl: string;
  verifyCode: string;
};

export const documentTitles: Record<CaseDocumentKind, string> = {
  acceptance: '受理通知书',
  supplement: '补正告知书',
  rejection: '不予受理决定书',
  approval: '准予许可决定书',
  denial: '不予许可决定书',
};

/** The character of 文号 per kind (机关代字 + 受字 …). */
export const numberCharacters: Record<CaseDocumentKind, string> = {
  acceptance: '受',
  supplement: '补',
  rejection: '不受',
  approval: '许',
  denial: '不许',
};

/** 文号: `<short name><kind>字〔<year>〕第<n>号` (year in full, number without leading zeros, GB/T 9704-2012 7.2.3). */
export function documentNumber(shortName: string, kind: CaseDocumentKind, year: number, seq: number): string {
  return `${shortName}${numberCharacters[kind]}字〔${year}〕第${seq}号`;
}

/** 2026-12-04 → 2026年12月4日 (GB/T 9704-2012 7.3.5.1: Arabic numerals, no padding). */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The lines of a body: paragraphs (first line indented) and list items (hanging). */
export type BodyBlock = { kind: 'paragraph' | 'item'; text: string };

/** A reason as a clause inside a sentence: without its own closing punctuation. */
const clause = (s: string | null) => (s ?? '').trim().replace(/[。．.；;，,、\s]+$/u, '');

const LAW = '《中华人民共和国行政许可法》';

/**
 * The applicant's remedies against a refusal (行政许可法 第三十八条第二款 requires them stated):
 * 行政复议 within 60 days (行政复议法 2023 第二十条), 行政诉讼 within 6 months (行政诉讼法 第四十六条).
 */
function remedies(c: DocumentContent): BodyBlock {
  return {
    kind: 'paragraph',
    text: `如不服本决定，可以自收到本决定书之日起六十日内向${c.reviewBody}申请行政复议，或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。`,
  };
}

/** The body text of a document, per kind, with its legal basis. */
export function bodyOf(c: DocumentContent): BodyBlock[] {
  const p = (text: string): BodyBlock => ({ kind: 'paragraph', text });
  const applied = `你（单位）于${chineseDate(c.submittedOn)}提出的“${c.item}”申请（办件编号：${c.caseNo}）`;
  switch (c.kind) {
    case 'acceptance':
      return [
        p(`${applied}，经审查，申请材料齐全、符合法定形式。根据${LAW}第三十二条第一款第（五）项的规定，决定予以受理。`),
        p(
          c.dueDate
            ? `本机关将在受理之日起${c.promisedDays ?? ''}个工作日内（${chineseDate(c.dueDate)}前）作出决定。可凭办件编号或扫描本通知书二维码查询办理进度。`
            : '可凭办件编号或扫描本通知书二维码查询办理进度。',
        ),
      ];
    case 'supplement': {
      const s = c.supplement!;
      return [
        p(`${applied}，经审查，申请材料不齐全或者不符合法定形式。根据${LAW}第三十二条第一款第（四）项的规定，现一次性告知需要补正的全部内容：`),
        ...s.items.map((it, i): BodyBlock => ({ kind: 'item', text: `${i + 1}. ${it.material}：${it.reason}` })),
        ...(s.note ? [p(`其他说明：${s.note}`)] : []),
        p(`请于${chineseDate(s.deadline)}前通过原申请渠道提交补正材料。补正期间不计入办理时限。`),
      ];
    }
    case 'rejection':
      return [p(`${applied}，经审查，存在以下情形：${clause(c.reason)}。根据${LAW}第三十二条第一款的规定，决定不予受理。`), remedies(c)];
    case 'approval':
      return [
        p(
          `${applied}，本机关于${chineseDate(c.acceptedOn ?? c.submittedOn)}受理。经审查，申请符合法定条件、标准。根据${LAW}第三十八条第一款的规定，决定准予许可。`,
        ),
        ...(c.reason ? [p(`审查意见：${c.reason}`)] : []),
        ...(c.licenceIdentifier ? [p(`电子证照已同时签发（证照标识：${c.licenceIdentifier}），可在“我的证照”中查看、出示和下载。`)] : []),
      ];
    case 'denial':
      return [
        p(
          `${applied}，本机关于${chineseDate(c.acceptedOn ?? c.submittedOn)}受理。经审查，申请不符合法定条件、标准，理由如下：${clause(c.reason)}。根据${LAW}第三十八条第二款的规定，决定不予许可。`,
        ),
        remedies(c),
      ];
  }
}
