/** The door of the kiosk module: what other modules and the composition root may use. */
export { kioskRoutes } from './routes.js';
