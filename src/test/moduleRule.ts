/**
 * The module rule of DESIGN.md, checked against the parts file `docs/architecture.json`.
 * Test files are exempt (they may reach inside the module they test); everything else under
 * `src/` and `web/src/` is read with the TypeScript parser, so `import type`, re-exports and
 * dynamic `import()` all count.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type Parts = {
  layers: Record<string, { job: string; mayImport: string[] }>;
  doors: string[];
  modules: Record<string, { job: string; uses: string[] }>;
  web: { job: string; mayImport: string[] };
};

export type Violation = { rule: string; from: string; to: string };

type Import = { spec: string; typeOnly: boolean };

const isTest = (rel: string) => /\.test\.tsx?$/.test(rel) || rel.startsWith('src/test/') || rel.startsWith('e2e/');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Import[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      found.push({ spec: node.moduleSpecifier.text, typeOnly: allTypes });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push({ spec: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ spec: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function resolve(root: string, from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return path.relative(root, candidate).split(path.sep).join('/');
    } catch {
      /* next candidate */
    }
  }
  return null;
}

/** `src/modules/cases/hall/x.ts` → `modules/cases`; `src/lib/x.ts` → `lib`; `web/src/…` → `web`. */
function partOf(rel: string): string | null {
  const p = rel.split('/');
  if (p[0] === 'web') return 'web';
  if (p[0] !== 'src') return null;
  if (p[1] === 'modules' && p.length > 3) return `modules/${p[2]}`;
  return p[1] ?? null;
}

const layerOf = (part: string) => (part.startsWith('modules/') ? 'modules' : part);

function findCycles(edges: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const keys = new Set<string>();
  const walk = (node: string, onPath: string[]) => {
    seen.add(node);
    onPath.push(node);
    for (const next of [...(edges.get(node) ?? [])].sort()) {
      const at = onPath.indexOf(next);
      if (at >= 0) {
        const cycle = [...onPath.slice(at), next];
        const key = [...new Set(cycle)].sort().join(',');
        if (!keys.has(key)) {
          keys.add(key);
          cycles.push(cycle);
        }
      } else if (!seen.has(next)) walk(next, onPath);
    }
    onPath.pop();
  };
  for (const node of [...edges.keys()].sort()) if (!seen.has(node)) walk(node, []);
  return cycles;
}

/** Every import under `root` (src/ and web/src/) that breaks the rule as `parts` states it. */
export function checkModuleRule(root: string, parts: Parts): Violation[] {
  const violations: Violation[] = [];
  const add = (rule: string, from: string, to: string) => violations.push({ rule, from, to });
  const moduleNames = new Set(Object.keys(parts.modules));
  const edges = new Map<string, Set<string>>();

  const srcModules = path.join(root, 'src', 'modules');
  for (const name of readdirSync(srcModules)) {
    if (statSync(path.join(srcModules, name)).isDirectory() && !moduleNames.has(name)) add('module not in the parts file', `src/modules/${name}`, 'docs/architecture.json');
  }

  const files = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'web', 'src'))];
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    if (isTest(rel)) continue;
    const me = partOf(rel);
    if (!me) continue;
    for (const imp of importsOf(file)) {
      const target = resolve(root, file, imp.spec);
      if (!target) continue;
      const them = partOf(target);
      if (!them || them === me) continue;
      if (me === 'web') {
        const contractType = target.endsWith('/contract.ts') && imp.typeOnly;
        if (!contractType && !parts.web.mayImport.some((prefix) => target.startsWith(prefix))) add('web imports only types from contract.ts (and the shared files the parts file names)', rel, target);
        continue;
      }
      const myLayer = layerOf(me);
      const theirLayer = layerOf(them);
      const allowedLayers = parts.layers[myLayer]?.mayImport ?? [];
      if (theirLayer !== myLayer && !allowedLayers.includes(theirLayer)) add(`${myLayer}/ may not import ${theirLayer}/`, rel, target);
      if (them.startsWith('modules/')) {
        const door = target.split('/').slice(3).join('/');
        const foreignKey = rel.endsWith('/tables.ts') && target.endsWith('/tables.ts');
        if (!parts.doors.includes(door) && !foreignKey) add("past a module's doors", rel, target);
        if (me.startsWith('modules/') && !foreignKey) {
          const a = me.slice('modules/'.length);
          const b = them.slice('modules/'.length);
          if (!edges.has(a)) edges.set(a, new Set());
          edges.get(a)!.add(b);
          if (!(parts.modules[a]?.uses ?? []).includes(b)) add(`module ${a} uses ${b}, not declared in the parts file`, rel, target);
        }
      }
    }
  }
  for (const cycle of findCycles(edges)) add('cycle between modules', cycle.join(' → '), cycle[0]!);
  const declared = new Map(Object.entries(parts.modules).map(([m, p]) => [m, new Set(p.uses)]));
  for (const cycle of findCycles(declared)) add('cycle declared in the parts file', cycle.join(' → '), 'docs/architecture.json');
  return violations;
}

export function loadParts(root: string): Parts {
  return JSON.parse(readFileSync(path.join(root, 'docs', 'architecture.json'), 'utf8')) as Parts;
}
