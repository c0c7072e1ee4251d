import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import type { CatalogContent } from '../tables.js';
import type { SheetRow } from './sheet.js';
import { catalogueWorkbook } from './exportCatalogue.js';
import { readCsv, readXlsx, type Grid } from './read.js';
import { entryRow, fieldRows, implementationColumns, materialColumns, materialRows, readEntries } from './sheet.js';

const t = (zh: string, en: string) => ({ zh, en });

/** An implementation that uses every guide element, material detail and form-field property the sheet carries. */
const full: CatalogContent = {
  name: t('药品零售企业许可', 'Retail pharmacy licence'),
  itemType: '01',
  guide: {
    legalBasis: [
      { name: t('《中华人民共和国药品管理法》', 'Drug Administration Law of the PRC'), article: t('第五十二条', 'Art. 52'), text: t('从事药品经营活动应当具备以下条件', 'A drug business shall meet these conditions') },
      t('《药品经营许可证管理办法》', 'Measures for Drug Business Licences'),
    ],
    audience: t('在本市开办药品零售企业的申请人', 'Applicants opening a retail pharmacy in the city'),
    conditions: [t('有依法经过资格认定的药师', 'A qualified pharmacist')],
    process: [t('申请', 'Apply'), t('受理', 'Intake'), t('审查', 'Review'), t('决定', 'Decision')],
    caseKind: 'promised',
    place: t('市政务服务中心二楼', 'Second floor, city service centre'),
    hours: t('工作日 9:00–17:00', 'Working days 9:00–17:00'),
    contactPhone: '0931-8450002',
    complaintPhone: '12345',
    visits: 1,
    fees: [{ name: t('证书工本费', 'Certificate fee'), amountFen: 1050, basis: t('《行政事业性收费标准》', 'Administrative fee schedule') }],
    result: t('药品经营许可证', 'Drug business licence'),
    exerciseLevel: '3',
    powerSource: 'delegated',
    powerSourceNote: t('省药监局下放（甘药监发〔2023〕1号）', 'Delegated by the provincial bureau'),
    implementingBody: t('市市场监督管理局', 'City market regulation bureau'),
    legalLimitUnit: 'working_days',
    legalLimitNote: t('不含现场检查时间', 'Inspection time not counted'),
    promisedLimitUnit: 'working_days',
    promisedLimitNote: t('材料齐全之日起计算', 'From the day the materials are complete'),
    onlineUrl: '/?q=000201001000',
    visitReason: t('需现场核验药师执业资格原件', 'The pharmacist’s licence is checked in person'),
    feeWaivers: [{ description: t('小微企业免收', 'Free for small businesses'), basis: t('财税〔2023〕12号', 'Cai Shui [2023] 12') }, { description: t('补证半价', 'Half price for a replacement') }],
    resultType: 'licence',
    resultSampleUrl: '/guide-files/sample-licence.pdf',
    intermediaryServices: [{ name: t('场所平面图测绘', 'Premises survey'), required: false, basis: t('自愿委托', 'Optional') }],
    specialProcedures: [
      { kind: 'inspection', name: t('现场检查', 'On-site inspection'), limit: 15, unit: 'working_days', note: t('不计入办理时限', 'Not counted in the limit') },
      { kind: 'public_notice', name: t('公示', 'Public notice') },
    ],
    crossRegion: 'provincial',
    consultAddress: t('一楼咨询台', 'Ground-floor enquiry desk'),
    consultUrl: 'https://zwfw.example.gov.cn/consult',
    complaintAddress: t('一楼投诉窗口', 'Ground-floor complaint desk'),
    complaintUrl: 'https://zwfw.example.gov.cn/complaint',
    faq: [{ question: t('可以委托他人办理吗？', 'May someone apply for me?'), answer: t('可以，需提供授权委托书。', 'Yes, with a power of attorney.') }],
  },
  materials: [
    { code: 'M01', name: t('申请人身份证明', 'Identity document'), required: true, description: t('由系统调取', 'Read by the system'), accept: ['pdf', 'jpg'], maxBytes: 5 * 1024 * 1024, source: 'licence', licenceTypeCode: '11100000000019200N001', form: 'electronic', medium: 'electronic' },
    { code: 'M02', name: t('营业执照', 'Business licence'), required: true, description: t('法人库调取', 'From the entity registry'), accept: ['pdf'], maxBytes: 2 * 1024 * 1024, source: 'registry', registry: 'entity', form: 'electronic', medium: 'electronic' },
    { code: 'M03', name: t('药师执业证书', 'Pharmacist licence'), required: true, description: t('原件', 'Original'), accept: ['pdf', 'png'], maxBytes: 5 * 1024 * 1024, source: 'applicant', form: 'original', copies: 1, medium: 'both', blankFormUrl: '/guide-files/blank.pdf', sampleUrl: '/guide-files/sample.pdf' },
  ],
  form: {
    fields: [
      { name: 'applicantName', label: t('申请人', 'Applicant'), type: 'text', required: true, prefill: 'applicant.name' },
      { name: 'scope', label: t('经营范围', 'Scope'), type: 'checkboxes', required: true, options: [{ value: 'otc', label: t('非处方药', 'OTC') }, { value: 'rx', label: t('处方药', 'Prescription') }], minCount: 1, maxCount: 2 },
      { name: 'rxPharmacist', label: t('处方审核药师', 'Reviewing pharmacist'), type: 'text', required: false, visibleWhen: { field: 'scope', op: 'in', values: ['rx'] }, requiredWhen: { field: 'scope', op: 'in', values: ['rx'] } },
      { name: 'staff', label: t('从业人员', 'Staff'), type: 'table', required: true, minRows: 1, maxRows: 20, columns: [{ name: 'name', label: t('姓名', 'Name'), type: 'text', required: true }] },
    ],
  },
  legalLimitDays: 20,
  promisedLimitDays: 10,
  onlineDepth: [1, 2, 3, 4],
  licenceTypeCode: '11100000000013338W017',
  minLevel: 2,
  applicantKinds: ['entity'],
  topics: {},
};

