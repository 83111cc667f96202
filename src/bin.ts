// The gofile executable: run the CLI, print errors a person can act on, set the exit code.
// A plain `gofile lint …` (the pre-commit hot path) skips yargs; everything else goes through it.
import { processIo, STDIN_ARG } from './io.js';
import { parseLintFast } from './commands/lint-options.js';

async function run(argv: string[]): Promise<number> {
  const fast = argv[0] === 'lint' ? parseLintFast(argv.slice(1)) : null;
  if (fast) {
    const { runLint } = await import('./commands/lint.js');
    const files = (fast.files as string[]).map((f) => (f === '-' ? STDIN_ARG : f));
    return runLint({ ...fast, files }, processIo());
  }
  const { main } = await import('./cli.js');
  return main(argv);
}

run(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    const err = e as Error & { format?: () => string };
    const text = typeof err?.format === 'function' ? err.format() : err?.message ?? String(e);
    process.stderr.write(`gofile: ${text}\n`);
    if (err?.name !== 'InputError' && process.env.GOFILE_DEBUG) process.stderr.write(`${err?.stack}\n`);
    process.exitCode = 2;
  },
);
