import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeIdNumber } from '../lib/identifiers.js';
import { blindIndex } from '../lib/pii.js';
import { Client, createTestApp, samplePdf, type TestContext } from '../test/app.js';
import { logUrl } from './logging.js';

/** The server's log as an operator's log shipper would receive it. */
class LogCapture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString('utf8');
    done();
  }
  lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

let ctx: TestContext;
const log = new LogCapture();

beforeAll(async () => {
  ctx = await createTestApp({ config: { LOG_LEVEL: 'info' }, logStream: log });
});
afterAll(() => ctx?.close());

const person = { name: '赵秘密', idNumber: completeIdNumber('11010519491231002'), phone: '13912345678', password: 'Qz7!river-lantern' };

describe('the log never carries secrets or personal data', () => {
  it('a failing registration (500) logs the database error without the hash, sealed values, blind index or form', async () => {
    // A real database failure on the insert that carries the Argon2id hash and the sealed identifiers.
    await ctx.database.db.execute(sql.raw('ALTER TABLE accounts ADD CONSTRAINT yw_test_refuse_accounts CHECK (false) NOT VALID'));
    try {
      const res = await new Client(ctx.app).post('/api/auth/register', person);
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await ctx.database.db.execute(sql.raw('ALTER TABLE accounts DROP CONSTRAINT yw_test_refuse_accounts'));
    }
    const failure = log.lines().find((l) => l.msg === 'unhandled error');
    expect(failure, 'the 500 is logged').toBeDefined();
    // Still useful to an operator: which statement and which constraint failed.
    expect(JSON.stringify(failure)).toContain('yw_test_refuse_accounts');
    expect(JSON.stringify(failure)).toContain('23514');
    for (const secret of ['$argon2id$', 'sb1.', person.idNumber, person.phone, person.name, person.password, blindIndex('id_number', person.idNumber), 'params']) {
      expect(log.text, secret).not.toContain(secret);
    }
  });

  it('a failing case submission logs neither the form contents nor the applicant', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login('13800000001');
    const items = (await citizen.get('/api/catalog/items')).json().items as { id: string; code: string }[];
    const upload = async (name: string) => (await citizen.upload(name, samplePdf(), 'application/pdf')).json().id as string;
    const [m1, m2] = [await upload('a.pdf'), await upload('b.pdf')];
    await ctx.database.db.execute(sql.raw('ALTER TABLE cases ADD CONSTRAINT yw_test_refuse_cases CHECK (false) NOT VALID'));
    try {
      const res = await citizen.post('/api/cases', {
        itemId: items.find((i) => i.code === '000101001000')!.id,
        form: { tradeName: '机密牛肉面馆', organisation: '个人经营', scope: '餐饮服务', address: '保密路 99 号' },
        materials: [
          { code: 'M01', uploadId: m1 },
          { code: 'M02', uploadId: m2 },
        ],
      });
      expect(res.statusCode).toBe(500);
    } finally {
      await ctx.database.db.execute(sql.raw('ALTER TABLE cases DROP CONSTRAINT yw_test_refuse_cases'));
    }
    expect(log.text).toContain('yw_test_refuse_cases');
    for (const secret of ['机密牛肉面馆', '保密路', '张三', 'sb1.']) expect(log.text, secret).not.toContain(secret);
  });

  it('request URLs are logged without one-time ids and query values', async () => {
    const anon = new Client(ctx.app);
    const qr = (await anon.post('/api/qr-login/requests', { channel: 'web' })).json() as { id: string };
    await anon.get(`/api/qr-login/requests/${qr.id}/status`);
    await anon.get('/api/verify/VERIFYCODE123secret');
    await anon.get('/api/catalog/items?q=%E8%B5%B5%E7%A7%98%E5%AF%86');
    const urls = log.lines().flatMap((l) => ((l.req as { url?: string } | undefined)?.url ? [(l.req as { url: string }).url] : []));
    expect(urls).toContain('/api/qr-login/requests/[redacted]/status');
    expect(urls).toContain('/api/verify/[redacted]');
    expect(urls).toContain('/api/catalog/items?q=~');
    expect(log.text).not.toContain(qr.id);
    expect(log.text).not.toContain('VERIFYCODE123secret');
    expect(log.text).not.toContain('%E8%B5%B5');
  });

  it('redacts the pages that carry one-time ids too', () => {
    expect(logUrl('/verify/abc123')).toBe('/verify/[redacted]');
    expect(logUrl('/qr/confirm/tok_en')).toBe('/qr/confirm/[redacted]');
    expect(logUrl('/oidc/interaction/uid1/details')).toBe('/oidc/interaction/[redacted]/details');
    expect(logUrl('/oidc/session/end?id_token_hint=eyJ.x.y&post_logout_redirect_uri=https%3A%2F%2Fa')).toBe('/oidc/session/end?id_token_hint=~&post_logout_redirect_uri=~');
    expect(logUrl('/api/cases/0190f3c8-7a1e-7000-8000-0000000000aa')).toBe('/api/cases/0190f3c8-7a1e-7000-8000-0000000000aa');
  });
});
