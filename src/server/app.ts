import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/client.js';
import { calendarRoutes } from '../modules/calendar/index.js';
import { recomputeDueDates } from '../modules/cases/index.js';
import { caseRoutes, configureClocks } from '../modules/cases/index.js';
import { catalogRoutes } from '../modules/catalog/index.js';
import { findItems, reindexDepartment } from '../modules/catalog/index.js';
import { hallRoutes } from '../modules/cases/index.js';
import { accountPhone, agentRoutes, requireActor } from '../modules/identity/index.js';
import { identityRoutes } from '../modules/identity/index.js';
import { staffRoutes } from '../modules/identity/index.js';
import { performerId } from '../modules/identity/index.js';
import { licenceRoutes, licenceTypeName } from '../modules/licences/index.js';
import { isLocalPublicUrl } from '../modules/notify/index.js';
import { createSmsGateway } from '../modules/notify/index.js';
import { notificationRoutes, notifyRoutes, startSmsDelivery } from '../modules/notify/index.js';
import { otpRoutes } from '../modules/identity/index.js';
import { kioskRoutes } from '../modules/identity/index.js';
import { qrLoginRoutes } from '../modules/identity/index.js';
import { passkeyRoutes } from '../modules/identity/index.js';
import { oidcAdminRoutes, oidcProviderRoutes } from '../modules/oidc/index.js';
import { OidcService, type OidcTtl } from '../modules/oidc/index.js';
import type { Config } from './config.js';
import { createFileStores, type FileStores } from '../modules/files/index.js';
import { uploadLimits, type UploadConfig } from './uploadConfig.js';
import { registerAuth } from '../modules/identity/index.js';
import { frameworkError, problemBody, registerErrorHandling } from './plugins/errors.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerPathRules } from './plugins/paths.js';
import { registerSecurityHeaders } from './plugins/securityHeaders.js';
import { registerTextRules } from './plugins/text.js';
import { loggerOptions } from './logging.js';
import { defaultHttpLimits, httpServerOptions, type HttpLimits } from './http.js';
import { pickLang } from '../lib/i18n/messages.js';
import { registerHealth } from './health.js';
import { databaseRateLimitStore } from './plugins/rateLimitStore.js';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export type AppOptions = {
  database: Database;
  config: Pick<Config, 'NODE_REGION_CODE' | 'UPLOAD_MAX_BYTES' | 'SESSION_TTL_HOURS' | 'COOKIE_SECURE' | 'LOG_LEVEL' | 'PUBLIC_URL' | 'SMS_GATEWAY'> &
    Partial<Pick<Config, 'KIOSK_LABEL' | 'KIOSK_SESSION_TTL_MINUTES' | 'KIOSK_IDLE_SECONDS' | 'KIOSK_WARN_SECONDS'>> &
    UploadConfig &
    Partial<HttpLimits> &
    Partial<Pick<Config, 'PORT'>> &
    Partial<Pick<Config, 'ACCEPTANCE_LIMIT_DAYS' | 'SUPPLEMENT_DEADLINE_DAYS' | 'SUPPLEMENT_WARNING_DAYS'>>;
  /** Where file content lives; built from the config's STORAGE settings when not given. */
  files?: FileStores;
  /** Off in tests and benchmarks that hammer one endpoint from one address. */
  rateLimit?: boolean;
  /** Where the log goes (default stdout); tests read it. */
  logStream?: NodeJS.WritableStream;
  /** Folder of the built web app (default web/dist); tests point it at a small page. */
  webRoot?: string;
  /** How often to check for a calendar entered on another instance (default 5000 ms; 0 = never). */
  calendarPollMs?: number;
  /** How often queued notification SMS are sent (default 1000 ms; 0 = never: tests send them with deliverPendingSms). */
  smsDeliveryPollMs?: number;
  /** Shorter OIDC lifetimes (tests of expiry). */
  oidcTtl?: Partial<OidcTtl>;
};

declare module 'fastify' {
  interface FastifyInstance {
    oidc: OidcService;
  }
}

const definedOnly = (config: Partial<HttpLimits>): Partial<HttpLimits> =>
  Object.fromEntries(Object.keys(defaultHttpLimits).flatMap((k) => (config[k as keyof HttpLimits] === undefined ? [] : [[k, config[k as keyof HttpLimits]]])));

/**
 * The origin this server answers on: PUBLIC_URL, else the address it listens on (before listening,
 * localhost and the configured port). Never the request's Host header: a client picks that.
 */
