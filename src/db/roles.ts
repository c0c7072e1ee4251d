import type { Database } from './client.js';

/**
 * PostgreSQL role separation (issue 7, point 11): the owner role runs migrations and owns every
 * table; the application role reads and writes business data but may only read the audit tables
 * and append through `audit_append` (SECURITY DEFINER, owned by the owner). So someone holding the
 * application's password cannot rewrite or shorten the audit log: UPDATE, DELETE and TRUNCATE on
 * the audit tables are not granted, and only a table's owner may disable its triggers.
 */

/** Tables the application role may read but never change directly. */
export const AUDIT_TABLES = ['audit_events', 'audit_head'] as const;

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function schemaExists(owner: Database, name: string): Promise<boolean> {
  const rows = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', [name]);
  return (rows[0]?.n ?? 0) > 0;
}

/**
 * Grants the application role what it needs after migrations, run as the owner on every start so
 * tables added by new migrations are covered. The job queue (pg-boss) creates and maintains its own
 * `pgboss` schema at run time, so the application role may create a schema and owns that one.
 */
export async function grantApplicationRole(owner: Database, appRole: string): Promise<void> {
  const app = quoteIdent(appRole);
  const [db] = await owner.query<{ name: string }>('SELECT current_database() AS name');
  const statements = [
    `GRANT CONNECT, CREATE ON DATABASE ${quoteIdent(db!.name)} TO ${app}`,
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${AUDIT_TABLES.join(', ')} FROM ${app}`,
    `GRANT SELECT ON ${AUDIT_TABLES.join(', ')} TO ${app}`,
    `GRANT EXECUTE ON FUNCTION audit_append(text, timestamptz, uuid, text, text, text, jsonb) TO ${app}`,
  ];
  // The migrations journal: /healthz reports the applied migration.
  if (await schemaExists(owner, 'drizzle')) {
    statements.push(`GRANT USAGE ON SCHEMA drizzle TO ${app}`, `GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${app}`);
  }
  // A job schema made by the owner (a single-role install switched to two roles): hand it over.
  if (await schemaExists(owner, 'pgboss')) {
    statements.push(
      `GRANT USAGE, CREATE ON SCHEMA pgboss TO ${app}`,
      `GRANT ALL ON ALL TABLES IN SCHEMA pgboss TO ${app}`,
      `GRANT ALL ON ALL SEQUENCES IN SCHEMA pgboss TO ${app}`,
    );
  }
  for (const s of statements) await owner.query(s);
}

export type RoleSeparation =
  | { separated: true; appRole: string; ownerRole: string }
  | { separated: false; appRole: string; why: string };

/**
 * Whether the application's connection really cannot rewrite the audit log: it must not own the
 * audit tables, not be a superuser, and hold no UPDATE/DELETE/TRUNCATE on them.
 */
export async function checkRoleSeparation(app: Database): Promise<RoleSeparation> {
  const [me] = await app.query<{ role: string; superuser: boolean }>(
    'SELECT current_user AS role, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
  );
  const appRole = me!.role;
  if (me!.superuser) return { separated: false, appRole, why: `the application role "${appRole}" is a superuser` };
  const [t] = await app.query<{ owner: string; can_change: boolean }>(
    `SELECT pg_get_userbyid(c.relowner) AS owner,
            has_table_privilege('audit_events', 'UPDATE') OR has_table_privilege('audit_events', 'DELETE')
            OR has_table_privilege('audit_events', 'TRUNCATE') OR has_table_privilege('audit_head', 'UPDATE') AS can_change
       FROM pg_class c WHERE c.oid = 'audit_events'::regclass`,
  );
  if (!t) return { separated: false, appRole, why: 'the audit tables do not exist' };
  if (t.owner === appRole) return { separated: false, appRole, why: `the application role "${appRole}" owns the audit tables` };
  if (t.can_change) return { separated: false, appRole, why: `the application role "${appRole}" may change audit rows` };
  return { separated: true, appRole, ownerRole: t.owner };
}
