import type { CliIo } from '../cli-io';

/** How many bad rows of one file are printed; all of them are counted (`badRows`). */
export const MAX_LISTED_BAD_ROWS = 1000;
/** A progress line every this many rows of one file. */
export const PROGRESS_EVERY = 250_000;

/**
 * What `offerwise build` says on stderr while it runs: bad rows as `file:line: message`
 * (the compiler-style form editors can jump to), notes, and progress on big files.
 */
export interface BuildLog {
  /**
   * A row left out: printed (up to `MAX_LISTED_BAD_ROWS` per file) and counted. `line` is a
   * line number (`file:17: …`) or, for input without lines, a label (`https://shop.example product 17: …`).
   */
  badRow(file: string, line: number | string, message: string): void;
  /** A remark that leaves no row out (an ignored column). */
  note(message: string): void;
  /** Call once per row read; prints a line every `PROGRESS_EVERY` rows. */
  progress(file: string, rows: number, pass?: string): void;
  /** Bad rows of `file` so far. */
  badRows(file: string): number;
  /** Print the "… and N more" line of each file whose bad rows were not all listed. */
  flush(): void;
  /** Milliseconds since the log was made. */
  elapsed(): number;
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

export function createBuildLog(io: CliIo, maxListed = MAX_LISTED_BAD_ROWS): BuildLog {
  const now = io.now ?? (() => performance.now());
  const start = now();
  const bad = new Map<string, number>();
  const elapsed = () => now() - start;
  return {
    badRow(file, line, message) {
      const count = (bad.get(file) ?? 0) + 1;
      bad.set(file, count);
      if (count <= maxListed) io.stderr.write(`${file}${typeof line == 'string' ? ' ' : ':'}${line}: ${message}\n`);
    },
    note(message) {
      io.stderr.write(message + '\n');
    },
    progress(file, rows, pass) {
      if (rows % PROGRESS_EVERY !== 0) return;
      const where = pass ? ` (${pass})` : '';
      io.stderr.write(`${file}: ${formatCount(rows)} rows read${where}, ${(elapsed() / 1000).toFixed(1)} s\n`);
    },
    badRows: (file) => bad.get(file) ?? 0,
    flush() {
      for (const [file, count] of bad)
        if (count > maxListed) io.stderr.write(`${file}: … and ${formatCount(count - maxListed)} more bad rows\n`);
    },
    elapsed,
  };
}
