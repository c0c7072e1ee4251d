import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { createPerson } from '../src/test/factories.js';
import { browserSuite, pdfFile, shot } from './harness.js';

const suite = browserSuite();
const dir = mkdtempSync(path.join(tmpdir(), 'yw-import-'));

/** The clerk's sheet: 事项名称 etc. as a clerk would fill them, code columns as text. */
async function sheet(name: string, rows: { code: string; promised: number }[]): Promise<string> {
  const header = ['基本编码', '实施编码', '事项名称', '事项类型', '实施部门', '法定时限', '承诺时限', '办件类型', '到现场次数', '办理地点', '办理时间', '咨询电话', '监督电话', '网办深度', '设定依据', '服务对象说明', '办理流程', '办理结果', '网上办理地址', '必须现场办理原因', '权力来源'];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('实施清单');
  ws.addRow(header);
  for (const r of rows) {
    ws.addRow(['000220099000', r.code, '人才引进落户 || Household registration for recruited talent', '20', 'GA', 20, r.promised, '承诺件', 1, '兰州市政务服务中心一楼公安窗口', '周一至周五 9:00–17:30', '0931-8462110', '12345', '1,2,3,4', '《兰州市人才引进落户实施办法》', '引进到本市工作的各类人才', '网上申请\n窗口受理\n审核办结', '户口簿迁入登记', '/?q=000220099000', '需本人到场采集照片并签字 || Photo and signature are taken in person', '法定本级行使']);
  }
  const ms = wb.addWorksheet('申请材料');
  ms.addRow(['实施编码', '材料编号', '材料名称', '是否必要', '材料说明', '文件格式', '大小上限（MB）', '来源渠道']);
  for (const r of rows) ms.addRow([r.code, 'M01', '引进人才认定文件', '是', '人才主管部门出具的认定文件扫描件', 'pdf,jpg', 5, '申请人自备']);
  // The applicant's name, ID number and mobile are filled by the server from the identity record.
  const fs = wb.addWorksheet('表单字段');
  fs.addRow(['实施编码', '字段名', '字段标签', '字段类型', '是否必填', '预填来源']);
  for (const r of rows) {
    fs.addRow([r.code, 'applicantName', '申请人姓名 || Applicant', 'text', '是', '申请人姓名']);
    fs.addRow([r.code, 'applicantIdNumber', '公民身份号码 || ID number', 'idNumber', '是', '申请人身份证号码']);
    fs.addRow([r.code, 'contactPhone', '联系电话 || Mobile', 'phone', '是', '申请人手机号码']);
  }
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

/** A request from the page, as the signed-in admin (session cookie and CSRF token). */
const post = (page: Page, url: string, body: unknown = {}) =>
  page.evaluate(
    async ([u, b]) => {
      const token = document.cookie.split('; ').find((c) => c.startsWith('yw_csrf='))?.slice(8) ?? '';
      const res = await fetch(u as string, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(token) }, body: JSON.stringify(b) });
      return { status: res.status, body: await res.json() };
    },
    [url, body] as const,
  );

