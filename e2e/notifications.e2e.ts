import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { addCalendarDays, clearCalendarOverrides, loadCalendarOverrides, shanghaiDate } from '../src/lib/calendar.js';
import { maskPhone } from '../src/lib/mask.js';
import { addWindow, addWindowGroup, bookAppointment, createHall, remindAppointments } from '../src/modules/cases/index.js';
import { loadActor } from '../src/modules/identity/index.js';
import { createDepartment, createItem, createPerson, createStaff } from '../src/test/factories.js';
import { browserSuite, pdfFile as pdf, shot } from './harness.js';

const suite = browserSuite();

/** Opens the sandbox SMS outbox and waits (the SMS goes out after the commit) for the newest text to this phone. */
async function smsSentTo(phone: string) {
  const outbox = await suite.newPage();
  await outbox.goto(`${suite.server.url}/ops/sms-outbox`);
  const sms = outbox.locator('[data-testid="outbox-row"]', { hasText: maskPhone(phone) }).first();
  for (let i = 0; i < 20 && !(await sms.count()); i++) {
    await outbox.waitForTimeout(500);
    await outbox.getByTestId('outbox-refresh').click();
  }
  return { outbox, text: await sms.getByTestId('outbox-text').innerText() };
}

test('a citizen hears of a supplement request: the bell counts it, the message centre links to the case, the SMS is in the sandbox', async () => {
  const { db } = suite.server.database;
  const dept = await createDepartment(db);
  const clerkAccount = await createStaff(db, dept.id, ['clerk']);
  const item = await createItem(db, dept.id, { name: { zh: '餐饮服务许可', en: 'Catering licence' } });
  const person = await createPerson(db, { name: '赵一鸣' });

  // The citizen applies.
  const citizen = await suite.newPage();
  await suite.signIn(citizen, person.phone, person.password);
  await citizen.getByTestId('notification-bell').waitFor();
  assert.equal(await citizen.getByTestId('notification-bell').getAttribute('data-count'), '0');
  await citizen.goto(`${suite.server.url}/apply/${item.id}`);
  await citizen.getByTestId('apply-form').waitFor();
  await citizen.getByTestId('field-purpose').fill('开办餐馆');
  await citizen.getByTestId('upload-M01').setInputFiles(pdf('身份证明.pdf'));
  await citizen.getByTestId('upload-result-M01').waitFor();
  await citizen.getByTestId('submit-button').click();
  const caseNo = (await citizen.getByTestId('created-case-no').innerText()).trim();

  // The clerk asks for a supplement.
  const clerk = await suite.newPage();
  await suite.signIn(clerk, clerkAccount.username, clerkAccount.password);
  await clerk.goto(`${suite.server.url}/workbench?tab=intake`);
  await clerk.locator(`[data-testid="workbench-row"][data-case-no="${caseNo}"]`).getByTestId('case-link').click();
  await clerk.getByTestId('action-supplement').click();
  await clerk.getByTestId('supplement-check-M01').click();
  await clerk.getByTestId('supplement-reason-M01').fill('身份证明扫描件不清晰');
  await clerk.getByTestId('modal-ok-supplement').click();
  await clerk.locator('[data-testid="status-tag"][data-status="supplement_requested"]').first().waitFor();

  // The citizen's bell shows one unread message on the next page they open.
  await citizen.getByTestId('nav-my-cases').click();
  await citizen.locator('[data-testid="notification-bell"][data-count="1"]').waitFor();
  await shot(citizen, '60-notification-bell');
  await citizen.getByTestId('notification-bell').click();
  await citizen.waitForURL((u) => u.pathname === '/my/notifications');
  const row = citizen.getByTestId('notification-row').first();
  await row.waitFor();
  assert.equal(await row.getAttribute('data-read'), 'false');
  assert.equal(await row.getByTestId('notification-title').innerText(), '请补正材料');
  assert.match(await row.getByTestId('notification-body').innerText(), new RegExp(`“餐饮服务许可”（办件编号 ${caseNo}）需要补正以下材料：身份证明：身份证明扫描件不清晰`));
  await shot(citizen, '61-message-centre');

  // On a phone the bell stays in the header beside the menu.
  const phone = await suite.newPage({ width: 390 });
  await phone.context().addCookies(await citizen.context().cookies());
  await phone.goto(`${suite.server.url}/my/notifications`);
  await phone.locator('[data-testid="notification-bell"][data-count="1"]').waitFor();
  await phone.getByTestId('notification-row').first().waitFor();
  await shot(phone, '61-message-centre-phone');

  // In English, the same message reads in English.
  await citizen.getByTestId('lang-switch').click();
  await citizen.getByTestId('notification-title').getByText('Please supplement your materials').waitFor();
  assert.match(await row.getByTestId('notification-body').innerText(), /Your application for "Catering licence"/);
  await shot(citizen, '62-message-centre-en');
  await citizen.getByTestId('lang-switch').click();
  await citizen.getByTestId('notification-title').getByText('请补正材料').waitFor();

  // Following the message opens the case with its one-time notice; the message is read now.
  await row.getByTestId('notification-open').click();
  await citizen.waitForURL((u) => u.pathname.startsWith('/my/cases/'));
  await citizen.getByTestId('supplement-notice').waitFor();
  await citizen.locator('[data-testid="notification-bell"][data-count="0"]').waitFor();

  // The SMS went out after the commit: the sandbox outbox shows it, with no name or ID number.
  const { outbox, text } = await smsSentTo(person.phone);
  assert.equal(text, `【一网通办】您申请的餐饮服务许可（办件编号${caseNo}）需要补正材料，请登录一网通办查看一次性告知并补齐。`);
  assert.ok(!text.includes(person.name) && !text.includes(person.idNumber));
  await shot(outbox, '63-sms-outbox-notification');

  // The settings card on the security page lets the citizen turn the SMS off for this kind.
  await citizen.goto(`${suite.server.url}/my/security#notifications`);
  const toggle = citizen.getByTestId('sms-supplement_requested');
  await toggle.waitFor();
  assert.equal(await toggle.getAttribute('aria-checked'), 'true');
  await toggle.click();
  await citizen.locator('[data-testid="sms-supplement_requested"][aria-checked="false"]').waitFor();
  await citizen.getByText('已保存').waitFor();
  await citizen.evaluate(() => window.scrollTo(0, 0));
  await shot(citizen, '64-notification-settings');
});

