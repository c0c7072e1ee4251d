import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * What a reader of a PDF gets: its text per page (pdf.js, through the fonts' ToUnicode maps), the
 * embedded fonts with how many of their glyphs have an outline (a subset that blanks CJK glyphs has
 * none), and whether a page paints an image.
 */
export async function inspectPdf(bytes: Uint8Array) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), fontExtraProperties: true, verbosity: 0, useSystemFonts: false }).promise;
  const pages: string[] = [];
  const fonts = new Map<string, { name: string; glyphs: number; drawnGlyphs: number }>();
  let images = 0;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    pages.push((await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(''));
    const ops = await page.getOperatorList();
    ops.fnArray.forEach((fn, i) => {
      if (fn === OPS.paintImageXObject) images++;
      if (fn !== OPS.setFont) return;
      const id = String((ops.argsArray[i] as unknown[])[0]);
      if (fonts.has(id)) return;
      const f = page.commonObjs.get(id) as { name: string; data?: Uint8Array };
      const parsed = f.data ? (fontkit.create(Buffer.from(f.data)) as unknown as { numGlyphs: number; getGlyph(g: number): { path: { commands: unknown[] } } }) : null;
      let drawn = 0;
      for (let g = 0; parsed && g < parsed.numGlyphs; g++) if (parsed.getGlyph(g).path.commands.length > 0) drawn++;
      fonts.set(id, { name: f.name, glyphs: parsed?.numGlyphs ?? 0, drawnGlyphs: drawn });
    });
  }
  await pdf.destroy();
  return { pages, text: pages.join('\n'), fonts: [...fonts.values()], images };
}

export function hasPdftoppm(): boolean {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Page 1 rendered by poppler at 36 dpi in grey: the share of dark pixels in each horizontal band
 * (top to bottom), and of red ones (the seal) when rendered in colour.
 */
export function renderedPage(bytes: Uint8Array): { width: number; height: number; gray: Uint8Array; rgb: Uint8Array } {
  const dir = mkdtempSync(path.join(tmpdir(), 'yw-pdf-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), bytes);
    execFileSync('pdftoppm', ['-r', '36', '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'in.pdf'), path.join(dir, 'out')]);
    const ppm = readFileSync(path.join(dir, 'out.ppm'));
    // P6 <w> <h> <max>\n then RGB bytes.
    const header = ppm.subarray(0, 64).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/);
    if (!header) throw new Error('not a PPM');
    const width = Number(header[1]);
    const height = Number(header[2]);
    const rgb = ppm.subarray(header[0].length);
    const gray = new Uint8Array(width * height);
    for (let i = 0; i < width * height; i++) gray[i] = Math.round((rgb[3 * i]! + rgb[3 * i + 1]! + rgb[3 * i + 2]!) / 3);
    return { width, height, gray, rgb: new Uint8Array(rgb) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
