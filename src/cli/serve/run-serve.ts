import { isIP } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_MAX_SHARDS } from '../../server/sharded-catalog';
import { EXIT, UsageError, UserError, type CliIo } from '../cli-io';
import { openCatalogSource } from './load-catalog-source';
import { parseServeArgs, SERVE_USAGE } from './parse-serve-args';
import { startServer } from './start-server';

export { startServer, type RunningServer, type ServerOptions } from './start-server';

/** Start-up warnings printed in full; past this, a count (a broken export can make thousands). */
export const MAX_PRINTED_WARNINGS = 20;

/**
 * `offerwise serve --catalog <file-or-dir> [--port 8787] [--host 127.0.0.1] [--origin …]…`:
 * loads a catalog file once (its problems printed as warnings), or opens a sharded directory
 * (index.json now, each shard when a request first needs it, its problems printed then, at
 * most MAX_PRINTED_WARNINGS a file, and never twice), serves the offers API until
 * SIGINT or SIGTERM (or `stop`, for tests), then closes gracefully. Resolves with the exit
 * code once the server has closed: 0; 1 when the catalog can't be loaded or the port can't
 * be had; 2 for a wrong command line. Errors are one line on stderr, never a stack.
 */
export async function runServe(args: string[], io: CliIo, stop?: AbortSignal): Promise<number> {
  try {
    const options = parseServeArgs(args);
    if (options.help) {
      io.stdout.write(SERVE_USAGE);
      return EXIT.ok;
    }
    const opened = await openCatalogSource(options.catalog);
    let summary: string;
    if ('sharded' in opened) summary = `${opened.index.count} shards, each read when a request first needs it (at most ${DEFAULT_MAX_SHARDS} kept)`;
    else {
      const { catalog, warnings } = opened;
      summary = `${catalog.products.length} products, ${catalog.links.length} links`;
      for (const w of warnings.slice(0, MAX_PRINTED_WARNINGS)) io.stderr.write(`warning: ${w}\n`);
      if (warnings.length > MAX_PRINTED_WARNINGS)
        io.stderr.write(`warning: … and ${warnings.length - MAX_PRINTED_WARNINGS} more\n`);
    }
    /** The warnings printed so far, by file of the sharded directory. */
    const printed = new Map<string, Set<string>>();
    const warnOnce = (file: string, message: string) => {
      const seen = printed.get(file) ?? new Set();
      printed.set(file, seen);
      if (seen.has(message) || seen.size > MAX_PRINTED_WARNINGS) return;
      seen.add(message);
      const line = seen.size > MAX_PRINTED_WARNINGS ? '… and more, not shown' : message;
      io.stderr.write(`warning: ${join(options.catalog, file)}: ${line}\n`);
    };

    const requestLines = batchLines((text) => io.stdout.write(text));
    const server = await startServer({
      catalog: 'sharded' in opened ? opened.sharded : opened.catalog,
      onWarning: (message, file) => warnOnce(file, message.slice(file.length + 2)),
      onShardError: (e) => warnOnce(e.file, `${e.reason} (its offers are left out)`),
      port: options.port,
      host: options.host,
      origins: options.origins,
      log: requestLines.line,
      logError: (e) => io.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`),
      ...(io.now && { now: io.now }),
    }).catch((e: unknown) => {
      throw new UserError(`cannot listen on ${options.host}:${options.port}: ${listenError(e)}`);
    });
    const host = isIP(options.host) === 6 ? `[${options.host}]` : options.host;
    io.stdout.write(
      `${summary}; ` +
        (options.origins.length ? `CORS for ${options.origins.join(', ')}\n` : 'no --origin: browsers on other origins are refused\n'),
    );
    io.stdout.write(`Offerwise offers API on http://${host}:${server.port}\n`);

    const reason = await waitForStop(stop);
    requestLines.flush();
    io.stdout.write(`${reason}: closing\n`);
    await server.close();
    requestLines.flush(); // the requests that were in flight
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.stderr.write(`offerwise serve: ${e.message}\n`);
    if (e instanceof UsageError) io.stderr.write(SERVE_USAGE);
    return e.exitCode;
  }
}

/**
 * Lines written together once per turn of the event loop: under load, one write for all the
 * requests answered in a turn instead of one each (stdout to a file or a pipe is a blocking
 * write). `flush()` writes what is pending at once, so other output keeps its place.
 */
export function batchLines(write: (text: string) => void): { line(text: string): void; flush(): void } {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending) return;
    const text = pending;
    pending = '';
    write(text);
  };
  return {
    line(text) {
      pending += text + '\n';
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

function listenError(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return 'the port is in use (--port 0 picks a free one)';
  if (code === 'EACCES') return 'permission denied (ports below 1024 need privileges)';
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return 'no such address on this machine';
  return e instanceof Error ? e.message : String(e);
}

/** The first of SIGINT, SIGTERM or `stop`, by name; the listeners go away with it. */
function waitForStop(stop?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const done = (reason: string) => {
      process.off('SIGINT', onInt).off('SIGTERM', onTerm);
      stop?.removeEventListener('abort', onAbort);
      resolve(reason);
    };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    const onAbort = () => done('stopped');
    if (stop?.aborted) return onAbort();
    process.once('SIGINT', onInt).once('SIGTERM', onTerm);
    stop?.addEventListener('abort', onAbort);
  });
}
