import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSuite, shot } from './harness.js';

const suite = browserSuite();

test('a department admin adds a clerk to a branch and grants the role; the clerk signs in to the intake queue', async () => {
  const admin = await suite.signIn(await suite.newPage(), 'ga.admin');
  await admin.getByTestId('nav-staff').click();
  await admin.waitForURL((u) => u.pathname === '/admin/staff');
  // Their bureau and its branch, nothing of other bureaus.
  await admin.getByTestId('dept-node-GA-CG').waitFor();
  assert.equal(await admin.getByTestId('dept-node-SCJG').count(), 0);
  await admin.locator('[data-testid="staff-row"][data-username="ga.admin"]').waitFor();
  await admin.getByTestId('dept-node-GA-CG').click();
  await admin.getByTestId('dept-title').filter({ hasText: '兰州市公安局城关分局' }).waitFor();
  await admin.locator('[data-testid="staff-row"][data-username="ga-cg.clerk"]').waitFor();
  await shot(admin, '40-staff-admin-branch');

  await admin.getByTestId('staff-new').click();
  await admin.getByTestId('staff-name').fill('赵小燕');
  await admin.getByTestId('staff-username').fill('ga-cg.zhao');
  await admin.getByTestId('staff-phone').fill('13700000077');
  // A weak first password is refused with the policy's reason.
  await admin.getByTestId('staff-password').fill('12345678');
  await admin.getByTestId('staff-submit').click();
  await admin.getByText('密码不能是连续或重复的字符').waitFor();
  await admin.getByTestId('staff-password').fill('Chengguan-2026');
  await admin.getByTestId('staff-submit').click();

  // The grant dialog follows at once, set to window clerk in the branch.
  await admin.getByTestId('grant-submit').waitFor();
  await admin.getByTestId('grant-role').getByText('综合窗口').waitFor();
  await shot(admin, '41-staff-grant-role');
  await admin.getByTestId('grant-submit').click();
  const row = admin.locator('[data-testid="staff-row"][data-username="ga-cg.zhao"]');
  await row.getByTestId('role-tag-clerk').waitFor();
  await shot(admin, '42-staff-clerk-granted');

  // The database records who granted it.
  const granted = await suite.server.database.query<{ role: string; by: string }>(
    `SELECT r.role, g.username AS by FROM account_roles r JOIN accounts a ON a.id = r.account_id JOIN accounts g ON g.id = r.granted_by WHERE a.username = $1`,
    ['ga-cg.zhao'],
  );
  assert.deepEqual(granted, [{ role: 'clerk', by: 'ga.admin' }]);

  const clerk = await suite.signIn(await suite.newPage(), 'ga-cg.zhao', 'Chengguan-2026');
  // The admin chose that password: the clerk is sent to change it before anything else.
  await clerk.getByTestId('must-change-password').waitFor();
  assert.equal(new URL(clerk.url()).pathname, '/my/security');
  await clerk.getByTestId('password-current').fill('Chengguan-2026');
  await clerk.getByTestId('password-new').fill('Zhao-own-2026x');
  await clerk.getByTestId('password-confirm').fill('Zhao-own-2026x');
  await shot(clerk, '46-first-password-change');
  await clerk.getByTestId('password-submit').click();
  await clerk.getByTestId('must-change-password').waitFor({ state: 'detached' });
  await clerk.goto(`${suite.server.url}/workbench`);
  await clerk.getByTestId('tab-intake').waitFor();
  await clerk.getByTestId('workbench-intake').waitFor();
  assert.equal(await clerk.getByTestId('nav-staff').count(), 0);
  await shot(clerk, '43-new-clerk-workbench');

  // Revoking, with confirmation: the clerk loses the intake queue on the next load, and with no
  // handling role left sees no cases at all.
  await row.getByTestId('role-tag-clerk').locator('.ant-tag-close-icon').click();
  await admin.getByTestId('revoke-confirm').click();
  await row.getByText('未授予角色').waitFor();
  await clerk.reload();
  await clerk.getByTestId('workbench-no-queues').waitFor();
  assert.equal(await clerk.getByTestId('tab-intake').count(), 0);
});

test('a platform admin sees the whole tree and adds a branch whose region lies within its parent', async () => {
  const page = await suite.signIn(await suite.newPage(), 'zwfw.platform_admin');
  await page.goto(`${suite.server.url}/admin/staff`);
  for (const code of ['LZ', 'SCJG', 'GA', 'GA-CG', 'MZ', 'ZWFW']) await page.getByTestId(`dept-node-${code}`).waitFor();
  await page.getByTestId('dept-node-GA').click();
  await page.getByTestId('dept-title').filter({ hasText: '兰州市公安局' }).waitFor();
  await page.getByTestId('dept-new').click();
  await page.getByTestId('dept-name-zh').fill('兰州市公安局七里河分局');
  await page.getByTestId('dept-name-en').fill('Qilihe Branch, Lanzhou Public Security Bureau');
  await page.getByTestId('dept-code').fill('GA-QLH');
  await page.getByTestId('dept-region').fill('630103');
  await page.getByTestId('dept-credit-code').fill('11620103013802002T');
  await page.getByTestId('dept-submit').click();
  await page.getByText('行政区划代码须在上级单位的区划 620100 之内。').waitFor();
  await shot(page, '44-staff-branch-region-outside');
  await page.getByTestId('dept-region').fill('620103');
  await page.getByTestId('dept-submit').click();
  await page.getByTestId('dept-title').filter({ hasText: '兰州市公安局七里河分局' }).waitFor();
  await page.getByTestId('dept-node-GA-QLH').waitFor();
  await shot(page, '45-staff-platform-tree');
});
