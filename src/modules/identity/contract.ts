import { z } from 'zod';
import { checkCreditCode, checkIdNumber } from '../../lib/identifiers.js';
import { containsPersonalDigits, passwordProblem } from './passwordPolicy.js';
import { staffRoles } from './tables.js';
import { nameText } from '../../lib/text.js';
import { checkDivision } from '../../lib/divisions.js';
import { passkeyOut } from './signin/passkeys/contract.js';

/** A national identifier checked by `check`; issue messages are field-message codes the error handler localises. */
function checkedIdentifier(check: (input: string) => { ok: true; value: string } | { ok: false; code: string }) {
  return z.string().trim().transform((value, ctx) => {
    const r = check(value);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.code });
      return z.NEVER;
    }
    return r.value;
  });
}

export const idNumberSchema = checkedIdentifier((v) => checkIdNumber(v));
export const creditCodeSchema = checkedIdentifier(checkCreditCode);

export const phoneSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, 'PHONE');

/** A new password on its own (length, simple patterns, common passwords, letters and digits). */
export const passwordSchema = z.string().superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const registerBody = z
  .object({
    name: nameText(50),
    idNumber: idNumberSchema,
    phone: phoneSchema,
    password: passwordSchema,
  })
  // Runs once every field is valid: the password may not carry the person's own numbers.
  .superRefine((v, ctx) => {
    if (containsPersonalDigits(v.password, [v.phone, v.idNumber])) ctx.addIssue({ code: 'custom', path: ['password'], message: 'PASSWORD_PERSONAL' });
  });
export type RegisterInput = z.infer<typeof registerBody>;

export const loginBody = z.object({
  username: z.string().trim().min(1, 'REQUIRED').max(64),
  password: z.string().min(1, 'REQUIRED').max(128),
});

export const userOut = z.object({
  id: z.string().uuid(),
  kind: z.enum(['person', 'entity', 'staff']),
  name: z.string(),
  maskedIdNumber: z.string().optional(),
  level: z.number().int(),
  roles: z.array(z.enum(staffRoles)),
  department: z.object({ id: z.string().uuid(), name: z.string() }).optional(),
  /** Set while a password someone else chose must be changed (nothing else is allowed meanwhile). */
  mustChangePassword: z.boolean().optional(),
  /** Present while the person acts for an enterprise or another person. */
  actingFor: z
    .object({
      id: z.string().uuid(),
      kind: z.enum(['person', 'entity']),
      name: z.string(),
      level: z.number().int(),
      authorisationId: z.string().uuid(),
      itemCodes: z.array(z.string()).nullable(),
    })
    .optional(),
});

export const userResponse = z.object({ user: userOut });
/** A 204 answer: no body. */
export const noContent = z.undefined();
export const idParams = z.object({ id: z.string().uuid() });

/** Answer to a staff member's correct password: no session yet, a code went to their phone. */
export const secondFactorResponse = z.object({
  secondFactor: z.literal('sms'),
  challengeId: z.string().uuid(),
  maskedPhone: z.string(),
  /** Ways to answer it: the SMS code, and a passkey when the staff member has one. */
  methods: z.array(z.enum(['sms', 'passkey'])),
});
export const loginResponse = z.union([userResponse, secondFactorResponse]);

export const csrfOut = z.object({ token: z.string() });
export const sessionOut = z.object({
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  channel: z.enum(['web', 'kiosk']),
  current: z.boolean(),
});
export const sessionList = z.object({ items: z.array(sessionOut) });
export const sessionParams = z.object({ id: z.string().max(64) });
export const endedOut = z.object({ ended: z.number().int() });
export const stepUpBody = z.object({ name: nameText(50) });
export const passwordChangeBody = z.object({ currentPassword: z.string().min(1, 'REQUIRED').max(128), newPassword: z.string().min(1, 'REQUIRED').max(128) });
export const passwordChangeResponse = userResponse.extend({ otherSessionsEnded: z.number().int() });

// ---- Staff administration ----

/** Staff administration in and out; issue messages are field-message codes localised at the edge. */

const localText = z.object({
  zh: nameText(100),
  en: nameText(200),
});

