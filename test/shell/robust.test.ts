// parseShell runs on every RUN in a pre-commit hook: it must report, never throw or hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShell } from '../../src/shell/parse.js';
import { offsetsHold, showAll } from './helpers.js';

const errorsOf = (src: string): string[] => parseShell(src).errors.map((e) => e.message);

describe('errors are reported, not thrown', () => {
  it.each([
    ["echo 'abc", 'unterminated single quote'],
    ['echo "abc', 'unterminated double quote'],
    ['echo $(date', "unterminated '$('"],
    ['echo ${x', "unterminated '${'"],
    ['echo `date', 'unterminated backquote'],
    ['echo $((1+2', "unterminated '(('"],
    ['cat <<EOF\nbody', "unterminated heredoc (expected 'EOF')"],
    ['if true; then echo', "expected 'fi'"],
    ['for x in a b; echo', "expected 'do'"],
    ['case x in a) b', "expected 'esac'"],
    ['a &&', "expected a command after '&&'"],
    ['echo >', "missing target for '>'"],
    ['fi', "unexpected 'fi'"],
    [') echo', "unexpected ')'"],
    ['[[ -f x', "expected ']]'"],
  ])('%j', (src, message) => {
    expect(errorsOf(src)).toContain(message);
  });

  it('keeps the commands it could read', () => {
    const s = parseShell('apk add x && echo "oops');
    expect(showAll(s)).toEqual(['0 ^ apk add x', '0 && echo oops']);
    expect(s.errors[0]).toEqual({ message: 'unterminated double quote', offset: 18 });
  });
});

describe('pathological input', () => {
  it('deep $( nesting is cut off with an error', () => {
    const src = '$('.repeat(100_000) + 'x' + ')'.repeat(100_000);
    const s = parseShell(src);
    expect(s.errors.some((e) => e.message.startsWith('nesting too deep'))).toBe(true);
  });

  it.each(['('.repeat(50_000), '{ '.repeat(50_000), 'if '.repeat(50_000), '"$(`'.repeat(20_000), 'f() '.repeat(50_000), '${'.repeat(50_000)])(
    'deep nesting of %s… returns',
    (src) => {
      expect(() => parseShell(src)).not.toThrow();
    },
  );

  it('moderate nesting is followed exactly', () => {
    const src = 'echo ' + '$(echo '.repeat(30) + 'x' + ')'.repeat(30);
    const s = parseShell(src);
    expect(s.errors).toEqual([]);
    expect(s.commands).toHaveLength(31);
    expect(s.commands[30].depth).toBe(30);
  });

  it('a 1 MB random string returns', () => {
    const alphabet = ' \t\n\\\'"`$(){}[];&|<>#=-abcxyz019*~!';
    let x = 12345;
    let src = '';
    for (let i = 0; i < 1 << 20; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff; // fixed LCG: reproducible
      src += alphabet[x % alphabet.length];
    }
    const s = parseShell(src);
    expect(s.source.length).toBe(1 << 20);
    expect(offsetsHold(s)).toBe(true);
  });

  it('a 1 MB plain script returns all its commands', () => {
    const src = 'apk add --no-cache git && go build ./...\n'.repeat(25_000);
    expect(parseShell(src).commands).toHaveLength(50_000);
  });

  it('non-string input does not throw', () => {
    expect(() => parseShell(undefined as unknown as string)).not.toThrow();
  });
});

describe('properties', () => {
  const shellish = fc.string({
    unit: fc.constantFrom(...' \t\n\\\'"`$(){}[];&|<>#=-ab01*!', 'if ', 'then ', 'fi', 'do ', 'done', 'case ', 'esac', ';;', '<<EOF\n', 'EOF\n', 'sh -c ', '$((', '${', '\r\n'),
    maxLength: 200,
  });

  it('never throws, and every word raw is source.slice(start, end)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), shellish), (src) => {
        const s = parseShell(src);
        expect(offsetsHold(s)).toBe(true);
        for (const e of s.errors) expect(e.offset).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('commands come in source order', () => {
    fc.assert(
      fc.property(shellish, (src) => {
        const c = parseShell(src).commands;
        for (let i = 1; i < c.length; i++) expect(c[i].start).toBeGreaterThanOrEqual(c[i - 1].start);
      }),
      { numRuns: 1000 },
    );
  });
});
