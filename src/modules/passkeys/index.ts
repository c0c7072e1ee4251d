/** The door of the passkeys module: what other modules and the composition root may use. */
export { passkeyRoutes } from './routes.js';
export { hasPasskey } from './service.js';
