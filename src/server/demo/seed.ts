import { readFileSync } from 'node:fs';
import { completeCreditCode, completeIdNumber } from '../../lib/identifiers.js';
import { generateKeyPair, type SigningAlg } from '../../lib/signing.js';
import { addSynonym, createServiceItem, createTheme, defaultSynonyms, importCatalogue } from '../../modules/catalog/index.js';
import { hashPassword, listDepartments, provisionApplicant, provisionDepartment, provisionStaff, type StaffRole } from '../../modules/identity/index.js';
import { createLicenceType, createSigningKey, licenceTypeExists } from '../../modules/licences/index.js';
import { setDocumentLetterhead } from '../../modules/cases/index.js';
import { addToEntityRegistry, addToPopulationRegistry } from '../../modules/registry/index.js';
import { demoRegistryPeople, syntheticPopulation } from '../../modules/registry/index.js';
import { seedDemoClient } from '../../modules/oidc/index.js';
import type { Database } from '../../db/client.js';
import { demoItems, demoLicenceTypes, demoThemes, demoTopics } from './catalog.js';
import { seedDemoHall } from './hall.js';
import { seedDemoCases } from './cases.js';
import { createFileStores, type FileStores } from '../../modules/files/index.js';

export const DEMO_PASSWORD = 'Demo2026!';

type DeptDef = {
  code: 'LZ' | 'SCJG' | 'GA' | 'MZ' | 'ZWFW' | 'GA-CG' | 'RS' | 'WJ' | 'ZRZY' | 'JT' | 'SCJG-CG' | 'MZ-CG' | 'SCJG-QL' | 'GA-QL' | 'MZ-QL' | 'RS-QL' | 'SW';
  zh: string;
  en: string;
  org: string;
  alg: SigningAlg;
  staff: [StaffRole, string][];
  /** The unit above in the department tree (created earlier in this list). */
  parent?: DeptDef['code'];
  /** A district inside the node's city: its last two GB/T 2260 digits (城关区 = 02). */
  district?: string;
};
const handling: [StaffRole, string][] = [
  ['clerk', '窗口'],
  ['approver', '审批'],
  ['admin', '管理员'],
];
// The department tree: the city government at the root, its bureaus below, and one district branch.
// New units go at the end: staff mobiles are numbered in this order.
const deptDefs: DeptDef[] = [
  { code: 'LZ', zh: '兰州市人民政府', en: 'Lanzhou Municipal People’s Government', org: '01380013', alg: 'Ed25519', staff: [] },
  { parent: 'LZ', code: 'SCJG', zh: '兰州市市场监督管理局', en: 'Lanzhou Administration for Market Regulation', org: '01380021', alg: 'SM2', staff: handling },
  { parent: 'LZ', code: 'GA', zh: '兰州市公安局', en: 'Lanzhou Public Security Bureau', org: '01380045', alg: 'Ed25519', staff: handling },
  { parent: 'LZ', code: 'MZ', zh: '兰州市民政局', en: 'Lanzhou Civil Affairs Bureau', org: '01380067', alg: 'Ed25519', staff: handling },
  // The node operator: runs the platform, the catalogue, data sharing and supervision.
  {
    code: 'ZWFW',
    parent: 'LZ',
    zh: '兰州市政务服务管理局',
    en: 'Lanzhou Government Services Administration',
    org: '01380089',
    alg: 'Ed25519',
    staff: [
      ['platform_admin', '平台管理员'],
      ['catalogue_admin', '事项管理员'],
      ['data_officer', '数据专员'],
      ['supervisor', '监察员'],
    ],
  },
  {
    code: 'GA-CG',
    parent: 'GA',
    district: '02',
    zh: '兰州市公安局城关分局',
    en: 'Chengguan Branch, Lanzhou Public Security Bureau',
    org: '01380101',
    alg: 'Ed25519',
    staff: [['clerk', '窗口']],
  },
  // The rest of the demo catalogue (catalogue.json): more city bureaus, and district units of
  // 城关区 (620102) and 七里河区 (620103) implementing the same basic items with their own limits and windows.
  { parent: 'LZ', code: 'RS', zh: '兰州市人力资源和社会保障局', en: 'Lanzhou Human Resources and Social Security Bureau', org: '01380315', alg: 'Ed25519', staff: [] },
  // Health takes part in the food business licence's parallel approval (并联审批) with market regulation.
  { parent: 'LZ', code: 'WJ', zh: '兰州市卫生健康委员会', en: 'Lanzhou Health Commission', org: '01380327', alg: 'Ed25519', staff: [['approver', '审批']] },
  { parent: 'LZ', code: 'ZRZY', zh: '兰州市自然资源局', en: 'Lanzhou Natural Resources Bureau', org: '01380339', alg: 'Ed25519', staff: [] },
  { parent: 'LZ', code: 'JT', zh: '兰州市交通运输局', en: 'Lanzhou Transport Bureau', org: '01380341', alg: 'Ed25519', staff: [] },
  { parent: 'SCJG', code: 'SCJG-CG', district: '02', zh: '兰州市城关区市场监督管理局', en: 'Chengguan District Administration for Market Regulation', org: '01380353', alg: 'Ed25519', staff: [] },
  { parent: 'MZ', code: 'MZ-CG', district: '02', zh: '兰州市城关区民政局', en: 'Chengguan District Civil Affairs Bureau', org: '01380365', alg: 'Ed25519', staff: [] },
  { parent: 'SCJG', code: 'SCJG-QL', district: '03', zh: '兰州市七里河区市场监督管理局', en: 'Qilihe District Administration for Market Regulation', org: '01380377', alg: 'Ed25519', staff: [] },
  { parent: 'GA', code: 'GA-QL', district: '03', zh: '兰州市公安局七里河分局', en: 'Qilihe Branch, Lanzhou Public Security Bureau', org: '01380389', alg: 'Ed25519', staff: [] },
  { parent: 'MZ', code: 'MZ-QL', district: '03', zh: '兰州市七里河区民政局', en: 'Qilihe District Civil Affairs Bureau', org: '01380391', alg: 'Ed25519', staff: [] },
  { parent: 'RS', code: 'RS-QL', district: '03', zh: '兰州市七里河区人力资源和社会保障局', en: 'Qilihe District Human Resources and Social Security Bureau', org: '01380403', alg: 'Ed25519', staff: [] },
  // The tax bureau is the national administration's, not the city government's: a root unit (发票申领 of 开办企业一件事).
  { code: 'SW', zh: '国家税务总局兰州市税务局', en: 'Lanzhou Municipal Tax Service, State Taxation Administration', org: '01380415', alg: 'Ed25519', staff: [] },
];

