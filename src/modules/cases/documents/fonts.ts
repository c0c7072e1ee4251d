import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * Noto Sans SC (Noto Sans Hans, OFL-1.1) from the npm package @embedpdf/fonts-sc, so a fresh
 * `npm install` can draw Chinese on any machine. Parsed once per process: pdfkit subsets it per
 * document (only the glyphs used are embedded), and a parsed font renders the same bytes each time.
 */
export type ParsedFont = { layout: (text: string) => unknown };

let cached: { regular: ParsedFont; bold: ParsedFont } | null = null;

export function documentFonts(): { regular: ParsedFont; bold: ParsedFont } {
  if (cached) return cached;
  const dir = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  const load = (file: string) => fontkit.create(readFileSync(join(dir, file))) as unknown as ParsedFont;
  cached = { regular: load('NotoSansHans-Regular.otf'), bold: load('NotoSansHans-Bold.otf') };
  return cached;
}
