import { describe, expect, it } from 'vitest';
import { caseStatuses } from '../../modules/cases/contract.js';
import { caseActions } from '../../modules/cases/stateMachine.js';
import { staffRoles } from '../../modules/identity/tables.js';
import en from '../../../web/src/locales/en.js';
import zhCN from '../../../web/src/locales/zh-CN.js';
import { domainLabels } from './labels.js';
import { label } from './messages.js';

describe('labels of the platform’s codes', () => {
  const codes = [...caseStatuses.map((s) => `status.${s}`), ...caseActions.map((a) => `action.${a}`), ...staffRoles.map((r) => `role.${r}`)];

  it('name every case status, case action and staff role in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const missing = codes.filter((k) => !(k in domainLabels[lang]));
      expect(missing).toEqual([]);
    }
  });

  it('are the same words on the server and in the web app', () => {
    for (const key of Object.keys(domainLabels['zh-CN']) as (keyof (typeof domainLabels)['zh-CN'])[]) {
      expect(zhCN[key]).toBe(label('zh-CN', key));
      expect(en[key]).toBe(label('en', key));
    }
  });
});
