import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Input, Modal, Result, Select, Space, Spin, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { errorMessage, useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import type { FormDefinition, ItemList } from '../../types';
import { FormDesigner } from '../../components/forms/FormDesigner';

/**
 * The form designer page (catalogue admins): an item's current form loaded into the designer.
 * Saving onto the item comes with the catalogue's versions; until then the definition is exported
 * as JSON (copied or downloaded) and can be imported back.
 */
export default function FormDesignerPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const itemId = params.get('item');
  const items = useQuery<ItemList>('/api/catalog/items');
  const [def, setDef] = useState<FormDefinition | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [json, setJson] = useState<'export' | 'import' | null>(null);
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);

  useEffect(() => {
    setLoadError(null);
    if (!itemId) {
      setDef({ fields: [] });
      return;
    }
    setDef(null);
    api
      .get<FormDefinition>(`/api/catalog/forms/items/${encodeURIComponent(itemId)}/definition`)
      .then(setDef)
      .catch((e: unknown) => setLoadError(e));
    // Loaded when the item changes, not when the language does (that would drop the edits).
  }, [itemId]);

  const mayDesign = !!user && (user.roles.includes('catalogue_admin') || user.roles.includes('platform_admin'));
  if (user && !mayDesign) return <Result status="403" title="403" subTitle={t('forms.page.forbidden')} />;

  const text = def ? JSON.stringify(def, null, 2) : '';
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    message.success(t('forms.page.copied'));
  };
  const download = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const code = items.data?.items.find((i) => i.id === itemId)?.code ?? 'form';
    a.download = `${code}-form.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const importJson = () => {
    try {
      const parsed = JSON.parse(pasted) as FormDefinition;
      if (!parsed || !Array.isArray(parsed.fields)) throw new Error('fields');
      setDef(parsed);
      setJson(null);
      setPasted('');
    } catch {
      setPasteError(t('forms.page.badJson'));
    }
  };

  return (
    <div className="yw-page">
      <Typography.Title level={3} data-testid="designer-title">
        {t('forms.page.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('forms.page.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            showSearch
            allowClear
            optionFilterProp="label"
            style={{ minWidth: 360 }}
            placeholder={t('forms.page.pickItem')}
            loading={items.loading}
            value={itemId ?? undefined}
            onChange={(id?: string) => setParams(id ? { item: id } : {})}
            options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.code}）` }))}
            data-testid="designer-item"
          />
          <Button icon={<CopyOutlined />} onClick={() => setJson('export')} disabled={!def} data-testid="designer-export">
            {t('forms.page.export')}
          </Button>
          <Button icon={<ImportOutlined />} onClick={() => setJson('import')} data-testid="designer-import">
            {t('forms.page.import')}
          </Button>
        </Space>
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('forms.page.noSaveYet')} />
      </Card>
      {loadError !== null && <Alert type="error" showIcon title={errorMessage(loadError, t)} style={{ marginBottom: 16 }} />}
      {def ? <FormDesigner value={def} onChange={setDef} /> : loadError === null && <Spin />}
      <Modal
        open={json === 'export'}
        title={t('forms.page.export')}
        onCancel={() => setJson(null)}
        width={720}
        footer={[
          <Button key="dl" icon={<DownloadOutlined />} onClick={download}>
            {t('forms.page.download')}
          </Button>,
          <Button key="copy" type="primary" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="designer-copy">
            {t('forms.page.copy')}
          </Button>,
        ]}
      >
        <Input.TextArea value={text} readOnly autoSize={{ minRows: 10, maxRows: 24 }} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="designer-json" />
      </Modal>
      <Modal open={json === 'import'} title={t('forms.page.import')} onCancel={() => setJson(null)} onOk={importJson} okText={t('forms.page.import')}>
        {pasteError && <Alert type="error" showIcon title={pasteError} style={{ marginBottom: 8 }} />}
        <Input.TextArea value={pasted} onChange={(e) => (setPasted(e.target.value), setPasteError(null))} autoSize={{ minRows: 10, maxRows: 20 }} style={{ fontFamily: 'monospace', fontSize: 12 }} />
      </Modal>
    </div>
  );
}
