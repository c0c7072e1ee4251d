import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Client, createTestApp, samplePdf, type TestContext } from '../../../test/app.js';
import { basicItemContent, createDepartment, createItem, createPerson, signedInStaff, signIn } from '../../../test/factories.js';
import { purgeUnattachedUploads } from '../uploads.js';
import { createFileStores } from '../../files/index.js';
import { loadConfig } from '../../../server/config.js';
import { auditEvents } from '../../supervision/tables.js';
import { caseDrafts, uploads } from '../tables.js';

/**
 * 暂存: an applicant saves an application half done, finds it in 我的办件, resumes it with the form
 * and files as left, and submits it (the draft ends in the submission's transaction); a draft is
 * its owner's only; a draft under an item version no longer offered says so.
 */
let ctx: TestContext;
let itemId: string;
let alice: Client;
let bob: Client;
let deptId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  const dept = await createDepartment(db);
  deptId = dept.id;
  itemId = (await createItem(db, dept.id)).id;
  alice = await signIn(ctx.app, await createPerson(db, { name: '李草稿' }));
  bob = await signIn(ctx.app, await createPerson(db, { name: '王旁人' }));
});
afterAll(() => ctx.close());

const uploadAs = async (c: Client, text: string) => (await c.upload(`${text}.pdf`, samplePdf(text), 'application/pdf')).json().id as string;

