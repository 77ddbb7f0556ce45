import { EXIT, UserError } from '../cli-io';

/**
 * A heavy package `build` uses for one option only (DuckDB for `--engine duckdb` and Parquet;
 * sharp and usearch for `--visual`): an optional peer dependency, which npm does not install
 * with offerwise, imported only when that option asks for it.
 */
export interface OptionalPeer {
  /** How people call it: `DuckDB`. */
  label: string;
  /** The npm package: `@duckdb/node-api`. */
  name: string;
}

/** The command that installs `peer`. */
export const installCommand = (peer: OptionalPeer) => `npm install ${peer.name}`;

/**
 * The module `load` imports, or a `UserError` saying how to install it (exit 2: the command
 * line asked for something this installation lacks). `purpose` names what needed it
 * (`--engine duckdb`).
 */
export async function loadOptionalPeer<M>(peer: OptionalPeer, load: () => Promise<M>, purpose: string): Promise<M> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')
      throw new UserError(
        `${purpose} needs ${peer.label}, an optional peer dependency that is not installed. Install it beside offerwise (${installCommand(peer)}) and run the build again.`,
        EXIT.usage,
      );
    throw new UserError(`${purpose}: ${peer.label} (${peer.name}) is installed but does not load: ${e instanceof Error ? e.message : String(e)}`);
  }
}
