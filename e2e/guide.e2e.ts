import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSuite, shot } from './harness.js';

/** The full guide (GB/T 39554 elements) in both languages, and the catalogue consistency report. */
const suite = browserSuite();

test('the guide shows every element in the order of the standard, in Chinese and English, with the ID card marked as fetched by the system', async () => {
  const page = await suite.newPage();
  await page.goto(`${suite.server.url}/?q=000101001000`);
  await page.getByTestId('item-link').first().click();
  await page.getByTestId('item-name').waitFor();
  assert.match(await page.getByTestId('guide-basis-2').innerText(), /市场主体登记管理条例[\s\S]*第十九条[\s\S]*3个工作日内予以登记/);
  assert.match(await page.getByTestId('guide-basic').innerText(), /市级[\s\S]*法定本级行使/);
  assert.match(await page.getByTestId('guide-fetched-M01').innerText(), /免提交（由系统调取）/);
  assert.match(await page.getByTestId('guide-material-M03').innerText(), /原件[\s\S]*1 份[\s\S]*纸质或电子/);
  assert.equal(await page.getByTestId('guide-blank-M03').getAttribute('href'), '/guide-files/individual-business-application-blank.html');
  assert.match(await page.getByTestId('guide-cross-region').innerText(), /跨省通办/);
  // The FAQ opens like a Collapse.
  await page.getByText('需要上传身份证吗？').click();
  await page.getByText('系统从电子证照库调取您的居民身份证电子证照').waitFor();
  await shot(page, '50-guide-full-zh');
  // The blank form is a page the site ships.
  const blank = await page.request.get(`${suite.server.url}/guide-files/individual-business-application-blank.html`);
  assert.equal(blank.status(), 200);
  assert.match(await blank.text(), /个体工商户登记（备案）申请书/);

  const en = await suite.newPage();
  await en.addInitScript(() => localStorage.setItem('yw_lang', 'en'));
  await en.goto(page.url());
  await en.getByTestId('item-name').waitFor();
  assert.match(await en.getByTestId('item-name').innerText(), /Registration of an individual business/);
  assert.match(await en.getByTestId('guide-fetched-M01').innerText(), /Not needed \(fetched by the system\)/);
  assert.match(await en.getByTestId('guide-basic').innerText(), /Municipal[\s\S]*Own statutory power/);
  await shot(en, '51-guide-full-en');
});

test('the marriage guide says why both must come in person; dibao shows its public notice as a special procedure', async () => {
  const page = await suite.newPage();
  await page.goto(`${suite.server.url}/?q=000107003000`);
  await page.getByTestId('item-link').first().click();
  assert.match(await page.getByTestId('guide-visit-reason').innerText(), /亲自到婚姻登记机关/);
  await page.goto(`${suite.server.url}/?q=000105006000`);
  await page.getByTestId('item-link').first().click();
  assert.match(await page.getByTestId('guide-special').innerText(), /公示[\s\S]*7 个自然日/);
});

test('a catalogue admin reads the consistency report and filters it by severity', async () => {
  const page = await suite.signIn(await suite.newPage(), 'zwfw.catalogue_admin');
  await page.goto(`${suite.server.url}/admin/catalogue`);
  await page.getByTestId('ca-tab-consistency').click();
  await page.getByTestId('consistency-summary').waitFor();
  // Every implementation of the node, the demo catalogue's too; none with an error (they could not have been published).
  const [{ n }] = (await suite.server.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_items`)) as [{ n: number }];
  const summary = /共 (\d+) 个事项，0 个错误，(\d+) 个警告/.exec(await page.getByTestId('consistency-summary').innerText());
  assert.ok(summary, 'the summary counts items, errors and warnings');
  assert.equal(Number(summary[1]), n);
  const food = page.getByTestId('consistency-item-000101002000');
  await food.waitFor();
  await food.locator('.ant-table-row-expand-icon').click();
  await page.getByText('设定依据宜写明具体条款。').first().waitFor();
  await shot(page, '52-consistency-report');
  await page.getByTestId('consistency-severity').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '错误' }).click();
  await page.getByText('没有需要检查的事项').waitFor();
});
