import type { z } from 'zod';
import { local, type Lang } from '../../../lib/i18n/messages.js';
import type { formView as formContract } from './contract.js';
import type { FormField } from './types.js';

export function formView(lang: Lang, form: { fields: FormField[] }): z.output<typeof formContract> {
  return {
    fields: form.fields.map((f) => ({
      name: f.name,
      label: local(lang, f.label),
      type: f.type,
      required: f.required,
      ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
      ...(f.pattern !== undefined ? { pattern: f.pattern } : {}),
      ...(f.min !== undefined ? { min: f.min } : {}),
      ...(f.max !== undefined ? { max: f.max } : {}),
      ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: local(lang, o.label) })) } : {}),
      ...(f.help ? { help: local(lang, f.help) } : {}),
    })),
  };
}
