// The options of `gofile lint`, defined once: yargs builds help and validation from this table, and the
// start-up fast path parses plain invocations with node's own parseArgs from the same table.
import { parseArgs } from 'node:util';

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

/**
 * Parses `gofile lint …` without yargs when every option is plain; returns null for anything
 * else (help, negations, bad values), which then goes through yargs for its full handling and messages.
 */
export function parseLintFast(args: string[]): Record<string, unknown> | null {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, o] of Object.entries(LINT_OPTIONS)) {
    options[name] = { type: o.type, ...(o.alias ? { short: o.alias } : {}), ...(o.array ? { multiple: true } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch {
    return null;
  }
  const values: Record<string, unknown> = { ...parsed.values };
  for (const [name, o] of Object.entries(LINT_OPTIONS)) {
    const v = values[name];
    if (v === undefined && o.default !== undefined) values[name] = o.default;
    if (o.choices && values[name] !== undefined && !o.choices.includes(values[name] as string)) return null;
  }
  return { ...values, files: parsed.positionals };
}
