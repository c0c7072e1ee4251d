import type { Lang } from './messages.js';

/**
 * The message centre's texts: one per notification kind, rendered when the message is read, in the
 * reader's language, from the kind and the parameters stored with the notification. `{name}` is
 * filled from the parameters (a `{ zh, en }` value in the reader's language); each `extras` entry is
 * appended only when its parameter is present (a reason, a note, a certificate in the wallet).
 */
type NotificationText = { title: string; body: string; extras?: Record<string, string> };

const zh = {
  prereview_passed: {
    title: '网上预审已通过',
    body: '您申请的“{itemName}”（办件编号 {caseNo}）已通过网上预审。请预约后携带原件到窗口办理，窗口核对原件后当场受理。',
    extras: { bring: '请携带：{bring}', note: '窗口说明：{note}' },
  },
  accepted: {
    title: '办件已受理',
    body: '您申请的“{itemName}”（办件编号 {caseNo}）已受理，将在承诺时限内办结。',
  },
  supplement_requested: {
    title: '请补正材料',
    body: '您申请的“{itemName}”（办件编号 {caseNo}）需要补正以下材料：{items}。请一次性补齐后重新提交。',
    extras: { note: '窗口说明：{note}' },
  },
  rejected: {
    title: '办件不予受理',
    body: '您申请的“{itemName}”（办件编号 {caseNo}）不予受理。',
    extras: { reason: '理由：{reason}' },
  },
  completed: {
    title: '办件已办结',
    body: '您申请的“{itemName}”（办件编号 {caseNo}）已办结，准予许可。',
    extras: { licence: '电子证照已存入您的证照夹。' },
  },
  denied: {
    title: '办件不予许可',
    body: '您申请的“{itemName}”（办件编号 {caseNo}）经审查不予许可。',
    extras: { reason: '理由：{reason}' },
  },
  resubmission_received: {
    title: '补正材料已收到',
    body: '您为“{itemName}”（办件编号 {caseNo}）补正的材料已收到，窗口将重新审核。',
  },
  special_procedure: {
    title: '办件进入特别程序',
    body: '您申请的“{itemName}”（办件编号 {caseNo}）进入特别程序，特别程序所需时间不计入办理时限。',
    extras: { procedure: '程序：{procedure}', until: '预计至 {until} 结束。' },
  },
  extended: {
    title: '办理时限已延长',
    body: '您申请的“{itemName}”（办件编号 {caseNo}）的办理时限已依法延长。',
    extras: { dueDate: '新的办结期限：{dueDate}。', reason: '理由：{reason}' },
  },
  delivered: {
    title: '办理结果已送达',
    body: '您申请的“{itemName}”（办件编号 {caseNo}）的办理结果已送达。',
    extras: { method: '送达方式：{method}' },
  },
  supplement_due_soon: {
    title: '补正即将到期',
    body: '您申请的“{itemName}”（办件编号 {caseNo}）尚未补正材料，请尽快补齐。',
    extras: { dueDate: '补正期限：{dueDate}。' },
  },
  lapsed: {
    title: '补正逾期，办件终止',
    body: '您申请的“{itemName}”（办件编号 {caseNo}）未在补正期限内补齐材料，已终止办理。如仍需办理，请重新申请。',
    extras: { dueDate: '补正期限：{dueDate}。' },
  },
  theme_released: {
    title: '一件事：事项转入受理',
    body: '您申请的“{theme}”中的“{itemName}”（办件编号 {caseNo}）的前置事项已办结，现已转入受理。',
    extras: { after: '已办结的前置办件：{after}。' },
  },
  theme_cancelled: {
    title: '一件事：事项终止办理',
    body: '您申请的“{theme}”中的“{itemName}”（办件编号 {caseNo}）因前置事项未获办结，已终止办理。',
    extras: { after: '未获办结的前置办件：{after}。' },
  },
  transferred: {
    title: '办件已移送',
    body: '您申请的“{itemName}”（办件编号 {caseNo}）已由{from}移送至{to}办理，办理时限连续计算，无需重新申请。',
    extras: { reason: '理由：{reason}' },
  },
  appointment_reminder: {
    title: '预约提醒',
    body: '您已预约 {date} {time} 起到{hall}办理业务（共 {count} 项）。请按时凭预约码到自助终端签到取号；如不能前来，请提前在网上取消。',
  },
} as const satisfies Record<string, NotificationText>;

export type NotificationKind = keyof typeof zh;

