import { normalizeOrigin } from '../../server/cors-headers';
import { UsageError } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { DEFAULT_HOST, DEFAULT_PORT } from './start-server';

export const SERVE_USAGE =
  'usage: offerwise serve --catalog <file-or-dir> [--port 8787] [--host 127.0.0.1] [--origin <origin>]…\n' +
  '  --catalog  a v1 catalog file, or a sharded catalog directory (index.json and its shards)\n' +
  '  --port     0 picks a free port (default 8787)\n' +
  '  --host     the address to listen on (default 127.0.0.1, this machine only)\n' +
  '  --origin   a store origin allowed to call the API from a browser (CORS), e.g.\n' +
  '             https://shop.example; repeat it for more, or * for any\n';

export interface ServeArgs {
  help: boolean;
  catalog: string;
  port: number;
  host: string;
  /** Normalized (cors-headers.ts), or `['*']`. */
  origins: string[];
}

/** `offerwise serve`'s command line; a `UsageError` for anything wrong with it. */
export function parseServeArgs(args: string[]): ServeArgs {
  const { values, positionals } = parseCommandArgs(args, {
    catalog: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    origin: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  const help = values.help === true;
  if (positionals.length && !help) throw new UsageError(`unexpected argument "${positionals[0]}" (the catalog is given with --catalog)`);
  const catalog = values.catalog ?? '';
  if (!catalog && !help) throw new UsageError('--catalog is required');
  const portText = values.port ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(portText)}`);
  const host = values.host ?? DEFAULT_HOST;
  if (!host) throw new UsageError('--host: expected an address');
  const origins = (values.origin ?? []).map((o) => {
    const origin = normalizeOrigin(o);
    if (!origin) throw new UsageError(`--origin ${o}: expected * or an http(s) origin such as https://shop.example`);
    return origin;
  });
  return { help, catalog, port, host, origins };
}
