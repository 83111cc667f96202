// The gofile executable: run the CLI, print errors a person can act on, set the exit code.
// A plain `gofile lint …` (the pre-commit hot path) skips yargs; everything else goes through it.
import { settle } from './settle.js';
import { tryRunLint } from './bin-lint.js';

if (!tryRunLint(process.argv.slice(2))) settle(import('./cli.js').then(({ main }) => main(process.argv.slice(2))));
