import type { KoaContextWithOIDC } from 'oidc-provider';

/** The provider's two own pages (sign-out question and "signed out"), in both languages. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const text = {
  'zh-CN': {
    title: '退出登录',
    question: '您正在退出“{client}”。是否同时退出一网统一身份认证（所有已登录的部门系统都将退出）？',
    questionNoClient: '是否退出一网统一身份认证（所有已登录的部门系统都将退出）？',
    all: '全部退出',
    only: '仅退出该系统',
    done: '您已退出登录。',
  },
  en: {
    title: 'Sign out',
    question: 'You are signing out of “{client}”. Sign out of Yiwang as well (every department system you are signed in to)?',
    questionNoClient: 'Sign out of Yiwang (every department system you are signed in to)?',
    all: 'Sign out everywhere',
    only: 'Only this system',
    done: 'You are signed out.',
  },
};

function lang(ctx: KoaContextWithOIDC): 'zh-CN' | 'en' {
  const h = String(ctx.get('accept-language') ?? '').toLowerCase();
  return h.startsWith('en') ? 'en' : 'zh-CN';
}

const shell = (title: string, body: string, l: string) =>
  `<!doctype html><html lang="${l}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>` +
  `<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#f5f7fa;margin:0}main{max-width:480px;margin:12vh auto;background:#fff;padding:32px;border-radius:8px;box-shadow:0 1px 4px #0002}` +
  `button{font-size:16px;padding:8px 20px;margin:8px 8px 0 0;border-radius:6px;border:1px solid #1677ff;background:#fff;color:#1677ff;cursor:pointer}button.primary{background:#1677ff;color:#fff}</style></head><body><main>${body}</main></body></html>`;

export function logoutPage(ctx: KoaContextWithOIDC, form: string): string {
  const l = lang(ctx);
  const t = text[l];
  const client = ctx.oidc.client;
  const name = client ? escapeHtml(String(client.clientName ?? client.clientId)) : '';
  const q = client ? t.question.replace('{client}', name) : t.questionNoClient;
  return shell(
    t.title,
    `<h1>${t.title}</h1>${form}<p>${q}</p>` +
      `<button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes" data-testid="logout-all">${t.all}</button>` +
      `<button type="submit" form="op.logoutForm" data-testid="logout-only">${t.only}</button>`,
    l,
  );
}

export function postLogoutPage(ctx: KoaContextWithOIDC): string {
  const l = lang(ctx);
  return shell(text[l].title, `<h1>${text[l].title}</h1><p>${text[l].done}</p><p><a href="/">一网 Yiwang</a></p>`, l);
}
