import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Input, Typography } from 'antd';
import { useI18n } from '../../i18n';

/**
 * The public verification pages' frame (certificates, case documents): heading, the code box that
 * goes to `<base>/<code>`, and the outcome of the code in the address below it.
 */
export function VerifyShell(props: {
  icon: ReactNode;
  title: string;
  subtitle: string;
  code: string | undefined;
  base: string;
  normalise?: (code: string) => string;
  inputTestId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [input, setInput] = useState(props.code ?? '');
  const normalise = props.normalise ?? ((c: string) => c);
  return (
    <div className="yw-page yw-narrow">
      <div className="yw-verify-head">
        {props.icon}
        <Typography.Title level={3} style={{ margin: 0 }}>
          {props.title}
        </Typography.Title>
        <Typography.Text type="secondary">{props.subtitle}</Typography.Text>
      </div>
      <Input.Search
        size="large"
        value={input}
        onChange={(e) => setInput(e.target.value)}
        placeholder={t('verify.inputPlaceholder')}
        enterButton={t('verify.check')}
        onSearch={(v) => v.trim() && navigate(`${props.base}/${encodeURIComponent(normalise(v.trim()))}`)}
        data-testid={props.inputTestId}
        style={{ marginBottom: 20 }}
      />
      {props.children}
    </div>
  );
}
