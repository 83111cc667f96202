// The gofile executable: run the CLI, print errors a person can act on, set the exit code.
import { main } from './cli.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    const err = e as Error & { format?: () => string };
    const text = typeof err.format === 'function' ? err.format() : err?.message ?? String(e);
    process.stderr.write(`gofile: ${text}\n`);
    if (err?.name !== 'InputError' && process.env.GOFILE_DEBUG) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 2;
  },
);
