import { appointmentNotificationKinds, notificationKinds, type AppointmentNotificationKind, type CaseNotificationKind, type NotificationKind } from '../../lib/i18n/notificationMessages.js';
import type { SmsTemplate } from './gateway.js';

export { appointmentNotificationKinds, notificationKinds, type AppointmentNotificationKind, type CaseNotificationKind, type NotificationKind };

/**
 * Per kind: its SMS template (a case's: case number and item name only; an appointment's: when and
 * where only) and whether SMS is on until the applicant chooses. SMS is on by default where the
 * applicant must act or the case has ended (预审通过, 补正, 办结, 不予受理, 不予许可, 即将超期的补正, 补正逾期,
 * 一件事 members ended, the appointment tomorrow); the message centre always gets every kind.
 */
export const notificationChannels: Record<NotificationKind, { sms: SmsTemplate; smsByDefault: boolean }> = {
  // 网上预审通过: the applicant must act (book the visit, bring the originals).
  prereview_passed: { sms: 'CASE_PREREVIEW_PASSED', smsByDefault: true },
  accepted: { sms: 'CASE_ACCEPTED', smsByDefault: false },
  supplement_requested: { sms: 'CASE_SUPPLEMENT', smsByDefault: true },
  rejected: { sms: 'CASE_REJECTED', smsByDefault: true },
  completed: { sms: 'CASE_COMPLETED', smsByDefault: true },
  denied: { sms: 'CASE_DENIED', smsByDefault: true },
  resubmission_received: { sms: 'CASE_RESUBMITTED', smsByDefault: false },
  special_procedure: { sms: 'CASE_SPECIAL_PROCEDURE', smsByDefault: false },
  extended: { sms: 'CASE_EXTENDED', smsByDefault: false },
  delivered: { sms: 'CASE_DELIVERED', smsByDefault: false },
  supplement_due_soon: { sms: 'CASE_SUPPLEMENT_DUE', smsByDefault: true },
  lapsed: { sms: 'CASE_LAPSED', smsByDefault: true },
  theme_released: { sms: 'CASE_THEME_RELEASED', smsByDefault: false },
  theme_cancelled: { sms: 'CASE_THEME_CANCELLED', smsByDefault: true },
  transferred: { sms: 'CASE_TRANSFERRED', smsByDefault: false },
  appointment_reminder: { sms: 'APPOINTMENT_REMINDER', smsByDefault: true },
};
