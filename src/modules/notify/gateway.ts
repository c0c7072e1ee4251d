import { DomainError } from '../../lib/errors.js';
import { z } from 'zod';

/** Message templates as registered with an SMS provider: a code and a text with named variables. */
export const smsTemplates = {
  SIGN_IN_CODE: { text: '【一网通办】您的验证码为${code}，5分钟内有效。请勿泄露。', params: ['code'] },
  STAFF_SIGN_IN_CODE: {
    text: '【一网通办】您正在登录政务服务工作台，验证码为${code}，5分钟内有效。如非本人操作，请立即联系管理员。',
    params: ['code'],
  },
  // The day-before reminder of a hall appointment: when and where only, no name or service (no personal data).
  APPOINTMENT_REMINDER: {
    text: '【一网通办】您已预约明天（${date}）${time}起到${hall}办理业务（共${count}项），请按时凭预约码到自助终端签到取号；如不能前来，请提前在网上取消。',
    params: ['date', 'time', 'hall', 'count'],
  },
  // Case notifications: only the case number and the item's name, never a name or an ID number.
  CASE_ACCEPTED: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）已受理，请登录一网通办查看。', params: ['caseNo', 'itemName'] },
  CASE_SUPPLEMENT: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）需要补正材料，请登录一网通办查看一次性告知并补齐。', params: ['caseNo', 'itemName'] },
  CASE_REJECTED: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）不予受理，理由请登录一网通办查看。', params: ['caseNo', 'itemName'] },
  CASE_COMPLETED: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）已办结，请登录一网通办查看结果。', params: ['caseNo', 'itemName'] },
  CASE_DENIED: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）不予许可，理由请登录一网通办查看。', params: ['caseNo', 'itemName'] },
  CASE_RESUBMITTED: { text: '【一网通办】您为${itemName}（办件编号${caseNo}）补正的材料已收到。', params: ['caseNo', 'itemName'] },
  CASE_SPECIAL_PROCEDURE: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）进入特别程序，详情请登录一网通办查看。', params: ['caseNo', 'itemName'] },
  CASE_EXTENDED: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）办理时限已延长，详情请登录一网通办查看。', params: ['caseNo', 'itemName'] },
  CASE_DELIVERED: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）的办理结果已送达。', params: ['caseNo', 'itemName'] },
  CASE_SUPPLEMENT_DUE: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）补正期限将至，请尽快登录一网通办补齐材料。', params: ['caseNo', 'itemName'] },
  CASE_LAPSED: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）补正期限已过，办件已终止，详情请登录一网通办查看。', params: ['caseNo', 'itemName'] },
  CASE_THEME_RELEASED: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）前置事项已办结，已转入受理。', params: ['caseNo', 'itemName'] },
  CASE_TRANSFERRED: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）已移送其他部门办理，详情请登录一网通办查看。', params: ['caseNo', 'itemName'] },
  CASE_PREREVIEW_PASSED: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）已通过网上预审，请登录一网通办查看需携带的原件并预约到窗口办理。', params: ['caseNo', 'itemName'] },
  CASE_THEME_CANCELLED: { text: '【一网通办】您申请的${itemName}（办件编号${caseNo}）因前置事项未获办结已终止办理，详情请登录一网通办查看。', params: ['caseNo', 'itemName'] },
} as const satisfies Record<string, { text: string; params: readonly string[] }>;

export type SmsTemplate = keyof typeof smsTemplates;

/** Mainland China mobile numbers, the only destinations the platform sends to. */
export const smsPhoneSchema = z.string().regex(/^1[3-9]\d{9}$/);

/**
 * What the platform needs from an SMS provider. Implementations refuse invalid numbers
 * (SMS_INVALID_NUMBER) and enforce the provider's per-number limits (SMS_TOO_FREQUENT,
 * SMS_DAILY_LIMIT), like the commercial gateways do.
 */
export interface SmsGateway {
  readonly kind: 'sandbox' | 'live';
  send(to: string, template: SmsTemplate, params: Record<string, string>): Promise<{ messageId: string }>;
}

/** Fills a template's ${name} variables; every declared variable must be given. */
export function renderTemplate(template: SmsTemplate, params: Record<string, string>): string {
  const def = smsTemplates[template];
  for (const p of def.params) {
    if (typeof params[p] !== 'string' || params[p] === '') throw new Error(`SMS template ${template}: missing parameter ${p}`);
  }
  return def.text.replace(/\$\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}

const DAY_MS = 24 * 3600_000;

/**
 * Per-number sending limits over the send times of the last day (newest first): at most one
 * message per `minIntervalSeconds` and `daily` per 24 hours. Throws SMS_TOO_FREQUENT or
 * SMS_DAILY_LIMIT with the seconds to wait.
 */
export function assertWithinSendingLimits(recent: Date[], now: Date, minIntervalSeconds: number, daily: number): void {
  const last = recent[0];
  if (last) {
    const wait = Math.ceil((last.getTime() + minIntervalSeconds * 1000 - now.getTime()) / 1000);
    if (wait > 0) throw new DomainError('SMS_TOO_FREQUENT', { seconds: wait });
  }
  if (recent.length >= daily) {
    const oldest = recent[daily - 1]!;
    throw new DomainError('SMS_DAILY_LIMIT', { seconds: Math.max(1, Math.ceil((oldest.getTime() + DAY_MS - now.getTime()) / 1000)) });
  }
}
