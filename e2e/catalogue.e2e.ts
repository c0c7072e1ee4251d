import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createDepartment, createItem, createPerson, createStaff, FACTORY_PASSWORD } from '../src/test/factories.js';
import { browserSuite, shot } from './harness.js';

const suite = browserSuite();

/** Picks an option of an antd Select by typing part of its label. */
async function choose(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

async function both(page: Page, name: string, ready: () => Promise<void>) {
  await shot(page, `${name}-zh`);
  await page.getByTestId('lang-switch').click();
  await ready();
  await shot(page, `${name}-en`);
  await page.getByTestId('lang-switch').click();
  await ready();
}

test('a department admin implements a basic item with a shorter limit; another admin returns it, then approves; citizens and the divergence report see the change', async () => {
  const db = suite.server.database.db;
  // The basic item comes from another department's published implementation (3 of 5 days promised).
  const elsewhere = await createDepartment(db);
  const basicSource = await createItem(db, elsewhere.id);
  const dept = await createDepartment(db, { regionCode: '620102' });
  const author = await createStaff(db, dept.id, ['admin'], { name: '王编制' });
  const reviewer = await createStaff(db, dept.id, ['admin'], { name: '李审核' });
  const code = `${basicSource.code}CG01`;

  const a = await suite.signIn(await suite.newPage(), author.username, FACTORY_PASSWORD);
  // The menu offers the catalogue; go there by its address (under load the sign-in toast and the
  // menu's overflow measurement can keep the link from being clickable for a while).
  assert.equal(await a.getByTestId('nav-catalogue').getAttribute('href'), '/admin/catalogue');
  await a.goto(`${suite.server.url}/admin/catalogue`);
  await a.getByTestId('impl-table').waitFor();
  await a.getByTestId('impl-new').click();
  await choose(a, 'impl-new-basic', basicSource.code);
  await a.getByTestId('impl-new-code').fill(code);
  await a.getByTestId('impl-new-submit').click();
  await a.waitForURL((u) => u.pathname.startsWith('/admin/catalogue/implementations/'));
  const implPath = new URL(a.url()).pathname;
  await a.locator('[data-testid="shown-version"][data-status="draft"]').waitFor();
  await a.getByTestId('edit-promised').fill('2');
  await a.getByTestId('draft-submit').click();
  await a.locator('[data-testid="shown-version"][data-status="review"]').waitFor();

  // The second admin of the department finds it in their queue, sees what it sets against the basic item, and returns it.
  const r = await suite.signIn(await suite.newPage(), reviewer.username, FACTORY_PASSWORD);
  await r.goto(`${suite.server.url}/admin/catalogue/review`);
  const queued = r.locator(`[data-testid="review-row"][data-code="${code}"]`);
  await queued.waitFor();
  await both(r, 'catalogue-review-queue', () => queued.waitFor());
  await queued.getByTestId('review-open').click();
  const row = r.locator('[data-testid="diff-row"][data-path="promisedLimitDays"]');
  await row.waitFor();
  await both(r, 'catalogue-review-version', () => row.waitFor());
  assert.match(await row.innerText(), /3 个工作日[\s\S]*2 个工作日/);
  await r.getByTestId('review-return').click();
  await r.getByTestId('review-confirm').click();
  await r.getByText('退回时须写明修改意见').waitFor();
  await r.getByTestId('review-note-input').fill('请写明城关区的办理窗口');
  await r.getByTestId('review-confirm').click();
  await r.waitForURL((u) => u.pathname === '/admin/catalogue/review');
  await r.getByTestId('review-empty').waitFor();

  // The author sees why, fixes the place and submits again.
  await a.reload();
  await a.getByTestId('review-note').filter({ hasText: '请写明城关区的办理窗口' }).waitFor();
  await a.getByTestId('review-note').filter({ hasText: '李审核' }).waitFor();
  await shot(a, 'catalogue-returned-draft');
  await a.getByTestId('edit-place-zh').fill('城关区政务服务大厅 5 号窗口');
  await a.getByTestId('edit-place-en').fill('Window 5, Chengguan District hall');
  await a.getByTestId('draft-submit').click();
  await a.locator('[data-testid="shown-version"][data-status="review"]').waitFor();

  // The reviewer approves; it is published.
  await r.goto(`${suite.server.url}/admin/catalogue/review`);
  await r.locator(`[data-testid="review-row"][data-code="${code}"] [data-testid="review-open"]`).click();
  await r.locator('[data-testid="diff-row"][data-path="guide.place"]').waitFor();
  await r.getByTestId('review-approve').click();
  await r.getByTestId('review-note-input').fill('同意');
  await r.getByTestId('review-confirm').click();
  await r.waitForURL((u) => u.pathname === '/admin/catalogue/review');
  await r.goto(`${suite.server.url}${implPath}`);
  await r.locator('[data-testid="shown-version"][data-status="published"]').waitFor();

  // A citizen sees the new promised limit on the guide.
  const [published] = await suite.server.database.query<{ id: string }>('SELECT id FROM service_items WHERE code = $1', [code]);
  const itemId = published!.id;
  const person = await createPerson(db);
  const c = await suite.signIn(await suite.newPage(), person.phone, person.password);
  await c.goto(`${suite.server.url}/items/${itemId}`);
  assert.equal(await c.getByTestId('guide-promised-days').innerText(), '2 个工作日');

  // The public divergence report shows the change against the baseline, for this region only.
  const p = await suite.newPage();
  await p.goto(`${suite.server.url}/catalogue/divergence`);
  await choose(p, 'divergence-pick', basicSource.code);
  const ours = p.locator(`[data-testid="divergence-impl"][data-code="${code}"]`);
  await ours.locator('[data-testid="diff-row"][data-path="promisedLimitDays"]').waitFor();
  assert.match(await ours.innerText(), /城关区/);
  assert.equal(await p.locator(`[data-testid="divergence-impl"][data-code="${basicSource.code}"] [data-testid="diff-row"]`).count(), 0);
  await p.getByTestId('divergence-chart').locator('svg').waitFor();
  await both(p, 'catalogue-divergence', () => p.getByTestId('divergence-chart').locator('svg').waitFor());

  // The author's page, both languages: current version, versions with a diff, form.
  await a.reload();
  await a.locator('[data-testid="shown-version"][data-status="published"]').waitFor();
  await both(a, 'catalogue-implementation', () => a.getByTestId('shown-version').waitFor());
  await a.getByTestId('tab-versions').click();
  await a.getByTestId('versions-table').waitFor();
  await both(a, 'catalogue-versions', () => a.getByTestId('versions-table').waitFor());
  await a.getByTestId('tab-form').click();
  await a.getByTestId('form-fields').waitFor();
  await both(a, 'catalogue-form', () => a.getByTestId('form-fields').waitFor());
});

test('the catalogue admin sees every department, the basic items with their inheritors, and a draft with its editor', async () => {
  const page = await suite.signIn(await suite.newPage(), 'zwfw.catalogue_admin');
  assert.equal(await page.getByTestId('nav-catalogue').getAttribute('href'), '/admin/catalogue');
  await page.goto(`${suite.server.url}/admin/catalogue`);
  await page.getByTestId('impl-table').waitFor();
  await page.locator('[data-testid="impl-row"]').first().waitFor();
  await both(page, 'catalogue-implementations', () => page.locator('[data-testid="impl-row"]').first().waitFor());

  // A new draft of a demo item: the editor with the inherited parts marked.
  const row = page.locator('[data-testid="impl-row"]').first();
  await row.getByTestId('impl-new-draft').click();
  await page.locator('[data-testid="shown-version"][data-status="draft"]').waitFor();
  await page.getByTestId('override-form').waitFor();
  assert.ok((await page.getByTestId('inherited-tag').count()) > 5);
  await both(page, 'catalogue-draft', () => page.getByTestId('override-form').waitFor());
  // An inconsistent limit is refused with the rule's message on the field.
  await page.getByTestId('edit-promised').fill('999');
  await page.getByTestId('draft-save').click();
  await page.getByTestId('draft-problems').waitFor();
  await page.locator('.ant-form-item-explain-error').filter({ hasText: '承诺办结时限不能超过法定办结时限' }).waitFor();
  await page.getByTestId('draft-submit').click();
  await page.getByTestId('save-error').waitFor();
  assert.equal(await page.getByTestId('shown-version').getAttribute('data-status'), 'draft');
  await shot(page, 'catalogue-draft-problem-zh');

  // The draft's own form, in the form designer: adding a field makes the form a local setting.
  await page.getByTestId('tab-form').click();
  await page.getByTestId('form-designer').waitFor();
  await page.getByTestId('form-inherit').waitFor({ state: 'detached' });
  await page.getByTestId('designer-add').click();
  await page.getByTestId('form-save').click();
  await page.getByTestId('form-inherit').waitFor();
  const [saved] = await suite.server.database.query<{ local: boolean }>(
    `SELECT (overrides ? 'form') AS local FROM service_item_versions WHERE status = 'draft' ORDER BY created_at DESC LIMIT 1`,
  );
  assert.equal(saved!.local, true);
  await both(page, 'catalogue-draft-form', () => page.getByTestId('form-designer').waitFor());

  await page.getByTestId('ca-tab-review').click();
  await page.getByTestId('review-empty').waitFor();
  await both(page, 'catalogue-review-empty', () => page.getByTestId('review-empty').waitFor());

  await page.getByTestId('ca-tab-basic-items').click();
  await page.locator('[data-testid="basic-row"]').first().waitFor();
  await both(page, 'catalogue-basic-items', () => page.locator('[data-testid="basic-row"]').first().waitFor());
  // The baseline editor, in a drawer that covers the header: each language opens it afresh.
  for (const lang of ['zh', 'en']) {
    await page.locator('[data-testid="basic-row"]').first().getByTestId('basic-edit').click();
    await page.getByTestId('basic-save').waitFor();
    await shot(page, `catalogue-basic-edit-${lang}`);
    await page.getByTestId('basic-tab-handling').click();
    await shot(page, `catalogue-basic-edit-guide-${lang}`);
    await page.getByTestId('basic-tab-form').click();
    await page.locator('.ant-drawer [data-testid="form-designer"]').waitFor();
    await shot(page, `catalogue-basic-edit-form-${lang}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('basic-save').waitFor({ state: 'hidden' });
    await page.getByTestId('lang-switch').click();
  }
});
