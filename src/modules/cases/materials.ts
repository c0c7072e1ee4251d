import { sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { DomainError, isForeignKeyViolation, isUniqueViolation, listText, type FieldIssue } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/uuid.js';
import { applicantPrefill, isFetchedByPlatform, prefillSourcesOf, validateForm, type MaterialSpec, type PrefillSubject, type ServiceItem } from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import { caseMaterials } from './tables.js';
import { ownUploads } from './uploads.js';
import type { MaterialInput } from './service.js';

const EXT_MIME: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg' };
const megabytes = (bytes: number) => Number((bytes / 1048576).toFixed(1));

type OwnedUpload = { mime: string; size: number };

/** Checks the materials against the item's list and the caller's uploads; `present` are codes already on the case. */
export async function checkMaterials(tx: Executor, actor: Actor, specs: MaterialSpec[], materials: MaterialInput[], present: Set<string>) {
  checkMaterialCodes(specs, materials);
  const owned = await ownUploads(tx, actor, [...new Set(materials.map((m) => m.uploadId))]);
  checkMaterialUploads(specs, materials, owned, present);
}

/** Every material names one of the item's codes: checked before anything is read or written. */
export function checkMaterialCodes(specs: MaterialSpec[], materials: MaterialInput[]) {
  const known = new Set(specs.map((s) => s.code));
  for (const m of materials) if (!known.has(m.code)) throw new DomainError('MATERIAL_UNKNOWN', { code: m.code.slice(0, 40) });
}

/**
 * The rest of the checks, on the caller's own uploads among those named (`owned`, by id): each
 * named upload is the caller's, of a type and size the material accepts, and nothing required
 * is missing.
 */
export function checkMaterialUploads(specs: MaterialSpec[], materials: MaterialInput[], owned: ReadonlyMap<string, OwnedUpload>, present: Set<string>) {
  const byCode = new Map(specs.map((s) => [s.code, s]));
  const issues: FieldIssue[] = [];
  materials.forEach((m, i) => {
    if (!owned.has(m.uploadId)) issues.push({ path: `materials.${i}.uploadId`, code: 'INVALID' });
  });
  if (issues.length) throw new DomainError('VALIDATION', {}, issues);
  for (const m of materials) {
    const spec = byCode.get(m.code)!;
    const { mime, size } = owned.get(m.uploadId)!;
    if (!spec.accept.some((ext) => EXT_MIME[ext] === mime)) {
      throw new DomainError('MATERIAL_TYPE', { name: spec.name, accept: spec.accept.join('/').toUpperCase() });
    }
    // Each material has its own limit (办事指南 lists it); the upload limit is only the platform's ceiling.
    if (size > spec.maxBytes) {
      throw new DomainError('MATERIAL_TOO_LARGE', { name: spec.name, maxMb: megabytes(spec.maxBytes), sizeMb: megabytes(size) });
    }
  }
  const supplied = new Set([...present, ...materials.map((m) => m.code)]);
  // A material the platform reads itself (licence library, base registry: 免提交) is never asked for.
  const missing = specs.filter((s) => s.required && !supplied.has(s.code) && !isFetchedByPlatform(s));
  if (missing.length) throw new DomainError('MATERIAL_MISSING', { names: listText(missing.map((s) => s.name)) }, missing.map((s) => ({ path: `materials.${s.code}`, code: 'REQUIRED' })));
}

/**
 * The form checked against the item's definition. Prefilled identity fields take the applicant's
 * values from the identity record (`who`), whatever the client sent.
 */
export async function checkForm(tx: Executor, item: Pick<ServiceItem, 'form'>, form: Record<string, unknown>, who: PrefillSubject) {
  const prefill = await applicantPrefill(tx, who, prefillSourcesOf(item.form.fields));
  const { value, issues } = validateForm(item.form.fields, form, { prefill });
  if (issues.length) throw new DomainError('FORM_INVALID', {}, issues);
  return value;
}

/**
 * A list of upload ids as one `uuid[]` parameter, for `id = ANY(…)`. Not `IN (SELECT
 * jsonb_array_elements_text(…))`: under a generic plan PostgreSQL guesses 100 rows for the set
 * function and walks the owner's index instead of the primary key, so a clerk who uploaded for
 * thousands of walk-ins paid for all of them on every submission (5 ms against 1 ms with 30 000).
 * The ids are UUIDs checked at the boundary (contract.ts).
 */
export const uploadIdArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * Attaches uploads to a case (a resubmission's), each under the case's claim (`claimId`: the case,
 * or its bundle). An upload not yet claimed is claimed now; one claimed by another case or bundle
 * trips upload_claims' primary key (UPLOAD_IN_USE), as one attached twice to this case trips
 * case_materials' unique (upload, case).
 */
export async function attachMaterials(tx: Tx, caseId: string, materials: MaterialInput[], round: number, claimId: string) {
  if (materials.length === 0) return;
  const ids = [...new Set(materials.map((m) => m.uploadId))];
  try {
    await tx.execute(sql`
      INSERT INTO upload_claims (upload_id, claim_id)
      SELECT x::uuid, ${claimId}::uuid FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) AS x
      WHERE NOT EXISTS (SELECT 1 FROM upload_claims k WHERE k.upload_id = x::uuid AND k.claim_id = ${claimId}::uuid)`);
    await tx.insert(caseMaterials).values(materials.map((m) => ({ id: uuidv7(), caseId, materialCode: m.code, uploadId: m.uploadId, claimId, round })));
  } catch (e) {
    throw uniqueUploadError(e);
  }
}

/**
 * An upload already claimed by another case or bundle trips upload_claims' primary key (and one
 * named twice for one case case_materials' unique (upload, case)); one the purge of unattached
 * uploads removed meanwhile trips a foreign key.
 */
export function uniqueUploadError(e: unknown): unknown {
  if (isUniqueViolation(e)) return new DomainError('UPLOAD_IN_USE');
  if (isForeignKeyViolation(e)) return new DomainError('VALIDATION', {}, [{ path: 'materials', code: 'INVALID' }]);
  return e;
}
