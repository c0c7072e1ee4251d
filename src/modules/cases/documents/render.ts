import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { bodyOf, chineseDate, type DocumentContent } from './content.js';
import { documentFonts } from './fonts.js';
import { drawSeal } from './seal.js';

/**
 * Draws a case document as Chinese government documents are laid out (GB/T 9704-2012 as a guide):
 * A4, margins 37/26/35/28 mm, title centred in bold, the number under it, the addressee, the body
 * in 16 pt (三号) with a two-character indent, the department and the date at the bottom right with
 * the seal over them, and a QR code to the public verification page at the bottom left.
 *
 * Deterministic: the same content, issue time and seal image give the same bytes (fixed
 * CreationDate/ModDate from the record, no random ids, coordinates rounded).
 */
const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: round(37 * MM), bottom: round(35 * MM), left: round(28 * MM), right: round(26 * MM) };
const BODY_SIZE = 16;
const LINE_GAP = 6;
const SEAL_RADIUS = round(21 * MM);

function round(n: number) {
  return Math.round(n * 1000) / 1000;
}

export async function renderDocumentPdf(content: DocumentContent, issuedAt: Date, sealPng: Buffer | null): Promise<Buffer> {
  const fonts = documentFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${content.title} ${content.number}`,
      Author: content.department.name,
      Subject: content.caseNo,
      Creator: 'Yiwang',
      Producer: 'Yiwang',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // pdfkit takes a parsed fontkit font as well as bytes; its types only name the bytes.
  doc.registerFont('regular', fonts.regular as unknown as Buffer);
  doc.registerFont('bold', fonts.bold as unknown as Buffer);
  const width = PAGE.width - MARGIN.left - MARGIN.right;

  doc.font('bold').fontSize(22).fillColor('#000000').text(content.title, MARGIN.left, MARGIN.top, { width, align: 'center', characterSpacing: 2 });
  doc.moveDown(0.5);
  doc.font('regular').fontSize(BODY_SIZE).text(content.number, { width, align: 'center' });
  doc.moveDown(1);
  const addressee = `${content.addressee.name}（${content.addressee.idLabel}：${content.addressee.id}）：`;
  const blocks = bodyOf(content);
  const indent = BODY_SIZE * 2;
  const bottom = PAGE.height - MARGIN.bottom;
  // The signature block (name, date, seal) wants the seal's height below the body. A body that
  // leaves too little room is set a little tighter before the block goes to a page of its own.
  const blockHeight = round(SEAL_RADIUS * 0.7 + 8 + (BODY_SIZE + 12) * 2);
  const bodyHeight = (gap: number) =>
    doc.heightOfString(addressee, { width, lineGap: gap }) +
    blocks.reduce((h, b) => h + (b.kind === 'paragraph' ? doc.heightOfString(b.text, { width, indent, lineGap: gap }) : doc.heightOfString(b.text, { width: width - indent, lineGap: gap })), 0);
  const lineGap = doc.y + bodyHeight(LINE_GAP) + blockHeight <= bottom ? LINE_GAP : 2;
  doc.text(addressee, MARGIN.left, doc.y, { width, lineGap });
  for (const block of blocks) {
    if (block.kind === 'paragraph') doc.text(block.text, MARGIN.left, doc.y, { width, indent, lineGap, align: 'justify' });
    else doc.text(block.text, MARGIN.left + indent, doc.y, { width: width - indent, lineGap });
  }
  if (doc.y + blockHeight > bottom) doc.addPage();
  const nameWidth = doc.font('regular').fontSize(BODY_SIZE).widthOfString(content.department.name);
  const date = chineseDate(content.issuedOn);
  const dateWidth = doc.widthOfString(date);
  // Right edge four characters in from the margin; the date centred under the name.
  const right = PAGE.width - MARGIN.right - BODY_SIZE * 2;
  const blockWidth = Math.max(nameWidth, dateWidth);
  const blockLeft = round(right - blockWidth);
  const nameY = round(doc.y + SEAL_RADIUS * 0.7 + 8);
  const dateY = round(nameY + BODY_SIZE + 12);
  doc.text(content.department.name, blockLeft + (blockWidth - nameWidth) / 2, nameY, { lineBreak: false });
  doc.text(date, blockLeft + (blockWidth - dateWidth) / 2, dateY, { lineBreak: false });
  // The seal straddles name and date, its centre a little above them (GB/T 9704-2012 7.3.5.1).
  const cx = round(blockLeft + blockWidth / 2);
  const cy = round((nameY + dateY + BODY_SIZE) / 2 - 4);
  if (sealPng) doc.image(sealPng, cx - SEAL_RADIUS, cy - SEAL_RADIUS, { width: SEAL_RADIUS * 2, height: SEAL_RADIUS * 2 });
  else drawSeal(doc, 'bold', cx, cy, SEAL_RADIUS, content.department.name);

  drawQr(doc, content);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The QR to the public page, drawn as vector squares, with the link and the code beside it. */
function drawQr(doc: PDFKit.PDFDocument, content: DocumentContent) {
  const qr = QRCode.create(content.verifyUrl, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const size = round(22 * MM);
  const cell = size / n;
  const x0 = MARGIN.left;
  // In the bottom margin, below the text and the seal: no text flow may break a page there.
  const y0 = round(PAGE.height - MARGIN.bottom + 2 * MM);
  doc.page.margins.bottom = 0;
  doc.save().fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(round(x0 + c * cell), round(y0 + r * cell), round(cell + 0.01), round(cell + 0.01));
  }
  doc.fill().restore();
  const tx = x0 + size + 8;
  doc.font('regular').fontSize(9).fillColor('#333333');
  doc.text('扫描二维码或访问以下地址核验本文书：', tx, y0 + 8, { lineBreak: false });
  doc.text(content.verifyUrl, tx, y0 + 22, { lineBreak: false });
  doc.text(`核验码：${content.verifyCode}　办件编号：${content.caseNo}`, tx, y0 + 36, { lineBreak: false });
  doc.fillColor('#000000');
}
