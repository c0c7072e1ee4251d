// Display helpers. Times are shown in China Standard Time (Asia/Shanghai).
const TZ = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso; // already a calendar date
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-CA' : 'zh-CN', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatFen(fen: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

export function shortHash(sha: string | null | undefined): string {
  return (sha ?? '').slice(0, 12);
}

/** MIME types and extensions for a material's `accept` list ('pdf' | 'png' | 'jpg'). */
export function acceptAttr(accept: string[]): string {
  const map: Record<string, string> = {
    pdf: '.pdf,application/pdf',
    png: '.png,image/png',
    jpg: '.jpg,.jpeg,image/jpeg',
    jpeg: '.jpg,.jpeg,image/jpeg',
  };
  return accept.map((a) => map[a.toLowerCase()] ?? `.${a}`).join(',');
}

export function fileMatchesAccept(file: File, accept: string[]): boolean {
  if (!accept.length) return true;
  const ext = (file.name.split('.').pop() ?? '').toLowerCase();
  const norm = (s: string) => (s === 'jpeg' ? 'jpg' : s);
  const mimeExt = file.type === 'application/pdf' ? 'pdf' : file.type === 'image/png' ? 'png' : file.type === 'image/jpeg' ? 'jpg' : '';
  return accept.some((a) => norm(a.toLowerCase()) === norm(ext) || (mimeExt && norm(a.toLowerCase()) === mimeExt));
}
