import { Space, Tag } from 'antd';
import { hasKey, useT } from '../i18n';

const COLORS = ['default', 'default', 'cyan', 'geekblue', 'green'];

/** Online service depth (网上办理深度). Shows the highest level, or all levels with `all`. */
export function DepthTags({ depth, short, all }: { depth: number[]; short?: boolean; all?: boolean }) {
  const t = useT();
  if (!depth?.length) return null;
  const levels = all ? [...depth].sort() : [Math.max(...depth)];
  return (
    <Space size={4} wrap data-testid="online-depth">
      {levels.map((d) => {
        const key = short ? `depth.short.${d}` : `depth.${d}`;
        return (
          <Tag key={d} color={COLORS[d] ?? 'default'}>
            {hasKey(key) ? t(key) : String(d)}
          </Tag>
        );
      })}
    </Space>
  );
}
