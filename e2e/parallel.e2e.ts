import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSuite, pdfFile as pdf, shot } from './harness.js';
import { applyForFoodLicence, queueRow } from './helpers.js';

const suite = browserSuite();
const { newPage, signIn } = suite;

/**
 * 并联审批: the food business licence needs market regulation and health. A citizen applies, the
 * clerk asks for a supplement, the citizen re-uploads, the clerk accepts; health agrees and the case
 * still waits for market regulation; market regulation agrees and the case is completed, the
 * certificate in the citizen's wallet, the history showing both departments' opinions.
 */
test('a food business licence is approved in parallel by market regulation and health', async () => {
  const server = suite.server;
  const citizen = await signIn(await newPage(), '13800000002');
  const caseNo = await applyForFoodLicence(citizen, server.url, { operatorName: '兰州七里河李记餐馆', address: '七里河区西津西路 8 号', safetyManager: '李四' });

  // The clerk asks for a corrected floor plan; the citizen uploads it again.
  const clerk = await signIn(await newPage(), 'scjg.clerk');
  await (await queueRow(clerk, server.url, 'intake', caseNo)).getByTestId('case-link').click();
  await clerk.getByTestId('action-supplement').click();
  await clerk.getByTestId('supplement-check-M02').click();
  await clerk.getByTestId('supplement-reason-M02').fill('平面布局图未标明操作流程');
  await clerk.getByTestId('modal-ok-supplement').click();
  await clerk.locator('[data-testid="status-tag"][data-status="supplement_requested"]').first().waitFor();

  await citizen.getByTestId('nav-my-cases').click();
  await citizen.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`).getByTestId('case-link').click();
  await citizen.getByTestId('action-resubmit').click();
  await citizen.getByTestId('upload-M02').setInputFiles(pdf('平面布局图-修改.pdf'));
  await citizen.getByTestId('upload-result-M02').waitFor();
  await citizen.getByTestId('resubmit-submit').click();
  await citizen.locator('[data-testid="status-tag"][data-status="resubmitted"]').first().waitFor();

  await clerk.reload();
  await clerk.getByTestId('action-accept').click();
  await clerk.getByTestId('modal-ok-accept').click();
  await clerk.locator('[data-testid="status-tag"][data-status="accepted"]').first().waitFor();

  // Health's approver: the case is in their queue, neither department has decided yet.
  const health = await signIn(await newPage(), 'wj.approver');
  const healthRow = await queueRow(health, server.url, 'approval', caseNo);
  assert.deepEqual(await healthRow.getByTestId('queue-dept').evaluateAll((els) => els.map((e) => e.getAttribute('data-decided'))), ['false', 'false']);
  await shot(health, 'parallel-01-health-queue');
  await healthRow.getByTestId('case-link').click();
  await health.getByTestId('case-flow').waitFor();
  await health.getByTestId('action-approve').click();
  await health.getByTestId('approve-opinion').fill('经现场核查，卫生条件符合要求，同意。');
  await health.getByTestId('modal-ok-approve').click();
  await health.locator('[data-testid="flow-task"][data-department="兰州市卫生健康委员会"][data-status="agreed"]').waitFor();
  // Still waiting for market regulation.
  assert.equal(await health.locator('[data-testid="status-tag"]').first().getAttribute('data-status'), 'accepted');
  await shot(health, 'parallel-02-health-agreed');

  // Market regulation's approver sees health has decided, and agrees: the case is completed.
  const market = await signIn(await newPage(), 'scjg.approver');
  const marketRow = await queueRow(market, server.url, 'approval', caseNo);
  assert.deepEqual(await marketRow.getByTestId('queue-dept').evaluateAll((els) => els.map((e) => e.getAttribute('data-decided'))), ['false', 'true']);
  await marketRow.getByTestId('case-link').click();
  await market.getByTestId('case-flow').waitFor();
  await market.getByTestId('action-approve').click();
  await market.getByTestId('approve-opinion').fill('经营条件符合要求，准予许可。');
  await market.getByTestId('modal-ok-approve').click();
  await market.locator('[data-testid="status-tag"][data-status="completed"]').first().waitFor();
  await market.locator('[data-testid="flow-step"][data-state="agreed"]').waitFor();
  await shot(market, 'parallel-03-workbench-case-completed');

  // The history shows both departments' opinions, each with its office.
  const history = await market.getByTestId('case-history').innerText();
  assert.match(history, /经现场核查，卫生条件符合要求，同意。/);
  assert.match(history, /兰州市卫生健康委员会/);
  assert.match(history, /经营条件符合要求，准予许可。/);
  assert.match(history, /兰州市市场监督管理局/);
  assert.deepEqual(
    await market.locator('[data-testid="case-event"][data-action="approve"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-department'))),
    ['兰州市卫生健康委员会', '兰州市市场监督管理局'],
  );

  // The certificate is in the citizen's wallet.
  await citizen.reload();
  await citizen.locator('[data-testid="status-tag"][data-status="completed"]').first().waitFor();
  assert.match(await citizen.getByTestId('case-history').innerText(), /兰州市卫生健康委员会/);
  await citizen.goto(`${server.url}/my/licences`);
  await citizen.getByTestId('licence-card').filter({ hasText: '食品经营许可证' }).first().waitFor();
  await shot(citizen, 'parallel-04-wallet');
});

test('an approver returns a case in the parallel step to intake with a reason; the clerk has it again', async () => {
  const server = suite.server;
  const citizen = await signIn(await newPage(), '13800000001');
  const caseNo = await applyForFoodLicence(citizen, server.url, { operatorName: '兰州城关张记面馆', address: '城关区庆阳路 1 号', safetyManager: '张三' });

  const clerk = await signIn(await newPage(), 'scjg.clerk');
  await (await queueRow(clerk, server.url, 'intake', caseNo)).getByTestId('case-link').click();
  await clerk.getByTestId('action-accept').click();
  await clerk.getByTestId('modal-ok-accept').click();
  await clerk.locator('[data-testid="status-tag"][data-status="accepted"]').first().waitFor();

  const health = await signIn(await newPage(), 'wj.approver');
  await (await queueRow(health, server.url, 'approval', caseNo)).getByTestId('case-link').click();
  await health.getByTestId('action-return').click();
  await health.getByTestId('return-target').click();
  await health.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '受理' }).first().click();
  await health.getByTestId('return-reason').fill('食品安全管理制度文本缺少签章，请窗口重新核对');
  await shot(health, 'parallel-05-return-dialog');
  await health.getByTestId('modal-ok-return').click();
  await health.locator('[data-testid="status-tag"][data-status="submitted"]').first().waitFor();
  assert.match(await health.getByTestId('case-history').innerText(), /食品安全管理制度文本缺少签章/);

  await queueRow(clerk, server.url, 'intake', caseNo);
});
