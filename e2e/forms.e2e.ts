import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeIdNumber } from '../src/lib/identifiers.js';
import { demoCitizens } from '../src/server/demo/seed.js';
import { browserSuite, pdfFile, shot } from './harness.js';

const suite = browserSuite();
const RESIDENCE = '000120004000'; // 居住证申领: prefilled identity, a date range, a conditional field, a table

async function itemId(code: string) {
  const [item] = await suite.server.database.query<{ id: string }>(`SELECT id FROM service_items WHERE code = $1`, [code]);
  return item!.id;
}

test('a citizen fills a form with prefilled identity, a conditional field and a table row, and submits it', async () => {
  const citizen = demoCitizens[0]!;
  const page = await suite.signIn(await suite.newPage(), citizen.phone);
  await page.goto(`${suite.server.url}/apply/${await itemId(RESIDENCE)}`);
  await page.getByTestId('apply-form').waitFor();
  // Filled from the identity record (once the applicant's data has arrived), read-only, the ID number masked.
  await page.waitForFunction(() => (document.querySelector('[data-testid="field-applicantName"]') as HTMLInputElement | null)?.value !== '');
  assert.equal(await page.getByTestId('field-applicantName').inputValue(), citizen.name);
  assert.equal(await page.getByTestId('field-applicantIdNumber').inputValue(), `${citizen.idNumber.slice(0, 6)}********${citizen.idNumber.slice(14)}`);
  assert.equal(await page.getByTestId('field-applicantIdNumber').getAttribute('readonly'), '');

  await page.getByTestId('field-address').fill('城关区张掖路 18 号');
  await page.getByTestId('field-since').fill('2025-03-01');
  // antd's range picker takes no data attributes: its class names the field.
  const stay = page.locator('.field-stay input');
  await stay.nth(0).click();
  await stay.nth(0).fill('2026-01-01');
  await stay.nth(0).press('Enter');
  await stay.nth(1).fill('2027-12-31');
  await stay.nth(1).press('Enter');

  // The employer is asked only for the employment basis.
  assert.equal(await page.getByTestId('field-employer').count(), 0);
  await page.getByTestId('field-basis-job').click();
  await page.getByTestId('field-employer').waitFor();
  await page.getByTestId('field-basis-home').click();
  await page.getByTestId('field-employer').waitFor({ state: 'detached' });
  await page.getByTestId('field-basis-job').click();
  await page.getByTestId('field-employer').fill('兰州一网通科技有限公司');

  const child = completeIdNumber('62010220180506002');
  await page.getByTestId('add-row-children').click();
  await page.getByTestId('field-children-0-name').fill('张小宝');
  await page.getByTestId('field-children-0-idNumber').fill(child);
  await page.getByTestId('field-children-0-relation').click();
  await page.getByTestId('option-children-0-relation-son').click();

  // The ID card comes from the e-certificate library: no upload is asked for.
  assert.equal(await page.getByTestId('material-M01').getAttribute('data-fetched'), 'true');
  assert.equal(await page.getByTestId('upload-M01').count(), 0);
  await page.getByTestId('upload-M02').setInputFiles(pdfFile('租赁合同.pdf'));
  await page.getByTestId('upload-result-M02').waitFor();
  await shot(page, '60-form-residence-filled');
  await page.getByTestId('submit-button').click();
  // The case page (a client-side navigation) shows the table's row once the item's form is loaded.
  await page.getByTestId('form-value-children').getByText('张小宝').waitFor();
  assert.match(page.url(), /\/my\/cases\//);
  await page.getByTestId('form-value-stay').filter({ hasText: '2026-01-01 ~ 2027-12-31' }).waitFor();
  await shot(page, '61-form-residence-submitted');

  const [row] = await suite.server.database.query<{ form: Record<string, unknown> }>(`SELECT form FROM cases WHERE item_id = $1 ORDER BY submitted_at DESC LIMIT 1`, [await itemId(RESIDENCE)]);
  assert.deepEqual(row!.form, {
    applicantName: citizen.name,
    applicantIdNumber: citizen.idNumber,
    contactPhone: citizen.phone,
    address: '城关区张掖路 18 号',
    since: '2025-03-01',
    stay: { from: '2026-01-01', to: '2027-12-31' },
    basis: 'job',
    employer: '兰州一网通科技有限公司',
    children: [{ name: '张小宝', idNumber: child, relation: 'son' }],
  });
});

test('the apply page in English, with the region cascader and an amount', async () => {
  const page = await suite.signIn(await suite.newPage(), demoCitizens[1]!.phone);
  await page.goto(`${suite.server.url}/apply/${await itemId('000105006000')}`);
  await page.getByTestId('apply-form').waitFor();
  await page.getByTestId('field-homeAddress-region').click();
  await page.getByTestId('region-620000').click();
  await page.getByTestId('region-620100').click();
  await page.getByTestId('region-620102').click();
  await page.getByTestId('field-homeAddress-detail').fill('张掖路 1 号');
  await page.getByTestId('field-monthlyIncome').fill('1234.5');
  await page.getByTestId('field-monthlyIncome').blur();
  await page.getByTestId('field-hardships-disability').click();
  await page.getByTestId('field-disabilityCert').waitFor();
  await page.getByTestId('add-row-members').click();
  await shot(page, '62-form-dibao-zh');
  await page.getByTestId('lang-switch').click();
  await page.getByText('Household members').first().waitFor();
  await shot(page, '63-form-dibao-en');
});

test('a catalogue admin adds a field in the designer and sees it in the preview', async () => {
  const page = await suite.signIn(await suite.newPage({ width: 1440 }), 'zwfw.catalogue_admin');
  await page.getByTestId('nav-forms').click();
  await page.getByTestId('designer-title').waitFor();
  await page.goto(`${suite.server.url}/admin/forms?item=${await itemId(RESIDENCE)}`);
  await page.getByTestId('designer-field-0').waitFor();
  await page.getByTestId('designer-preview').getByTestId('field-employer').waitFor({ state: 'detached' });

  await page.getByTestId('designer-add-type').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '电话' }).click();
  await page.getByTestId('designer-add').click();
  await page.getByTestId('designer-prop-name').fill('emergencyPhone');
  await page.getByTestId('designer-prop-label-zh').fill('紧急联系人电话');
  await page.getByTestId('designer-prop-label-en').fill('Emergency contact phone');
  const preview = page.getByTestId('designer-preview');
  await preview.getByText('紧急联系人电话').waitFor();
  await preview.getByTestId('field-emergencyPhone').fill('0931-845');
  await preview.getByTestId('field-emergencyPhone').blur();
  await preview.getByText('紧急联系人电话应为 11 位手机号或带区号的固定电话').waitFor();
  await page.getByTestId('designer-check').click();
  await page.getByTestId('designer-issues').getByText('表单定义检查通过').waitFor();
  // The preview's data tried on the server: its field errors land on the fields they name.
  await preview.getByTestId('add-row-children').click();
  await preview.getByTestId('field-children-0-idNumber').fill('620102201805060021');
  await page.getByTestId('designer-try').click();
  await page.getByTestId('designer-try-result').waitFor();
  await preview.getByText('请输入 11 位手机号，或带区号的固定电话（如 0931-8451234）。').waitFor();
  await preview.getByText('身份证号校验码错误，请核对最后一位。').waitFor();
  assert.ok((await preview.getByText('此项为必填项。').count()) >= 2, 'the empty required fields are marked');
  await shot(page, '64-form-designer-zh');

  // A repeated name is refused by the server's check, naming the field.
  await page.getByTestId('designer-prop-name').fill('employer');
  await page.getByTestId('designer-check').click();
  await page.getByTestId('designer-issues').getByText('与前面的一项重复。').waitFor();
  await page.getByTestId('designer-prop-name').fill('emergencyPhone');
  await page.getByTestId('lang-switch').click();
  await page.getByText('Live preview').waitFor();
  await preview.getByText('Emergency contact phone').waitFor();
  await shot(page, '65-form-designer-en');
});
