// Command-line parsing with yargs; each command's module is loaded only when that command runs.
import { dirname, join } from 'node:path';
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
        // one value per repeatable flag, so `--enable X Dockerfile` keeps Dockerfile as a file
        .options(Object.fromEntries(Object.entries(LINT_OPTIONS).map(([k, o]) => [k, o.array ? { ...o, nargs: 1 } : o])) as Record<string, import('yargs').Options>)
        .example('$0 lint', 'lint every Dockerfile under the current directory')
        .example('$0 lint Dockerfile --format sarif > gofile.sarif', 'SARIF for GitHub code scanning')
        .example('$0 lint --fix --diff Dockerfile', 'show what --fix would change')
        .example('cat Dockerfile | $0 lint -', 'lint stdin'),
      async (args) => {
        const { runLint } = await import('./commands/lint.js');
        code = await runLint(args as import('./commands/lint.js').LintArgs, io);
      },
    )
    .command(
      'convert <dockerfile>',
      'Read a Go Dockerfile and write the gofile.yaml spec it amounts to; the report of what did not carry over goes to stderr',
      (y) => y
        .positional('dockerfile', { type: 'string', demandOption: true, describe: 'The Dockerfile, or - for stdin' })
        .option('output', { alias: 'o', type: 'string', describe: 'Write the spec here (atomically) instead of stdout' })
        .option('strict', { type: 'boolean', describe: 'Exit 1 when any instruction could not be carried over' })
        .option('target', { type: 'string', describe: 'The stage to convert (default: the last)' })
        .option('build-arg', { type: 'string', array: true, describe: 'NAME=VALUE as for docker build; repeatable' })
        .option('context', { type: 'string', describe: 'The build context it is built with, where its go.mod files are (default: the Dockerfile\'s directory)' })
        .example('$0 convert Dockerfile > gofile.yaml', 'the spec on stdout, the report on stderr')
        .example('$0 convert --context . services/api/Dockerfile', 'a Dockerfile built with `docker build -f services/api/Dockerfile .`')
        .example('$0 convert --strict Dockerfile -o gofile.yaml', 'fail when anything would be lost'),
      async (args) => {
        const { runConvert } = await import('./commands/convert.js');
        const dockerfile = args.dockerfile === STDIN_ARG ? '-' : (args.dockerfile as string);
        code = await runConvert({ ...(args as unknown as import('./commands/convert.js').ConvertArgs), dockerfile }, io);
      },
    )
    .command(
      'expand <spec> [dockerfile]',
      'Write the reviewed multi-stage Dockerfile for a gofile.yaml spec',
      (y) => y
        .positional('spec', { type: 'string', demandOption: true, describe: 'The gofile.yaml spec' })
        .positional('dockerfile', { type: 'string', describe: 'With --diff or --check: the committed Dockerfile (default: the Dockerfile beside the spec)' })
        .option('output', { alias: 'o', type: 'string', describe: 'Write the Dockerfile here (atomically) instead of stdout' })
        .option('diff', { type: 'boolean', describe: 'Print a unified diff from the committed Dockerfile to the expansion' })
        .option('check', { type: 'boolean', describe: 'Exit 1 (printing the diff) when the committed Dockerfile has drifted from the spec' })
        .option('syntax', { type: 'string', describe: 'The # syntax= frontend image, or "none" (air-gapped engines)' })
        .example('$0 expand gofile.yaml > Dockerfile', 'write the Dockerfile')
        .example('$0 expand gofile.yaml --diff Dockerfile', 'review: what the spec would change in the committed Dockerfile')
        .example('$0 expand --check gofile.yaml Dockerfile', 'CI and pre-commit: fail when they drift apart'),
      async (args) => {
        const { runExpand } = await import('./commands/expand.js');
        const against = (args.dockerfile as string | undefined) ?? join(dirname(args.spec as string), 'Dockerfile');
        code = await runExpand({
          spec: args.spec as string,
          output: args.output as string | undefined,
          syntax: args.syntax as string | undefined,
          diff: args.diff ? against : undefined,
          check: args.check ? against : undefined,
        }, io);
      },
    )
    .command(
      'llb <input>',
      'Write the BuildKit LLB for a gofile.yaml spec or a Dockerfile (- for stdin), as BuildKit v0.11 makes it',
      (y) => y
        .positional('input', { type: 'string', demandOption: true, describe: 'A gofile.yaml spec, a Dockerfile, or - for a Dockerfile on stdin' })
        .option('format', { type: 'string', choices: ['binary', 'json', 'dot'], default: 'binary', describe: 'binary (a pb.Definition for buildctl build), json (like buildctl debug dump-llb), dot (graphviz)' })
        .option('target', { type: 'string', describe: 'The stage to build (default: the last)' })
        .option('platform', { type: 'string', describe: 'Target platform, e.g. linux/arm64 (default: linux/amd64)' })
        .option('build-arg', { type: 'string', array: true, nargs: 1, describe: 'NAME=VALUE, or NAME to take it from the environment; repeatable' })
        .option('local-unique-id', { type: 'string', describe: 'The local.unique value of local sources (default: gofile, so the output is reproducible)' })
        .option('write-config', { type: 'string', describe: 'Also write the image config (ENTRYPOINT, ENV, USER, …) as JSON to this file' })
        .option('base-config', { type: 'string', array: true, nargs: 1, describe: 'IMAGE=config.json: a known image config instead of an empty one (wins over --resolve); repeatable' })
        .option('resolve', { type: 'boolean', describe: 'Ask the registry for each image: pin it to its digest and start from its ENV, WORKDIR and USER, as BuildKit does' })
        .option('offline', { type: 'boolean', describe: 'With --resolve: use only the local registry cache' })
        .option('insecure-registry', { type: 'string', array: true, nargs: 1, describe: 'With --resolve: host[:port] reached over plain HTTP; repeatable' })
        .example('$0 llb gofile.yaml | buildctl build --local context=. --output type=oci,dest=out.tar', 'build a spec with no Dockerfile at all')
        .example('$0 llb --resolve Dockerfile | buildctl build --local context=. --output type=oci,dest=out.tar', 'pinned and with the images\' ENV, as BuildKit\'s frontend would')
        .example('$0 llb --format json Dockerfile', 'read the ops')
        .example('$0 llb --format dot Dockerfile | dot -Tsvg > llb.svg', 'draw the graph'),
      async (args) => {
        const { runLlb } = await import('./commands/llb.js');
        code = await runLlb(args as unknown as import('./commands/llb.js').LlbArgs, io);
      },
    )
    .command(
      'drift [files..]',
      'Exit 1 when a Dockerfile differs from what the gofile.yaml beside it expands to (for pre-commit and CI)',
      (y) => y
        .positional('files', { type: 'string', array: true, describe: 'gofile.yaml specs or Dockerfiles with a spec beside them (default: ./gofile.yaml)' })
        .option('syntax', { type: 'string', describe: 'The # syntax= the Dockerfiles were expanded with, or "none"' })
        .example('$0 drift services/*/gofile.yaml', 'check several services at once'),
      async (args) => {
        const { runDrift } = await import('./commands/drift.js');
        code = await runDrift({ files: (args.files as string[] | undefined)?.map((f) => (f === STDIN_ARG ? '-' : f)), syntax: args.syntax as string | undefined }, io);
      },
    )
    .command(
      'pin <files..>',
      'Add or refresh @sha256 digests on every base image (Dockerfiles and gofile.yaml specs), asking the registry',
      (y) => y
        .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Dockerfiles and gofile.yaml specs' })
        .option('check', { type: 'boolean', describe: 'Write nothing; exit 1 when a pin is missing or stale (CI, pre-commit)' })
        .option('diff', { type: 'boolean', describe: 'Write nothing; print the unified diff pinning would make' })
        .option('offline', { type: 'boolean', describe: 'Use only the local registry cache (filled by earlier runs)' })
        .option('insecure-registry', { type: 'string', array: true, nargs: 1, describe: 'host[:port] reached over plain HTTP (loopback registries always are); repeatable' })
        .example('$0 pin Dockerfile', 'golang:1.22 → golang:1.22@sha256:…, through ARG defaults too')
        .example('$0 pin --check Dockerfile gofile.yaml', 'fail when a digest is missing or its tag moved'),
      async (args) => {
        const { runPin } = await import('./commands/pin.js');
        code = await runPin(args as unknown as import('./commands/pin.js').PinArgs, io);
      },
    )
    .command('schema', 'Print the JSON Schema of gofile.yaml (for editors)', (y) => y
      .example('$0 schema > gofile.schema.json', 'for an editor or a CI validator'), async () => {
      const { runSchema } = await import('./commands/schema.js');
      code = runSchema(io);
    })
    .command('rules', 'List every lint rule', (y) => y
      .option('format', { type: 'string', choices: ['text', 'json', 'markdown'], default: 'text' })
      .example('$0 rules', 'code, name, severity, fix and what each rule checks')
      .example('$0 rules --format json', 'the catalogue for tools'), async (args) => {
      const { runRules } = await import('./commands/rules.js');
      code = runRules(args.format as string, io);
    })
    .command('explain <rule>', 'Print the docs page of a rule', (y) => y
      .positional('rule', { type: 'string', demandOption: true, describe: 'A code (GF101), name (cgo-libc-mismatch) or hadolint/BuildKit alias (DL3019)' })
      .example('$0 explain GF101', 'why a cgo binary fails on scratch, and the fix')
      .example('$0 explain DL3019', 'hadolint ids work too'), async (args) => {
      const { runExplain } = await import('./commands/rules.js');
      code = runExplain(args.rule as string, io);
    })
    .demandCommand(1, 'Pick a command: gofile lint, convert, expand, drift, llb, pin, schema, rules, explain. See gofile --help.')
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
