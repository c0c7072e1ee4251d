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
  await clerk.goto(`${suite.server.url}/workbench`);
  await clerk.getByTestId('tab-intake').waitFor();
  await clerk.getByTestId('workbench-intake').waitFor();
  assert.equal(await clerk.getByTestId('nav-staff').count(), 0);
  await shot(clerk, '43-new-clerk-workbench');

  // Revoking, with confirmation: the clerk loses the intake queue on the next load.
  await row.getByTestId('role-tag-clerk').locator('.ant-tag-close-icon').click();
  await admin.getByTestId('revoke-confirm').click();
  await row.getByText('未授予角色').waitFor();
  await clerk.reload();
  await clerk.getByTestId('tab-department').waitFor();
  assert.equal(await clerk.getByTestId('tab-intake').count(), 0);
});
