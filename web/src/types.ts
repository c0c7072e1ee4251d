// The API's types, from the server's contracts (src/modules/*/contract.ts): the same zod schemas
// the routes validate with and the OpenAPI document is generated from. Type-only: nothing of the
// server reaches the bundle. Add a type to its module's contract, never here.
export type {
  AuthOptions,
  DepartmentResponse,
  EntityResponse,
  PasskeyList,
  PasskeyResponse,
  PasswordChangeResponse,
  QrStatus,
  RegionList,
  SessionList,
  SmsCodeSent,
  StaffList,
  StaffResponse,
  UserResponse,
  Authorisation,
  AuthorisationLists,
  DepartmentAdminList,
  DepartmentOut as AdminDepartment,
  KioskOptions,
  LoginResult,
  Passkey,
  PasskeyCeremony,
  QrPhoneView,
  QrRequest,
  QrState,
  Region,
  Role,
  SessionView,
  StaffGrant,
  StaffMember,
  User,
} from '../../src/modules/identity/contract';
export type { ChannelPreferences, NotificationItem, NotificationPage, OutboxItem, OutboxList, UnreadCount } from '../../src/modules/notify/contract';
export type { ConsistencyItem, ConsistencyProblemView, ConsistencyReport } from '../../src/modules/catalog/guide/contract';
export type { DivisionLevel, FieldCondition, FormCheckResult, FormDefinition, FormDefinitionField, FormFieldView, FormTryResult, PrefillSource, PrefillView } from '../../src/modules/catalog/forms/contract';
export type { CatalogDepartment as Department, CatalogDepartmentList, FieldType, ItemList, FormField, ItemDetail, ItemSummary, MaterialSpec, TopicList } from '../../src/modules/catalog/contract';
export type { BasicItemList, Divergence, ImplementationList, ReviewQueue, VersionDetail, VersionDiff, VersionHistory, VersionSummary } from '../../src/modules/catalog/contract';
export type { Suggestion, SuggestionList, SynonymList, SynonymView } from '../../src/modules/catalog/contract';
export type { ThemeAdminList, ThemeAdminView, ThemeDetail, ThemeInput, ThemeList, ThemeSummary } from '../../src/modules/catalog/contract';
export type {
  CaseAction,
  CaseClock,
  ClockColour,
  CaseDetail as Case,
  CaseDocumentSummary,
  DocumentVerifyResult,
  CaseEvent,
  CaseFlow,
  CaseFlowStep,
  ApprovalStep,
  CaseMaterial,
  CaseStatus,
  CaseSummary,
  CaseGroup,
  Draft,
  DraftList,
  ProgressStep,
  SupplementRound,
  PopularItems,
  HallReceipt,
  ListScope,
  SubmitInput,
  SupplementNotice,
  ThemeApplicationInput,
  ThemeApplicationReceipt,
  ThemeApplicationView,
  UploadOut as Upload,
  Visit,
} from '../../src/modules/cases/contract';
export type { LicenceDetail as Licence, LicenceSummary, VerifyReason, VerifyResult } from '../../src/modules/licences/contract';
export type { CalendarOverview, EnterResult, ScheduleBody, YearDetail, YearSummary } from '../../src/modules/calendar/contract';
export type { ClientInputBody, ClientList, ClientView, ClientWithSecret, ConsentDetails, InteractionResult, KeyList, KeyView } from '../../src/modules/oidc/contract';
export type { Problem } from '../../src/lib/problem';
export type { AppointmentView, DisplayView, HallView, KioskHall, MyAppointments, MyWindows, SlotsView, TicketView, WindowPanel } from '../../src/modules/cases/contract';