const en: Record<NotificationKind, NotificationText> = {
  prereview_passed: {
    title: 'Online pre-review passed',
    body: 'Your application for "{itemName}" (case {caseNo}) passed the online pre-review. Book a visit and bring the originals to the window, where it is accepted once they are checked.',
    extras: { bring: 'Please bring: {bring}', note: 'Note from the window: {note}' },
  },
  accepted: {
    title: 'Application accepted',
    body: 'Your application for "{itemName}" (case {caseNo}) has been accepted and will be completed within the promised time.',
  },
  supplement_requested: {
    title: 'Please supplement your materials',
    body: 'Your application for "{itemName}" (case {caseNo}) needs these materials: {items}. Please provide them all and resubmit.',
    extras: { note: 'Note from the window: {note}' },
  },
  rejected: {
    title: 'Application not accepted',
    body: 'Your application for "{itemName}" (case {caseNo}) was not accepted.',
    extras: { reason: 'Reason: {reason}' },
  },
  completed: {
    title: 'Application completed',
    body: 'Your application for "{itemName}" (case {caseNo}) is completed and approved.',
    extras: { licence: 'The e-certificate is in your wallet.' },
  },
  denied: {
    title: 'Application denied',
    body: 'Your application for "{itemName}" (case {caseNo}) was reviewed and denied.',
    extras: { reason: 'Reason: {reason}' },
  },
  resubmission_received: {
    title: 'Supplement received',
    body: 'The materials you supplemented for "{itemName}" (case {caseNo}) were received; the window will review them again.',
  },
  special_procedure: {
    title: 'Special procedure',
    body: 'Your application for "{itemName}" (case {caseNo}) entered a special procedure; its time does not count against the time limit.',
    extras: { procedure: 'Procedure: {procedure}', until: 'Expected to end by {until}.' },
  },
  extended: {
    title: 'Time limit extended',
    body: 'The time limit of your application for "{itemName}" (case {caseNo}) was extended as the law allows.',
    extras: { dueDate: 'New due date: {dueDate}.', reason: 'Reason: {reason}' },
  },
  delivered: {
    title: 'Result delivered',
    body: 'The result of your application for "{itemName}" (case {caseNo}) was delivered.',
    extras: { method: 'Delivered by: {method}' },
  },
  supplement_due_soon: {
    title: 'Supplement due soon',
    body: 'Your application for "{itemName}" (case {caseNo}) still needs its supplement: please provide it soon.',
    extras: { dueDate: 'Due by: {dueDate}.' },
  },
  lapsed: {
    title: 'Application lapsed',
    body: 'Your application for "{itemName}" (case {caseNo}) was not supplemented by its deadline and has ended. Please apply again if you still need it.',
    extras: { dueDate: 'The deadline was {dueDate}.' },
  },
  theme_released: {
    title: 'Bundle: now in intake',
    body: 'In your application "{theme}", "{itemName}" (case {caseNo}) has had its prerequisites completed and is now in intake.',
    extras: { after: 'Completed prerequisites: {after}.' },
  },
  theme_cancelled: {
    title: 'Bundle: application ended',
    body: 'In your application "{theme}", "{itemName}" (case {caseNo}) has ended because a prerequisite was not completed.',
    extras: { after: 'Prerequisites not completed: {after}.' },
  },
  transferred: {
    title: 'Case transferred',
    body: 'Your application for "{itemName}" (case {caseNo}) was transferred from {from} to {to}, which handles it now; its time limit keeps running and you need not apply again.',
    extras: { reason: 'Reason: {reason}' },
  },
  appointment_reminder: {
    title: 'Appointment reminder',
    body: 'You have booked {count} visit(s) at {hall} on {date} from {time}. Please check in at the kiosk with your booking code on time; if you cannot come, cancel online beforehand.',
  },
};

export const notificationMessages: Record<Lang, Record<NotificationKind, NotificationText>> = { 'zh-CN': zh, en };

/** Every kind the platform knows, in the order the settings list them. */
export const notificationKinds = Object.keys(zh) as NotificationKind[];

/** The kinds about a hall appointment (the others are about a case). */
export const appointmentNotificationKinds = ['appointment_reminder'] as const satisfies readonly NotificationKind[];
export type AppointmentNotificationKind = (typeof appointmentNotificationKinds)[number];
export type CaseNotificationKind = Exclude<NotificationKind, AppointmentNotificationKind>;

/** What a parameter may hold: text, text in both languages, or (补正) the list of what is missing. */
export type NotificationParam = string | number | boolean | { zh: string; en: string } | { name: { zh: string; en: string } | null; reason: string }[];
export type NotificationParams = Record<string, NotificationParam | null | undefined>;

const listSeparator: Record<Lang, string> = { 'zh-CN': '；', en: '; ' };

function paramText(lang: Lang, value: NotificationParam): string {
  if (Array.isArray(value)) {
    return value
      .map((it) => {
        const name = it.name ? (lang === 'en' ? it.name.en : it.name.zh) : null;
        return name ? `${name}${lang === 'en' ? ': ' : '：'}${it.reason}` : it.reason;
      })
      .join(listSeparator[lang]);
  }
  if (typeof value === 'object') return lang === 'en' ? value.en : value.zh;
  return String(value);
}

const present = (v: NotificationParam | null | undefined): v is NotificationParam => v !== null && v !== undefined && v !== '' && v !== false;

/** A notification's title and text in the reader's language. */
export function renderNotification(lang: Lang, kind: NotificationKind, params: NotificationParams): { title: string; body: string } {
  const text = notificationMessages[lang][kind];
  const fillIn = (template: string) => template.replace(/\{(\w+)\}/g, (_, k: string) => (present(params[k]) ? paramText(lang, params[k]) : ''));
  const extras = Object.entries(text.extras ?? {})
    .filter(([key]) => present(params[key]))
    .map(([, template]) => fillIn(template));
  return { title: text.title, body: [fillIn(text.body), ...extras].join(lang === 'en' ? ' ' : '') };
}
