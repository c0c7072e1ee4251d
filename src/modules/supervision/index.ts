/** The door of the supervision module: what other modules and the composition root may use. */
export { appendAudit, verifyAuditChain } from './audit.js';
export type { AuditVerification } from './audit.js';
