import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { CaseStatus, CaseSummary } from '../types';
import { useT } from '../i18n';
import { useStatusLabel } from './StatusTag';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

/** One colour per status, in the chart's order (the type makes it name every status of the contract). */
const COLORS: Record<CaseStatus, string> = {
  waiting: '#8c8c8c',
  prereview: '#722ed1',
  prereviewed: '#eb2f96',
  submitted: '#1677ff',
  accepted: '#13c2c2',
  rejected: '#fa541c',
  supplement_requested: '#fa8c16',
  resubmitted: '#2f54eb',
  completed: '#52c41a',
  denied: '#f5222d',
  cancelled: '#bfbfbf',
  withdrawn: '#8c8c8c',
  lapsed: '#8c8c8c',
};
const CASE_STATUSES = Object.keys(COLORS) as CaseStatus[];

/** Department case counts per status (lazy-loaded; keeps echarts out of the main chunk). */
export default function StatusChart({ items }: { items: CaseSummary[] }) {
  const t = useT();
  const label = useStatusLabel();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const counts = CASE_STATUSES.map((s) => items.filter((i) => i.status === s).length);
    chart.setOption({
      tooltip: {},
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: CASE_STATUSES.map((s) => label(s)), axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barMaxWidth: 36,
          label: { show: true, position: 'top' },
          data: counts.map((v, i) => ({ value: v, itemStyle: { color: COLORS[CASE_STATUSES[i]!] } })),
        },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [items, label]);

  return (
    <div className="yw-chart" data-testid="status-chart">
      <div className="yw-chart-title">{t('wb.stats')}</div>
      <div ref={ref} style={{ height: 220, width: '100%' }} />
    </div>
  );
}
