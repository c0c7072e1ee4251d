import { Space, Tag } from 'antd';
import { hasKey, useT } from '../i18n';

/**
 * Online service depth (网上办理深度, codes per the implementation-list standard):
 * 1 咨询 2 收件 3 预审 4 受理 5 办理 6 结果反馈 7 电子证照反馈.
 * `summary` shows one tag (全程网办 when 1–6 are all online); otherwise every level.
 */
export function DepthTags({ depth, summary }: { depth: number[]; summary?: boolean }) {
  const t = useT();
  if (!depth?.length) return null;
  if (summary) {
    const full = [1, 2, 3, 4, 5, 6].every((d) => depth.includes(d));
    const key = full ? 'depth.full' : depth.includes(3) || depth.includes(2) ? 'depth.partial' : 'depth.consult';
    return (
      <Tag color={full ? 'green' : 'geekblue'} data-testid="online-depth" data-depth={depth.join(',')}>
        {t(key)}
      </Tag>
    );
  }
  return (
    <Space size={[4, 4]} wrap data-testid="online-depth" data-depth={depth.join(',')}>
      {[...depth]
        .sort((a, b) => a - b)
        .map((d) => {
          const key = `depth.${d}`;
          return (
            <Tag key={d} color="blue">
              {hasKey(key) ? t(key) : String(d)}
            </Tag>
          );
        })}
    </Space>
  );
}
