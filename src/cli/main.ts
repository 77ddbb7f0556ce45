import { EXIT, UsageError, UserError, type CliIo, type Command } from './cli-io';
import { buildCommand } from './build/run-build';
import { reportCommand } from './report/run-report';
import { runServe } from './serve/run-serve';
import { sqlCommand } from './sql/run-sql';
import { SERVE_USAGE } from './serve/parse-serve-args';
import { runValidate, VALIDATE_USAGE } from './validate/run-validate';

/**
 * The `offerwise` commands: a `Command` each, in its own folder.
 */
export const COMMANDS: readonly Command[] = [
  {
    name: 'validate',
    summary: 'every problem of a catalog with its JSON path; warns of upgrade cycles and unlinked products',
    help: VALIDATE_USAGE,
    run: (args, io) => runValidate([...args], io),
  },
  buildCommand,
  sqlCommand,
  {
    name: 'serve',
    summary: 'the reference offers API (POST /offers, GET /health) on the same engine as the widget',
    help: SERVE_USAGE,
    run: (args, io) => runServe([...args], io),
  },
  reportCommand,
];

const VERSION = typeof __OFFERWISE_VERSION__ === 'string' ? __OFFERWISE_VERSION__ : '0.0.0';

const isHelp = (a: string | undefined) => a === '--help' || a === '-h';

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: offerwise <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help     help (also: offerwise <command> --help)
  -v, --version  the version

Exit codes: 0 done, 1 a runtime failure (unreadable input), 2 a wrong command line.
`;
}

/**
 * The CLI, with its streams injected (bin.ts passes the process's; tests pass buffers).
 * Resolves to the exit code; never throws and never prints a stack for a user's mistake.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  let command: Command | undefined;
  try {
    if (name === undefined) {
      io.stderr.write(topHelp());
      return EXIT.usage;
    }
    if (isHelp(name) || (name === 'help' && rest.length === 0)) {
      io.stdout.write(topHelp());
      return EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const wanted = name === 'help' ? rest[0] : name;
    command = COMMANDS.find((c) => c.name === wanted);
    if (!command) {
      if (wanted?.startsWith('-')) throw new UsageError(`unknown option ${wanted}`);
      throw new UsageError(`unknown command "${wanted}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
    }
    // Help wins over everything else on the line, up to a `--` (after which all is positional).
    const flags = rest.indexOf('--') >= 0 ? rest.slice(0, rest.indexOf('--')) : rest;
    if (name === 'help' || flags.some(isHelp)) {
      io.stdout.write(command.help);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (e) {
    const who = command ? `offerwise ${command.name}` : 'offerwise';
    if (e instanceof UserError) {
      io.stderr.write(`${who}: ${e.message}\n`);
      if (e instanceof UsageError) io.stderr.write(`Run "${who} --help" for usage.\n`);
      return e.exitCode;
    }
    // A bug, not a mistake of the user's: keep the stack, it is what a bug report needs.
    io.stderr.write(`${who}: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.failure;
  }
}
