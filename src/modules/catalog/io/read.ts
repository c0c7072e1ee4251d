/**
 * Reading an uploaded catalogue file into plain cell grids: xlsx through exceljs's streaming reader,
 * CSV through csv-parse after decoding (UTF-8, or GBK as Excel in Chinese locales saves it).
 * A cell keeps whether Excel stored it as a number, so code and ID columns can refuse numbers.
 */
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError } from '../../../lib/errors.js';

export type Cell = { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'number'; value: number } | { kind: 'other'; text: string };
/** A row as Excel numbers it (1 = the first row of the sheet), its cells from column A on. */
export type GridRow = { number: number; cells: Cell[] };
export type Grid = { name: string; rows: GridRow[] };

const EMPTY: Cell = { kind: 'empty' };

export function formatError(zh: string, en: string): DomainError {
  return new DomainError('IMPORT_FORMAT', { reason: { zh, en } });
}

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'other', text: String(value) };
  if (value instanceof Date) return { kind: 'other', text: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; formula?: string; text?: string; error?: string };
    if (Array.isArray(v.richText)) return cellOf(v.richText.map((r) => r.text).join(''));
    if ('result' in v || 'formula' in v) return cellOf(v.result);
    if (typeof v.text === 'string') return cellOf(v.text); // a hyperlink
  }
  return { kind: 'other', text: String(value) };
}

/** Every sheet of an xlsx workbook, read as a stream (a large file is never held as an object model). */
export async function readXlsx(bytes: Buffer, maxRows: number): Promise<Grid[]> {
  const grids: Grid[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
    let total = 0;
    for await (const sheet of reader) {
      const grid: Grid = { name: (sheet as unknown as { name?: string }).name ?? `Sheet${grids.length + 1}`, rows: [] };
      for await (const row of sheet) {
        const values = (row.values as unknown[]) ?? [];
        const cells = values.slice(1).map(cellOf);
        if (cells.every((c) => c.kind === 'empty')) continue;
        if (++total > maxRows) throw new DomainError('IMPORT_TOO_LARGE');
        grid.rows.push({ number: row.number, cells });
      }
      grids.push(grid);
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw formatError('不是有效的 xlsx 文件（请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”）。', 'Not a valid xlsx file (save it in Excel as “Excel Workbook (*.xlsx)”).');
  }
  return grids;
}

/**
 * The text of a CSV file: UTF-8 when it starts with a byte-order mark or is valid UTF-8 throughout;
 * otherwise GBK (GB 18030, a superset), which is what Excel in Chinese locales writes.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** A CSV file as one grid; row numbers are the records' as Excel shows them (a quoted line break stays in its cell). */
export function readCsv(bytes: Buffer, maxRows: number): Grid {
  const { text } = decodeText(bytes);
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw formatError(`CSV 格式有误${line ? `（第 ${line} 行附近）` : ''}，常见原因是引号不成对。`, `The CSV is malformed${line ? ` (near line ${line})` : ''}; an unpaired quote is the usual cause.`);
  }
  const rows: GridRow[] = [];
  records.forEach((rec, i) => {
    const cells = rec.map((v) => cellOf(v));
    if (cells.every((c) => c.kind === 'empty')) return;
    rows.push({ number: i + 1, cells });
  });
  if (rows.length > maxRows) throw new DomainError('IMPORT_TOO_LARGE');
  return { name: 'CSV', rows };
}
