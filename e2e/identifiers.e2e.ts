import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoCitizens } from '../src/db/seed.js';
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
