/** Stable error codes: the API contract. Messages live in src/server/i18n. */
export const errorStatus = {
  VALIDATION: 400,
  BAD_JSON: 400,
  BAD_PATH: 400,
  BAD_TEXT: 400,
  UNAUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 429,
  OTP_INVALID: 401,
  SECOND_FACTOR_UNAVAILABLE: 403,
  SMS_INVALID_NUMBER: 400,
  SMS_TOO_FREQUENT: 429,
  SMS_DAILY_LIMIT: 429,
  CSRF: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ACCOUNT_EXISTS: 409,
  ROLE_NOT_GRANTABLE: 403,
  OWN_ADMIN_ROLE: 409,
  OWN_ACCOUNT: 409,
  ILLEGAL_TRANSITION: 409,
  CLOCK_NOT_PAUSED: 409,
  CLOCK_PAUSED: 409,
  EXTENSION_PENDING: 409,
  EXTENSION_NOT_PENDING: 409,
  EXTENSION_BEYOND_LEGAL_LIMIT: 422,
  CONCURRENT_UPDATE: 409,
  TASK_CLOSED: 409,
  NOT_PREREVIEWED: 409,
  TASK_AMBIGUOUS: 422,
  ALREADY_DECIDED: 409,
  RETURN_TARGET: 422,
  TRANSFER_TARGET: 422,
  FLOW_DEPARTMENT_GONE: 409,
  UPLOAD_TOO_LARGE: 413,
  BODY_TOO_LARGE: 413,
  UPLOAD_TYPE: 415,
  UPLOAD_MISSING: 400,
  MATERIAL_MISSING: 422,
  MATERIAL_UNKNOWN: 422,
  MATERIAL_TYPE: 422,
  UPLOAD_IN_USE: 409,
  UPLOAD_QUOTA: 413,
  UPLOAD_RATE_LIMITED: 429,
  UPLOAD_MALFORMED: 400,
  MATERIAL_TOO_LARGE: 422,
  FILE_INTEGRITY: 500,
  FORM_INVALID: 422,
  ITEM_UNAVAILABLE: 422,
  LEVEL_TOO_LOW: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  REGISTRY_MISMATCH: 422,
  HALL_CHECK_NEEDED: 409,
  HALL_ITEM_NOT_SERVED: 422,
  HALL_SLOT_UNAVAILABLE: 422,
  HALL_SLOT_FULL: 409,
  HALL_ALREADY_BOOKED: 409,
  HALL_BOOKING_BLOCKED: 403,
  HALL_CHECK_IN_TIME: 422,
  HALL_NOT_YOUR_WINDOW: 403,
  HALL_WINDOW_TAKEN: 409,
  HALL_TICKET_OPEN: 409,
  HALL_QUEUE_EMPTY: 409,
  HALL_TICKET_MOVE: 409,
  HALL_CODE_TAKEN: 409,
  ENTITY_MISMATCH: 422,
  AGENT_UNKNOWN: 422,
  AGENT_LEVEL_TOO_LOW: 422,
  ACTING_AS_OTHER: 409,
  ITEM_NOT_AUTHORISED: 403,
  APPLICANT_KIND: 422,
  RATE_LIMITED: 429,
  OIDC_INTERACTION_EXPIRED: 410,
  OIDC_CLIENT_INACTIVE: 409,
  OIDC_PAIRWISE_HOSTS: 422,
  QR_LOGIN_EXPIRED: 410,
  QR_LOGIN_CLOSED: 409,
  QR_LOGIN_PENDING: 409,
  QR_LOGIN_STAFF: 403,
  KIOSK_STAFF: 403,
  PASSKEY_INVALID: 401,
  PASSKEY_CHALLENGE_EXPIRED: 400,
  PASSKEY_REGISTRATION_FAILED: 422,
  PASSKEY_EXISTS: 409,
  PASSKEY_STAFF_NEEDS_PASSWORD: 403,
  CATALOGUE_INCONSISTENT: 422,
  VERSION_STATE: 409,
  VERSION_OPEN: 409,
  SELF_REVIEW: 403,
  IMPORT_ROWS_INVALID: 422,
  THEME_INVALID: 422,
  THEME_UNAVAILABLE: 422,
  IMPORT_FORMAT: 400,
  IMPORT_TOO_LARGE: 413,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** A problem with one input field; `code` names a field message (localised at the edge). */
export type FieldIssue = { path: string; code: string; params?: Record<string, string | number> };

/** A message parameter: plain, or a text in both languages picked by the request's language. */
export type ErrorParam = string | number | { zh: string; en: string };

/** Joins bilingual names into one bilingual list (、 in Chinese, commas in English). */
export function listText(names: { zh: string; en: string }[]): { zh: string; en: string } {
  return { zh: names.map((n) => n.zh).join('、'), en: names.map((n) => n.en).join(', ') };
}

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, ErrorParam> = {},
    readonly fieldIssues: FieldIssue[] = [],
  ) {
    super(code);
    this.name = 'DomainError';
    this.status = errorStatus[code];
  }
}

export const notFound = () => new DomainError('NOT_FOUND');

/** A database unique-constraint violation (SQLSTATE 23505), from either driver, wrapped by drizzle or not. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } } | null;
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** A database foreign-key violation (SQLSTATE 23503), from either driver, wrapped by drizzle or not. */
export function isForeignKeyViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } } | null;
  return err?.code === '23503' || err?.cause?.code === '23503';
}
