import assert from 'node:assert/strict';
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

/**
 * A real server on a fresh embedded database with the demo city, on a free loopback port. The demo
 * people's cases (src/server/demo/cases.ts) only when asked: the other tests count what they made.
 */
export async function startServer(opts: { demoCases?: boolean } = {}): Promise<{ url: string; database: Database; app: FastifyInstance; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yw-e2e-'));
  installKeyring(parseKeyring(newKeyringSpec('e2e')));
  const database = await openDatabase({ dataDir });
  await migrateDatabase(database);
  await seedDemo(database, undefined, { cases: opts.demoCases ?? false });
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
export function browserSuite(opts: { demoCases?: boolean } = {}) {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let uploads = 0;
  before(async () => {
    server = await startServer(opts);
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
    /** The page's own session calls the API, as the web app would (CSRF header from the cookie); a failure fails the test. */
    async api(page: Page, method: 'GET' | 'POST', path: string, body?: unknown, multipart?: Record<string, { name: string; mimeType: string; buffer: Buffer }>) {
      const csrf = (await page.context().cookies()).find((c) => c.name === 'yw_csrf')?.value ?? '';
      const url = `${server.url}${path}`;
      const res =
        method === 'GET'
          ? await page.request.get(url)
          : await page.request.post(url, { headers: { 'x-csrf-token': csrf }, ...(multipart ? { multipart } : { data: body }) });
      assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
      return res.json();
    },
    /** Applies for a demo item by its code through the API: one uploaded PDF per material code named. Returns the case id. */
    async applyByApi(page: Page, itemCode: string, form: Record<string, unknown>, materialCodes: string[] = []): Promise<string> {
      const items = (await suite.api(page, 'GET', '/api/catalog/items')).items as { id: string; code: string }[];
      const itemId = items.find((i) => i.code === itemCode)!.id;
      const materials = [];
      for (const code of materialCodes) {
        const upload = await suite.api(page, 'POST', '/api/uploads', undefined, { file: { name: `${code}.pdf`, mimeType: 'application/pdf', buffer: pdfBytes(`${itemCode} ${code} ${++uploads}`) } });
        materials.push({ code, uploadId: upload.id as string });
      }
      return (await suite.api(page, 'POST', '/api/cases', { itemId, form, materials })).id as string;
    },
  };
  return suite;
}

/** The bytes of a small real PDF (the server checks the first bytes); `text` makes each file distinct. */
export const pdfBytes = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

/** A small real PDF on disk for file inputs (the server checks the first bytes). */
let pdfDir: string | undefined;
export function pdfFile(name: string): string {
  pdfDir ??= mkdtempSync(path.join(tmpdir(), 'yw-files-'));
  const p = path.join(pdfDir, name);
  writeFileSync(p, pdfBytes(name));
  return p;
}
