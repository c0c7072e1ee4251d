/** The drawn seal (when a department has no seal image): red ring, five-pointed star, name along the arc. */
export const SEAL_RED = '#d7141a';

type Doc = PDFKit.PDFDocument;

/** A five-pointed star's points, the first at the top (y grows downwards in PDF user space here). */
function starPoints(cx: number, cy: number, outer: number, inner: number): [number, number][] {
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return [round(cx + r * Math.cos(a)), round(cy + r * Math.sin(a))] as [number, number];
  });
}

/** Coordinates rounded to 1/1000 pt: the same numbers on every machine, so the same bytes. */
const round = (n: number) => Math.round(n * 1000) / 1000;

export function drawSeal(doc: Doc, font: string, cx: number, cy: number, radius: number, name: string) {
  doc.save();
  doc.fillOpacity(0.8).strokeOpacity(0.8);
  doc.lineWidth(radius * 0.06).strokeColor(SEAL_RED).circle(cx, cy, radius - radius * 0.03).stroke();
  doc.polygon(...starPoints(cx, cy, radius * 0.3, radius * 0.115)).fillColor(SEAL_RED).fill();
  const chars = [...name];
  const size = Math.min(radius * 0.26, (radius * 4.1) / Math.max(chars.length, 1));
  const textRadius = radius * 0.88 - size * 0.78;
  // The name runs clockwise over the top, at most 250° of the ring.
  const span = Math.min((250 * Math.PI) / 180, chars.length * ((size * 1.08) / textRadius));
  doc.font(font).fontSize(size).fillColor(SEAL_RED);
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 - span / 2 + (chars.length === 1 ? span / 2 : (i * span) / (chars.length - 1));
    doc.save();
    doc.translate(round(cx + textRadius * Math.cos(a)), round(cy + textRadius * Math.sin(a)));
    doc.rotate(round((a * 180) / Math.PI + 90));
    doc.text(ch, -size / 2, -size * 0.72, { width: size, align: 'center', lineBreak: false });
    doc.restore();
  });
  doc.restore();
}
