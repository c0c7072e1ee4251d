/** The door of the qrlogin module: what other modules and the composition root may use. */
export { qrLoginRoutes } from './routes.js';
export { purgeOldQrSignIns } from './service.js';
