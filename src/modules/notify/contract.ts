import { z } from 'zod';
import { pageQuery } from '../../lib/page.js';
import { notificationKinds, type NotificationKind } from '../../lib/i18n/notificationMessages.js';
import { smsTemplates } from './gateway.js';

/** The SMS sandbox outbox, as the ops page reads it. */
export const outboxOut = z.object({
  items: z.array(
    z.object({
      id: z.string().uuid(),
      createdAt: z.string(),
      maskedPhone: z.string(),
      template: z.enum(Object.keys(smsTemplates) as [keyof typeof smsTemplates]),
      text: z.string(),
    }),
  ),
});

export type OutboxItem = z.output<typeof outboxOut>['items'][number];
export type OutboxList = z.output<typeof outboxOut>;

/** The notification kinds, as the API names them. */
export const notificationKind = z.enum(notificationKinds as [NotificationKind, ...NotificationKind[]]);

/** One message of the message centre, rendered in the request's language: about a case, or (the day-before reminder) a hall appointment. */
export const notificationOut = z.object({
  id: z.string().uuid(),
  kind: notificationKind,
  caseId: z.string().uuid().nullable().meta({ description: 'The case the message is about; null for an appointment’s message' }),
  caseNo: z.string().nullable(),
  appointmentId: z.string().uuid().nullable().meta({ description: 'The hall appointment the message is about; null for a case’s message' }),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.output<typeof notificationOut>;

export const notificationListQuery = pageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: 'true: unread messages only' }),
});
export const notificationPage = z.object({ items: z.array(notificationOut), nextCursor: z.string().nullable() });
export type NotificationPage = z.output<typeof notificationPage>;

export const unreadCountOut = z.object({ count: z.number().int() });
export type UnreadCount = z.output<typeof unreadCountOut>;

export const notificationIdParams = z.object({ id: z.string().uuid() });
export const markedOut = z.object({ marked: z.number().int() });

export const channelPreference = z.object({ kind: notificationKind, site: z.literal(true), sms: z.boolean(), smsByDefault: z.boolean() });
export const preferencesOut = z.object({ items: z.array(channelPreference) });
export type ChannelPreferences = z.output<typeof preferencesOut>;
export const preferencesBody = z.object({ items: z.array(z.object({ kind: notificationKind, sms: z.boolean() })).max(50) });
export const noContent = z.undefined();
