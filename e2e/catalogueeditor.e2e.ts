import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createDepartment, createItem, createStaff, FACTORY_PASSWORD } from '../src/test/factories.js';
import path from 'node:path';
import { browserSuite, screenshotDir, shot } from './harness.js';

/** The catalogue editors: every guide element of a basic item, the elements a region sets for itself, problems on their fields. */
const suite = browserSuite();

/** Picks an option of an antd Select by its label. */
async function choose(page: Page, testId: string, text: string, type = true) {
  // Under load a click can land on the previous dropdown while it fades out: check the select took the option, else choose again.
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByTestId(testId).click();
    if (type) await page.keyboard.type(text);
    // A field message appearing under the select can shift the page while the dropdown opens, and
    // the click lands on the message: close the dropdown and open it again.
    const clicked = await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: text })
      .first()
      .click({ timeout: 4000 })
      .then(() => true, () => false);
    if (!clicked) {
      await page.keyboard.press('Escape');
      continue;
    }
    await page.waitForTimeout(100);
    if ((await page.getByTestId(testId).innerText()).includes(text)) return;
  }
  throw new Error(`${testId}: could not choose ${text}`);
}

async function bilingual(page: Page, testId: string, zh: string, en: string) {
  await page.getByTestId(`${testId}-zh`).fill(zh);
  await page.getByTestId(`${testId}-en`).fill(en);
}

const fieldError = (page: Page, text: string) => page.locator('.ant-form-item-explain-error').filter({ hasText: text });

