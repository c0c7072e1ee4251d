/** The door of the identity module: what other modules and the composition root may use. */
export { agentRoutes } from './agentRoutes.js';
export { checkIdentityInPerson, raiseLevelForPasskey } from './assurance.js';
export { cookieOptions, registerAuth, requireActor } from './httpSession.js';
export { hashPassword } from './passwords.js';
export { sealLegacyIdentifiers } from './rekey.js';
export { identityRoutes, startSession, userView } from './routes.js';
export { accountNames, accountPhone, assertSignInAllowed, authenticate, clearSignInFailures, endSession, findAccountByPhone, getDepartment, hasRole, listDepartments, loadActor, performerId, personIdentity, purgeExpiredSessions, recordSignInFailure, selfOf, signInKey } from './service.js';
export type { Actor, SignInMethod } from './service.js';
export { staffRoutes } from './staffRoutes.js';
export { accountRoles, accounts, authorisations, departments } from './tables.js';
export type { SessionChannel, StaffRole } from './tables.js';
