import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/app.js';

/**
 * Slow clients (slowloris): a connection that never finishes its headers or body is answered
 * 408 and closed, idle connections are closed, and past the connection cap new ones are refused
 * instead of starving the process. Limits are set short here; README gives the defaults.
 */
let ctx: TestContext;
let port: number;

beforeAll(async () => {
  ctx = await createTestApp({
    config: { HTTP_HEADERS_TIMEOUT_SECONDS: '1', HTTP_REQUEST_TIMEOUT_SECONDS: '2', HTTP_IDLE_TIMEOUT_SECONDS: '2', HTTP_MAX_CONNECTIONS: '4' },
  });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ctx.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => ctx?.close());

/** A raw connection: what the server sent and whether it hung up. */
function open(): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('data', (d) => (data += d.toString()));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

const healthz = async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;

describe('slow and idle clients', () => {
  it('headers that never finish get 408 and the connection closed', async () => {
    const c = await open();
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1');
    await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('a body that stops half way is not waited for', async () => {
    const c = await open();
    c.socket.write('POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"username":');
    await c.closed;
    expect(c.received()).not.toMatch(/^HTTP\/1\.1 2/);
  });

  it('an idle kept-alive connection is closed', async () => {
    const c = await open();
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 200/);
  });

  it('past the connection cap new connections are refused, and service returns when idle ones are reaped', async () => {
    const held = await Promise.all([open(), open(), open(), open()]);
    const extra = await open();
    await extra.closed;
    expect(extra.received()).toBe('');
    await Promise.all(held.map((h) => h.closed));
    expect(await healthz()).toBe(200);
  });
});