describe('drafts', () => {
  it('saves a half-filled application, lists it, resumes it with its fields and files, and autosave overwrites the one draft', async () => {
    const upload = await uploadAs(alice, 'draft-id');
    const saved = await alice.request('PUT', `/api/drafts/${itemId}`, { form: { purpose: '就' }, materials: [{ code: 'M01', uploadId: upload }] });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().versionOffered).toBe(true);
    // Autosave a moment later: the same draft, the newer text.
    const again = await alice.request('PUT', `/api/drafts/${itemId}`, { form: { purpose: '就业' }, materials: [{ code: 'M01', uploadId: upload }] });
    expect(again.json().id).toBe(saved.json().id);
    const list = (await alice.get('/api/drafts')).json().items;
    expect(list).toHaveLength(1);
    expect(list[0].item.id).toBe(itemId);
    const resumed = (await alice.get(`/api/drafts/${itemId}`)).json();
    expect(resumed.form).toEqual({ purpose: '就业' });
    expect(resumed.materials).toEqual([{ code: 'M01', upload: expect.objectContaining({ id: upload, fileName: 'draft-id.pdf' }) }]);
    // Created once in the audit log, not once per autosave.
    const audits = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, saved.json().id), eq(auditEvents.action, 'case_draft.create')));
    expect(audits).toHaveLength(1);
  });

  it('keeps a draft’s files through the purge of unattached uploads', async () => {
    const { db } = ctx.database;
    const upload = (await alice.get(`/api/drafts/${itemId}`)).json().materials[0].upload.id;
    await purgeUnattachedUploads(db, createFileStores(loadConfig({}), db), { olderThan: new Date(Date.now() + 60_000) });
    expect(await db.select().from(uploads).where(eq(uploads.id, upload))).toHaveLength(1);
  });

  it('a submission that fails keeps the draft; the one that succeeds ends it in the same transaction', async () => {
    const draft = (await alice.get(`/api/drafts/${itemId}`)).json();
    const bad = await alice.post('/api/cases', { itemId, form: {}, materials: [{ code: 'M01', uploadId: draft.materials[0].upload.id }] });
    expect(bad.statusCode).toBe(422);
    expect((await alice.get(`/api/drafts/${itemId}`)).statusCode).toBe(200);
    const ok = await alice.post('/api/cases', { itemId, form: draft.form, materials: [{ code: 'M01', uploadId: draft.materials[0].upload.id }] });
    expect(ok.statusCode).toBe(201);
    expect((await alice.get(`/api/drafts/${itemId}`)).statusCode).toBe(404);
    expect((await alice.get('/api/drafts')).json().items).toEqual([]);
    expect(await ctx.database.db.select().from(caseDrafts).where(eq(caseDrafts.id, draft.id))).toEqual([]);
    // The audit chain shows the draft became this case: its submission names the draft it ended.
    const [submitted] = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, ok.json().id), eq(auditEvents.action, 'case.submit')));
    expect(submitted!.detail).toMatchObject({ draftId: draft.id, caseNo: ok.json().caseNo });
    const c = (await alice.get(`/api/cases/${ok.json().id}`)).json();
    expect(c.form.purpose).toBe('就业');
    expect(c.materials.map((m: { fileName: string }) => m.fileName)).toEqual(['draft-id.pdf']);
  });

  it('is its owner’s only: another applicant neither sees, overwrites nor deletes it, nor puts someone else’s file in theirs', async () => {
    const upload = await uploadAs(alice, 'alice-only');
    await alice.request('PUT', `/api/drafts/${itemId}`, { form: { purpose: '爱丽丝' }, materials: [{ code: 'M01', uploadId: upload }] });
    expect((await bob.get(`/api/drafts/${itemId}`)).statusCode).toBe(404);
    expect((await bob.get('/api/drafts')).json().items).toEqual([]);
    expect((await bob.request('DELETE', `/api/drafts/${itemId}`)).statusCode).toBe(404);
    const stolen = await bob.request('PUT', `/api/drafts/${itemId}`, { form: { purpose: '鲍勃' }, materials: [{ code: 'M01', uploadId: upload }] });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().code).toBe('VALIDATION');
    // Bob's own draft of the same item is his, and Alice's is untouched.
    expect((await bob.request('PUT', `/api/drafts/${itemId}`, { form: { purpose: '鲍勃' }, materials: [] })).statusCode).toBe(200);
    expect((await alice.get(`/api/drafts/${itemId}`)).json().form).toEqual({ purpose: '爱丽丝' });
    // Staff keep no drafts.
    const clerk = await signedInStaff(ctx, deptId, ['clerk']);
    expect((await clerk.request('PUT', `/api/drafts/${itemId}`, { form: {}, materials: [] })).statusCode).toBe(403);
    // Deleting is the owner's: gone for her, Bob's stays.
    expect((await alice.request('DELETE', `/api/drafts/${itemId}`)).statusCode).toBe(204);
    expect((await alice.get(`/api/drafts/${itemId}`)).statusCode).toBe(404);
    expect((await bob.get(`/api/drafts/${itemId}`)).json().form).toEqual({ purpose: '鲍勃' });
  });

  it('says when the item is no longer offered under the draft’s version, and saving again starts under the current one', async () => {
    const { db } = ctx.database;
    const dept = await createDepartment(db);
    const zwfw = await createDepartment(db);
    const nodeAdmin = await signedInStaff(ctx, zwfw.id, ['catalogue_admin']);
    const author = await signedInStaff(ctx, dept.id, ['admin']);
    const reviewer = await signedInStaff(ctx, dept.id, ['admin']);
    const code = `B${Date.now().toString(36).toUpperCase().slice(-6)}`;
    const basic = (await nodeAdmin.post('/api/catalog/admin/basic-items', { code, content: basicItemContent() })).json();
    const created = (await author.post('/api/catalog/admin/implementations', { basicItemId: basic.id, departmentId: dept.id, code: `${code}A01`, overrides: {} })).json();
    await author.post(`/api/catalog/admin/versions/${created.versionId}/submit`);
    expect((await reviewer.post(`/api/catalog/admin/versions/${created.versionId}/approve`, {})).statusCode).toBe(200);
    await alice.request('PUT', `/api/drafts/${created.id}`, { form: { purpose: '旧版' }, materials: [] });
    expect((await alice.get(`/api/drafts/${created.id}`)).json().versionOffered).toBe(true);
    // Version 2 is published: the draft was filled under version 1.
    const v2 = (await author.post(`/api/catalog/admin/implementations/${created.id}/drafts`)).json();
    await author.request('PUT', `/api/catalog/admin/versions/${v2.id}/overrides`, { overrides: { promisedLimitDays: 2 } });
    await author.post(`/api/catalog/admin/versions/${v2.id}/submit`);
    expect((await reviewer.post(`/api/catalog/admin/versions/${v2.id}/approve`, {})).statusCode).toBe(200);
    const stale = (await alice.get(`/api/drafts/${created.id}`)).json();
    expect(stale.versionOffered).toBe(false);
    expect((await alice.get('/api/drafts')).json().items.find((d: { item: { id: string } }) => d.item.id === created.id).versionOffered).toBe(false);
    const restarted = (await alice.request('PUT', `/api/drafts/${created.id}`, { form: {}, materials: [] })).json();
    expect(restarted.versionOffered).toBe(true);
  });
});
