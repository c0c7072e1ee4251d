import type { LocalText } from '../../../db/types.js';

/**
 * Field types of a data-defined form. `idNumber` (公民身份号码, GB 11643) and `creditCode`
 * (统一社会信用代码, GB 32100) are checked by the same validators as registration.
 */
export const formFieldTypes = ['text', 'textarea', 'date', 'select', 'number', 'idNumber', 'creditCode'] as const;

export type FormField = {
  name: string;
  label: LocalText;
  type: (typeof formFieldTypes)[number];
  required: boolean;
  maxLength?: number;
  pattern?: string;
  min?: number;
  max?: number;
  options?: { value: string; label: LocalText }[];
  help?: LocalText;
};
