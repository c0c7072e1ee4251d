/**
 * Characters that must not reach a stored or shown file name: C0/C1 controls and DEL (ESC
 * sequences drive terminals), Unicode bidirectional controls (U+202E turns `invoice‮fdp.exe`
 * into what reads as `invoiceexe.pdf`; Unicode TR 36 §2.2, CVE-2021-42574), zero-width and
 * line/paragraph separators, path separators, and lone surrogates (not text at all).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb/\\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A user's file name made safe to store and show: unsafe characters are replaced, never refused. */
export function neutraliseFileName(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? '').replace(UNSAFE, '_').trim();
  // Cut by code point, not UTF-16 unit, so a surrogate pair is never split.
  const short = Array.from(cleaned).slice(0, 200).join('');
  return short === '' || /^\.+$/.test(short) ? fallback : short;
}

/**
 * Content-Disposition for a download (RFC 6266): always `attachment`, an ASCII fallback name for
 * old clients and the real name as RFC 8187 `filename*` (attr-char only: ' ( ) * are encoded too).
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = Array.from(fileName, (ch) => (/^[\x20-\x7e]$/.test(ch) && ch !== '"' && ch !== '\\' && ch !== '%' ? ch : '_')).join('');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
