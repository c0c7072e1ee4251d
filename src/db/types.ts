import { customType } from 'drizzle-orm/pg-core';

/** bytea that reads back as a Buffer on both drivers (PGlite gives Uint8Array, pg gives Buffer). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
  toDriver: (value) => value,
});

/** A text in the platform's two languages. */
export type LocalText = { zh: string; en: string };
