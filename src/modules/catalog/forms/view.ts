import type { z } from 'zod';
import { local, type Lang } from '../../../lib/i18n/messages.js';
import type { formView as formContract } from './contract.js';
import type { FormField, TableColumn } from './types.js';

function simple(lang: Lang, f: FormField | TableColumn) {
  return {
    name: f.name,
    label: local(lang, f.label),
    required: f.required,
    ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
    ...(f.pattern !== undefined ? { pattern: f.pattern } : {}),
    ...(f.min !== undefined ? { min: f.min } : {}),
    ...(f.max !== undefined ? { max: f.max } : {}),
    ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: local(lang, o.label) })) } : {}),
    ...(f.help ? { help: local(lang, f.help) } : {}),
  };
}

export function formView(lang: Lang, form: { fields: FormField[] }): z.output<typeof formContract> {
  return {
    fields: form.fields.map((f) => ({
      ...simple(lang, f),
      type: f.type,
      ...(f.minCount !== undefined ? { minCount: f.minCount } : {}),
      ...(f.maxCount !== undefined ? { maxCount: f.maxCount } : {}),
      ...(f.columns ? { columns: f.columns.map((c) => ({ ...simple(lang, c), type: c.type })) } : {}),
      ...(f.minRows !== undefined ? { minRows: f.minRows } : {}),
      ...(f.maxRows !== undefined ? { maxRows: f.maxRows } : {}),
      ...(f.visibleWhen ? { visibleWhen: f.visibleWhen } : {}),
      ...(f.requiredWhen ? { requiredWhen: f.requiredWhen } : {}),
      ...(f.prefill ? { prefill: f.prefill } : {}),
    })),
  };
}