test('a catalogue admin creates a basic item with a material: without a source it is refused on the field, with 申请人自备 it is saved', async () => {
  const db = suite.server.database.db;
  const unit = await createDepartment(db);
  const admin = await createStaff(db, unit.id, ['catalogue_admin'], { name: '赵目录' });
  const page = await suite.signIn(await suite.newPage(), admin.username, FACTORY_PASSWORD);
  await page.goto(`${suite.server.url}/admin/catalogue/basic-items`);
  await page.getByTestId('basic-new').click();

  // 基本信息
  await page.getByTestId('basic-code').fill('EDT0001');
  await bilingual(page, 'basic-name', '编辑器测试事项', 'Editor test item');
  await choose(page, 'basic-exercise-level', '市级', false);
  await bilingual(page, 'basic-basis-0-name', '《测试条例》', 'Test Regulations');
  await bilingual(page, 'basic-basis-0-article', '第十条', 'Art. 10');
  // 受理与办理: one visit, so its reason is asked for; received online, so the online address.
  await page.getByTestId('basic-tab-handling').click();
  await bilingual(page, 'basic-audience', '本市居民', 'Residents of the city');
  await bilingual(page, 'basic-process-0', '网上申请', 'Apply online');
  await page.getByTestId('basic-visit-reason-zh').waitFor({ state: 'detached' });
  await page.getByTestId('basic-visits').fill('1');
  await bilingual(page, 'basic-visit-reason', '须现场核验原件', 'The originals are checked in person');
  await page.getByTestId('basic-online-url').fill('/?q=EDT0001');
  await choose(page, 'basic-cross-region', '不支持通办', false);
  await bilingual(page, 'basic-place', '市政务服务大厅', 'City government services hall');
  await bilingual(page, 'basic-hours', '工作日 9:00–17:00', 'Working days 9:00–17:00');
  await page.getByTestId('basic-tab-contact').click();
  await page.getByTestId('basic-contact-phone').fill('0931-1234567');
  await page.getByTestId('basic-tab-result').click();
  await bilingual(page, 'basic-result', '准予登记', 'Registration granted');
  await choose(page, 'basic-result-type', '批文', false);

  // A fee with its basis, a public notice outside the limit, one question.
  await page.getByTestId('basic-tab-fees').click();
  await page.getByTestId('fee-add').click();
  await bilingual(page, 'fee-0-name', '工本费', 'Card fee');
  await page.getByTestId('fee-0-amount').fill('20');
  await bilingual(page, 'fee-0-basis', '《测试收费标准》', 'Test fee schedule');
  await page.getByTestId('basic-tab-special').click();
  await page.getByTestId('special-add').click();
  await choose(page, 'special-0-kind', '公示', false);
  await bilingual(page, 'special-0-name', '登记前公示', 'Notice before registration');
  await page.getByTestId('special-0-limit').fill('5');
  await choose(page, 'special-0-unit', '自然日', false);
  await page.getByTestId('basic-tab-faq').click();
  await page.getByTestId('faq-add').click();
  await bilingual(page, 'faq-0-question', '可以代办吗？', 'May someone apply for me?');
  await bilingual(page, 'faq-0-answer', '可以，须携带授权委托书。', 'Yes, with a written authorisation.');

  // 申请材料: one, without saying where it comes from.
  await page.getByTestId('basic-tab-materials').click();
  await page.getByTestId('material-add').click();
  await bilingual(page, 'material-0-name', '申请书', 'Application form');
  await bilingual(page, 'material-0-desc', '申请人签字的申请书', 'The application form signed by the applicant');
  // Paper asks for the number of copies.
  await page.getByTestId('material-0-copies').waitFor({ state: 'detached' });
  await choose(page, 'material-0-medium', '纸质或电子', false);
  await page.getByTestId('material-0-copies').fill('1');
  await page.getByTestId('basic-save').click();

  // The consistency checker refuses; its message is on the source field, and in the list above.
  await fieldError(page, '材料 M01 须注明来源渠道').waitFor();
  assert.match(await page.getByTestId('basic-error').innerText(), /申请材料 #1 · 来源渠道/);
  await shot(page, 'catalogue-editor-basic-refused-zh');
  const [none] = await suite.server.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM basic_items WHERE code = 'EDT0001'`);
  assert.equal(none!.n, 0);

  // A licence library source asks for the certificate type; the applicant's own does not.
  await choose(page, 'material-0-source', '电子证照库', false);
  await page.getByTestId('material-0-licence-type').waitFor();
  await choose(page, 'material-0-source', '申请人自备', false);
  await page.getByTestId('material-0-licence-type').waitFor({ state: 'detached' });
  await page.getByTestId('basic-save').click();
  await page.getByTestId('basic-save').waitFor({ state: 'hidden' });
  await page.getByPlaceholder('按名称或编码搜索').fill('EDT0001');
  const row = page.locator('[data-testid="basic-row"][data-code="EDT0001"]');
  await row.waitFor();

  const [saved] = await suite.server.database.query<{ baseline: { guide: Record<string, unknown>; materials: Record<string, unknown>[] } }>(`SELECT baseline FROM basic_items WHERE code = 'EDT0001'`);
  const b = saved!.baseline;
  assert.equal(b.materials[0]!.source, 'applicant');
  assert.equal(b.materials[0]!.medium, 'both');
  assert.equal(b.materials[0]!.copies, 1);
  assert.equal(b.materials[0]!.licenceTypeCode, undefined);
  assert.deepEqual(b.guide.visitReason, { zh: '须现场核验原件', en: 'The originals are checked in person' });
  assert.equal(b.guide.onlineUrl, '/?q=EDT0001');
  assert.equal(b.guide.exerciseLevel, '3');
  assert.equal(b.guide.resultType, 'approval');
  assert.deepEqual(b.guide.fees, [{ name: { zh: '工本费', en: 'Card fee' }, amountFen: 2000, basis: { zh: '《测试收费标准》', en: 'Test fee schedule' } }]);
  assert.deepEqual(b.guide.specialProcedures, [{ kind: 'public_notice', name: { zh: '登记前公示', en: 'Notice before registration' }, limit: 5, unit: 'natural_days' }]);
  assert.equal((b.guide.faq as unknown[]).length, 1);
  // Optional elements left empty are absent, not empty texts.
  assert.equal('consultAddress' in b.guide, false);

  // The editor in both languages, each section (the drawer covers the header: each language opens it afresh).
  for (const lang of ['zh', 'en']) {
    await row.getByTestId('basic-edit').click();
    await page.getByTestId('basic-save').waitFor();
    assert.equal(await page.getByTestId('material-0-source').innerText(), lang === 'zh' ? '申请人自备' : 'Provided by the applicant');
    for (const tab of ['basic', 'handling', 'limits', 'fees', 'materials', 'result', 'special', 'contact', 'faq']) {
      await page.getByTestId(`basic-tab-${tab}`).click();
      await shot(page, `catalogue-editor-basic-${tab}-${lang}`);
    }
    await page.keyboard.press('Escape');
    await page.getByTestId('basic-save').waitFor({ state: 'hidden' });
    await page.getByTestId('lang-switch').click();
  }
});

test('a department admin sets one visit: the reason is asked for on its field until it is typed, then the draft goes to review', async () => {
  const db = suite.server.database.db;
  const elsewhere = await createDepartment(db);
  const basicSource = await createItem(db, elsewhere.id);
  const dept = await createDepartment(db, { regionCode: '620102' });
  const author = await createStaff(db, dept.id, ['admin'], { name: '钱编制' });
  const code = `${basicSource.code}ED01`;

  const a = await suite.signIn(await suite.newPage(), author.username, FACTORY_PASSWORD);
  await a.goto(`${suite.server.url}/admin/catalogue`);
  await a.getByTestId('impl-table').waitFor();
  await a.getByTestId('impl-new').click();
  await choose(a, 'impl-new-basic', basicSource.code);
  await a.getByTestId('impl-new-code').fill(code);
  await a.getByTestId('impl-new-submit').click();
  await a.locator('[data-testid="shown-version"][data-status="draft"]').waitFor();

  // Visits ask for their reason; saving without it lists the problem and puts it on the field.
  await a.getByTestId('edit-visit-reason-zh').waitFor({ state: 'detached' });
  await a.getByTestId('edit-visits').fill('1');
  await a.getByTestId('edit-visit-reason-zh').waitFor();
  await a.getByTestId('draft-save').click();
  await a.getByTestId('draft-problems').filter({ hasText: '必须现场办理原因' }).waitFor();
  const visitError = fieldError(a, '须写明必须现场办理的原因');
  await visitError.waitFor();
  await shot(a, 'catalogue-editor-draft-problem-zh');
  await a.getByTestId('edit-visit-reason-zh').fill('须现场签署承诺书');
  await visitError.waitFor({ state: 'detached' });
  // Half a text is not enough.
  await fieldError(a, '请同时填写英文').waitFor();
  await a.getByTestId('edit-visit-reason-en').fill('The pledge is signed in person');
  await fieldError(a, '请同时填写英文').waitFor({ state: 'detached' });

  // Local consultation channels.
  await bilingual(a, 'edit-consult-address', '城关区政务服务中心 2 楼咨询台', 'Enquiry desk, 2nd floor, Chengguan District centre');
  await a.getByTestId('edit-consult-url').fill('https://zwfw.example.gov.cn/consult');
  await a.getByTestId('draft-save').click();
  await a.getByTestId('draft-problems').waitFor({ state: 'detached' });
  await a.locator('[data-testid="local-tag"]').first().waitFor();
  await a.evaluate(() => window.scrollTo(0, 0));
  await shot(a, 'catalogue-editor-draft-zh');
  await a.getByTestId('lang-switch').click();
  await a.getByTestId('tab-content').filter({ hasText: 'Draft' }).waitFor();
  await a.evaluate(() => window.scrollTo(0, 0));
  await shot(a, 'catalogue-editor-draft-en');
  await a.getByTestId('lang-switch').click();
  await a.getByTestId('edit-visit-reason-zh').waitFor();

  await a.getByTestId('draft-submit').click();
  await a.locator('[data-testid="shown-version"][data-status="review"]').waitFor();
  const [v] = await suite.server.database.query<{ overrides: { guide?: Record<string, unknown> } }>(
    `SELECT v.overrides FROM service_item_versions v JOIN service_items i ON i.id = v.service_item_id WHERE i.code = $1 AND v.status = 'review'`,
    [code],
  );
  assert.equal(v!.overrides.guide?.visits, 1);
  assert.deepEqual(v!.overrides.guide?.visitReason, { zh: '须现场签署承诺书', en: 'The pledge is signed in person' });
  assert.equal(v!.overrides.guide?.consultUrl, 'https://zwfw.example.gov.cn/consult');
  // What the region did not change is inherited, not copied.
  assert.equal('place' in (v!.overrides.guide ?? {}), false);
  assert.equal('promisedLimitUnit' in (v!.overrides.guide ?? {}), false);
});

test('a department admin gives a draft an approval flow: a parallel step with another department, then a countersignature', async () => {
  const db = suite.server.database.db;
  const elsewhere = await createDepartment(db);
  const basicSource = await createItem(db, elsewhere.id);
  const dept = await createDepartment(db);
  const partner = await createDepartment(db);
  const author = await createStaff(db, dept.id, ['admin'], { name: '孙流程' });
  const code = `${basicSource.code}FL01`;

  const a = await suite.signIn(await suite.newPage(), author.username, FACTORY_PASSWORD);
  await a.goto(`${suite.server.url}/admin/catalogue`);
  await a.getByTestId('impl-table').waitFor();
  await a.getByTestId('impl-new').click();
  await choose(a, 'impl-new-basic', basicSource.code);
  await a.getByTestId('impl-new-code').fill(code);
  await a.getByTestId('impl-new-submit').click();
  await a.locator('[data-testid="shown-version"][data-status="draft"]').waitFor();

  const flow = a.getByTestId('edit-flow');
  const step = (n: number) => flow.getByTestId('edit-flow-step').nth(n);
  const task = (n: number, i: number) => step(n).getByTestId('edit-flow-task').nth(i);
  const pick = async (select: ReturnType<Page['getByTestId']>, text: string, type = false) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      await select.click();
      // The department list is long (a virtual list): type to find the one.
      if (type) await a.keyboard.type(text);
      await a.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
      await a.waitForTimeout(100);
      if ((await select.innerText()).includes(text)) return;
    }
    throw new Error(`could not choose ${text}`);
  };
  // Step 1: parallel, this department and the partner.
  await flow.getByTestId('edit-flow-add-step').click();
  await step(0).getByTestId('edit-flow-parallel').click();
  await step(0).getByTestId('edit-flow-group-name-zh').fill('联合审查');
  await step(0).getByTestId('edit-flow-group-name-en').fill('Joint review');
  await task(0, 0).getByTestId('edit-flow-task-name-zh').fill('本部门审查');
  await task(0, 0).getByTestId('edit-flow-task-name-en').fill('Our review');
  await step(0).getByTestId('edit-flow-add-task').click();
  await pick(task(0, 1).getByTestId('edit-flow-department'), partner.code, true);
  await task(0, 1).getByTestId('edit-flow-task-name-zh').fill('协办部门审查');
  await task(0, 1).getByTestId('edit-flow-task-name-en').fill('Partner review');
  // Step 2: a countersignature of three of this department's approvers.
  await flow.getByTestId('edit-flow-add-step').click();
  await pick(task(1, 0).getByTestId('edit-flow-mode'), '会签');
  await task(1, 0).getByTestId('edit-flow-count').fill('3');
  await task(1, 0).getByTestId('edit-flow-task-name-zh').fill('集体会签');
  await task(1, 0).getByTestId('edit-flow-task-name-en').fill('Countersignature');
  await a.getByTestId('draft-save').click();
  await flow.locator('[data-testid="local-tag"]').first().waitFor();
  await flow.scrollIntoViewIfNeeded();
  await shot(a, 'catalogue-editor-flow-zh');
  await flow.screenshot({ path: path.join(screenshotDir, 'catalogue-editor-flow-section.png') });

  const [v] = await suite.server.database.query<{ overrides: { flow?: unknown } }>(
    `SELECT v.overrides FROM service_item_versions v JOIN service_items i ON i.id = v.service_item_id WHERE i.code = $1 AND v.status = 'draft'`,
    [code],
  );
  assert.deepEqual(v!.overrides.flow, [
    {
      parallel: {
        name: { zh: '联合审查', en: 'Joint review' },
        tasks: [
          { department: null, role: 'approver', name: { zh: '本部门审查', en: 'Our review' }, mode: 'single' },
          { department: partner.code, role: 'approver', name: { zh: '协办部门审查', en: 'Partner review' }, mode: 'single' },
        ],
      },
    },
    { task: { department: null, role: 'approver', name: { zh: '集体会签', en: 'Countersignature' }, mode: 'countersign', count: 3 } },
  ]);
});