/** A current GB/T 2260 division: not a made-up code (620199) nor a development-zone pseudo-code (620171). */
export const regionCodeSchema = z.string().trim().superRefine((v, ctx) => {
  const r = checkDivision(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.code });
});

export const departmentBody = z.object({
  parentId: z.string().uuid().nullable(),
  code: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9-]{1,31}$/, 'DEPT_CODE_PATTERN'),
  name: localText,
  creditCode: creditCodeSchema,
  regionCode: regionCodeSchema,
});

export const renameBody = z.object({ name: localText });

export const usernameSchema = z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9._-]{2,31}$/, 'USERNAME_PATTERN');

export const staffBody = z
  .object({
    departmentId: z.string().uuid(),
    name: nameText(50),
    username: usernameSchema,
    phone: phoneSchema,
    password: passwordSchema,
  })
  .superRefine((v, ctx) => {
    if (containsPersonalDigits(v.password, [v.phone])) ctx.addIssue({ code: 'custom', path: ['password'], message: 'PASSWORD_PERSONAL' });
  });

export const grantBody = z.object({ role: z.enum(staffRoles, 'BAD_OPTION'), departmentId: z.string().uuid() });

export const departmentOut = z.object({
  id: z.string().uuid(),
  parentId: z.string().uuid().nullable(),
  code: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  creditCode: z.string(),
  regionCode: z.string(),
  /** The division's own name (城关区) and its names from the province down (甘肃省兰州市城关区); null if the code is no longer a current division. */
  regionName: z.string().nullable(),
  regionFullName: z.string().nullable(),
});

export const regionsQuery = z.object({ within: z.string().regex(/^\d{6}$/, 'REGION_CODE').optional() });
export const regionsOut = z.object({
  within: z.string(),
  source: z.string(),
  items: z.array(z.object({ code: z.string(), name: z.string(), fullName: z.string() })),
});

export const staffOut = z.object({
  id: z.string().uuid(),
  name: z.string(),
  username: z.string(),
  maskedPhone: z.string().nullable(),
  active: z.boolean(),
  departmentId: z.string().uuid(),
  roles: z.array(
    z.object({
      role: z.enum(staffRoles),
      departmentId: z.string().uuid(),
      departmentName: z.string(),
      grantedAt: z.string(),
      grantedBy: z.string().nullable(),
    }),
  ),
  manageable: z.boolean(),
});

// ---- Enterprises, authorisations, acting for ----

