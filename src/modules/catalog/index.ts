/** The door of the catalog module: what other modules and the composition root may use. */
export { createServiceItem, itemTypes, newServiceItemSchema } from './createServiceItem.js';
export type { CreateServiceItemOptions, NewServiceItem } from './createServiceItem.js';
export { validateForm } from './forms/validate.js';
export { isItemOffered } from './policy.js';
export { catalogRoutes } from './routes.js';
export { findItems, getItem, getItems, getServiceItem } from './service.js';
export type { ServiceItem } from './service.js';
export type { FormField, GuideData, MaterialSpec } from './tables.js';
