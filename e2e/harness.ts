import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { DEMO_PASSWORD, seedDemo } from '../src/server/demo/seed.js';
import { installKeyring, newKeyringSpec, parseKeyring } from '../src/lib/secretbox.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { codeFromOutbox, prepareStaffSignIn } from '../src/test/sms.js';

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

/**
 * One server and one browser for a test file: registers node:test hooks and hands out
 * signed-in or anonymous pages.
 */
export function browserSuite() {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  const suite = {
    get server() {
      return server;
    },
    async newPage(opts: { userAgent?: string; width?: number } = {}): Promise<Page> {
      const context = await browser.newContext({
        locale: 'zh-CN',
        viewport: { width: opts.width ?? 1280, height: 900 },
        ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    /** Signs in like a person: password, and for staff the code the SMS sandbox delivered. */
    async signIn(page: Page, username: string, password = DEMO_PASSWORD) {
      const staff = await prepareStaffSignIn(server.database.db, username);
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      if (staff) {
        await page.getByTestId('login-otp').waitFor();
        await page.getByTestId('login-otp').fill(await codeFromOutbox(server.database.db, staff.phone));
        await page.getByTestId('login-otp-submit').click();
      }
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      return page;
    },
  };
  return suite;
}

/** A small real PDF on disk for file inputs (the server checks the first bytes). */
let pdfDir: string | undefined;
export function pdfFile(name: string): string {
  pdfDir ??= mkdtempSync(path.join(tmpdir(), 'yw-files-'));
  const p = path.join(pdfDir, name);
  writeFileSync(p, `%PDF-1.4\n% ${name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
  return p;
}
