import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db, Tx } from '../db/client.js';
import { completeCreditCode, completeIdNumber } from '../lib/identifiers.js';
import { generateKeyPair, type SigningAlg } from '../lib/signing.js';
import { createServiceItem, type NewServiceItem } from '../modules/catalog/index.js';
import { provisionApplicant, provisionDepartment, provisionStaff, type ProvisionDepartmentInput, type StaffRole } from '../modules/identity/index.js';
import { createLicenceType, createSigningKey, licenceTypeExists, type NewLicenceType } from '../modules/licences/index.js';
import { demoCitizens } from '../server/demo/seed.js';
import { Client, samplePdf } from './app.js';

/**
 * Test data built through the modules' own use cases (the ones the demo seed and the admin pages
 * use), so a test says what it needs instead of leaning on the demo city's accounts. Each factory
 * runs in its own transaction unless given one; every code, name and number is fresh.
 */

let serial = 0;
/** A fresh suffix: unique within the run (counter) and across clones of the template (random). */
const fresh = () => `${(++serial).toString(36)}${randomInt(36 ** 4).toString(36).padStart(4, '0')}`.toUpperCase();
/** GB 32100 characters only (no I, O, S, V, Z), for the organisation-code part of a credit code. */
const org8 = () => Array.from({ length: 8 }, () => '0123456789ABCDEFGHJKLMNPQRTUWXY'[randomInt(31)]).join('');

const inTx = <T>(db: Db | Tx, work: (tx: Tx) => Promise<T>): Promise<T> => ('rollback' in db ? work(db as Tx) : (db as Db).transaction(work));

/** The password factory accounts get (passes the password policy). */
export const FACTORY_PASSWORD = 'Factory-Pa55word';

export type TestDepartment = { id: string; code: string; regionCode: string; name: { zh: string; en: string } };

/** A unit of the department tree (a root unit of the 兰州 node unless a parent is given), with a signing key. */
export async function createDepartment(
  db: Db | Tx,
  overrides: Partial<ProvisionDepartmentInput> & { nodeRegion?: string; alg?: SigningAlg | null } = {},
): Promise<TestDepartment> {
  const { nodeRegion = '620100', alg = 'Ed25519', ...input } = overrides;
  const suffix = fresh();
  return inTx(db, async (tx) => {
    const regionCode = input.regionCode ?? nodeRegion;
    const row = await provisionDepartment(
      tx,
      {
        parentId: null,
        code: `T-${suffix}`,
        name: { zh: `测试局${suffix}`, en: `Test Bureau ${suffix}` },
        creditCode: completeCreditCode(`11${regionCode}`, org8()),
        regionCode,
        ...input,
      },
      { nodeRegion },
    );
    if (alg) await createSigningKey(tx, row.id, alg, generateKeyPair(alg));
    return { id: row.id, code: row.code, regionCode: row.regionCode, name: row.name };
  });
}

export type TestStaff = { id: string; username: string; password: string; phone: string };

/** A staff member of a unit with the given roles there; sign in with `client.login(s.username, s.password)`. */
export async function createStaff(db: Db | Tx, departmentId: string, roles: StaffRole[], overrides: { name?: string } = {}): Promise<TestStaff> {
  const suffix = fresh().toLowerCase();
  const username = `t.${suffix}`;
  const phone = `137${String(randomInt(1e8)).padStart(8, '0')}`;
  const id = await inTx(db, (tx) =>
    provisionStaff(tx, { departmentId, name: overrides.name ?? `测试人员${suffix}`, username, phone, password: FACTORY_PASSWORD, roles, mustChangePassword: false }),
  );
  return { id, username, password: FACTORY_PASSWORD, phone };
}

export type TestPerson = { id: string; name: string; idNumber: string; phone: string; password: string };

/** A citizen's account (城关区 ID number, level 2 unless told); sign in with `client.login(p.phone, p.password)`. */
export async function createPerson(db: Db | Tx, overrides: { name?: string; level?: number } = {}): Promise<TestPerson> {
  const birth = `19${String(60 + randomInt(40))}0${1 + randomInt(9)}1${randomInt(10)}`;
  const idNumber = completeIdNumber(`620102${birth}${String(randomInt(1000)).padStart(3, '0')}`);
  const phone = `136${String(randomInt(1e8)).padStart(8, '0')}`;
  const name = overrides.name ?? `测试${fresh()}`;
  const id = await inTx(db, (tx) => provisionApplicant(tx, { kind: 'person', name, idNumber, phone, password: FACTORY_PASSWORD, level: overrides.level ?? 2 }));
  return { id, name, idNumber, phone, password: FACTORY_PASSWORD };
}

export type TestEntity = { id: string; name: string; creditCode: string; phone: string; password: string };

/** An enterprise's account (城关区 credit code, level 2 unless told); sign in with `client.login(e.phone, e.password)`. */
export async function createEntity(db: Db | Tx, overrides: { name?: string; level?: number } = {}): Promise<TestEntity> {
  const creditCode = completeCreditCode('91620102', org8());
  const phone = `135${String(randomInt(1e8)).padStart(8, '0')}`;
  const name = overrides.name ?? `测试企业${fresh()}有限公司`;
  const id = await inTx(db, (tx) => provisionApplicant(tx, { kind: 'entity', name, creditCode, phone, password: FACTORY_PASSWORD, level: overrides.level ?? 2 }));
  return { id, name, creditCode, phone, password: FACTORY_PASSWORD };
}

