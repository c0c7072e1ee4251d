import type { Page } from 'playwright-core';
import { pdfFile } from './harness.js';

/**
 * A citizen applies on the portal for market regulation's food business licence (食品经营许可, the
 * demo item approved in parallel with health): finds it by search, fills the form as a caterer,
 * uploads the floor plan (M02) and the food safety rules (M03), submits. Returns the case number shown.
 */
export async function applyForFoodLicence(citizen: Page, baseUrl: string, form: { operatorName: string; address: string; safetyManager: string }): Promise<string> {
  await citizen.goto(`${baseUrl}/?q=${encodeURIComponent('食品经营许可')}`);
  await citizen.getByTestId('item-card').filter({ hasText: '兰州市市场监督管理局' }).filter({ hasText: '食品经营许可' }).first().getByTestId('item-link').click();
  await citizen.getByTestId('apply-button').first().click();
  await citizen.getByTestId('field-operatorName').fill(form.operatorName);
  await citizen.getByTestId('field-address').fill(form.address);
  await citizen.getByTestId('field-category').click();
  await citizen.getByTestId('option-category-餐饮服务经营者').click();
  await citizen.getByTestId('field-items').fill('热食类食品制售');
  await citizen.getByTestId('field-safetyManager').fill(form.safetyManager);
  for (const code of ['M02', 'M03']) {
    await citizen.getByTestId(`upload-${code}`).setInputFiles(pdfFile(`${code}.pdf`));
    await citizen.getByTestId(`upload-result-${code}`).waitFor();
  }
  await citizen.getByTestId('submit-button').click();
  return (await citizen.getByTestId('created-case-no').innerText()).trim();
}

/** The workbench row of a case in one of the staff member's queues (`intake`, `approval` …), waited for. */
export async function queueRow(staff: Page, baseUrl: string, tab: string, caseNo: string) {
  await staff.goto(`${baseUrl}/workbench?tab=${tab}`);
  const row = staff.locator(`[data-testid="workbench-row"][data-case-no="${caseNo}"]`);
  await row.waitFor();
  return row;
}
