// The options of `gofile lint`, defined once: yargs builds help and validation from this table, and the
// start-up fast path parses plain invocations from the same table, with a loop (node's parseArgs costs ~0.5 ms
// cold, in a hook that runs on every commit).

export interface OptionSpec {
  type: 'string' | 'boolean';
  alias?: string;
  array?: boolean;
  choices?: readonly string[];
  default?: string;
  describe: string;
}

export const LINT_OPTIONS: Record<string, OptionSpec> = {
  format: { alias: 'f', type: 'string', default: 'stylish', choices: ['stylish', 'json', 'sarif', 'checkstyle', 'gitlab', 'github'], describe: 'Output format' },
  'failure-threshold': { alias: 't', type: 'string', choices: ['error', 'warning', 'info', 'style', 'none'], describe: 'Exit 1 when a finding is at least this severe (default: warning)' },
  ignore: { type: 'string', array: true, describe: 'Rule to turn off (code, name or hadolint/BuildKit alias); repeatable' },
  enable: { type: 'string', array: true, describe: 'Opt-in rule to turn on; repeatable' },
  config: { alias: 'c', type: 'string', describe: 'Config file (default: the nearest .gofile-lint.yaml above each file; --no-config for none)' },
  'require-digest': { type: 'boolean', describe: 'Ask for @sha256 digests on every base image' },
  'trusted-registry': { type: 'string', array: true, describe: 'Registries images may come from; repeatable' },
  fix: { type: 'boolean', describe: 'Apply the fixes that are certain, writing each file atomically' },
  diff: { type: 'boolean', describe: 'With --fix: print a unified diff and write nothing' },
  target: { type: 'string', describe: 'The stage being built (runtime rules judge it instead of the last)' },
  'build-arg': { type: 'string', array: true, describe: 'NAME=VALUE as for docker build; repeatable' },
  'stdin-filename': { type: 'string', describe: 'Name to report for - (stdin)' },
  color: { type: 'boolean', describe: 'Force colour on or off (default: on for terminals, off with NO_COLOR)' },
};

const SHORT: Record<string, string> = Object.fromEntries(
  Object.entries(LINT_OPTIONS).filter(([, o]) => o.alias).map(([name, o]) => [o.alias, name]),
);

/**
 * Parses `gofile lint …` without yargs when every option is plain, reading what node's parseArgs reads in strict
 * mode; returns null for anything else (help, negations, bad values, a value that looks like an option, `-f=x`),
 * which then goes through yargs for its full handling and messages.
 */
export function parseLintFast(args: string[]): Record<string, unknown> | null {
  const values: Record<string, unknown> = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else {
      name = SHORT[arg[1]];
      inline = arg.length > 2 ? arg.slice(2) : undefined;
      if (inline?.startsWith('=')) return null; // yargs reads -f=json as json, parseArgs as "=json"
    }
    if (name === undefined || !Object.hasOwn(LINT_OPTIONS, name)) return null;
    const option = LINT_OPTIONS[name];
    let value: string | boolean;
    if (option.type === 'boolean') {
      if (inline !== undefined) return null;
      value = true;
    } else if (inline !== undefined) {
      value = inline;
    } else {
      const next = args[i + 1];
      if (next === undefined || (next.length > 1 && next.startsWith('-'))) return null;
      value = next;
      i++;
    }
    if (option.array) ((values[name] ??= []) as unknown[]).push(value);
    else values[name] = value;
  }
  for (const [name, o] of Object.entries(LINT_OPTIONS)) {
    if (values[name] === undefined && o.default !== undefined) values[name] = o.default;
    if (o.choices && values[name] !== undefined && !o.choices.includes(values[name] as string)) return null;
  }
  return { ...values, files };
}
