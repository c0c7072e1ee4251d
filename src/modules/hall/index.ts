/** The door of the hall module: what other modules and the composition root may use. */
export { hallRoutes } from './routes.js';
