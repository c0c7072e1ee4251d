import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoCitizens, demoUnclaimedEntity } from '../src/server/demo/seed.js';
import { browserSuite, pdfFile as pdf, shot } from './harness.js';

const suite = browserSuite();
const [zhang, li] = demoCitizens as [(typeof demoCitizens)[0], (typeof demoCitizens)[0]];

test('a legal representative claims the enterprise and authorises an agent, who switches into it and applies on its behalf', async () => {
  const { server } = suite;
  // ---- 李四, legal representative in the registry, claims the enterprise and authorises 张三.
  const rep = await suite.signIn(await suite.newPage(), li.phone);
  await rep.getByTestId('user-menu').click();
  await rep.getByTestId('nav-authorisations').click();
  await rep.getByTestId('claim-credit-code').fill(demoUnclaimedEntity.creditCode);
  await rep.getByTestId('claim-name').fill(demoUnclaimedEntity.name);
  await rep.getByTestId('claim-submit').click();
  await rep.locator(`[data-testid="received-row"][data-principal="${demoUnclaimedEntity.name}"]`).waitFor();
  await rep.getByTestId('grant-principal').click();
  await rep.getByTitle(demoUnclaimedEntity.name).last().click();
  await rep.getByTestId('grant-agent-name').fill(zhang.name);
  await rep.getByTestId('grant-agent-id').fill(zhang.idNumber);
  await rep.getByTestId('grant-submit').click();
  await rep.locator(`[data-testid="granted-row"][data-agent="${zhang.name}"]`).waitFor();
  await shot(rep, '40-authorisations');

  // ---- 张三 switches into the enterprise: a banner says so everywhere.
  const agent = await suite.signIn(await suite.newPage(), zhang.phone);
  await agent.goto(`${server.url}/my/authorisations`);
  await agent.locator(`[data-testid="received-row"][data-principal="${demoUnclaimedEntity.name}"]`).getByTestId('act-for').click();
  await agent.waitForURL((u) => u.pathname === '/my/cases');
  await agent.getByTestId('acting-banner').waitFor();
  assert.match(await agent.getByTestId('acting-banner').innerText(), new RegExp(`张三.*${demoUnclaimedEntity.name}`));

  // ---- …and applies for a food business licence in the enterprise's name.
  await agent.goto(server.url);
  await agent.getByText('食品经营许可').first().click();
  await agent.getByTestId('apply-button').first().click();
  await agent.getByTestId('field-operatorName').fill(demoUnclaimedEntity.name);
  await agent.getByTestId('field-address').fill('七里河区西津西路 1 号');
  await agent.getByTestId('field-category').click();
  await agent.getByTestId('option-category-餐饮服务经营者').click();
  await agent.getByTestId('field-items').fill('热食类食品制售');
  await agent.getByTestId('field-safetyManager').fill('王五');
  for (const code of ['M02', 'M03']) {
    await agent.getByTestId(`upload-${code}`).setInputFiles(pdf(`${code}.pdf`));
    await agent.getByTestId(`upload-result-${code}`).waitFor();
  }
  await shot(agent, '41-agent-applies');
  await agent.getByTestId('submit-button').click();
  await agent.getByTestId('case-no').waitFor();
  assert.match(await agent.getByTestId('case-applicant').innerText(), new RegExp(demoUnclaimedEntity.name));
  assert.equal(await agent.getByTestId('case-submitted-by').innerText(), zhang.name);
  await shot(agent, '42-agent-case');

  // ---- Back as himself, the enterprise's case is not among his own.
  await agent.getByTestId('acting-back').click();
  await agent.waitForURL((u) => u.pathname === '/my/authorisations');
  assert.equal(await agent.getByTestId('acting-banner').count(), 0);
});
