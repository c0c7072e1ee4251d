import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkModuleRule, loadParts } from './test/moduleRule.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const parts = loadParts(root);

describe('the module rule (docs/architecture.json)', () => {
  it('holds for every import in src/ and web/src/', () => {
    expect(checkModuleRule(root, parts)).toEqual([]);
  });

  describe('catches wrong-way imports planted in a copy of the tree', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'yw-arch-'));
    cpSync(path.join(root, 'src'), path.join(copy, 'src'), { recursive: true });
    cpSync(path.join(root, 'web', 'src'), path.join(copy, 'web', 'src'), { recursive: true });
    afterAll(() => rmSync(copy, { recursive: true, force: true }));
    // Each plant is a new file, so the test does not depend on today's file names inside a module.
    const plant = (file: string, line: string) => {
      const full = path.join(copy, file);
      writeFileSync(full, `${line}\nexport {};\n`);
      return () => rmSync(full);
    };
    const rulesBroken = () => checkModuleRule(copy, parts).map((v) => `${v.rule}: ${v.from}`);

    it('a module importing server/', () => {
      const undo = plant('src/modules/licences/planted.ts', "import { loadConfig } from '../../server/config.js';");
      expect(rulesBroken()).toContain('modules/ may not import server/: src/modules/licences/planted.ts');
      undo();
    });
    it('lib/ importing a module, db/ importing a module', () => {
      const undoLib = plant('src/lib/planted.ts', "import type { Actor } from '../modules/identity/index.js';");
      const undoDb = plant('src/db/planted.ts', "import { accounts } from '../modules/identity/tables.js';");
      expect(rulesBroken()).toEqual(expect.arrayContaining(['lib/ may not import modules/: src/lib/planted.ts', 'db/ may not import modules/: src/db/planted.ts']));
      undoLib();
      undoDb();
    });
    it("an import past a module's doors", () => {
      const undo = plant('src/modules/cases/planted.ts', "import { accounts } from '../identity/tables.js';");
      expect(rulesBroken()).toContain("past a module's doors: src/modules/cases/planted.ts");
      undo();
    });
    it('an arrow the parts file does not declare, and the cycle it closes', () => {
      const undo = plant('src/modules/supervision/planted.ts', "import { issueLicence } from '../licences/index.js';");
      const broken = rulesBroken();
      expect(broken).toContain('module supervision uses licences, not declared in the parts file: src/modules/supervision/planted.ts');
      expect(broken.some((b) => b.startsWith('cycle between modules:') && b.includes('licences') && b.includes('supervision'))).toBe(true);
      undo();
    });
    it('the web app importing server code or a contract by value', () => {
      const undo = plant('web/src/planted.tsx', "import { submitBody } from '../../src/modules/cases/contract.js';\nimport '../../src/server/app.js';");
      const broken = rulesBroken().filter((b) => b.startsWith('web imports only types'));
      expect(broken).toHaveLength(2);
      undo();
    });
    it('the copy with every plant removed is clean again', () => {
      expect(rulesBroken()).toEqual([]);
    });
  });
});
