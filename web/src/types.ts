// Types mirroring docs/api.md (the API contract).
export type Role = 'clerk' | 'approver' | 'admin' | 'catalogue_admin' | 'data_officer' | 'supervisor' | 'platform_admin';

export interface User {
  id: string;
  kind: 'person' | 'entity' | 'staff';
  name: string;
  /** Real-name assurance level: 1 self-declared, 2 registry-checked, 3 seen in person. */
  level: number;
  /** An administrator set the password: it must be changed before anything else. */
  mustChangePassword?: boolean;
  /** While the person acts for an enterprise or another person (经办). */
  actingFor?: { id: string; kind: 'person' | 'entity'; name: string; level: number; authorisationId: string; itemCodes: string[] | null };
  maskedIdNumber?: string;
  roles: Role[];
  department?: { id: string; name: string };
}

/** POST /api/auth/login: a session for citizens and enterprises, a second step for staff. */
export type LoginResult = { user: User } | { secondFactor: 'sms'; challengeId: string; maskedPhone: string; methods: ('sms' | 'passkey')[] };

/** GET /api/auth/options */
export interface AuthOptions {
  sms: 'sandbox' | 'live';
  smsOutboxOpen: boolean;
  codeTtlSeconds: number;
  resendSeconds: number;
}

export interface OutboxItem {
  id: string;
  createdAt: string;
  maskedPhone: string;
  template: string;
  text: string;
}

export interface Department {
  id: string;
  code: string;
  name: string;
}

export interface ItemSummary {
  id: string;
  code: string;
  name: string;
  itemType: string;
  itemTypeLabel: string;
  department: { id: string; name: string };
  legalLimitDays: number;
  promisedLimitDays: number;
  onlineDepth: number[];
  feeFree: boolean;
}

/** `idNumber` and `creditCode` are checked like registration (GB 11643, GB 32100); the server decides. */
export type FieldType = 'text' | 'textarea' | 'date' | 'select' | 'number' | 'idNumber' | 'creditCode';

export interface FormField {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  options?: { value: string; label: string }[];
  maxLength?: number;
  help?: string;
  /** Not in docs/api.md but sent by the server. */
  pattern?: string;
  min?: number;
  max?: number;
}

export interface MaterialSpec {
  code: string;
  name: string;
  required: boolean;
  description: string;
  accept: string[];
  maxBytes: number;
}

export interface ItemDetail extends ItemSummary {
  guide: {
    legalBasis: string[];
    audience: string;
    conditions: string[];
    process: string[];
    caseKind: string;
    place: string;
    hours: string;
    contactPhone: string;
    complaintPhone: string;
    visits: number;
    fees: { name: string; amountFen: number; basis: string }[];
    result: string;
  };
  materials: MaterialSpec[];
  form: { fields: FormField[] };
  licenceType: { code: string; name: string } | null;
  minLevel: number;
  /** Who may apply: natural persons, legal entities, or both. */
  applicantKinds: ('person' | 'entity')[];
}

export interface Upload {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
}

export const CASE_STATUSES = [
  'submitted',
  'accepted',
  'rejected',
  'supplement_requested',
  'resubmitted',
  'completed',
  'denied',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export type CaseAction = 'accept' | 'reject' | 'supplement' | 'resubmit' | 'approve' | 'deny';

export interface CaseSummary {
  id: string;
  caseNo: string;
  status: CaseStatus;
  item: { id: string; code: string; name: string };
  department: { id: string; name: string };
  applicantName: string;
  submittedAt: string;
  /** Where it was applied for: online, or at a hall window by a clerk. */
  channel: 'online' | 'hall';
  dueDate: string | null;
  /** Counted over days the official holiday notice does not cover yet: may change. */
  dueDateProvisional?: boolean;
  workingDaysLeft: number | null;
  statusLabel?: string;
}

export interface CaseMaterial {
  id: string;
  code: string;
  name: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  round: number;
  uploadedAt: string;
}

export interface CaseEvent {
  at: string;
  action: string;
  actionLabel?: string;
  actorName: string | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  note: string | null;
  detail?: unknown;
}

export interface SupplementNotice {
  items: { materialCode: string | null; materialName: string | null; reason: string }[];
  note: string | null;
  at: string;
}

export interface Case extends CaseSummary {
  form: Record<string, unknown>;
  applicant: { name: string; maskedIdNumber: string };
  submittedBy: { name: string } | null;
  materials: CaseMaterial[];
  round: number;
  acceptedAt: string | null;
  completedAt: string | null;
  supplementNotice: SupplementNotice | null;
  events: CaseEvent[];
  licence: { id: string; identifier: string } | null;
  allowedActions: CaseAction[];
}

export interface Licence {
  id: string;
  identifier: string;
  typeName: string;
  holderName: string;
  maskedHolderId: string;
  issuerName: string;
  issuedAt: string;
  validFrom: string;
  validUntil: string | null;
  status: string;
  alg: string;
  face: { label: string; value: string }[];
  verifyUrl: string;
  qrSvg: string;
}

/** The contract does not spell LicenceSummary out; we only rely on these. */
export type LicenceSummary = Pick<Licence, 'id' | 'identifier' | 'typeName'> &
  Partial<Omit<Licence, 'id' | 'identifier' | 'typeName'>>;

export type VerifyReason = 'unknown' | 'revoked' | 'signature' | 'expired';

export interface VerifyResult {
  valid: boolean;
  reason?: VerifyReason;
  licence?: {
    identifier: string;
    typeName: string;
    holderName: string;
    holderId: string;
    issuerName: string;
    issuedAt: string;
    validFrom: string;
    validUntil: string | null;
    status: string;
    alg: string;
  };
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { path: string | (string | number)[]; message: string }[];
}

export interface Authorisation {
  id: string;
  kind: 'legal_representative' | 'agent';
  principal: { id: string; kind: string; name: string };
  agent: { id: string; name: string };
  itemCodes: string[] | null;
  validUntil: string | null;
  grantedAt: string;
  revokedAt: string | null;
}
