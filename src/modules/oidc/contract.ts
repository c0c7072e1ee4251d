import { z } from 'zod';
import { nameText } from '../../lib/text.js';

/** Scopes a department system may be allowed to request. */
export const oidcScopes = ['openid', 'profile', 'offline_access'] as const;

/** https anywhere; plain http only to this machine (development and the example app). */
export function isAllowedRedirectUri(value: string): boolean {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return false;
  }
  if (u.hash || u.username || u.password) return false;
  if (u.protocol === 'https:') return true;
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

const redirectUri = z.string().max(500).refine(isAllowedRedirectUri, { message: 'REDIRECT_URI' });

export const clientInput = z
  .object({
    name: z.object({ zh: nameText(100), en: nameText(100) }).strict(),
    departmentId: z.uuid(),
    redirectUris: z.array(redirectUri).min(1).max(10),
    postLogoutRedirectUris: z.array(redirectUri).max(10).default([]),
    backchannelLogoutUri: redirectUri.nullable().default(null),
    scopes: z
      .array(z.enum(oidcScopes))
      .min(1)
      .max(oidcScopes.length)
      .refine((s) => s.includes('openid'), { message: 'SCOPE_OPENID' })
      .transform((s) => [...new Set(s)]),
    pairwise: z.boolean().default(false),
  })
  .strict();
export type ClientInput = z.infer<typeof clientInput>;

export const clientView = z.object({
  clientId: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  department: z.object({ id: z.string(), name: z.string() }),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  backchannelLogoutUri: z.string().nullable(),
  scopes: z.array(z.string()),
  pairwise: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ClientView = z.infer<typeof clientView>;

export const clientWithSecret = z.object({
  client: clientView,
  /** Shown once; only a sealed copy is kept. */
  clientSecret: z.string(),
});

export const clientIdParams = z.object({ clientId: z.string().min(1).max(100) });

export const keyView = z.object({
  kid: z.string(),
  alg: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  publishedUntil: z.string().nullable(),
  published: z.boolean(),
});

export const consentDetails = z.object({
  client: z.object({ clientId: z.string(), name: z.string(), department: z.string() }),
  account: z.object({ name: z.string() }),
  scopes: z.array(z.string()),
  claims: z.array(z.string()),
});

export const clientList = z.object({ items: z.array(clientView) });
export const keysOut = z.object({ items: z.array(keyView) });
/** Where the browser goes next after the person allowed or denied a department system. */
export const interactionResult = z.object({ redirectTo: z.string() });

export const interactionParams = z.object({ uid: z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/) });

export type KeyView = z.output<typeof keyView>;
export type ConsentDetails = z.output<typeof consentDetails>;
export type ClientWithSecret = z.output<typeof clientWithSecret>;
export type ClientInputBody = z.input<typeof clientInput>;
export type ClientList = z.output<typeof clientList>;
export type KeyList = z.output<typeof keysOut>;
export type InteractionResult = z.output<typeof interactionResult>;
