import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINT_OPTIONS, parseLintFast } from '../../src/commands/lint-options.js';

// The reference: node's parseArgs in strict mode over the same table, as the fast path was first written.
function reference(args: string[]): Record<string, unknown> | null {
  const options = Object.fromEntries(Object.entries(LINT_OPTIONS).map(([name, o]) => [name, { type: o.type, ...(o.alias ? { short: o.alias } : {}), ...(o.array ? { multiple: true } : {}) }]));
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch {
    return null;
  }
  const values: Record<string, unknown> = { ...parsed.values };
  for (const [name, o] of Object.entries(LINT_OPTIONS)) {
    if (values[name] === undefined && o.default !== undefined) values[name] = o.default;
    if (o.choices && values[name] !== undefined && !o.choices.includes(values[name] as string)) return null;
  }
  return { ...values, files: parsed.positionals };
}

const WORDS = ['Dockerfile', '-', '--', 'json', 'sarif', 'xml', 'error', 'GF001', 'DL3007', 'A=1', '', '-x', '--help', '--no-color',
  '--format', '--format=json', '--format=', '-f', '-fjson', '-f=json', '-t', '-twarning', '--failure-threshold', '--ignore', '--ignore=GF001',
  '--enable', '--config', '-c', '--require-digest', '--require-digest=true', '--trusted-registry', '--fix', '--diff', '--target',
  '--build-arg', '--stdin-filename', '--color', '--color=false', '--constructor', '--toString', '-h'];
const VALUED = /^(--(format|failure-threshold|ignore|enable|config|trusted-registry|target|build-arg|stdin-filename)|-[ftc])$/;

describe('parseLintFast', () => {
  it('reads plain invocations', () => {
    expect(parseLintFast(['-f', 'json', '--ignore', 'GF001', '--ignore=DL3007', 'Dockerfile', '-'])).toEqual({
      format: 'json', ignore: ['GF001', 'DL3007'], files: ['Dockerfile', '-'],
    });
    expect(parseLintFast(['--fix', '--', '--odd-name'])).toEqual({ fix: true, format: 'stylish', files: ['--odd-name'] });
  });

  it('leaves to yargs what it does not take', () => {
    for (const args of [['--help'], ['--no-color'], ['--format', 'xml'], ['--fix=yes'], ['--format'], ['--format', '--fix'], ['-z'], ['--constructor'], ['-f=json']]) {
      expect(parseLintFast(args)).toBeNull();
    }
  });

  it('agrees with node\'s parseArgs wherever it takes the arguments', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }), (args) => {
      const fast = parseLintFast(args);
      if (fast !== null) expect(fast).toEqual(reference(args));
      else if (reference(args) !== null) {
        // the deliberate differences, which go to yargs: a value that looks like an option, and -f=json
        const optionLikeValue = args.some((a, i) => i > 0 && a.length > 1 && a.startsWith('-') && VALUED.test(args[i - 1]));
        expect(optionLikeValue || args.some((a) => /^-[ftc]=/.test(a))).toBe(true);
      }
    }), { numRuns: 3000 });
  });
});
