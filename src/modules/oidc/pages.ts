import type { KoaContextWithOIDC } from 'oidc-provider';
import { fill, label, pickLang, type Lang } from '../../lib/i18n/messages.js';

/** The provider's own pages (the sign-out question, "signed out", errors), in the request's language. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const langOf = (ctx: KoaContextWithOIDC): Lang => pickLang(ctx.get('accept-language') || undefined);

const shell = (lang: Lang, title: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>` +
  `<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#f5f7fa;margin:0}main{max-width:480px;margin:12vh auto;background:#fff;padding:32px;border-radius:8px;box-shadow:0 1px 4px #0002}` +
  `button{font-size:16px;padding:8px 20px;margin:8px 8px 0 0;border-radius:6px;border:1px solid #1557b0;background:#fff;color:#1557b0;cursor:pointer}button.primary{background:#1557b0;color:#fff}</style></head><body><main>${body}</main></body></html>`;

export function logoutPage(ctx: KoaContextWithOIDC, form: string): string {
  const lang = langOf(ctx);
  const t = (k: string) => label(lang, `oidc.logout.${k}`);
  const client = ctx.oidc.client;
  const q = client ? fill(t('question'), { client: escapeHtml(String(client.clientName ?? client.clientId)) }) : t('questionNoClient');
  return shell(
    lang,
    t('title'),
    `<h1>${t('title')}</h1>${form}<p>${q}</p>` +
      `<button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes" data-testid="logout-all">${t('all')}</button>` +
      `<button type="submit" form="op.logoutForm" data-testid="logout-only">${t('only')}</button>`,
  );
}

export function postLogoutPage(ctx: KoaContextWithOIDC): string {
  const lang = langOf(ctx);
  const t = (k: string) => label(lang, `oidc.logout.${k}`);
  return shell(lang, t('title'), `<h1>${t('title')}</h1><p>${t('done')}</p><p><a href="/">${t('home')}</a></p>`);
}

export function errorPage(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }): string {
  const lang = langOf(ctx);
  const title = label(lang, 'oidc.error.title');
  return shell(lang, title, `<h1>${title}</h1><p><code>${escapeHtml(out.error)}</code> ${escapeHtml(String(out.error_description ?? ''))}</p>`);
}