const entry = { basicCode: '000201001000', code: '00020100100062010001', departmentCode: 'SCJG', regionCode: '620100', content: full };

/** Cells of an ExcelJS worksheet as a grid, the way the importer reads it (via a real xlsx file). */
async function viaXlsx(): Promise<Grid[]> {
  const bytes = await catalogueWorkbook([entryRow(entry, false)], materialRows(entry.code, full.materials), fieldRows(entry.code, full.form.fields));
  return readXlsx(bytes, 1000);
}

describe('the sheet carries every guide element', () => {
  it('an exported workbook reads back as the same implementation, element for element', async () => {
    const { entries, issues } = readEntries(await viaXlsx(), false);
    expect(issues).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.content).toEqual(full);
  });

  it('a CSV export reads back the same (materials and fields in their JSON columns)', () => {
    const header = implementationColumns.map((c) => c.zh);
    const row = implementationColumns.map((c) => entryRow(entry, true)[c.key] ?? '');
    const grid = readCsv(Buffer.from(stringify([header, row], { bom: true })), 1000);
    const { entries, issues } = readEntries([grid], true);
    expect(issues).toEqual([]);
    expect(entries[0]!.content).toEqual(full);
  });

  it('writes codes as the Chinese labels a clerk reads, and reads labels, English labels and codes alike', async () => {
    const bytes = await catalogueWorkbook([entryRow(entry, false)], materialRows(entry.code, full.materials), []);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const cell = (zh: string) => String(ws.getRow(2).getCell(header.indexOf(zh) + 1).value);
    expect(cell('权力来源')).toBe('上级下放');
    expect(cell('通办范围')).toBe('省内通办');
    expect(cell('特别程序').split('\n')[0]).toBe('检验检测｜现场检查 || On-site inspection｜15｜工作日｜不计入办理时限 || Not counted in the limit');
    expect(cell('设定依据').split('\n')[0]).toContain('｜第五十二条 || Art. 52｜');

    // A clerk's own file: English label for the power source, a code for the scope.
    const clerks: SheetRow = { ...entryRow(entry, true), powerSource: 'Delegated by a higher level', crossRegion: 'provincial', resultType: '证照' };
    const csv = [
      implementationColumns.map((c) => c.zh),
      implementationColumns.map((c) => clerks[c.key] ?? ''),
    ];
    const { entries, issues } = readEntries([readCsv(Buffer.from(stringify(csv)), 1000)], true);
    expect(issues).toEqual([]);
    expect(entries[0]!.content.guide).toMatchObject({ powerSource: 'delegated', crossRegion: 'provincial', resultType: 'licence' });
  });

  it('names the row and column of a code no list has and of a malformed list line', () => {
    const bad: SheetRow = { ...entryRow(entry, true), exerciseLevel: '省部级', intermediaryServices: '测绘｜也许', specialProcedures: '巡视｜检查' };
    const grid = readCsv(Buffer.from(stringify([implementationColumns.map((c) => c.zh), implementationColumns.map((c) => bad[c.key] ?? '')])), 1000);
    const { issues } = readEntries([grid], true);
    expect(issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, '行使层级', 'BAD_OPTION'],
      [2, '中介服务', 'LIST_FORMAT'],
      [2, '特别程序', 'LIST_FORMAT'],
    ]);
  });

  it('reads a material sheet without the new columns as before (the elements stay unset)', async () => {
    const bytes = await catalogueWorkbook([entryRow(entry, false)], materialRows(entry.code, full.materials), []);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const old = wb.worksheets[1]!;
    const keep = materialColumns.slice(0, 7).length;
    old.spliceColumns(keep + 1, materialColumns.length - keep);
    const { entries } = readEntries(await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()), 1000), false);
    expect(entries[0]!.content.materials[2]).toEqual({ code: 'M03', name: full.materials[2]!.name, required: true, description: full.materials[2]!.description, accept: ['pdf', 'png'], maxBytes: 5 * 1024 * 1024 });
  });
});

