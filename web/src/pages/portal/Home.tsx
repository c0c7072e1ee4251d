import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { AutoComplete, Button, Card, Col, Empty, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { FileSearchOutlined, IdcardOutlined, SafetyCertificateOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useQuery } from '../../hooks';
import { itemTypeLabel, promisedLimitText, useT } from '../../i18n';
import { qs } from '../../api';
import type { CatalogDepartmentList, ItemList, SuggestionList } from '../../types';
import { QueryView } from '../../components/QueryView';
import { DepthTags } from '../../components/DepthTags';
import { QuickServices, ServiceNavigation } from '../../components/ServiceNavigation';
import { ThemeServices } from '../../components/ThemeServices';

/** How long typing must pause before suggestions are asked for. */
const SUGGEST_DEBOUNCE_MS = 200;

/** `value`, once it has stopped changing for `ms`. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export default function Home() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const departmentId = params.get('dept') ?? '';
  const nav = { audience: (params.get('aud') ?? '') as '' | 'person' | 'entity', lifeEvent: params.get('event') ?? '', enterpriseStage: params.get('stage') ?? '' };
  const depts = useQuery<CatalogDepartmentList>('/api/catalog/departments?withItems=true');
  const items = useQuery<ItemList>(`/api/catalog/items${qs({ q, departmentId, audience: nav.audience, lifeEvent: nav.lifeEvent, enterpriseStage: nav.enterpriseStage })}`);
  // Search as one types: the box's text, suggestions for it once typing pauses.
  const [typed, setTyped] = useState(q);
  const [open, setOpen] = useState(false);
  useEffect(() => setTyped(q), [q]);
  const settled = useDebounced(typed.trim(), SUGGEST_DEBOUNCE_MS);
  const suggest = useQuery<SuggestionList>(open && settled ? `/api/catalog/suggest${qs({ q: settled })}` : null);
  const suggestions = useMemo(
    () =>
      (settled ? (suggest.data?.items ?? []) : []).map((s) => ({
        value: s.id,
        label: (
          <div className="yw-suggestion" data-testid="suggestion" data-item-id={s.id}>
            <span className="yw-suggestion-name">{s.name}</span>
            <span className="yw-suggestion-dept">{s.department.name}</span>
          </div>
        ),
      })),
    [suggest.data, settled],
  );
  const suggestionIds = useMemo(() => new Set(suggestions.map((s) => s.value)), [suggestions]);

  const update = (next: { q?: string; dept?: string; aud?: string; event?: string; stage?: string }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };

  const deptOptions = useMemo(
    () => [{ value: '', label: t('home.allDepartments') }, ...(depts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))],
    [depts.data, t],
  );

  return (
    <div>
      <section className="yw-hero">
        <div className="yw-hero-inner">
          <Typography.Title level={1} className="yw-hero-title">
            {t('home.heroTitle')}
          </Typography.Title>
          <p className="yw-hero-sub">{t('home.heroSubtitle')}</p>
          <AutoComplete
            className="yw-hero-autocomplete"
            value={typed}
            options={suggestions}
            open={open && suggestions.length > 0}
            // Enter searches what was typed; an option is taken only when chosen (arrow keys or click).
            defaultActiveFirstOption={false}
            onSearch={() => setOpen(true)}
            onChange={(v: string) => {
              // Choosing an option hands its value (the item id) here too: keep the typed text.
              if (!suggestionIds.has(v)) setTyped(v);
            }}
            onSelect={(id: string) => {
              setOpen(false);
              navigate(`/items/${id}`);
            }}
            onBlur={() => setOpen(false)}
            aria-label={t('search.suggestions')}
          >
            <Input.Search
              className="yw-hero-search"
              size="large"
              allowClear
              placeholder={t('search.placeholder')}
              enterButton={t('home.search')}
              onSearch={(v) => {
                setOpen(false);
                update({ q: v.trim() });
              }}
              data-testid="search-input"
            />
          </AutoComplete>
          <div className="yw-quick">
            <Link to="/my/cases">
              <FileSearchOutlined /> {t('home.quickMyCases')}
            </Link>
            <Link to="/my/licences">
              <IdcardOutlined /> {t('home.quickLicences')}
            </Link>
            <Link to="/verify">
              <SafetyCertificateOutlined /> {t('home.quickVerify')}
            </Link>
          </div>
        </div>
      </section>

      <div className="yw-page">
        <QuickServices />
        <ServiceNavigation value={nav} onChange={(n) => update({ aud: n.audience, event: n.lifeEvent, stage: n.enterpriseStage })} />
        {!q && <ThemeServices nav={nav} />}
        <div className="yw-toolbar">
          <Space wrap>
            <Typography.Text strong>{t('home.department')}</Typography.Text>
            <Select
              value={departmentId}
              onChange={(v) => update({ dept: v })}
              options={deptOptions}
              style={{ minWidth: 220 }}
              loading={depts.loading}
              data-testid="department-filter"
              optionRender={(o) => <span data-testid={`department-option-${String(o.value) || 'all'}`}>{o.label}</span>}
            />
          </Space>
          {items.data && (
            <Typography.Text type="secondary" data-testid="item-count">
              {t('home.count', { n: items.data.items.length })}
            </Typography.Text>
          )}
        </div>

        <QueryView q={items}>
          {(data) =>
            data.items.length === 0 ? (
              <Empty description={t('home.empty')} style={{ padding: 48 }} />
            ) : (
              <Row gutter={[16, 16]} data-testid="item-list">
                {data.items.map((it) => (
                  <Col xs={24} md={12} xl={8} key={it.id}>
                    <Card
                      className="yw-item-card"
                      hoverable
                      data-testid="item-card"
                      data-item-id={it.id}
                      data-item-code={it.code}
                      onClick={() => navigate(`/items/${it.id}`)}
                    >
                      <div className="yw-item-card-top">
                        <Tag color="blue">{itemTypeLabel(t, it.itemType, it.itemTypeLabel)}</Tag>
                        {it.feeFree && <Tag color="green">{t('common.free')}</Tag>}
                      </div>
                      <Link to={`/items/${it.id}`} className="yw-item-name" data-testid="item-link" onClick={(e) => e.stopPropagation()}>
                        {it.name}
                      </Link>
                      <div className="yw-item-dept">
                        {it.department.name} · {it.region.name}
                      </div>
                      <div className="yw-item-limits">
                        <span data-testid="item-promised-days">
                          <ClockCircleOutlined /> {t('home.promised')} <b className="yw-days">{promisedLimitText(t, it.promisedLimitDays)}</b>
                        </span>
                        <span className="yw-muted">
                          {t('home.legal')} {t('common.days', { n: it.legalLimitDays })}
                        </span>
                      </div>
                      <div className="yw-item-foot">
                        <DepthTags depth={it.onlineDepth} summary />
                        <Button type="link" size="small" onClick={(e) => { e.stopPropagation(); navigate(`/items/${it.id}`); }}>
                          {t('home.guide')} ›
                        </Button>
                      </div>
                    </Card>
                  </Col>
                ))}
              </Row>
            )
          }
        </QueryView>
      </div>
    </div>
  );
}