/** The demo catalogue beyond the six items above: a catalogue file in the import's JSON format. */
export const demoCatalogueFile = new URL('./catalogue.json', import.meta.url);

/** Demo people: synthetic but valid ID numbers (城关区 620102). */
export const demoCitizens = [
  { name: '张三', idNumber: completeIdNumber('62010219900307123'), phone: '13800000001' },
  { name: '李四', idNumber: completeIdNumber('62010219851112246'), phone: '13800000002' },
];
export const demoEntity = { name: '兰州一网通科技有限公司', creditCode: completeCreditCode('91620102', 'MA7ABC12'), phone: '13800000009' };
/** In the legal-entity registry with 李四 as legal representative, but not yet claimed on the platform. */
export const demoUnclaimedEntity = { name: '兰州黄河牛肉面餐饮有限公司', creditCode: completeCreditCode('91620103', 'MA7DEF34') };

export type DemoAccount = { role: string; username: string; password: string; name: string };

export function demoStaffUsername(dept: string, role: StaffRole) {
  return `${dept.toLowerCase()}.${role}`;
}

/**
 * Staff added after the first numbering (their mobiles follow everyone else's, so no earlier
 * account's changes): the public security bureau's head (负责人), who decides extensions (延期).
 */
const laterStaff: { dept: string; role: StaffRole; title: string }[] = [{ dept: 'GA', role: 'head', title: '负责人' }];

/** Staff sign in with two factors: the second is a code sent to these (synthetic) mobiles, 13900000011 onwards. */
export const demoStaffPhones: Record<string, string> = Object.fromEntries(
  [...deptDefs.flatMap((d) => d.staff.map(([role]) => demoStaffUsername(d.code, role))), ...laterStaff.map((l) => demoStaffUsername(l.dept, l.role))].map((username, i) => [
    username,
    `139000000${11 + i}`,
  ]),
);

export type SeedDemoOptions = {
  /**
   * The demo people's cases, drafts and appointment (cases.ts): on by default. The test suites seed
   * the city without them, so each test's queues and lists hold only what it made itself.
   */
  cases?: boolean;
  /** Where the demo cases' uploaded materials go: the server's stores (default: the database). */
  files?: FileStores;
};

/**
 * Seeds the demo city node once, through the modules' own use cases (each writes its audit event,
 * by nobody: the installation), then its cases, by the demo people themselves; a database that
 * already has departments is left alone.
 */