test('a catalogue admin imports a sheet: a bad row is listed and nothing imported; the fixed sheet imports drafts, published through review by another admin; a citizen finds the item by its pinyin initials and applies with prefilled fields', async () => {
  const count = async () => (await suite.server.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_items WHERE code LIKE '000220099000%'`))[0]!.n;
  const admin = await suite.signIn(await suite.newPage(), 'zwfw.catalogue_admin');
  // The catalogue's pages offer it as a tab (the sign-in toast may still cover the menu: go there by its address).
  await admin.goto(`${suite.server.url}/admin/catalogue/import`);
  await admin.getByTestId('ca-tab-import').waitFor();

  // Row 3 promises 25 days where the law allows 20.
  await admin.locator('input[type=file]').setInputFiles(await sheet('bad.xlsx', [{ code: '00022009900062010001', promised: 10 }, { code: '00022009900062010002', promised: 25 }]));
  await admin.getByTestId('import-submit').click();
  const errors = admin.getByTestId('import-errors');
  await errors.waitFor();
  await errors.getByText('文件有 1 处错误，未导入任何内容').waitFor();
  const cells = await errors.locator('tbody tr').first().locator('td').allInnerTexts();
  assert.deepEqual(cells, ['实施清单', '3', '承诺时限', '承诺办结时限不能超过法定办结时限。']);
  await shot(admin, '60-catalogue-import-row-error');
  assert.equal(await count(), 0);

  await admin.locator('input[type=file]').setInputFiles(await sheet('fixed.xlsx', [{ code: '00022009900062010001', promised: 10 }, { code: '00022009900062010002', promised: 15 }]));
  await admin.getByTestId('import-submit').click();
  await admin.getByTestId('import-done').waitFor();
  await admin.getByTestId('import-summary').getByText('新建基本事项 1 项，新建实施清单 2 项').waitFor();
  await shot(admin, '61-catalogue-import-done');
  assert.equal(await count(), 2);
  const [item] = await suite.server.database.query<{ id: string; version_id: string; status: string }>(
    `SELECT s.id, v.id AS version_id, v.status FROM service_items s JOIN service_item_versions v ON v.service_item_id = s.id WHERE s.code = '00022009900062010001'`,
  );
  assert.equal(item!.status, 'draft');

  // Review: the importer submits and cannot approve; the platform admin (another node-wide admin) approves.
  assert.equal((await post(admin, `/api/catalog/admin/versions/${item!.version_id}/submit`)).body.status, 'review');
  assert.equal((await post(admin, `/api/catalog/admin/versions/${item!.version_id}/approve`)).body.code, 'SELF_REVIEW');
  const reviewer = await suite.signIn(await suite.newPage(), 'zwfw.platform_admin');
  assert.equal((await post(reviewer, `/api/catalog/admin/versions/${item!.version_id}/approve`)).body.status, 'published');

  // A citizen finds it by its pinyin initials (人才引进落户 → rcyjlh), reads the guide and applies.
  const person = await createPerson(suite.server.database.db);
  const citizen = await suite.signIn(await suite.newPage(), person.phone, person.password);
  await citizen.goto(suite.server.url);
  const box = citizen.getByTestId('search-input').locator('input');
  await box.click();
  await box.pressSequentially('rcyjlh', { delay: 30 });
  const suggestion = citizen.getByTestId('suggestion').filter({ hasText: '人才引进落户' });
  await suggestion.first().waitFor();
  assert.equal(await suggestion.count(), 1); // the published one; the other imported row is still a draft
  await shot(citizen, '62-catalogue-imported-suggested');
  await suggestion.click();
  await citizen.waitForURL((u) => u.pathname === `/items/${item!.id}`);
  assert.equal(await citizen.getByTestId('item-name').innerText(), '人才引进落户');
  await shot(citizen, '63-catalogue-imported-guide');

  await citizen.getByTestId('apply-button').first().click();
  await citizen.getByTestId('apply-form').waitFor();
  // Filled from the citizen's identity record, read-only, the ID and mobile numbers masked.
  const field = citizen.getByTestId('field-applicantName');
  await citizen.waitForFunction((name) => (document.querySelector('[data-testid="field-applicantName"]') as HTMLInputElement | null)?.value === name, person.name);
  assert.equal(await field.getAttribute('readonly'), '');
  assert.equal(await citizen.getByTestId('field-applicantIdNumber').inputValue(), `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(14)}`);
  assert.equal(await citizen.getByTestId('field-contactPhone').inputValue(), `${person.phone.slice(0, 3)}****${person.phone.slice(7)}`);
  await citizen.getByTestId('upload-M01').setInputFiles(pdfFile('人才认定文件.pdf'));
  await citizen.getByTestId('upload-result-M01').waitFor();
  await shot(citizen, '64-catalogue-imported-apply');
  await citizen.getByTestId('submit-button').click();
  const caseNo = (await citizen.getByTestId('created-case-no').innerText()).trim();
  assert.match(caseNo, /^620100-\d{8}-\d{6}$/);

  // 我的办件 lists it; the case holds the record's values, not the masked ones.
  await citizen.getByTestId('nav-my-cases').click();
  await citizen.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`).filter({ hasText: '人才引进落户' }).waitFor();
  await shot(citizen, '65-catalogue-imported-my-cases');
  const [application] = await suite.server.database.query<{ form: Record<string, unknown> }>(`SELECT form FROM cases WHERE case_no = $1`, [caseNo]);
  assert.deepEqual(application!.form, { applicantName: person.name, applicantIdNumber: person.idNumber, contactPhone: person.phone });
});
