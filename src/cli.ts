// Command-line parsing with yargs; each command's module is loaded only when that command runs.
import yargs from 'yargs';
import { InputError } from './errors.js';
import { VERSION } from './version.js';
import { processIo, STDIN_ARG, type Io } from './io.js';
import { LINT_OPTIONS } from './commands/lint-options.js';

export type { Io } from './io.js';


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
        .options(LINT_OPTIONS as Record<string, import('yargs').Options>)
        .example('$0 lint', 'lint every Dockerfile under the current directory')
        .example('$0 lint Dockerfile --format sarif > gofile.sarif', 'SARIF for GitHub code scanning')
        .example('$0 lint --fix --diff Dockerfile', 'show what --fix would change')
        .example('cat Dockerfile | $0 lint -', 'lint stdin'),
      async (args) => {
        const { runLint } = await import('./commands/lint.js');
        code = await runLint(args as import('./commands/lint.js').LintArgs, io);
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
