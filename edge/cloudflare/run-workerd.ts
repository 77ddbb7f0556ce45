/**
 * For the tests (src/server/workerd.test.ts, e2e/edge-workerd.spec.ts) and the load benchmark
 * (scripts/bench-load.mjs, through Vite's runnerImport): this folder's
 * config.capnp, unchanged, beside a fresh bundle of worker.ts and sharded catalogs written by
 * the build's own code, in a temporary folder; then workerd serving it on a free loopback port.
 * Node only.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { shardCatalog, type CatalogDoc } from '../../src/cli/build/shard-catalog';
import { writeShardDir } from '../../src/cli/build/write-output';

const here = import.meta.dirname;
/** The workerd binary of the installed `workerd` package (its main export is the path). */
const WORKERD: string = (createRequire(import.meta.url)('workerd') as { default: string }).default;

/** A catalog document as build writes one, with the settings index.json carries. */
export type ShardableDoc = CatalogDoc & { settings?: Record<string, unknown> };

/** A folder holding config.capnp and build/worker.mjs, as the README's recipe lays them out. */
export async function prepareWorkerd(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'offerwise-workerd-'));
  await copyFile(join(here, 'config.capnp'), join(dir, 'config.capnp'));
  await build({ configFile: join(here, 'vite.config.ts'), logLevel: 'warn', build: { outDir: join(dir, 'build') } });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * `doc` as `offerwise build --shard <dir>/<name>` writes it: index.json and `count` shards,
 * less the shard numbers in `drop` (a missing file). Returns the directory.
 */
export async function writeShardedCatalog(dir: string, name: string, doc: ShardableDoc, count: number, drop: number[] = []): Promise<string> {
  const out = join(dir, name);
  const { index, shards } = shardCatalog(doc, count);
  await writeShardDir(out, { ...index, settings: (doc.settings ?? {}) as Record<string, never> }, shards);
  for (const n of drop) await rm(join(out, index.shards.path.replace('{n}', String(n))));
  return out;
}

export interface RunningWorkerd {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The workerd process's id (scripts/bench-load.mjs reads its peak memory from /proc). */
  pid: number;
  /** What workerd and the Worker's console wrote so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `workerd serve config.capnp` in `dir`, the `catalog` disk service on `catalog`, `origins`
 * as OFFERWISE_ORIGINS, listening on a free loopback port; resolves once `GET /health`
 * answers 200 (the Worker has read index.json).
 */
export async function startWorkerd(dir: string, catalog: string, origins: readonly string[]): Promise<RunningWorkerd> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await serve(dir, catalog, origins, port);
    } catch (error) {
      // Another process may have taken the port between freePort() and workerd's bind.
      if (attempt === 3 || !/address already in use/i.test(String(error))) throw error;
    }
  }
}

async function serve(dir: string, catalog: string, origins: readonly string[], port: number): Promise<RunningWorkerd> {
  const child = spawn(
    WORKERD,
    ['serve', 'config.capnp', '--socket-addr', `http=127.0.0.1:${port}`, '--directory-path', `catalog=${catalog}`],
    { cwd: dir, env: { ...process.env, OFFERWISE_ORIGINS: origins.join(',') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk));
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`workerd exited (${child.exitCode ?? child.signalCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return { url, pid: child.pid!, output: () => log, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`workerd did not answer ${url}/health within 10 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
