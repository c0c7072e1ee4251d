import { chmodSync, existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { Database } from '../../db/client.js';
import { verifyAuditChain } from '../../modules/supervision/index.js';

/**
 * The operator's channel into a running PGlite server. PGlite is one process per data folder, so
 * a backup or a verification cannot open the folder while the server runs: the command line asks
 * the server instead, over a Unix socket inside the data folder. The socket is readable and
 * writable by the folder's owner only (0600), the same people who could copy the files, so it
 * needs no password of its own and is not reachable over the network.
 *
 * Protocol: the client sends one JSON line; the server answers one JSON line, followed for a backup
 * by exactly `bytes` bytes of the gzipped data-folder tarball.
 */
export const OPS_SOCKET = 'ops.sock';
// Unix socket paths are limited to 107 bytes on Linux (sun_path).
const MAX_SOCKET_PATH = 107;

export const opsRequest = z.discriminatedUnion('op', [z.object({ op: z.literal('backup') }), z.object({ op: z.literal('audit-verify') })]);
export type OpsRequest = z.infer<typeof opsRequest>;

export const opsHeader = z.union([
  z.object({ ok: z.literal(true), bytes: z.number().int().nonnegative() }),
  z.object({ ok: z.literal(true), result: z.record(z.string(), z.unknown()) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

export function opsSocketPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), OPS_SOCKET);
}

export type OpsSocket = { path: string; close(): Promise<void> };

/** Starts the socket; returns null (and says why) when the path is too long for a Unix socket. */
export async function startOpsSocket(database: Database, dataDir: string, warn: (msg: string) => void): Promise<OpsSocket | null> {
  const file = opsSocketPath(dataDir);
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH) {
    warn(`DATA_DIR path is too long for the operations socket (${file}): npm run backup and audit:verify need the server stopped.`);
    return null;
  }
  // We hold the data-folder lock, so a socket file left here belongs to a process that is gone.
  if (existsSync(file)) rmSync(file, { force: true });
  const server = net.createServer((conn) => {
    let buffered = '';
    conn.setEncoding('utf8');
    conn.on('error', () => conn.destroy());
    conn.on('data', (chunk: string) => {
      buffered += chunk;
      const nl = buffered.indexOf('\n');
      if (nl < 0) {
        if (buffered.length > 4096) conn.destroy();
        return;
      }
      conn.removeAllListeners('data');
      void answer(buffered.slice(0, nl), conn);
    });
  });
  async function answer(line: string, conn: net.Socket) {
    const reply = (header: z.infer<typeof opsHeader>) => conn.write(`${JSON.stringify(header)}\n`);
    let parsed: OpsRequest;
    try {
      parsed = opsRequest.parse(JSON.parse(line));
    } catch {
      reply({ ok: false, error: 'unknown request' });
      conn.end();
      return;
    }
    try {
      if (parsed.op === 'backup') {
        const tarball = await database.dumpDataDir!();
        reply({ ok: true, bytes: tarball.byteLength });
        conn.end(tarball);
      } else {
        const result = await verifyAuditChain(database.db);
        reply({ ok: true, result });
        conn.end();
      }
    } catch (e) {
      reply({ ok: false, error: (e as Error).message });
      conn.end();
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => resolve());
  });
  chmodSync(file, 0o600);
  return {
    path: file,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(file, { force: true });
      }),
  };
}

/**
 * Sends one request to the server running on this data folder. Resolves null when no server is
 * listening (no socket, or a socket left by a process that died): the caller may then open the
 * folder itself.
 */
export async function askRunningServer(dataDir: string, request: OpsRequest): Promise<{ header: z.infer<typeof opsHeader>; body: Buffer } | null> {
  const file = opsSocketPath(dataDir);
  if (!existsSync(file)) return null;
  return new Promise((resolve, reject) => {
    const conn = net.createConnection(file);
    const chunks: Buffer[] = [];
    let connected = false;
    conn.on('connect', () => {
      connected = true;
      conn.write(`${JSON.stringify(request)}\n`);
    });
    conn.on('data', (c: Buffer) => chunks.push(c));
    conn.on('error', (e: NodeJS.ErrnoException) => {
      if (!connected && (e.code === 'ECONNREFUSED' || e.code === 'ENOENT')) resolve(null);
      else reject(e);
    });
    conn.on('end', () => {
      const all = Buffer.concat(chunks);
      const nl = all.indexOf(10);
      if (nl < 0) return reject(new Error('the server closed the operations socket without answering'));
      const header = opsHeader.parse(JSON.parse(all.subarray(0, nl).toString('utf8')));
      const body = all.subarray(nl + 1);
      if (header.ok && 'bytes' in header && body.byteLength !== header.bytes) {
        return reject(new Error(`the backup was cut short (${body.byteLength} of ${header.bytes} bytes)`));
      }
      resolve({ header, body });
    });
  });
}
