import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSuite, pdfFile, shot } from './harness.js';

const suite = browserSuite();

test('a promised date past the official data is shown as provisional; the platform admin enters the next year and it is recounted', async () => {
  const { server } = suite;
  // Fixture: the business registration promises 30 working days, so a case accepted today
  // counts past the end of the official data (2026, the last year the holiday package has).
  // Cases follow the version they were applied under, and a published version never changes: the
  // fixture publishes version 2 with the longer limit (as an approved draft would be) and retires 1.
  await server.database.query(
    `WITH cur AS (
       SELECT s.id AS item_id, v.id AS version_id, v.version_no, v.content FROM service_items s JOIN service_item_versions v ON v.id = s.current_version_id
       WHERE s.code = '000101001000'
     ), retired AS (
       UPDATE service_item_versions SET status = 'retired', retired_at = now() WHERE id = (SELECT version_id FROM cur)
     ), next AS (
       INSERT INTO service_item_versions (id, service_item_id, version_no, status, overrides, content, published_at)
       SELECT gen_random_uuid(), item_id, version_no + 1, 'published', '{"promisedLimitDays": 30}'::jsonb,
              content || '{"promisedLimitDays": 30, "legalLimitDays": 30}'::jsonb, now()
       FROM cur RETURNING id, service_item_id
     )
     UPDATE service_items SET current_version_id = next.id, promised_limit_days = 30, legal_limit_days = 30 FROM next WHERE service_items.id = next.service_item_id`,
  );

  const citizen = await suite.signIn(await suite.newPage(), '13800000001');
  const items = await server.database.query<{ id: string }>(`SELECT id FROM service_items WHERE code = '000101001000'`);
  await citizen.goto(`${server.url}/apply/${items[0]!.id}`);
  await citizen.getByTestId('apply-form').waitFor();
  await citizen.getByTestId('field-tradeName').fill('兰州城关区张记牛肉面馆');
  await citizen.getByTestId('field-organisation').click();
  await citizen.getByTestId('option-organisation-个人经营').click();
  await citizen.getByTestId('field-scope').fill('餐饮服务');
  await citizen.getByTestId('field-address').fill('城关区张掖路 1 号');
  await citizen.getByTestId('upload-M02').setInputFiles(pdfFile('租赁合同.pdf'));
  await citizen.getByTestId('upload-result-M02').waitFor();
  await citizen.getByTestId('submit-button').click();
  const caseNo = (await citizen.getByTestId('created-case-no').innerText()).trim();

  const clerk = await suite.signIn(await suite.newPage(), 'scjg.clerk');
  await clerk.goto(`${server.url}/workbench?tab=intake`);
  await clerk.locator(`[data-testid="workbench-row"][data-case-no="${caseNo}"]`).getByTestId('case-link').click();
  await clerk.getByTestId('action-accept').click();
  await clerk.getByTestId('modal-ok-accept').click();
  await clerk.locator('[data-testid="status-tag"][data-status="accepted"]').first().waitFor();
  const [c] = await server.database.query<{ id: string; due_date: string }>(`SELECT id, due_date::text FROM cases WHERE case_no = $1`, [caseNo]);
  assert.ok(c!.due_date > '2026-12-31', `due ${c!.due_date} should lie past the official data`);
  // The clerk sees the date flagged on the case page, with the reason on hover.
  await clerk.getByTestId('case-due-date').filter({ hasText: c!.due_date }).waitFor();
  await clerk.getByTestId('due-provisional').hover();
  await clerk.getByText('暂按法定节假日和周末推算').waitFor();
  await shot(clerk, '60-case-provisional-due-date');

  // The applicant sees it in "my cases" and on the case page.
  await citizen.goto(`${server.url}/my/cases`);
  const mine = citizen.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`);
  await mine.getByTestId('due-provisional').waitFor();
  await shot(citizen, '61-my-cases-provisional');
  await citizen.goto(`${server.url}/my/cases/${c!.id}`);
  await citizen.getByTestId('due-provisional').waitFor();

  // The platform admin is warned and enters the next year's notice.
  const admin = await suite.signIn(await suite.newPage(), 'zwfw.platform_admin');
  await admin.goto(`${server.url}/admin/calendar`);
  await admin.getByTestId('calendar-warning').waitFor();
  assert.match(await admin.getByTestId('calendar-warning').innerText(), /2026-12-31/);
  await shot(admin, '62-calendar-admin-warning');
  await admin.getByTestId('calendar-enter-next').click();
  // The form starts from the statutory days of the regulation: 元旦, 春节 除夕–初三, …
  await admin.getByTestId('calendar-period').first().waitFor();
  assert.equal(await admin.getByTestId('period-start').first().inputValue(), '2027-01-01');
  assert.equal(await admin.getByTestId('period-start').nth(1).inputValue(), '2027-02-05');
  assert.equal(await admin.getByTestId('period-end').nth(1).inputValue(), '2027-02-08');
  // As the notice reads (test data): 元旦 01-01 to 01-03; 春节 02-05 to 02-13, work on Saturday 02-20.
  await admin.getByTestId('period-end').first().fill('2027-01-03');
  await admin.getByTestId('period-end').nth(1).fill('2027-02-13');
  await admin.getByTestId('calendar-add-workday').click();
  await admin.getByTestId('workday-date').first().fill('2027-02-22'); // a Monday: refused by the server
  await admin.getByTestId('calendar-notice').fill('国务院办公厅关于2027年部分节假日安排的通知（测试数据）');
  await admin.getByTestId('calendar-save').click();
  await admin.getByText('调休上班日应为周六或周日。').waitFor();
  await admin.getByTestId('workday-date').first().fill('2027-02-20');
  await shot(admin, '63-calendar-admin-enter-2027');
  await admin.getByTestId('calendar-save').click();
  await admin.getByText('已保存 2027 年放假安排').waitFor();
  await admin.getByTestId('calendar-covered').waitFor();
  await admin.locator('[data-testid="calendar-year"][data-year="2027"][data-source="entered"]').waitFor();
  await shot(admin, '64-calendar-admin-entered');

  const [entered] = await server.database.query<{ username: string; days: number }>(
    `SELECT a.username, (SELECT count(*)::int FROM official_schedule_days d WHERE d.year = s.year) AS days
       FROM official_schedules s JOIN accounts a ON a.id = s.entered_by WHERE s.year = 2027`,
  );
  assert.deepEqual(entered, { username: 'zwfw.platform_admin', days: 21 }); // 20 days off (3 + 9 + the statutory 8 left as drafted) and 1 make-up day
  const audit = await server.database.query(`SELECT 1 FROM audit_events WHERE action = 'calendar.schedule_entered' AND entity_id = '2027'`);
  assert.equal(audit.length, 1);

  // The applicant's date is now counted on the official schedule: no longer provisional.
  await citizen.reload();
  await citizen.getByTestId('case-due-date').waitFor();
  assert.equal(await citizen.getByTestId('due-provisional').count(), 0);
  const [after] = await server.database.query<{ due_date: string }>(`SELECT due_date::text FROM cases WHERE id = $1`, [c!.id]);
  assert.equal(await citizen.getByTestId('case-due-date').innerText(), after!.due_date);
});
