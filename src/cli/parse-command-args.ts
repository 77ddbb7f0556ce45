import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` parseArgs, strict, with its errors turned into one-line `UsageError`s
 * (its own messages are long and suggest `--` tricks that do not apply here).
 *
 * An option that takes a value takes the next argument even when it starts with `-`, unless
 * that is one of the command's own options (or `--`): parseArgs alone reads `--top -1` as
 * `--top` without a value, so the user was told "needs a value" instead of what is wrong
 * with `-1`. The command's own check of the value says that.
 */
export function parseCommandArgs<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: attachDashValues(args, options), options, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    // Node quotes the option: 'Unknown option '--x'', 'Option '-f, --format <value>' argument missing'.
    const quoted = /'([^']+)'/.exec((e as Error).message)?.[1] ?? '';
    const name = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${name}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`option ${name} needs a value`);
    throw new UsageError((e as Error).message);
  }
}

/** `--top -1` and `-f -x` as `--top=-1` and `--format=-x`, which parseArgs reads as values. */
function attachDashValues(args: readonly string[], options: Options): string[] {
  const longName = (arg: string): string | undefined => {
    if (/^--[^=]+$/.test(arg)) return arg.slice(2);
    if (/^-[^-]$/.test(arg)) return Object.keys(options).find((name) => options[name]!.short === arg[1]);
    return undefined;
  };
  const known = (name: string | undefined): name is string => name !== undefined && Object.hasOwn(options, name);
  const isOwnOption = (arg: string) => arg === '--' || known(longName(arg.split('=')[0]!));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const name = longName(arg);
    const next = args[i + 1];
    if (known(name) && options[name]!.type === 'string' && next?.startsWith('-') && !isOwnOption(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}
