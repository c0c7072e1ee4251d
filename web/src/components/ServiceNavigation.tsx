import { Link } from 'react-router-dom';
import { Segmented, Space, Tag, Typography } from 'antd';
import { FireOutlined, HistoryOutlined } from '@ant-design/icons';
import { useQuery } from '../hooks';
import { useT } from '../i18n';
import type { PopularItems, TopicList } from '../types';
import { recentItems } from '../recentItems';

export type Navigation = { audience: '' | 'person' | 'entity'; lifeEvent: string; enterpriseStage: string };

/**
 * Finding services without knowing their names: for persons by life event (出生、上学、就业…), for
 * enterprises by stage (开办、经营、注销…). Only topics that list something are offered.
 */
export function ServiceNavigation({ value, onChange }: { value: Navigation; onChange: (next: Navigation) => void }) {
  const t = useT();
  const topics = useQuery<TopicList>('/api/catalog/topics');
  const list = value.audience === 'entity' ? topics.data?.enterpriseStages : value.audience === 'person' ? topics.data?.lifeEvents : undefined;
  const selected = value.audience === 'entity' ? value.enterpriseStage : value.lifeEvent;
  const pick = (code: string) =>
    onChange(value.audience === 'entity' ? { ...value, enterpriseStage: code === selected ? '' : code } : { ...value, lifeEvent: code === selected ? '' : code });
  return (
    <div className="yw-service-nav" data-testid="service-navigation">
      <Segmented
        value={value.audience}
        onChange={(a) => onChange({ audience: a as Navigation['audience'], lifeEvent: '', enterpriseStage: '' })}
        options={[
          { value: '', label: t('nav2.all') },
          { value: 'person', label: <span data-testid="audience-person">{t('nav2.forPersons')}</span> },
          { value: 'entity', label: <span data-testid="audience-entity">{t('nav2.forEntities')}</span> },
        ]}
      />
      {list && list.length > 0 && (
        <Space wrap size={[4, 8]} className="yw-service-nav-topics">
          <Typography.Text type="secondary">{value.audience === 'entity' ? t('nav2.enterpriseStages') : t('nav2.lifeEvents')}</Typography.Text>
          {list.map((topic) => (
            <Tag.CheckableTag key={topic.code} checked={selected === topic.code} onChange={() => pick(topic.code)} data-testid={`topic-${topic.code}`}>
              {topic.name} <span className="yw-muted">{topic.items}</span>
            </Tag.CheckableTag>
          ))}
        </Space>
      )}
    </div>
  );
}

/** 最常办 (from the server, over the last 90 days) and 最近浏览 (this browser's). */
export function QuickServices() {
  const t = useT();
  const popular = useQuery<PopularItems>('/api/catalog/popular');
  const recent = recentItems();
  const row = (icon: React.ReactNode, title: string, items: { id: string; name: string; hint?: string }[], testId: string) =>
    items.length > 0 && (
      <div className="yw-quick-row" data-testid={testId}>
        <Typography.Text strong>
          {icon} {title}
        </Typography.Text>
        <Space wrap size={[12, 4]}>
          {items.map((i) => (
            <Link key={i.id} to={`/items/${i.id}`} title={i.hint}>
              {i.name}
            </Link>
          ))}
        </Space>
      </div>
    );
  return (
    <div className="yw-quick-services">
      {row(<FireOutlined />, t('nav2.popular'), (popular.data?.items ?? []).map((i) => ({ id: i.id, name: i.name, hint: t('nav2.popularCases', { n: i.cases }) })), 'popular-items')}
      {row(<HistoryOutlined />, t('nav2.recent'), recent, 'recent-items')}
    </div>
  );
}
