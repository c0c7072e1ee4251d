import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { seedDemo } from '../src/db/seed.js';
import { installKeyring, newKeyringSpec, parseKeyring } from '../src/lib/secretbox.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';

export const screenshotDir = path.resolve('e2e/screenshots');

/** A real server on a fresh embedded database with demo data, on a free loopback port. */
export async function startServer(): Promise<{ url: string; database: Database; app: FastifyInstance; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yw-e2e-'));
  installKeyring(parseKeyring(newKeyringSpec('e2e')));
  const database = await openDatabase({ dataDir });
  await migrateDatabase(database);
  await seedDemo(database);
  const app = await buildApp({ database, config: loadConfig({ LOG_LEVEL: 'warn' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    app,
    async stop() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function shot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
