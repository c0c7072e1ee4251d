import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoCitizens } from '../src/server/demo/seed.js';
import { completeIdNumber } from '../src/lib/identifiers.js';
import { browserSuite, shot } from './harness.js';

const suite = browserSuite();

test('the spouse’s ID number on marriage registration is checked like registration, with a hint in the form', async () => {
  const page = await suite.signIn(await suite.newPage(), demoCitizens[0]!.phone);
  const [item] = await suite.server.database.query<{ id: string }>(`SELECT id FROM service_items WHERE code = $1`, ['000107003000']);
  await page.goto(`${suite.server.url}/items/${item!.id}`);
  // A 即办件 is promised on the spot, not in "0 working days".
  assert.match(await page.getByTestId('guide-promised-days').innerText(), /即办/);
  await page.goto(`${suite.server.url}/apply/${item!.id}`);
  await page.getByTestId('apply-form').waitFor();
  await page.getByText('18 位公民身份号码，最后一位可能是 X').waitFor();
  const spouse = completeIdNumber('62010219950614202');
  const wrong = spouse.slice(0, 17) + (spouse[17] === '1' ? '2' : '1');
  await page.getByTestId('field-spouseName').fill('王芳');
  await page.getByTestId('field-spouseIdNumber').fill(wrong);
  await page.getByTestId('field-spouseIdNumber').blur();
  await page.getByText('对方公民身份号码校验码错误，请核对最后一位').waitFor();
  await shot(page, '50-form-spouse-id-check-digit');
  await page.getByTestId('field-spouseIdNumber').fill(spouse);
  await page.getByTestId('field-spouseIdNumber').blur();
  await page.getByText('对方公民身份号码校验码错误，请核对最后一位').waitFor({ state: 'detached' });
  await shot(page, '51-form-spouse-id-valid');
});

test('the staff admin shows division names beside codes and refuses a code that is no current division', async () => {
  const page = await suite.signIn(await suite.newPage(), 'zwfw.platform_admin');
  await page.goto(`${suite.server.url}/admin/staff`);
  assert.match(await page.getByTestId('dept-region-GA-CG').innerText(), /620102 城关区/);
  await page.getByTestId('dept-node-GA').click();
  await page.getByTestId('dept-title').filter({ hasText: '兰州市公安局' }).waitFor();
  assert.match(await page.getByTestId('dept-region-name').innerText(), /620100 甘肃省兰州市/);
  await shot(page, '52-staff-admin-region-names');

  await page.getByTestId('dept-new').click();
  await page.getByTestId('dept-name-zh').fill('兰州市公安局榆中分局');
  await page.getByTestId('dept-name-en').fill('Yuzhong Branch, Lanzhou Public Security Bureau');
  await page.getByTestId('dept-code').fill('GA-YZ');
  await page.getByTestId('dept-credit-code').fill('116201230138021095');
  // 620199 looks like a district of Lanzhou, but there is none with that code.
  await page.getByTestId('dept-region').fill('620199');
  await page.getByTestId('dept-submit').click();
  await page.getByText('没有这个现行行政区划代码（GB/T 2260），请核对。').waitFor();
  await page.locator('.ant-modal-title').click(); // closes the suggestions, not the dialog
  await shot(page, '53-staff-admin-region-unknown');
  await page.getByTestId('dept-region').fill('620123');
  await page.getByTestId('dept-region-hint').filter({ hasText: '甘肃省兰州市榆中县' }).waitFor();
  await page.locator('.ant-modal-title').click(); // closes the suggestions, not the dialog
  await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
  await shot(page, '54-staff-admin-region-hint');
  await page.getByTestId('dept-submit').click();
  await page.getByTestId('dept-region-GA-YZ').filter({ hasText: '620123 榆中县' }).waitFor();
});
