/** The door of the oidc module: what other modules and the composition root may use. */
export { purgeExpiredOidcPayloads } from './adapter.js';
export { OidcService } from './provider.js';
export type { OidcTtl } from './provider.js';
export { oidcAdminRoutes, oidcProviderRoutes } from './routes.js';
export { demoClient, seedDemoClient } from './seed.js';