test('the day before a hall appointment the reminder is in the bell and the message centre, opens the booking, and the SMS says when and where only', async () => {
  const { db } = suite.server.database;
  // Whatever the day the test runs: today and tomorrow count as working days, the hall is open all day.
  const today = shanghaiDate(new Date());
  const tomorrow = addCalendarDays(today, 1);
  loadCalendarOverrides({ workdays: [today, tomorrow] });
  after(() => clearCalendarOverrides());
  const dept = await createDepartment(db);
  const item = await createItem(db, dept.id, { name: { zh: '个体工商户登记', en: 'Sole trader registration' } });
  const person = await createPerson(db, { name: '钱多多' });
  const booking = await db.transaction(async (tx) => {
    const { id: hallId } = await createHall(tx, null, {
      code: 'E2E-REMIND',
      name: { zh: '七里河区政务服务大厅', en: 'Qilihe Service Hall' },
      regionCode: '620103',
      address: { zh: '七里河区西津西路 16 号', en: '16 Xijin West Road' },
      hours: [{ from: '00:00', to: '24:00' }],
    });
    const group = await addWindowGroup(tx, null, hallId, { letter: 'A', name: { zh: '综合窗口', en: 'General services' }, itemIds: [item.id], slotCapacity: 3 });
    await addWindow(tx, null, hallId, { groupId: group.id, number: 1 });
    return bookAppointment(tx, (await loadActor(tx, person.id))!, { itemId: item.id, hallId, slotStart: `${tomorrow}T02:00:00.000Z` });
  });
  // The evening job runs.
  assert.equal((await remindAppointments(db)).reminded >= 1, true);

  const citizen = await suite.newPage();
  await suite.signIn(citizen, person.phone, person.password);
  await citizen.locator('[data-testid="notification-bell"][data-count="1"]').waitFor();
  await citizen.getByTestId('notification-bell').click();
  await citizen.waitForURL((u) => u.pathname === '/my/notifications');
  const row = citizen.locator('[data-testid="notification-row"][data-kind="appointment_reminder"]');
  await row.waitFor();
  assert.equal(await row.getByTestId('notification-title').innerText(), '预约提醒');
  assert.match(await row.getByTestId('notification-body').innerText(), new RegExp(`您已预约 ${tomorrow} 10:00 起到七里河区政务服务大厅办理业务（共 1 项）`));
  assert.equal(await row.getByTestId('notification-open').innerText(), '查看我的预约');
  await shot(citizen, '65-message-centre-appointment-reminder');

  // Following it opens my appointments with that booking marked; the message is read now.
  await row.getByTestId('notification-open').click();
  await citizen.waitForURL((u) => u.pathname === '/my/appointments' && u.hash === `#${booking.id}`);
  await citizen.locator('[data-testid="my-appointment"][data-focused="true"]').waitFor();
  await citizen.locator('[data-testid="notification-bell"][data-count="0"]').waitFor();
  await shot(citizen, '66-my-appointments-from-reminder');

  // The SMS went out after the commit: time and place, no name, no service.
  const { text } = await smsSentTo(person.phone);
  assert.match(text, /^【一网通办】您已预约明天（\d{2}月\d{2}日）10:00起到七里河区政务服务大厅办理业务（共1项）/);
  assert.ok(!text.includes(person.name) && !text.includes('个体工商户登记'));
});
