import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { purgeEndedWindows } from '../../modules/ratelimit/index.js';
import { Client, createTestInstances } from '../../test/app.js';

// Two app instances on one database: what two server processes behind a load balancer are.
let database: Database;
let one: FastifyInstance;
let two: FastifyInstance;
let close: () => Promise<void>;
beforeAll(async () => {
  const instances = await createTestInstances(2);
  ({ database, close } = instances);
  [one, two] = instances.apps as [FastifyInstance, FastifyInstance];
});
afterAll(() => close());

const counters = () => database.query<{ key: string; hits: number }>('SELECT key, hits FROM rate_limit_counters ORDER BY key');

describe('rate limits in the database', () => {
  it('counts one limit over every instance on the database', async () => {
    // Registration: 10 attempts a minute from one address, refused ones included.
    const visitor = [new Client(one), new Client(two)];
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await visitor[i % 2]!.post('/api/auth/register', {})).statusCode);
    expect(statuses).toEqual([...Array(10).fill(400), 429, 429]);
    const refused = await visitor[1]!.post('/api/auth/register', {});
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another route keeps its own count.
    expect((await visitor[0]!.post('/api/auth/login', { username: 'nobody', password: 'x' })).statusCode).toBe(401);
  });

  it('keeps neither addresses nor routes readable in the counter table', async () => {
    const rows = await counters();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain('127.0.0.1');
  });

  it('opens a new window when the old one has ended, and the purge job removes only ended windows', async () => {
    const visitor = new Client(two);
    expect((await visitor.post('/api/auth/register', {})).statusCode).toBe(429);
    // A minute passes: move every stored window a minute into the past.
    await database.query(`UPDATE rate_limit_counters SET window_start = window_start - interval '1 minute', expires_at = expires_at - interval '1 minute'`);
    expect((await visitor.post('/api/auth/register', {})).statusCode).toBe(400);
    const before = await counters();
    const purged = await purgeEndedWindows(database.db);
    expect(purged).toBe(before.length - 1);
    expect(await counters()).toEqual([expect.objectContaining({ hits: 1 })]);
  });
});
