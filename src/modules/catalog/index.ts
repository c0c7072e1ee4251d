/** The door of the catalog module: what other modules and the composition root may use. */
export { itemTypes } from './contentSchema.js';
export { createServiceItem, newServiceItemSchema } from './createServiceItem.js';
export type { CreateServiceItemOptions, NewServiceItem } from './createServiceItem.js';
export { applicantPrefill } from './forms/prefill.js';
export type { PrefillSubject } from './forms/prefill.js';
export { prefillSourcesOf, validateForm } from './forms/validate.js';
export type { FormData, FormValue } from './forms/validate.js';
export { isItemOffered } from './policy.js';
export { catalogRoutes } from './routes.js';
export { findItems, getAppliedItem, getItem, getItems, getServiceItem } from './service.js';
export type { ServiceItem } from './service.js';
export type { CatalogTopics, FormField, GuideData, MaterialSpec } from './tables.js';
export { enterpriseStages, lifeEvents } from './topics.js';
