/** The bench server child process (bench/server.ts, forked) and a promise-based RPC over its IPC channel. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command, Ready, Reply } from './server.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The server child process and a promise-based RPC over its IPC channel. */
export class ServerProcess {
  private next = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly kind: string,
  ) {
    child.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`server: ${m.error}`));
    });
    child.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`server process exited (${code})`));
      this.pending.clear();
    });
  }

  static start(databaseUrl?: string, env: Record<string, string> = {}): Promise<ServerProcess> {
    const child = fork(path.join(here, 'server.ts'), [], {
      execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_EXEC_ARGV ?? '').split(' ').filter(Boolean)],
      env: { ...process.env, ...env, LOG_LEVEL: 'silent', BENCH_DATABASE_URL: databaseUrl ?? '' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(child);
    child.on('exit', () => children.delete(child));
    return new Promise((resolve, reject) => {
      child.once('message', (m: Ready) => (m.ready ? resolve(new ServerProcess(child, m.port, m.kind)) : reject(new Error(`server failed to start: ${m.error}`))));
      child.once('exit', (code) => reject(new Error(`server process exited during start (${code})`)));
    });
  }

  call<T>(c: Command): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...c, id });
    });
  }

  async stop() {
    const exited = new Promise((r) => this.child.once('exit', r));
    await this.call({ cmd: 'stop' }).catch(() => undefined);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}
export const children = new Set<ChildProcess>();