/** A licence type the department issues (GB/T 36904 code under the department's own credit code). */
export async function createLicenceTypeFor(db: Db | Tx, departmentId: string, overrides: Partial<NewLicenceType> = {}) {
  const seq = String(randomInt(1000)).padStart(3, '0');
  return inTx(db, async (tx) => {
    const code = overrides.code ?? `${completeCreditCode('11100000', org8())}${seq}`;
    return createLicenceType(
      tx,
      {
        code,
        departmentId,
        name: { zh: '测试证明', en: 'Test certificate' },
        validityYears: 1,
        faceFields: [
          { key: 'name', label: { zh: '姓名', en: 'Name' }, source: 'applicant.name' },
          { key: 'purpose', label: { zh: '用途', en: 'Purpose' }, source: 'form.purpose' },
          { key: 'caseNo', label: { zh: '编号', en: 'Number' }, source: 'case.caseNo' },
        ],
        ...overrides,
      },
      { actorAccountId: null },
    );
  });
}

type ItemContent = Omit<NewServiceItem, 'code' | 'departmentId' | 'published'>;
const t = (zh: string, en: string) => ({ zh, en });

/**
 * What a factory item holds: one required identity document (M01, pdf, uploaded by the applicant)
 * and one required `purpose` field, 5 statutory / 3 promised working days, for persons at level 2;
 * a guide with every element the consistency checker looks for (no problem).
 */
const itemContent = (suffix: string): ItemContent => ({
  itemType: '20',
  name: t(`测试事项${suffix}`, `Test item ${suffix}`),
  guide: {
    legalBasis: [{ name: t('测试依据', 'Test basis'), article: t('第一条', 'Art. 1'), text: t('测试条文', 'Test text') }],
    exerciseLevel: '3',
    legalLimitUnit: 'working_days',
    promisedLimitUnit: 'working_days',
    onlineUrl: 'https://zwfw.example.gov.cn/items/test',
    resultType: 'other',
    crossRegion: 'none',
    audience: t('测试对象', 'Test audience'),
    conditions: [],
    process: [t('申请', 'Apply'), t('受理', 'Intake'), t('办结', 'Done')],
    caseKind: 'promised',
    place: t('测试窗口', 'Test window'),
    hours: t('工作日', 'Working days'),
    contactPhone: '0931-0000000',
    complaintPhone: '12345',
    visits: 0,
    fees: [],
    result: t('测试结果', 'Test result'),
  },
  materials: [{ code: 'M01', name: t('身份证明', 'Identity document'), required: true, description: t('扫描件', 'Scan'), accept: ['pdf'], maxBytes: 5 * 1024 * 1024, source: 'applicant', form: 'electronic', medium: 'electronic' }],
  fields: [{ name: 'purpose', label: t('用途', 'Purpose'), type: 'text', required: true, maxLength: 50 }],
  legalLimitDays: 5,
  promisedLimitDays: 3,
  onlineDepth: [1, 2, 3, 4],
  licenceTypeCode: null,
  minLevel: 2,
});

/** A published service item of the department, with the factory content (`itemContent`) unless overridden. */
export async function createItem(db: Db | Tx, departmentId: string, overrides: Partial<NewServiceItem> = {}) {
  const suffix = fresh();
  return inTx(db, (tx) => createServiceItem(tx, { code: `T${suffix}`, departmentId, ...itemContent(suffix), ...overrides }, { actorAccountId: null, licenceTypeExists }));
}

/**
 * A basic item's content as `POST /api/catalog/admin/basic-items` takes it: the factory item's
 * guide, material and field under a fresh name, 10 statutory / 5 promised working days (room for a
 * region to promise less), for persons.
 */
export function basicItemContent(overrides: Partial<ItemContent> = {}): ItemContent {
  const suffix = fresh();
  return { ...itemContent(suffix), name: t(`基本事项${suffix}`, `Basic item ${suffix}`), legalLimitDays: 10, promisedLimitDays: 5, applicantKinds: ['person'], ...overrides };
}

/** A client signed in as a factory account: staff by username, a person or an entity by phone. */
export async function signIn(app: FastifyInstance, account: TestStaff | TestPerson | TestEntity): Promise<Client> {
  const c = new Client(app);
  await c.login('username' in account ? account.username : account.phone, account.password);
  return c;
}

/** A new staff member of the unit with these roles there, signed in. */
export async function signedInStaff(ctx: { app: FastifyInstance; database: { db: Db } }, departmentId: string, roles: StaffRole[]): Promise<Client> {
  return signIn(ctx.app, await createStaff(ctx.database.db, departmentId, roles));
}

/**
 * Runs a no-criminal-record case (public security, Ed25519) through intake and approval, as the
 * citizen, `ga.clerk` and `ga.approver` would, and returns the citizen's certificate as they see it.
 */
export async function issueNoCriminalRecordLicence(app: FastifyInstance) {
  const citizen = new Client(app);
  await citizen.login(demoCitizens[1]!.phone);
  const item = (await citizen.get('/api/catalog/items?q=无犯罪')).json().items[0];
  const upload = (await citizen.upload('id.pdf', samplePdf(), 'application/pdf')).json().id;
  const receipt = (await citizen.post('/api/cases', { itemId: item.id, form: { purpose: '就业' }, materials: [{ code: 'M01', uploadId: upload }] })).json();
  const clerk = new Client(app);
  await clerk.login('ga.clerk');
  await clerk.post(`/api/cases/${receipt.id}/accept`, {});
  const approver = new Client(app);
  await approver.login('ga.approver');
  const done = (await approver.post(`/api/cases/${receipt.id}/approve`, { opinion: '经查询，未发现犯罪记录。' })).json();
  const licence = (await citizen.get(`/api/licences/${done.licence.id}`)).json();
  return { citizen, approver, licence, code: licence.verifyUrl.split('/verify/')[1] as string };
}
