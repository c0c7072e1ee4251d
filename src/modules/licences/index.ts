/** The door of the licences module: what other modules and the composition root may use. */
export { createLicenceType, licenceTypeExists, newLicenceTypeSchema } from './createLicenceType.js';
export type { NewLicenceType } from './createLicenceType.js';
export { licenceRoutes } from './routes.js';
export { createSigningKey, issueLicence, licenceIdForCase, licenceTypeName } from './service.js';
export { revokeLicence } from './revokeLicence.js';
export type { FaceFieldSpec } from './tables.js';
export { signAsDepartment, verifyDepartmentSignature } from './departmentSignature.js';
