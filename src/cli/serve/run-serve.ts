import { isIP } from 'node:net';
import { EXIT, UsageError, UserError, type CliIo } from '../cli-io';
import { loadCatalogSource } from './load-catalog-source';
import { parseServeArgs, SERVE_USAGE } from './parse-serve-args';
import { startServer } from './start-server';

export { startServer, type RunningServer, type ServerOptions } from './start-server';

/** Start-up warnings printed in full; past this, a count (a broken export can make thousands). */
export const MAX_PRINTED_WARNINGS = 20;

/**
 * `offerwise serve --catalog <file-or-dir> [--port 8787] [--host 127.0.0.1] [--origin …]…`:
 * loads the catalog once (its problems printed as warnings), serves the offers API until
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
    const { catalog, warnings } = await loadCatalogSource(options.catalog);
    for (const w of warnings.slice(0, MAX_PRINTED_WARNINGS)) io.stderr.write(`warning: ${w}\n`);
    if (warnings.length > MAX_PRINTED_WARNINGS)
      io.stderr.write(`warning: … and ${warnings.length - MAX_PRINTED_WARNINGS} more\n`);

    const server = await startServer({
      catalog,
      port: options.port,
      host: options.host,
      origins: options.origins,
      log: (line) => io.stdout.write(line + '\n'),
      logError: (e) => io.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`),
      ...(io.now && { now: io.now }),
    }).catch((e: unknown) => {
      throw new UserError(`cannot listen on ${options.host}:${options.port}: ${listenError(e)}`);
    });
    const host = isIP(options.host) === 6 ? `[${options.host}]` : options.host;
    io.stdout.write(
      `${catalog.products.length} products, ${catalog.links.length} links; ` +
        (options.origins.length ? `CORS for ${options.origins.join(', ')}\n` : 'no --origin: browsers on other origins are refused\n'),
    );
    io.stdout.write(`Offerwise offers API on http://${host}:${server.port}\n`);

    const reason = await waitForStop(stop);
    io.stdout.write(`${reason}: closing\n`);
    await server.close();
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.stderr.write(`offerwise serve: ${e.message}\n`);
    if (e instanceof UsageError) io.stderr.write(SERVE_USAGE);
    return e.exitCode;
  }
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
