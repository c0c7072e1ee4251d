import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

/** Promised limits per implementation against the baseline's (lazy-loaded; keeps echarts out of the main chunk). */
export default function DivergenceChart({ bars, baseline, baselineLabel, unit }: { bars: { label: string; days: number }[]; baseline: number; baselineLabel: string; unit: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      tooltip: { valueFormatter: (v: number) => `${v} ${unit}` },
      grid: { left: 16, right: 72, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: bars.map((b) => b.label), axisLabel: { interval: 0, fontSize: 11, width: 120, overflow: 'break' } },
      yAxis: { type: 'value', minInterval: 1, name: unit, nameTextStyle: { align: 'left' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 36,
          data: bars.map((b) => ({ value: b.days, itemStyle: { color: b.days < baseline ? '#52c41a' : b.days > baseline ? '#fa541c' : '#1677ff' } })),
          label: { show: true, position: 'top' },
          markLine: { symbol: 'none', data: [{ yAxis: baseline, name: baselineLabel }], label: { formatter: baselineLabel }, lineStyle: { type: 'dashed', color: '#8c8c8c' } },
        },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [bars, baseline, baselineLabel, unit]);
  return <div ref={ref} style={{ height: 240, width: '100%' }} data-testid="divergence-chart" />;
}
