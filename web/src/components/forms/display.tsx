import type { ReactNode } from 'react';
import { Table } from 'antd';
import type { FormFieldView } from '../../types';

type Column = NonNullable<FormFieldView['columns']>[number];

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function simple(f: FormFieldView | Column | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if ((f?.type === 'select' || f?.type === 'radio') && typeof value === 'string') return f.options?.find((o) => o.value === value)?.label ?? value;
  if (f?.type === 'amount' && typeof value === 'number') return yuan(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The type a stored value has the shape of, while its definition is not at hand (still loading, or a field since removed). */
function shapeOf(value: unknown): FormFieldView['type'] | undefined {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'checkboxes' : 'table';
  if (typeof value === 'object' && value !== null) return 'from' in value ? 'dateRange' : 'regionCode' in value ? 'address' : undefined;
  return undefined;
}

/** A stored form value for reading (case detail, workbench): labels for options, yuan for fen, rows as a table. */
export function displayFieldValue(f: FormFieldView | undefined, value: unknown): ReactNode {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  const type = f?.type ?? shapeOf(value);
  switch (type) {
    case 'dateRange': {
      const r = value as { from: string; to: string };
      return `${r.from} ~ ${r.to}`;
    }
    case 'address': {
      const a = value as { regionName?: string; regionCode: string; detail: string };
      return `${a.regionName || a.regionCode} ${a.detail}`;
    }
    case 'checkboxes':
      return (value as string[]).map((v) => f?.options?.find((o) => o.value === v)?.label ?? v).join('、');
    case 'table': {
      const rows = value as Record<string, unknown>[];
      return (
        <Table
          size="small"
          pagination={false}
          rowKey={(_r, i) => String(i)}
          dataSource={rows}
          columns={(f?.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))].map((name) => ({ name, label: name, type: 'text' as const, required: false }))).map((c) => ({
            key: c.name,
            title: c.label,
            render: (_v: unknown, row: Record<string, unknown>) => simple(c, row[c.name]),
          }))}
        />
      );
    }
    default:
      return simple(f, value);
  }
}
