import { Button } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';

/** "预约办理" on an item's guide: book a time at a hall window for the item (sign in first). */
export function BookButton({ itemId }: { itemId: string }) {
  const t = useT();
  const { user } = useAuth();
  const navigate = useNavigate();
  if (user?.kind === 'staff') return null;
  const target = `/appointments/new/${itemId}`;
  return (
    <Button size="large" icon={<CalendarOutlined />} onClick={() => navigate(user ? target : `/login?next=${encodeURIComponent(target)}`)} data-testid="book-button">
      {t('hallq.book')}
    </Button>
  );
}
