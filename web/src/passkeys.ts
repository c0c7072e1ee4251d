import { WebAuthnError, browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { ApiError, api, request } from './api';
import { errorMessage } from './hooks';
import type { TFunction } from './i18n';
import type { Passkey, PasskeyCeremony, PasskeyResponse, User, UserResponse } from './types';

export type { Passkey };

/** The server's ceremony, its options typed as the browser library reads them. */
type Ceremony<O> = Omit<PasskeyCeremony, 'options'> & { options: O };

export const passkeysSupported = () => browserSupportsWebAuthn();

/** Adds a passkey on this device: the server's options, the device's answer, the server's check. */
export async function addPasskey(name: string): Promise<{ passkey: Passkey; user: User }> {
  const { challengeId, options } = await api.post<Ceremony<PublicKeyCredentialCreationOptionsJSON>>('/api/auth/passkeys/register/options');
  const response = await startRegistration({ optionsJSON: options });
  return api.post('/api/auth/passkeys/register', { challengeId, name, response });
}

/** Signs in with any passkey of this site on the device (no user name needed). */
export async function signInWithPasskey(): Promise<User> {
  const { challengeId, options } = await api.post<Ceremony<PublicKeyCredentialRequestOptionsJSON>>('/api/auth/passkeys/sign-in/options', {}, { noAuthRedirect: true });
  const response = await startAuthentication({ optionsJSON: options });
  return (await api.post<UserResponse>('/api/auth/passkeys/sign-in', { challengeId, response }, { noAuthRedirect: true })).user;
}

/** A staff member's second step answered with their passkey instead of the SMS code. */
export async function secondFactorWithPasskey(otpChallengeId: string): Promise<User> {
  const { challengeId, options } = await api.post<Ceremony<PublicKeyCredentialRequestOptionsJSON>>(
    '/api/auth/passkeys/second-factor/options',
    { challengeId: otpChallengeId },
    { noAuthRedirect: true },
  );
  const response = await startAuthentication({ optionsJSON: options });
  return (await api.post<UserResponse>('/api/auth/passkeys/second-factor', { challengeId, response }, { noAuthRedirect: true })).user;
}

export const renamePasskey = (id: string, name: string) => request<PasskeyResponse>('PUT', `/api/auth/passkeys/${id}`, { name });
export const removePasskey = (id: string) => api.del(`/api/auth/passkeys/${id}`);

/** What to tell the user when a passkey step fails: the server's words, or the device's. */
export function passkeyErrorMessage(e: unknown, t: TFunction): string {
  if (e instanceof ApiError) return errorMessage(e, t);
  if (!passkeysSupported()) return t('passkey.unsupported');
  if (e instanceof WebAuthnError && e.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return t('passkey.exists');
  const name = (e as { name?: string; cause?: { name?: string } })?.cause?.name ?? (e as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'AbortError') return t('passkey.cancelled');
  return t('passkey.failed');
}
