import type { Executor } from '../../db/client.js';
import { maskIdNumber } from '../../lib/mask.js';
import { local, type Lang } from '../../lib/i18n/messages.js';
import { getDepartment, personIdentity, selfOf, type Actor } from './service.js';

/** The signed-in person; `actingFor` names the principal when they act for one. */
export async function userView(db: Executor, actor: Actor, lang: Lang) {
  const self = selfOf(actor);
  const person = self.kind === 'person' ? await personIdentity(db, self.accountId) : null;
  const dept = self.departmentId ? await getDepartment(db, self.departmentId) : null;
  return {
    id: self.accountId,
    kind: self.kind,
    name: self.name,
    level: self.level,
    ...(person?.idNumber ? { maskedIdNumber: maskIdNumber(person.idNumber) } : {}),
    roles: [...new Set(self.roles.map((r) => r.role))],
    ...(actor.mustChangePassword ? { mustChangePassword: true } : {}),
    ...(dept ? { department: { id: dept.id, name: local(lang, dept.name) } } : {}),
    ...(actor.agent
      ? { actingFor: { id: actor.accountId, kind: actor.kind as 'person' | 'entity', name: actor.name, level: actor.level, authorisationId: actor.agent.authorisationId, itemCodes: actor.agent.itemCodes } }
      : {}),
  };
}
