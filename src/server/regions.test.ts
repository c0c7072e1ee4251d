import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDivision, installDivisionOverrides } from '../lib/divisions.js';
import { installRegionData } from './regions.js';

afterEach(() => installDivisionOverrides({ divisions: [] }));
const file = (content: string) => {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'yw-regions-')), 'divisions.json');
  writeFileSync(p, content);
  return p;
};

describe('region data at start-up', () => {
  it('refuses to start for a node region that is no current division, saying what to do', () => {
    expect(() => installRegionData({ NODE_REGION_CODE: '620199' })).toThrow(/NODE_REGION_CODE 620199: No current administrative division .*REGION_OVERRIDES_FILE/);
    expect(() => installRegionData({ NODE_REGION_CODE: '620171' })).toThrow(/development zone/);
    expect(() => installRegionData({ NODE_REGION_CODE: '620100' })).not.toThrow();
  });

  it('applies an override file, so a division created after the package’s data can be served', () => {
    const overrides = file(JSON.stringify({ source: '民政部 2025 年变更', divisions: [{ code: '620199', name: '某新区', since: '2025-06-01' }] }));
    installRegionData({ NODE_REGION_CODE: '620199', REGION_OVERRIDES_FILE: overrides });
    expect(checkDivision('620199')).toMatchObject({ ok: true, fullName: '甘肃省兰州市某新区' });
  });

  it('names the file when it is not valid', () => {
    const broken = file('{"divisions": [{"code": "6201", "name": "x"}]}');
    expect(() => installRegionData({ NODE_REGION_CODE: '620100', REGION_OVERRIDES_FILE: broken })).toThrow(new RegExp(`REGION_OVERRIDES_FILE ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a list`));
    expect(() => installRegionData({ NODE_REGION_CODE: '620100', REGION_OVERRIDES_FILE: file('not json') })).toThrow(/cannot be read as JSON/);
  });
});
