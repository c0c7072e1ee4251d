import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { local, type Lang } from '../../lib/i18n/messages.js';
import { requireActor } from './httpSession.js';
import { DomainError } from '../../lib/errors.js';
import {
  createDepartment,
  createStaff,
  getStaff,
  grantRole,
  listStaff,
  policyFor,
  renameDepartment,
  revokeRole,
  setStaffActive,
  visibleDepartments,
  type OnDepartmentRenamed,
  type StaffView,
} from './staff.js';
import { DIVISION_DATA_SOURCE, divisionNames, divisionsWithin } from '../../lib/divisions.js';
import {
  departmentAdminList,
  departmentBody,
  departmentResponse,
  grantBody,
  grantParams,
  idParams,
  regionsOut,
  regionsQuery,
  renameBody,
  staffBody,
  staffList,
  staffResponse,
  type DepartmentOut,
} from './contract.js';

/** Staff administration: thin routes over staff.ts; every right is decided by staffPolicy. */
type Opts = {
  db: Db;
  regionCode: string;
  /** Brings what holds a unit's name up to date (the catalogue's search index), inside the rename's transaction. */
  onDepartmentRenamed: OnDepartmentRenamed;
};

export async function staffRoutes(app: FastifyInstance, opts: Opts) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staff administration'];

  const view = (lang: Lang, s: StaffView) => ({
    ...s,
    roles: s.roles.map((g) => ({ ...g, departmentName: local(lang, g.departmentName), grantedAt: g.grantedAt.toISOString() })),
  });
  const deptView = (d: Omit<DepartmentOut, 'regionName' | 'regionFullName'>) => {
    const region = divisionNames(d.regionCode);
    return { id: d.id, parentId: d.parentId, code: d.code, name: d.name, creditCode: d.creditCode, regionCode: d.regionCode, regionName: region?.name ?? null, regionFullName: region?.fullName ?? null };
  };

  r.get(
    '/api/admin/regions',
    {
      schema: {
        tags,
        summary: 'Current GB/T 2260 divisions within a division (default: the node’s), for choosing a unit’s region; development-zone codes left out',
        querystring: regionsQuery,
        response: { 200: regionsOut },
      },
    },
    async (req) => {
      if (requireActor(req).kind !== 'staff') throw new DomainError('FORBIDDEN');
      const within = req.query.within ?? opts.regionCode;
      return { within, source: DIVISION_DATA_SOURCE, items: divisionsWithin(within) };
    },
  );

  r.get(
    '/api/admin/departments',
    {
      schema: {
        tags,
        summary: 'The departments the caller administers (the whole tree for a platform admin), with what they may do',
        response: { 200: departmentAdminList },
      },
    },
    async (req) => {
      const policy = await policyFor(db, requireActor(req));
      return { items: (await visibleDepartments(db, policy)).map(deptView), grantableRoles: policy.grantableRoles(), mayCreateDepartments: policy.platform };
    },
  );

  r.post(
    '/api/admin/departments',
    { schema: { tags, summary: 'Create a unit at the root or under another (platform admin)', body: departmentBody, response: { 201: departmentResponse } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const d = await db.transaction(async (tx) => createDepartment(tx, actor, await policyFor(tx, actor), req.body, opts.regionCode));
      return reply.code(201).send({ department: deptView(d) });
    },
  );

  r.put(
    '/api/admin/departments/:id',
    { schema: { tags, summary: 'Rename a unit (platform admin)', params: idParams, body: renameBody, response: { 200: departmentResponse } } },
    async (req) => {
      const actor = requireActor(req);
      return { department: deptView(await db.transaction(async (tx) => renameDepartment(tx, actor, await policyFor(tx, actor), req.params.id, req.body.name, { onRenamed: opts.onDepartmentRenamed }))) };
    },
  );

  r.get(
    '/api/admin/departments/:id/staff',
    { schema: { tags, summary: 'Staff whose home unit this is (mobiles masked)', params: idParams, response: { 200: staffList } } },
    async (req) => {
      const policy = await policyFor(db, requireActor(req));
      return { items: (await listStaff(db, policy, req.params.id)).map((s) => view(req.lang, s)) };
    },
  );

  r.post(
    '/api/admin/staff',
    {
      schema: { tags, summary: 'Create a staff account with a first password (never returned or logged)', body: staffBody, response: { 201: staffResponse } },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const s = await db.transaction(async (tx) => createStaff(tx, actor, await policyFor(tx, actor), req.body));
      return reply.code(201).send({ staff: view(req.lang, s) });
    },
  );

  r.get('/api/admin/staff/:id', { schema: { tags, params: idParams, response: { 200: staffResponse } } }, async (req) => {
    const policy = await policyFor(db, requireActor(req));
    return { staff: view(req.lang, await getStaff(db, policy, req.params.id)) };
  });

  r.post(
    '/api/admin/staff/:id/roles',
    { schema: { tags, summary: 'Grant a role in a unit (takes effect on the holder’s next request)', params: idParams, body: grantBody, response: { 200: staffResponse } } },
    async (req) => {
      const actor = requireActor(req);
      const s = await db.transaction(async (tx) => grantRole(tx, actor, await policyFor(tx, actor), req.params.id, req.body.role, req.body.departmentId));
      return { staff: view(req.lang, s) };
    },
  );

  r.delete(
    '/api/admin/staff/:id/roles/:role/:departmentId',
    {
      schema: {
        tags,
        summary: 'Revoke a role',
        params: grantParams,
        response: { 200: staffResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const s = await db.transaction(async (tx) => revokeRole(tx, actor, await policyFor(tx, actor), req.params.id, req.params.role, req.params.departmentId));
      return { staff: view(req.lang, s) };
    },
  );

  for (const [verb, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    r.post(
      `/api/admin/staff/:id/${verb}`,
      {
        schema: {
          tags,
          summary: active ? 'Reactivate a staff account' : 'Deactivate a staff account: it can no longer sign in and its sessions end at once',
          params: idParams,
          response: { 200: staffResponse },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        const s = await db.transaction(async (tx) => setStaffActive(tx, actor, await policyFor(tx, actor), req.params.id, active));
        return { staff: view(req.lang, s) };
      },
    );
  }
}
