import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, shot } from './harness.js';

const suite = browserSuite();
const { newPage } = suite;

async function typeInSearch(page: Page, text: string) {
  const box = page.getByTestId('search-input').locator('input');
  await box.click();
  await box.fill('');
  await box.pressSequentially(text, { delay: 30 });
}

test('the portal search suggests services as one types (pinyin initials too) and lists results with their department', async () => {
  const page = await newPage();
  await page.goto(suite.server.url);
  await typeInSearch(page, 'gtgsh');
  // The city bureau's (the district bureaus implement the same basic item).
  const suggestion = page.getByTestId('suggestion').filter({ hasText: '个体工商户设立登记' }).filter({ hasText: '兰州市市场监督管理局' });
  await suggestion.waitFor();
  assert.match(await suggestion.innerText(), /市场监督管理局/);
  await shot(page, 'search-01-suggestions-zh');
  await suggestion.click();
  await page.waitForURL((u) => u.pathname.startsWith('/items/'));
  await page.getByTestId('item-name').waitFor();
  assert.equal(await page.getByTestId('item-name').innerText(), '个体工商户设立登记');

  // Enter searches what was typed (a synonym of the demo list: 低保 → 最低生活保障), with the department on each card.
  await page.goto(suite.server.url);
  await typeInSearch(page, '低保');
  await page.getByTestId('suggestion').first().waitFor();
  await page.getByTestId('search-input').locator('input').press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === '低保');
  const card = page.getByTestId('item-card').filter({ hasText: '最低生活保障审核确认' }).first();
  await card.waitFor();
  assert.match(await card.innerText(), /民政局/);
  await shot(page, 'search-02-results-zh');

  // The same in English.
  await page.evaluate(() => localStorage.setItem('yw_lang', 'en'));
  await page.goto(suite.server.url);
  await typeInSearch(page, 'licence');
  const en = page.getByTestId('suggestion').filter({ hasText: 'Food business licence' }).first();
  await en.waitFor();
  assert.match(await en.innerText(), /Market Regulation/);
  await shot(page, 'search-03-suggestions-en');
  await page.getByTestId('search-input').locator('input').press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === 'licence');
  await page.getByTestId('item-card').first().waitFor();
  await shot(page, 'search-04-results-en');
});
