import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { markedOut, noContent, notificationIdParams, notificationListQuery, notificationPage, preferencesBody, preferencesOut, unreadCountOut } from './contract.js';
import { listNotifications, unreadCount } from './messageCentre.js';
import { markAllNotificationsRead, markNotificationRead } from './markRead.js';
import { assertMayChooseChannels, messageCentreOf, readerOf, type Recipient } from './policy.js';
import { readPreferences, setPreferences } from './preferences.js';
import { notificationView } from './views.js';

/**
 * The message centre and the channel settings. `requireCaller` is identity's signed-in check, handed
 * in by the composition root (notify sits below identity).
 */
export async function notificationRoutes(app: FastifyInstance, opts: { db: Db; requireCaller: (req: FastifyRequest) => Recipient }) {
  const { db, requireCaller } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  r.get(
    '/api/notifications',
    { schema: { tags, querystring: notificationListQuery, response: { 200: notificationPage }, description: "The caller's messages, newest first; `unread=true` for unread ones only. Texts in the request's language." } },
    async (req) => {
      const { unread, cursor, limit } = req.query;
      const page = await listNotifications(db, messageCentreOf(requireCaller(req)), { unread, page: { cursor, limit } });
      return { items: page.rows.map((n) => notificationView(req.lang, n)), nextCursor: page.nextCursor };
    },
  );

  r.get('/api/notifications/unread-count', { schema: { tags, response: { 200: unreadCountOut } } }, async (req) => ({
    count: await unreadCount(db, messageCentreOf(requireCaller(req))),
  }));

  r.post('/api/notifications/:id/read', { schema: { tags, params: notificationIdParams, response: { 204: noContent } } }, async (req, reply) => {
    const caller = requireCaller(req);
    await db.transaction((tx) => markNotificationRead(tx, { owner: messageCentreOf(caller), reader: readerOf(caller) }, req.params.id));
    return reply.code(204).send();
  });

  r.post('/api/notifications/read-all', { schema: { tags, response: { 200: markedOut } } }, async (req) => {
    const caller = requireCaller(req);
    return { marked: await db.transaction((tx) => markAllNotificationsRead(tx, { owner: messageCentreOf(caller), reader: readerOf(caller) })) };
  });

  r.get('/api/notifications/preferences', { schema: { tags, response: { 200: preferencesOut }, description: 'Per kind: the message centre (always) and SMS (as chosen, else the default).' } }, async (req) => ({
    items: await readPreferences(db, messageCentreOf(requireCaller(req))),
  }));

  r.put('/api/notifications/preferences', { schema: { tags, body: preferencesBody, response: { 200: preferencesOut } } }, async (req) => {
    const caller = requireCaller(req);
    assertMayChooseChannels(caller);
    return { items: await db.transaction((tx) => setPreferences(tx, caller.accountId, req.body.items)) };
  });
}
