import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { DIVISION_DATA_SOURCE, divisionChildren } from '../../../lib/divisions.js';
import { notFound } from '../../../lib/errors.js';
import { fieldMessages, fill, type Lang } from '../../../lib/i18n/messages.js';
import { requireActor } from '../../identity/index.js';
import { getServiceItem } from '../service.js';
import { formCheckBody, formCheckResult, formTryBody, formTryResult, prefillView, regionList, regionsQuery } from './contract.js';
import { assertMayDesignForms, mayReadOwnPrefill } from './policy.js';
import { applicantPrefill, maskedPrefill } from './prefill.js';
import { formDefinitionIssues, formDefinitionSchema } from './schema.js';
import { prefillSources, type FormField } from './types.js';
import { validateForm } from './validate.js';

type Issue = { path: string; code: string; params?: Record<string, string | number> };
const localise = (lang: Lang, issues: Issue[]) =>
  issues.map((i) => ({ path: i.path, code: i.code, message: fill(fieldMessages[lang][i.code] ?? fieldMessages[lang].INVALID!, i.params ?? {}) }));

function definitionIssues(fields: FormField[]): Issue[] {
  return formDefinitionIssues(fields).map((i) => ({ path: ['fields', ...i.path].join('.'), code: i.code, ...(i.params ? { params: i.params } : {}) }));
}

/** The form designer's checks, the address cascader's divisions and an applicant's own prefill values. */
export async function formRoutes(app: FastifyInstance, opts: { db: Db }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalog'];

  r.post(
    '/api/catalog/forms/check',
    { schema: { tags, summary: 'Checks a form definition (catalogue admins): names, conditions, options, tables, limits', body: formCheckBody, response: { 200: formCheckResult } } },
    async (req) => {
      assertMayDesignForms(requireActor(req));
      const issues = definitionIssues(req.body.fields);
      return { ok: issues.length === 0, issues: localise(req.lang, issues) };
    },
  );

  r.post(
    '/api/catalog/forms/try',
    { schema: { tags, summary: 'Validates sample data against a form definition as a submission would (catalogue admins)', body: formTryBody, response: { 200: formTryResult } } },
    async (req) => {
      assertMayDesignForms(requireActor(req));
      const defIssues = definitionIssues(req.body.definition.fields);
      if (defIssues.length) return { ok: false, definitionIssues: localise(req.lang, defIssues), value: {}, issues: [] };
      const { value, issues } = validateForm(req.body.definition.fields, req.body.data, { prefill: req.body.prefill ?? {} });
      return { ok: issues.length === 0, definitionIssues: [], value, issues: localise(req.lang, issues) };
    },
  );

  r.get(
    '/api/catalog/forms/items/:id/definition',
    { schema: { tags, summary: 'An item’s form definition in both languages, for the designer (catalogue admins)', params: z.object({ id: z.string().uuid() }), response: { 200: formDefinitionSchema } } },
    async (req) => {
      assertMayDesignForms(requireActor(req));
      const item = await getServiceItem(db, req.params.id);
      if (!item) throw notFound();
      return { fields: item.form.fields };
    },
  );

  r.get(
    '/api/catalog/forms/regions',
    { schema: { tags, summary: 'One level of the current GB/T 2260 divisions (the provinces without parent), development-zone codes left out', querystring: regionsQuery, response: { 200: regionList } } },
    async (req) => ({ source: DIVISION_DATA_SOURCE, items: [...divisionChildren(req.query.parent)] }),
  );

  r.get(
    '/api/catalog/forms/prefill',
    { schema: { tags, summary: 'The signed-in applicant’s own values for prefilled form fields, identity numbers masked', response: { 200: prefillView } } },
    async (req) => {
      const actor = requireActor(req);
      if (!mayReadOwnPrefill(actor)) return { values: {} };
      const values = await applicantPrefill(db, { accountId: actor.accountId, kind: actor.kind, agentAccountId: actor.agent?.accountId ?? null }, prefillSources);
      return { values: maskedPrefill(values) };
    },
  );
}
