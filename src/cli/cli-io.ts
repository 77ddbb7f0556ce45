import type { Readable } from 'node:stream';

/** Where a command reads and writes: the process's streams in bin.ts, buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: Readable;
  /** Milliseconds, for progress lines. @default performance.now */
  now?: () => number;
}

/** The exit codes: 0 done, 1 a runtime failure (unreadable input…), 2 a usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * An error the user can fix, printed as one line without a stack. `exitCode` 2 for a wrong
 * command line (the usage hint follows it), 1 for input that cannot be read.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export class UsageError extends UserError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}

/** One `offerwise` command; main.ts dispatches to it by `name`. */
export interface Command {
  name: string;
  /** One line for `offerwise --help`. */
  summary: string;
  /** The full text for `offerwise <name> --help`. */
  help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. Throws `UserError`s. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
