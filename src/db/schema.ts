export * from '../modules/identity/schema.js';
export * from '../modules/catalog/schema.js';
export * from '../modules/cases/schema.js';
export * from '../modules/licences/schema.js';
export * from '../modules/supervision/schema.js';
export * from '../modules/oidc/schema.js';
