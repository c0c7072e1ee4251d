import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Each module owns its tables (src/modules/<m>/tables.ts, or a sub-folder's: cases/hall/tables.ts, identity/signin/otp/tables.ts); db/ keeps only the platform's own.
  schema: ['./src/modules/*/tables.ts', './src/modules/*/*/tables.ts', './src/modules/*/*/*/tables.ts', './src/db/platformTables.ts'],
  out: './src/db/migrations',
});
