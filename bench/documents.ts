/**
 * PDFs per second for a 受理通知书 (`renderDocumentPdf`: layout, embedded Noto Sans SC subset,
 * drawn seal, vector QR) against a floor: plain pdfkit writing the same text in the same font
 * (parsed once, as ours is) at the same sizes, one block after another — no seal, no QR, no
 * measuring for the signature block. Both in this process, one document at a time (CPU-bound).
 */
import PDFDocument from 'pdfkit';
import { bodyOf, chineseDateForBench, documentFontsForBench, documentNumber, documentTitles, renderDocumentPdf, type DocumentContent } from '../src/modules/cases/index.js';
import { sequentialFor } from './timing.js';

const content: DocumentContent = {
  kind: 'acceptance',
  title: documentTitles.acceptance,
  number: documentNumber('兰市监', 'acceptance', 2026, 1234),
  caseNo: '620100-20261204-000123',
  addressee: { name: '张三', idLabel: '公民身份号码', id: '620102********1234' },
  item: '食品经营许可（新办）',
  submittedOn: '2026-12-01',
  issuedOn: '2026-12-04',
  department: { name: '兰州市市场监督管理局', creditCode: '11620100013800217X' },
  reviewBody: '兰州市人民政府',
  acceptedOn: '2026-12-04',
  dueDate: '2026-12-18',
  promisedDays: 10,
  supplement: null,
  reason: null,
  licenceIdentifier: null,
  sealSha256: null,
  verifyUrl: 'https://zwfw.example.gov.cn/verify/document/7KQ2M9XTPA',
  verifyCode: '7KQ2M9XTPA',
};
const issuedAt = new Date('2026-12-04T02:00:00Z');

async function floorPdf(lines: string[]): Promise<Buffer> {
  const fonts = documentFontsForBench();
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: issuedAt, ModDate: issuedAt } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.registerFont('regular', fonts.regular as unknown as Buffer);
  doc.registerFont('bold', fonts.bold as unknown as Buffer);
  doc.font('bold').fontSize(22).text(lines[0]!, { align: 'center' });
  doc.font('regular').fontSize(16);
  for (const l of lines.slice(1)) doc.text(l);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

export async function benchDocuments(ms: number) {
  const lines = [
    content.title,
    content.number,
    `${content.addressee.name}（${content.addressee.idLabel}：${content.addressee.id}）：`,
    ...bodyOf(content).map((b) => b.text),
    content.department.name,
    chineseDateForBench(content.issuedOn),
  ];
  // Warm up: parse the fonts, JIT both paths.
  for (let i = 0; i < 3; i++) {
    await renderDocumentPdf(content, issuedAt, null);
    await floorPdf(lines);
  }
  let oursBytes = 0;
  let floorBytes = 0;
  const ours = await sequentialFor(ms, async () => (oursBytes = (await renderDocumentPdf(content, issuedAt, null)).length));
  const floor = await sequentialFor(ms, async () => (floorBytes = (await floorPdf(lines)).length));
  return { ours: ours.ops / ours.seconds, floor: floor.ops / floor.seconds, oursBytes, floorBytes };
}
