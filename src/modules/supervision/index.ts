/** The door of the supervision module: what other modules and the composition root may use. */
export { appendAudit, auditAppendCall, verifyAuditChain } from './audit.js';
export type { AuditVerification, LateDetail } from './audit.js';