function publicOrigin(app: FastifyInstance, publicUrl: string | undefined, port = 3000): string {
  if (publicUrl) return publicUrl.replace(/\/$/, '');
  const address = app.server.address();
  if (!address || typeof address !== 'object') return `http://localhost:${port}`;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { database, config } = opts;
  const db = database.db;
  const limits: HttpLimits = { ...defaultHttpLimits, ...definedOnly(config) };
  const app = Fastify({
    // Cookies carry sessions, errors may quote SQL parameters, URLs one-time ids: see logging.ts.
    logger: loggerOptions(config.LOG_LEVEL, opts.logStream),
    bodyLimit: 1024 * 1024,
    ...httpServerOptions(limits),
    frameworkErrors: frameworkError,
  });
  app.server.maxConnections = limits.HTTP_MAX_CONNECTIONS;
  registerSecurityHeaders(app);
  registerPathRules(app);
  app.decorate('uploadMaxBytes', config.UPLOAD_MAX_BYTES);
  app.decorate('cookieSecure', config.COOKIE_SECURE);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 5 }, throwFileSizeLimit: true });
  // Counters live in the database, so N instances enforce one limit (see plugins/rateLimitStore.ts).
  if (opts.rateLimit !== false) await app.register(rateLimit, { global: false, store: databaseRateLimitStore(db) });
  await registerOpenApi(app);

  const webRoot = opts.webRoot ?? webDist;
  const hasWeb = existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: true, index: 'index.html' });
  registerErrorHandling(app, { spaFallback: hasWeb });
  registerAuth(app, db);
  registerTextRules(app);

  // Every link the platform hands out starts with this (issue 7 point 8: Host header never used).
  const origin = () => publicOrigin(app, config.PUBLIC_URL, config.PORT);

  const r = app.withTypeProvider<ZodTypeProvider>();
  registerHealth(r, database);

  const sms = createSmsGateway(config.SMS_GATEWAY, db);
  if (sms.kind === 'sandbox' && !isLocalPublicUrl(config.PUBLIC_URL)) {
    app.log.warn(
      { publicUrl: config.PUBLIC_URL },
      'SMS_GATEWAY=sandbox: one-time codes are NOT sent, only written to the sms_outbox table. Do not use the sandbox in production.',
    );
  }
  await app.register(identityRoutes, { db, sessionTtlHours: config.SESSION_TTL_HOURS, sms });
  await app.register(agentRoutes, {
    db,
    itemCodesExist: async (codes) => {
      const known = new Set((await findItems(db, {})).map((i) => i.item.code));
      return codes.every((c) => known.has(c));
    },
  });
  await app.register(staffRoutes, {
    db,
    regionCode: config.NODE_REGION_CODE,
    // The catalogue's search index holds each item's department name: a rename re-indexes them in its transaction.
    onDepartmentRenamed: async (tx, departmentId) => {
      await reindexDepartment(tx, departmentId);
    },
  });
  await app.register(otpRoutes, { db, sms, sessionTtlHours: config.SESSION_TTL_HOURS });
  // Passkeys answer to the trusted public origin, never to the request's Host header.
  await app.register(passkeyRoutes, { db, sessionTtlHours: config.SESSION_TTL_HOURS, publicOrigin: origin });
  await app.register(notifyRoutes, { db, sms });
  await app.register(notificationRoutes, { db, requireCaller: requireActor });
  // Notification SMS are queued in the transaction of the change and sent from here after it commits.
  const smsPollMs = opts.smsDeliveryPollMs ?? 1000;
  if (smsPollMs > 0) {
    const delivery = startSmsDelivery(db, {
      gateway: sms,
      phoneOf: (accountId) => accountPhone(db, accountId),
      intervalMs: smsPollMs,
      onError: (err) => app.log.error({ err }, 'notification SMS delivery failed'),
    });
    app.addHook('onClose', () => delivery.stop());
  }
  const kiosk = {
    label: config.KIOSK_LABEL ?? '政务服务自助终端',
    sessionTtlMinutes: config.KIOSK_SESSION_TTL_MINUTES ?? 15,
    idleSeconds: config.KIOSK_IDLE_SECONDS ?? 120,
    warnSeconds: config.KIOSK_WARN_SECONDS ?? 20,
  };
  await app.register(qrLoginRoutes, { db, publicOrigin: origin, sessionTtlHours: config.SESSION_TTL_HOURS, kiosk });
  await app.register(kioskRoutes, { db, kiosk });
  await app.register(catalogRoutes, { db, licenceTypeName });
  await app.register(calendarRoutes, { db, onChange: recomputeDueDates, ...(opts.calendarPollMs !== undefined ? { pollMs: opts.calendarPollMs } : {}) });
  configureClocks({
    ...(config.ACCEPTANCE_LIMIT_DAYS ? { acceptanceLimitDays: config.ACCEPTANCE_LIMIT_DAYS } : {}),
    ...(config.SUPPLEMENT_DEADLINE_DAYS ? { supplementDeadlineDays: config.SUPPLEMENT_DEADLINE_DAYS } : {}),
    ...(config.SUPPLEMENT_WARNING_DAYS !== undefined ? { supplementWarningDays: config.SUPPLEMENT_WARNING_DAYS } : {}),
  });
  await app.register(caseRoutes, { db, regionCode: config.NODE_REGION_CODE, files: opts.files ?? createFileStores(config, db), uploadLimits: uploadLimits(config), publicOrigin: origin });
  await app.register(licenceRoutes, { db, publicOrigin: origin });
  await app.register(hallRoutes, { db, regionCode: config.NODE_REGION_CODE });

  // OpenID Connect provider for department systems (一次认证、多点互联).
  const oidc = new OidcService(db, {
    issuer: origin,
    regionCode: config.NODE_REGION_CODE,
    log: app.log,
    notFound: (acceptLanguage) => problemBody(pickLang(acceptLanguage), 'NOT_FOUND', 404),
    ...(opts.oidcTtl ? { ttl: opts.oidcTtl } : {}),
  });
  app.decorate('oidc', oidc);
  const oidcOpts = { db, oidc, webIndex: hasWeb ? path.join(webRoot, 'index.html') : null };
  await app.register(oidcAdminRoutes, oidcOpts);
  await app.register(oidcProviderRoutes, oidcOpts);
  // Signing out of Yiwang ends the OIDC sessions too and notifies the department systems.
  app.addHook('preHandler', async (req) => {
    const url = req.routeOptions.url;
    if (!req.actor || (url !== '/api/auth/logout' && url !== '/api/auth/logout-everywhere')) return;
    const here = req.cookies._session;
    try {
      await oidc.signOut(performerId(req.actor), url === '/api/auth/logout-everywhere' ? 'all' : here ? [here] : []);
    } catch (err) {
      req.log.error({ err }, 'ending OIDC sessions at sign-out failed');
    }
  });

  return app;
}
