// Command-line parsing with yargs; each command's module is loaded only when that command runs.
import yargs from 'yargs';
import { InputError } from './errors.js';
import { VERSION } from './version.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutIsTTY: boolean;
  stdin: () => Promise<string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdoutIsTTY: !!process.stdout.isTTY,
    stdin: readStdin,
    cwd: process.cwd(),
    env: process.env,
  };
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new InputError('reading a Dockerfile from stdin, but stdin is a terminal: pipe a file in (gofile lint - < Dockerfile)');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// yargs-parser drops a lone "-", which means stdin here; carry it through under another name.
export const STDIN_ARG = '\u0000stdin';

export async function main(rawArgv: string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  const argv = rawArgv.map((a) => (a === '-' ? STDIN_ARG : a));
  const parser = yargs(argv)
    .scriptName('gofile')
    .usage('$0 <command> [options]\n\nLint Go Dockerfiles, turn them into a short spec and back, and emit BuildKit LLB.')
    .command(
      'lint [files..]',
      'Lint Dockerfiles (files, directories, or - for stdin)',
      (y) => y
        .positional('files', { type: 'string', array: true, describe: 'Dockerfiles or directories (default: .)' })
        .option('format', { alias: 'f', type: 'string', default: 'stylish', choices: ['stylish', 'json', 'sarif', 'checkstyle', 'gitlab', 'github'], describe: 'Output format' })
        .option('failure-threshold', { alias: 't', type: 'string', choices: ['error', 'warning', 'info', 'style', 'none'], describe: 'Exit 1 when a finding is at least this severe (default: warning)' })
        .option('ignore', { type: 'string', array: true, describe: 'Rule to turn off (code, name or hadolint/BuildKit alias); repeatable' })
        .option('enable', { type: 'string', array: true, describe: 'Opt-in rule to turn on; repeatable' })
        .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: the nearest .gofile-lint.yaml above each file; --no-config for none)' })
        .option('require-digest', { type: 'boolean', describe: 'Ask for @sha256 digests on every base image' })
        .option('trusted-registry', { type: 'string', array: true, describe: 'Registries images may come from; repeatable' })
        .option('fix', { type: 'boolean', describe: 'Apply the fixes that are certain, writing each file atomically' })
        .option('diff', { type: 'boolean', describe: 'With --fix: print a unified diff and write nothing' })
        .option('target', { type: 'string', describe: 'The stage being built (runtime rules judge it instead of the last)' })
        .option('build-arg', { type: 'string', array: true, describe: 'NAME=VALUE as for docker build; repeatable' })
        .option('stdin-filename', { type: 'string', describe: 'Name to report for - (stdin)' })
        .option('color', { type: 'boolean', describe: 'Force colour on or off (default: on for terminals, off with NO_COLOR)' })
        .example('$0 lint', 'lint every Dockerfile under the current directory')
        .example('$0 lint Dockerfile --format sarif > gofile.sarif', 'SARIF for GitHub code scanning')
        .example('$0 lint --fix --diff Dockerfile', 'show what --fix would change')
        .example('cat Dockerfile | $0 lint -', 'lint stdin'),
      async (args) => {
        const { runLint } = await import('./commands/lint.js');
        code = await runLint(args, io);
      },
    )
    .command('rules', 'List every lint rule', (y) => y.option('format', { type: 'string', choices: ['text', 'json', 'markdown'], default: 'text' }), async (args) => {
      const { runRules } = await import('./commands/rules.js');
      code = runRules(args.format as string, io);
    })
    .command('explain <rule>', 'Print the docs page of a rule', (y) => y.positional('rule', { type: 'string', demandOption: true }), async (args) => {
      const { runExplain } = await import('./commands/rules.js');
      code = runExplain(args.rule as string, io);
    })
    .demandCommand(1, 'Pick a command: gofile lint, gofile rules, gofile explain <rule>. See gofile --help.')
    .strict()
    .recommendCommands()
    .completion('completion', 'Print a shell completion script (bash/zsh)')
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .alias('V', 'version')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new InputError(`${msg}\nRun gofile --help for usage.`);
    })
    .showHelpOnFail(false);
  let out = '';
  await parser.parseAsync(argv, {}, (err, _argv, output) => {
    if (output && !err) out = output;
  });
  if (out) io.stdout(out + '\n');
  return code;
}
