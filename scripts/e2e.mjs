// `npm run test:e2e`: builds the web app, then runs the browser tests in e2e/ against a real server and Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (process.env.E2E_SKIP_BUILD !== '1') {
  const b = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
// E2E_FILES=assurance,spine runs only the files whose names contain one of the words.
// `node scripts/e2e.mjs forms guide` does the same with the words as arguments.
const only = [...(process.env.E2E_FILES ?? '').split(','), ...process.argv.slice(2)].map((s) => s.trim()).filter(Boolean);
const specs = readdirSync(path.join(root, 'e2e'))
  .filter((f) => f.endsWith('.e2e.ts') && (only.length === 0 || only.some((w) => f.includes(w))))
  .map((f) => path.join('e2e', f));
if (specs.length === 0) {
  console.error('no browser tests found in e2e/');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...specs], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
