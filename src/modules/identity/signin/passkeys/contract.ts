import { z } from 'zod';
import { nameText } from '../../../../lib/text.js';

/** base64url as WebAuthn JSON carries it. */
const b64u = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9_-]*$/, 'PATTERN');

/** The browser's answer to navigator.credentials.create(), as @simplewebauthn/browser sends it. */
export const registrationResponse = z.object({
  id: b64u(1024),
  rawId: b64u(1024),
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: b64u(8192),
    attestationObject: b64u(65536),
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

/** The browser's answer to navigator.credentials.get(). */
export const authenticationResponse = z.object({
  id: b64u(1024),
  rawId: b64u(1024),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64u(8192),
    authenticatorData: b64u(8192),
    signature: b64u(2048),
    userHandle: b64u(1024).optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export const passkeyName = nameText(40);

/** Options for the browser's WebAuthn call, and the challenge the answer must quote. */
export const ceremonyOut = z.object({
  challengeId: z.string().uuid(),
  options: z.looseObject({ challenge: z.string() }),
});

export const passkeyOut = z.object({
  id: z.string().uuid(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const passkeyParams = z.object({ id: z.string().uuid() });
export const passkeyList = z.object({ items: z.array(passkeyOut) });
export const passkeyResponse = z.object({ passkey: passkeyOut });
export const passkeyRenameBody = z.object({ name: passkeyName });
export const passkeyRegisterBody = z.object({ challengeId: z.string().uuid(), name: passkeyName, response: registrationResponse });
export const passkeyChallengeBody = z.object({ challengeId: z.string().uuid() });
export const passkeySignInBody = z.object({ challengeId: z.string().uuid(), response: authenticationResponse });

export type Passkey = z.output<typeof passkeyOut>;
export type PasskeyCeremony = z.output<typeof ceremonyOut>;
export type PasskeyList = z.output<typeof passkeyList>;
export type PasskeyResponse = z.output<typeof passkeyResponse>;
