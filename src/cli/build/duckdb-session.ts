import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as DuckDbApi from '@duckdb/node-api';
import { UserError } from '../cli-io';
import { checkFile, describeFsError } from '../report/open-input';
import { installCommand, loadOptionalPeer, type OptionalPeer } from './optional-peer';

/**
 * DuckDB (@duckdb/node-api) is an optional peer dependency: npm does not install it with
 * offerwise, so it is imported only when a build asks for it (`--engine duckdb`, Parquet).
 */
export type DuckDbModule = typeof DuckDbApi;
export type DuckDbConnection = DuckDbApi.DuckDBConnection;
/** How DuckDB is imported; tests pass one that fails as a missing package does. */
export type LoadDuckDb = () => Promise<DuckDbModule>;

export const importDuckDb: LoadDuckDb = () => import('@duckdb/node-api');

const DUCKDB: OptionalPeer = { label: 'DuckDB', name: '@duckdb/node-api' };
export const DUCKDB_INSTALL = installCommand(DUCKDB);

/**
 * DuckDB, or a `UserError` saying how to install it (exit 2: the command line asked for
 * something this installation lacks). `purpose` names what needed it (`--engine duckdb`).
 */
export const loadDuckDb = (load: LoadDuckDb, purpose: string): Promise<DuckDbModule> => loadOptionalPeer(DUCKDB, load, purpose);

/**
 * A fresh in-memory DuckDB for `run`, closed after it. Out of core: what passes DuckDB's
 * memory limit (80% of RAM by default) spills to a temporary directory of its own, removed
 * at the end; results need no insertion order, which lets it stream more of them.
 */
export async function withDuckDb<T>(duckdb: DuckDbModule, run: (connection: DuckDbConnection) => Promise<T>): Promise<T> {
  const spill = await mkdtemp(join(tmpdir(), 'offerwise-duckdb-'));
  try {
    const instance = await duckdb.DuckDBInstance.create(':memory:', { temp_directory: spill, preserve_insertion_order: 'false' });
    try {
      const connection = await instance.connect();
      try {
        return await run(connection);
      } finally {
        connection.closeSync();
      }
    } finally {
      instance.closeSync();
    }
  } finally {
    await rm(spill, { recursive: true, force: true });
  }
}

/** A SQL string literal. */
export const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** A SQL identifier in DuckDB's quotes. */
export const sqlName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Run a statement that reads `file`: DuckDB's complaints about the file (unreadable,
 * not Parquet, invalid UTF-8) become a one-line `UserError` naming it; a statement that
 * does not parse or bind is ours, and keeps its stack.
 */
export async function readingFile<T>(file: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/^(Parser|Binder|Catalog|Internal|INTERNAL) Error/.test(message)) throw e;
    throw new UserError(`${file}: DuckDB could not read it: ${message.split('\n')[0]}`);
  }
}

/** Whether `path` is a Parquet file (it starts with the magic bytes PAR1). */
export async function isParquet(path: string): Promise<boolean> {
  await checkFile(path);
  try {
    const handle = await open(path, 'r');
    try {
      const magic = Buffer.alloc(4);
      const { bytesRead } = await handle.read(magic, 0, 4, 0);
      return bytesRead === 4 && magic.toString('latin1') === 'PAR1';
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
}
