/** The door of the identity module: what other modules and the composition root may use. */
export { agentRoutes } from './agentRoutes.js';
export { checkIdentityInPerson, raiseLevelForPasskey } from './assurance.js';
export { cookieOptions, registerAuth, requireActor } from './httpSession.js';
export { hashPassword } from './passwords.js';
export { sealLegacyIdentifiers } from './rekey.js';
export { identityRoutes } from './routes.js';
export { kioskRoutes } from './signin/kiosk/routes.js';
export { otpRoutes } from './signin/otp/routes.js';
export { passkeyRoutes } from './signin/passkeys/routes.js';
export { qrLoginRoutes } from './signin/qr/routes.js';
export { purgeOldQrSignIns } from './signin/qr/service.js';
export { startSession } from './startSession.js';
export { userView } from './views.js';
export { accountNames, accountPhone, assertSignInAllowed, authenticate, clearSignInFailures, endSession, findAccountByPhone, getDepartment, hasRole, listDepartments, loadActor, performerId, personIdentity, purgeExpiredSessions, recordSignInFailure, selfOf, signInKey } from './service.js';
export type { Actor, SignInMethod } from './service.js';
export { staffRoutes } from './staffRoutes.js';
export { accountRoles, accounts, authorisations, departments } from './tables.js';
export type { SessionChannel, StaffRole } from './tables.js';
