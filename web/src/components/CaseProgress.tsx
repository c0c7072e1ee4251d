import { Steps } from 'antd';
import type { ProgressStep } from '../types';
import { useI18n } from '../i18n';
import { formatDate, formatDateTime } from '../format';

const STATUS = { done: 'finish', current: 'process', todo: 'wait', failed: 'error' } as const;

/**
 * The case's real steps as the server computes them (提交 → 受理 → approval step(s) → 办结 → 送达),
 * each with its date; the current one highlighted, an unsuccessful end shown as a failed last step.
 */
export function CaseProgress({ steps, compact, vertical }: { steps: ProgressStep[]; compact?: boolean; vertical?: boolean }) {
  const { lang } = useI18n();
  const current = Math.max(0, steps.findIndex((s) => s.state === 'current' || s.state === 'failed'));
  return (
    <Steps
      size="small"
      type={compact ? 'dot' : 'default'}
      orientation={vertical ? 'vertical' : 'horizontal'}
      responsive={false}
      current={current}
      className={`yw-case-progress${compact ? ' yw-case-progress-compact' : ''}`}
      data-testid="case-progress"
      items={steps.map((s) => ({
        title: <span data-testid="progress-step" data-key={s.key} data-state={s.state}>{s.label}</span>,
        status: STATUS[s.state],
        content: s.at ? <span className="yw-progress-at">{compact ? formatDate(s.at, lang).slice(5) : formatDateTime(s.at, lang)}</span> : undefined,
      }))}
    />
  );
}
