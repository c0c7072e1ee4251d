import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { addCalendarDays, clearCalendarOverrides, loadCalendarOverrides, shanghaiDate } from '../src/lib/calendar.js';
import { addWindow, addWindowGroup, createHall } from '../src/modules/cases/index.js';
import { findItems } from '../src/modules/catalog/index.js';
import { listDepartments } from '../src/modules/identity/index.js';
import { addToPopulationRegistry } from '../src/modules/registry/index.js';
import { createPerson, createStaff, type TestPerson, type TestStaff } from '../src/test/factories.js';
import { browserSuite, shot } from './harness.js';

const suite = browserSuite();
const HALL = 'E2E-HALL';
const NO_CRIMINAL_RECORD = '000120005000';
let citizen: TestPerson;
let clerk: TestStaff;
let itemId: string;

// The hall test runs whatever the day: today (and tomorrow) count as working days, the hall is open all day.
async function setUp() {
  const today = shanghaiDate(new Date());
  loadCalendarOverrides({ workdays: [today, addCalendarDays(today, 1)] });
  const db = suite.server.database.db;
  const ga = (await listDepartments(db)).find((d) => d.code === 'GA')!;
  itemId = (await findItems(db, { departmentId: ga.id })).find((i) => i.item.code === NO_CRIMINAL_RECORD)!.item.id;
  citizen = await createPerson(db, { name: '赵敏' });
  await addToPopulationRegistry(db, [{ idNumber: citizen.idNumber, name: citizen.name, regionCode: citizen.idNumber.slice(0, 6) }]);
  clerk = await createStaff(db, ga.id, ['clerk'], { name: '七号窗口' });
  await db.transaction(async (tx) => {
    const { id: hallId } = await createHall(tx, null, {
      code: HALL,
      name: { zh: '城关区政务服务大厅', en: 'Chengguan Service Hall' },
      regionCode: '620102',
      address: { zh: '城关区张掖路 100 号', en: '100 Zhangye Road' },
      hours: [{ from: '00:00', to: '24:00' }],
    });
    const a = await addWindowGroup(tx, null, hallId, { letter: 'A', name: { zh: '综合窗口', en: 'General services' }, itemIds: [itemId], slotCapacity: 3 });
    await addWindowGroup(tx, null, hallId, { letter: 'B', name: { zh: '税务窗口', en: 'Tax' }, itemIds: [] });
    await addWindow(tx, null, hallId, { groupId: a.id, number: 7 });
  });
}
after(() => clearCalendarOverrides());

