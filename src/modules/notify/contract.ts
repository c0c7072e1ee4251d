import { z } from 'zod';
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