export async function seedDemo(database: Database, regionCode = '620100', opts: SeedDemoOptions = {}): Promise<boolean> {
  const { db } = database;
  if ((await listDepartments(db)).length > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const deptIds = new Map<string, string>();
    const accountIds = new Map<string, string>();
    for (const d of deptDefs) {
      const deptRegion = d.district ? `${regionCode.slice(0, 4)}${d.district}` : regionCode;
      const { id } = await provisionDepartment(
        tx,
        {
          code: d.code,
          name: { zh: d.zh, en: d.en },
          creditCode: completeCreditCode(`11${deptRegion}`, d.org),
          regionCode: deptRegion,
          parentId: d.parent ? deptIds.get(d.parent)! : null,
        },
        { nodeRegion: regionCode },
      );
      deptIds.set(d.code, id);
      if (d.staff.length) await createSigningKey(tx, id, d.alg, generateKeyPair(d.alg));
      for (const [role, title] of d.staff) {
        const username = demoStaffUsername(d.code, role);
        accountIds.set(username, await provisionStaff(tx, {
          departmentId: id,
          name: `${d.zh.replace('兰州市', '')}${title}`,
          username,
          phone: demoStaffPhones[username]!,
          passwordHash,
          roles: [role],
          mustChangePassword: false,
        }));
      }
    }
    for (const l of laterStaff) {
      const username = demoStaffUsername(l.dept, l.role);
      const dept = deptDefs.find((d) => d.code === l.dept)!;
      accountIds.set(username, await provisionStaff(tx, {
        departmentId: deptIds.get(l.dept)!,
        name: `${dept.zh.replace('兰州市', '')}${l.title}`,
        username,
        phone: demoStaffPhones[username]!,
        passwordHash,
        roles: [l.role],
        mustChangePassword: false,
      }));
    }
    const citizenIds: string[] = [];
    for (const c of demoCitizens) {
      citizenIds.push(await provisionApplicant(tx, { kind: 'person', name: c.name, idNumber: c.idNumber, phone: c.phone, passwordHash, level: 2 }));
      accountIds.set(c.phone, citizenIds.at(-1)!);
    }
    // 张三 is its legal representative, in the registry and on the platform.
    await provisionApplicant(tx, {
      kind: 'entity',
      name: demoEntity.name,
      creditCode: demoEntity.creditCode,
      phone: demoEntity.phone,
      passwordHash,
      level: 2,
      legalRepresentativeAccountId: citizenIds[0]!,
    });
    await addToEntityRegistry(tx, [
      { creditCode: demoEntity.creditCode, name: demoEntity.name, legalRepIdNumber: demoCitizens[0]!.idNumber },
      { creditCode: demoUnclaimedEntity.creditCode, name: demoUnclaimedEntity.name, legalRepIdNumber: demoCitizens[1]!.idNumber },
    ]);
    // The population registry public security keeps: the demo citizens, the people named in the README, and a crowd.
    const named = [...demoCitizens.map((c) => ({ ...c, regionCode: c.idNumber.slice(0, 6) })), ...Object.values(demoRegistryPeople)];
    const taken = new Set(named.map((p) => p.idNumber));
    await addToPopulationRegistry(tx, [...named, ...syntheticPopulation(300).filter((p) => !taken.has(p.idNumber))]);
    for (const { dept, ...lt } of demoLicenceTypes) {
      await createLicenceType(tx, { ...lt, departmentId: deptIds.get(dept)! }, { actorAccountId: null });
    }
    const hallItems: { id: string; dept: string }[] = [];
    const itemIds = new Map<string, string>();
    for (const { dept, ...it } of demoItems) {
      const row = await createServiceItem(tx, { ...it, topics: demoTopics[it.code] ?? {}, departmentId: deptIds.get(dept)! }, { actorAccountId: null, licenceTypeExists });
      hallItems.push({ id: row.id, dept });
      itemIds.set(it.code, row.id);
    }
    for (const s of defaultSynonyms) await addSynonym(tx, s, { actorAccountId: null });
    // The rest of the catalogue goes through the catalogue import, as the installation (published directly).
    await importCatalogue(tx, 'installation', { fileName: 'catalogue.json', bytes: readFileSync(demoCatalogueFile) }, { licenceTypeExists });
    // Theme services (一件事) over the catalogue's implementations, published as the installation.
    for (const theme of demoThemes) await createTheme(tx, theme, { actorAccountId: null, publish: true });
    // 机关代字 for the handling bureaus' documents (文号 such as 兰市监受字〔2026〕第1号); their seals are drawn.
    for (const [code, shortName] of [['SCJG', '兰市监'], ['GA', '兰公'], ['MZ', '兰民']] as const) {
      await setDocumentLetterhead(tx, null, deptIds.get(code)!, { shortName, sealPng: null });
    }
    await seedDemoClient(tx, deptIds.get('ZWFW')!);
    // The city's service hall: window groups, windows, opening hours and appointment slots.
    await seedDemoHall(tx, hallItems);
    if (opts.cases ?? true) {
      const files = opts.files ?? createFileStores({ STORAGE: 'db', DATA_DIR: '', S3_REGION: '', S3_PATH_STYLE: false }, db);
      await seedDemoCases(tx, { regionCode, accounts: accountIds, itemIds, files });
    }
  });
  return true;
}

export function demoAccounts(): DemoAccount[] {
  const list: DemoAccount[] = demoCitizens.map((c) => ({ role: 'citizen 市民', username: c.phone, password: DEMO_PASSWORD, name: c.name }));
  list.push({ role: 'enterprise 企业', username: demoEntity.creditCode, password: DEMO_PASSWORD, name: demoEntity.name });
  for (const d of deptDefs) {
    for (const [role] of d.staff) {
      list.push({ role: `${role} ${d.zh}`, username: demoStaffUsername(d.code, role), password: DEMO_PASSWORD, name: '' });
    }
  }
  for (const l of laterStaff) list.push({ role: `${l.role} ${deptDefs.find((d) => d.code === l.dept)!.zh}`, username: demoStaffUsername(l.dept, l.role), password: DEMO_PASSWORD, name: '' });
  return list;
}