test('hall queue: book online, check in at the kiosk (priority), the display shows the call, the window serves and the case links to the ticket', async () => {
  await setUp();
  const { url } = suite.server;

  // 1. The citizen books a slot from the item's guide (预约办理).
  const person = await suite.signIn(await suite.newPage(), citizen.phone, citizen.password);
  await person.goto(`${url}/items/${itemId}`);
  await person.getByTestId('book-button').click();
  await person.getByTestId('book-title').waitFor();
  // The demo city's hall serves the item too; this test books at its own all-day hall.
  const card = person.getByTestId('book-hall').filter({ hasText: '城关区政务服务大厅' });
  await card.locator('[data-testid="book-slot"]:not([disabled])').first().click();
  await card.getByTestId('book-chosen').waitFor();
  await person.waitForTimeout(400); // the buttons' colour transition, for the screenshot
  await shot(person, 'hallqueue-booking');
  await card.getByTestId('book-confirm').click();
  await person.getByTestId('book-done').waitFor();
  const code = (await person.getByTestId('book-code').innerText()).trim();
  assert.match(code, /^[2-9A-HJ-NP-Z]{8}$/);
  await person.getByText('我的预约', { exact: true }).first().click();
  await person.getByTestId('my-appointment').first().waitFor();
  assert.equal(await person.getByTestId('my-appointment').first().getAttribute('data-status'), 'booked');

  // 2. At the kiosk: a walk-in takes A001 first; the citizen checks in and gets a priority ticket.
  const kiosk = await suite.newPage();
  await kiosk.goto(`${url}/kiosk?hall=${HALL}`);
  await kiosk.getByTestId('kiosk-ticket-button').click();
  await kiosk.getByTestId('kiosk-group-A').click();
  assert.equal(await kiosk.getByTestId('kiosk-slip-number').innerText(), 'A001');
  await kiosk.getByTestId('kiosk-slip-done').click();
  await kiosk.getByTestId('kiosk-ticket-button').click();
  await kiosk.getByTestId('kiosk-checkin-code').locator('input').fill(code);
  await kiosk.getByTestId('kiosk-checkin-code').locator('input').press('Enter');
  await kiosk.getByTestId('kiosk-slip').waitFor();
  assert.equal(await kiosk.getByTestId('kiosk-slip-number').innerText(), 'A002');
  assert.equal(await kiosk.getByTestId('kiosk-slip-number').getAttribute('data-priority'), 'true');
  assert.match(await kiosk.getByTestId('kiosk-slip').innerText(), /预约优先[\s\S]*前面还有 0 人/);
  await shot(kiosk, 'hallqueue-kiosk-slip');

  // 3. The waiting-room display, 1920×1080, no sign-in.
  const tvContext = await suite.newPage({ width: 1920 });
  await tvContext.setViewportSize({ width: 1920, height: 1080 });
  const tv = tvContext;
  // Record what the page asks the browser to say (the TV's speech engine is the browser's own).
  await tv.addInitScript(() => {
    const w = window as unknown as { spoken: string[] };
    w.spoken = [];
    if ('speechSynthesis' in window) {
      const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
      window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        w.spoken.push(`${u.lang}|${u.text}`);
        speak(u);
      };
    }
  });
  await tv.goto(`${url}/hall/${HALL}/display`);
  await tv.getByTestId('display-waiting-A').waitFor();
  await tv.getByTestId('display-sound').click(); // the operator turns the sound on once
  await tv.waitForFunction(() => document.querySelector('[data-testid="display-waiting-A"]')?.textContent?.includes('2'));

  // 4. The clerk signs in at window 7 and calls next: the appointment comes before the walk-in.
  const desk = await suite.signIn(await suite.newPage(), clerk.username, clerk.password);
  await desk.getByTestId('open-hall-window').click();
  await desk.getByTestId('sit-7').click();
  await desk.getByTestId('panel-call-next').click();
  await desk.getByTestId('panel-current-number').waitFor();
  assert.equal(await desk.getByTestId('panel-current-number').innerText(), 'A002');
  assert.match(await desk.getByTestId('panel-current').innerText(), /预约优先[\s\S]*赵敏/);
  assert.deepEqual(await desk.getByTestId('panel-waiting-row').allInnerTexts().then((r) => r.map((x) => x.split(/\s/)[0])), ['A001']);
  await desk.waitForTimeout(400); // the buttons' enable transition, for the screenshot
  await shot(desk, 'hallqueue-panel');

  // The display shows the call within about two seconds, numbers only.
  const shown = Date.now();
  await tv.waitForFunction(() => document.querySelector('[data-testid="display-latest-number"]')?.textContent === 'A002', undefined, { timeout: 5000 });
  assert.ok(Date.now() - shown < 4000, 'the display took too long to show the call');
  assert.equal(await tv.getByTestId('display-latest-window').innerText(), '请到 7 号窗口');
  assert.doesNotMatch(await tv.getByTestId('hall-display').innerText(), /赵敏/);
  await tv.waitForFunction(() => (window as unknown as { spoken: string[] }).spoken.length > 0);
  assert.deepEqual(await tv.evaluate(() => (window as unknown as { spoken: string[] }).spoken), ['zh-CN|请 A 0 0 2 号到 7 号窗口']);
  await tv.screenshot({ path: 'e2e/screenshots/hallqueue-display-1920x1080.png' });

  // 5. Serving opens the hall intake for the ticket; the case created links to it.
  await desk.getByTestId('panel-serve').click();
  await desk.getByTestId('hall-ticket').waitFor();
  await desk.getByTestId('hall-id-number').fill(citizen.idNumber);
  await desk.getByTestId('hall-card-checked').check();
  await desk.getByTestId('hall-check-submit').click();
  await desk.getByTestId('hall-applicant').waitFor();
  await desk.getByTestId('hall-item').click();
  await desk.getByText('无犯罪记录证明开具（000120005000）').click();
  await desk.getByTestId('field-purpose').click();
  await desk.getByTestId('option-purpose-就业').click();
  await desk.getByTestId('submit-button').click();
  await desk.getByTestId('hall-receipt').waitFor();
  const caseNo = /\d{6}-\d{8}-\d{6}/.exec(await desk.getByTestId('hall-receipt').innerText())![0];
  await desk.getByTestId('hall-ticket').getByRole('link').click();
  await desk.getByTestId('panel-case-no').waitFor();
  assert.equal(await desk.getByTestId('panel-case-no').innerText(), caseNo);
  await shot(desk, 'hallqueue-panel-served');
  await desk.getByTestId('panel-finish').click();
  await desk.getByText('当前没有号码，点击“叫下一位”。').waitFor();

  // The citizen's booking is checked in.
  await person.reload();
  await person.getByTestId('my-appointment').first().waitFor();
  assert.equal(await person.getByTestId('my-appointment').first().getAttribute('data-status'), 'checked_in');
});

test('a platform admin sets up a hall: a window group with its services and a window', async () => {
  const { url } = suite.server;
  const admin = await suite.signIn(await suite.newPage(), 'zwfw.platform_admin');
  await admin.getByTestId('open-hall-admin').click();
  await admin.getByTestId('hall-admin-new').click();
  await admin.getByTestId('hall-admin-code').fill('QL-HALL');
  await admin.getByLabel('名称（中文）').fill('七里河区政务服务大厅');
  await admin.getByLabel('名称（英文）').fill('Qilihe Service Hall');
  await admin.getByLabel('地址（中文）').fill('七里河区西津西路 1 号');
  await admin.getByLabel('地址（英文）').fill('1 Xijin West Road');
  await admin.getByTestId('hall-admin-save').click();
  const card = admin.getByTestId('hall-admin-hall').filter({ hasText: '七里河区政务服务大厅' });
  await card.waitFor();
  assert.match(await card.innerText(), /09:00–12:00、13:30–17:30/);
  await card.getByTestId('hall-admin-add-group').click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel('号码字母').fill('c');
  await dialog.getByLabel('名称（中文）').fill('社保窗口');
  await dialog.getByLabel('名称（英文）').fill('Social insurance');
  await dialog.getByLabel('受理事项').click();
  await admin.getByTitle(/最低生活保障/).first().click();
  await admin.keyboard.press('Escape'); // close the multi-select's list
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await card.getByText('社保窗口').waitFor();
  await card.getByTestId('hall-admin-add-window').click();
  await admin.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
  await card.getByText('1 号窗口').waitFor();
  await admin.waitForTimeout(300);
  await shot(admin, 'hallqueue-admin');
  // The new hall's display answers at once, nobody waiting.
  const tv = await suite.newPage({ width: 1920 });
  await tv.goto(`${url}/hall/QL-HALL/display`);
  await tv.getByTestId('display-waiting-C').waitFor();
  assert.match(await tv.getByTestId('display-waiting-C').innerText(), /C\s*社保窗口\s*0 人/);
});
