// The lint bundle's entry (dist/gofile-lint.cjs): a plain `gofile lint …`, the pre-commit hot path, without
// yargs, YAML specs or LLB in the bundle. Whatever parseLintFast does not take goes to the full CLI.
import { processIo, STDIN_ARG } from './io.js';
import { parseLintFast } from './commands/lint-options.js';
import { settle } from './settle.js';

/** Runs `argv` when it is a plain lint and says whether it did. */
export function tryRunLint(argv: string[]): boolean {
  const fast = argv[0] === 'lint' ? parseLintFast(argv.slice(1)) : null;
  if (!fast) return false;
  settle(import('./commands/lint.js').then(({ runLint }) => {
    const files = (fast.files as string[]).map((f) => (f === '-' ? STDIN_ARG : f));
    return runLint({ ...fast, files }, processIo());
  }));
  return true;
}