export const authorisationOut = z.object({
  id: z.string().uuid(),
  kind: z.enum(['legal_representative', 'agent']),
  principal: z.object({ id: z.string().uuid(), kind: z.string(), name: z.string() }),
  agent: z.object({ id: z.string().uuid(), name: z.string() }),
  itemCodes: z.array(z.string()).nullable(),
  validUntil: z.string().nullable(),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const authorisationLists = z.object({ received: z.array(authorisationOut), granted: z.array(authorisationOut) });
export const entityBody = z.object({ creditCode: creditCodeSchema, name: nameText(100) });
export const entityResponse = z.object({ entity: z.object({ id: z.string().uuid(), name: z.string(), creditCode: z.string() }) });
export const authorisationBody = z.object({
  principalId: z.string().uuid(),
  agent: z.object({ idNumber: idNumberSchema, name: nameText(50) }),
  itemCodes: z.array(z.string().regex(/^\d{12}$/, 'BAD_OPTION')).min(1, 'REQUIRED').max(200).nullable().default(null),
  validUntil: z.iso.date({ message: 'DATE' }).nullable().default(null),
});
/** The id of what was just created. */
export const createdId = z.object({ id: z.string().uuid() });
export const actingForBody = z.object({ authorisationId: z.string().uuid().nullable() });
export const staffResponse = z.object({ staff: staffOut });
export const staffList = z.object({ items: z.array(staffOut) });
export const departmentResponse = z.object({ department: departmentOut });
export const departmentAdminList = z.object({ items: z.array(departmentOut), grantableRoles: z.array(z.enum(staffRoles)), mayCreateDepartments: z.boolean() });
export const grantParams = z.object({ id: z.string().uuid(), role: z.enum(staffRoles), departmentId: z.string().uuid() });

// ---- Sign-in by SMS code and the staff second factor ----

const codeSchema = z.string().trim().regex(/^\d{6}$/, 'OTP_FORMAT');
export const authOptions = z.object({
  sms: z.enum(['sandbox', 'live']),
  /** Whether this caller may open the sandbox outbox without signing in (loopback only). */
  smsOutboxOpen: z.boolean(),
  codeTtlSeconds: z.number().int(),
  resendSeconds: z.number().int(),
});
export const smsCodeBody = z.object({ phone: phoneSchema });
export const smsCodeSent = z.object({ sent: z.literal(true), resendSeconds: z.number().int() });
export const smsLoginBody = z.object({ phone: phoneSchema, code: codeSchema });
export const secondFactorBody = z.object({ challengeId: z.string().uuid(), code: codeSchema });

// ---- Kiosk ----

export const kioskOptions = z.object({ label: z.string(), idleSeconds: z.number().int(), warnSeconds: z.number().int(), sessionTtlMinutes: z.number().int() });

// ---- QR sign-in ----

const qrChannel = z.enum(['web', 'kiosk']);
const qrState = z.enum(['pending', 'scanned', 'confirmed', 'declined', 'used', 'expired']);
/** Tokens and browser secrets are 256-bit, base64url (43 characters). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const qrTokenParams = z.object({ id: z.string().regex(TOKEN_PATTERN, 'INVALID') });
/** What the phone sees of a QR sign-in it scanned. */
export const qrPhoneView = z.object({
  status: qrState,
  channel: qrChannel,
  deviceLabel: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  signInAs: z.object({ name: z.string(), kind: z.enum(['person', 'entity', 'staff']) }),
});

export const qrRequestBody = z.object({ channel: qrChannel.default('web') });
export const qrRequestOut = z.object({ id: z.string(), confirmUrl: z.string(), qrSvg: z.string(), expiresAt: z.string(), pollIntervalMs: z.number().int() });
export const qrStatusOut = z.object({ status: qrState, expiresAt: z.string() });

// The sign-in methods' own schemas (passkeys), through this one door.
export * from './signin/passkeys/contract.js';
/** A passkey added: it, and the user (an added passkey can raise what the account may do). */
export const passkeyRegistered = z.object({ passkey: passkeyOut, user: userOut });

// ---- Types for clients (the web app imports these with `import type`) ----

export type User = z.output<typeof userOut>;
export type Role = User['roles'][number];
export type UserResponse = z.output<typeof userResponse>;
export type LoginResult = z.output<typeof loginResponse>;
export type SecondFactor = z.output<typeof secondFactorResponse>;
export type SessionView = z.output<typeof sessionOut>;
export type AuthOptions = z.output<typeof authOptions>;
export type RegisterBody = z.input<typeof registerBody>;
export type Authorisation = z.output<typeof authorisationOut>;
export type AuthorisationLists = z.output<typeof authorisationLists>;
export type AuthorisationBody = z.input<typeof authorisationBody>;
export type DepartmentOut = z.output<typeof departmentOut>;
export type DepartmentAdminList = z.output<typeof departmentAdminList>;
export type Region = z.output<typeof regionsOut>['items'][number];
export type StaffMember = z.output<typeof staffOut>;
export type StaffGrant = StaffMember['roles'][number];
export type KioskOptions = z.output<typeof kioskOptions>;
export type QrRequest = z.output<typeof qrRequestOut>;
export type QrState = z.output<typeof qrStatusOut>['status'];
export type QrPhoneView = z.output<typeof qrPhoneView>;
export type PasswordChangeResponse = z.output<typeof passwordChangeResponse>;
export type SessionList = z.output<typeof sessionList>;
export type SmsCodeSent = z.output<typeof smsCodeSent>;
export type EntityResponse = z.output<typeof entityResponse>;
export type StaffList = z.output<typeof staffList>;
export type StaffResponse = z.output<typeof staffResponse>;
export type DepartmentResponse = z.output<typeof departmentResponse>;
export type RegionList = z.output<typeof regionsOut>;
export type QrStatus = z.output<typeof qrStatusOut>;
