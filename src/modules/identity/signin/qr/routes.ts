import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import type { Db } from '../../../../db/client.js';
import { cookieOptions, requireActor } from '../../httpSession.js';
import { startSession } from '../../startSession.js';
import { qrPhoneView, qrRequestBody, qrRequestOut, qrStatusOut, qrTokenParams, userResponse } from '../../contract.js';
import type { Actor } from '../../service.js';
import {
  QR_POLL_MS,
  createQrSignInRequest,
  decideQrSignIn,
  qrSignInState,
  redeemQrSignIn,
  scanQrSignIn,
} from './service.js';

/** The httpOnly cookie binding a QR request to the browser that shows it (never readable by script). */
export const QR_BROWSER_COOKIE = 'yw_qr';
const COOKIE_PATH = '/api/qr-login';

export type QrLoginOptions = {
  db: Db;
  /** The configured public origin; never the request's Host header. */
  publicOrigin: () => string;
  sessionTtlHours: number;
  kiosk: { label: string; sessionTtlMinutes: number };
};

type PhoneView = Awaited<ReturnType<typeof scanQrSignIn>>;
const phoneOut = (v: PhoneView) => ({ ...v, createdAt: v.createdAt.toISOString(), expiresAt: v.expiresAt.toISOString() });

export async function qrLoginRoutes(app: FastifyInstance, opts: QrLoginOptions) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const browserSecret = (req: FastifyRequest) => req.cookies[QR_BROWSER_COOKIE];

  r.post(
    '/api/qr-login/requests',
    {
      schema: {
        tags,
        summary: 'Start a QR sign-in: the QR code for a signed-in phone to confirm; binds the request to this browser',
        body: qrRequestBody,
        response: {
          201: qrRequestOut,
        },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const created = await db.transaction((tx) => createQrSignInRequest(tx, {
        channel: req.body.channel,
        deviceLabel: opts.kiosk.label,
        userAgent: req.headers['user-agent'],
      }));
      // A browser-session cookie, sent only to these endpoints; a newer request replaces it.
      reply.setCookie(QR_BROWSER_COOKIE, created.browserSecret, { ...cookieOptions(app, req, true), path: COOKIE_PATH, sameSite: 'strict' });
      const confirmUrl = `${opts.publicOrigin()}/qr/confirm/${created.token}`;
      const qrSvg = await QRCode.toString(confirmUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return reply.code(201).send({ id: created.token, confirmUrl, qrSvg, expiresAt: created.expiresAt.toISOString(), pollIntervalMs: QR_POLL_MS });
    },
  );

  r.get(
    '/api/qr-login/requests/:id/status',
    {
      schema: { tags, summary: 'Poll a QR sign-in (the requesting browser only)', params: qrTokenParams, response: { 200: qrStatusOut } },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const s = await qrSignInState(db, req.params.id, browserSecret(req));
      reply.header('cache-control', 'no-store');
      return { status: s.status, expiresAt: s.expiresAt.toISOString() };
    },
  );

  r.post(
    '/api/qr-login/requests/:id/redeem',
    {
      schema: { tags, summary: 'Collect the session of a confirmed QR sign-in (the requesting browser only, once)', params: qrTokenParams, response: { 200: userResponse } },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { accountId, channel: ch } = await db.transaction((tx) => redeemQrSignIn(tx, req.params.id, browserSecret(req)));
      reply.clearCookie(QR_BROWSER_COOKIE, { path: COOKIE_PATH });
      const ttlHours = ch === 'kiosk' ? opts.kiosk.sessionTtlMinutes / 60 : opts.sessionTtlHours;
      return { user: await startSession(app, db, ttlHours, req, reply, accountId, 'qr', ch) };
    },
  );

  // The signed-in phone: open (scan), then confirm or decline. Each needs the phone's session.
  const phoneRoute = (path: string, summary: string, handler: (actor: Actor, token: string) => Promise<PhoneView>) =>
    r.post(path, { schema: { tags, summary, params: qrTokenParams, response: { 200: qrPhoneView } }, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req) =>
      phoneOut(await handler(requireActor(req), req.params.id)),
    );

  phoneRoute('/api/qr-login/requests/:id/scan', 'The signed-in phone opened the QR code: what is asking, and whom it will sign in', (actor, token) =>
    db.transaction((tx) => scanQrSignIn(tx, actor, token)),
  );
  phoneRoute('/api/qr-login/requests/:id/confirm', 'The phone confirms: the waiting browser may collect a session of this person', (actor, token) =>
    db.transaction((tx) => decideQrSignIn(tx, actor, token, 'confirm')),
  );
  phoneRoute('/api/qr-login/requests/:id/decline', 'The phone declines: the request is closed', (actor, token) =>
    db.transaction((tx) => decideQrSignIn(tx, actor, token, 'decline')),
  );
}
