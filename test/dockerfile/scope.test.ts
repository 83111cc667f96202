import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StageScope } from '../../src/dockerfile/scope.js';
import { readDirective } from '../../src/dockerfile/parse.js';

// The reference: a Map and a Set copied at every snapshot, as the parser used to keep scopes.
class CopyingScope {
  vars = new Map<string, string | null>();
  envNames = new Set<string>();
  set(k: string, v: string | null, isEnv: boolean) {
    this.vars.set(k, v);
    if (isEnv) this.envNames.add(k);
    else this.envNames.delete(k);
  }
  snapshot() {
    return { vars: new Map(this.vars), envNames: new Set(this.envNames) };
  }
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), name: fc.constantFrom('A', 'B', 'C', 'GOOS', 'PATH'), value: fc.option(fc.constantFrom('1', '', 'x y')), env: fc.boolean() }),
  fc.record({ kind: fc.constant('snapshot' as const) }),
);

describe('StageScope', () => {
  it('gives every snapshot exactly what a copied Map and Set would hold, in the same order', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const scope = new StageScope();
      const ref = new CopyingScope();
      const views: [ReturnType<StageScope['snapshot']>, ReturnType<CopyingScope['snapshot']>][] = [];
      for (const o of ops) {
        if (o.kind === 'set') {
          scope.set(o.name, o.value, o.env);
          ref.set(o.name, o.value, o.env);
          // the live view follows every change
          expect([...scope.live]).toEqual([...ref.vars]);
        } else views.push([scope.snapshot(), ref.snapshot()]);
      }
      views.push([scope.snapshot(), ref.snapshot()]);
      // checked after all changes: a snapshot never sees what came later
      for (const [ours, theirs] of views) {
        expect([...ours.vars.entries()]).toEqual([...theirs.vars.entries()]);
        expect(ours.vars.size).toBe(theirs.vars.size);
        expect([...ours.envNames]).toEqual([...theirs.envNames]);
        expect(ours.envNames.size).toBe(theirs.envNames.size);
        for (const k of ['A', 'B', 'C', 'GOOS', 'PATH', 'NONE']) {
          expect(ours.vars.get(k)).toBe(theirs.vars.get(k));
          expect(ours.vars.has(k)).toBe(theirs.vars.has(k));
          expect(ours.envNames.has(k)).toBe(theirs.envNames.has(k));
        }
      }
    }), { numRuns: 500 });
  });
});

// BuildKit's own directive regex, which backtracks quadratically on long blank runs.
const BUILDKIT_DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

describe('readDirective', () => {
  it('reads a line exactly as BuildKit\'s regex does', () => {
    const chars = fc.constantFrom('#', ' ', '\t', '\r', '\u2028', '\u00a0', 'a', 'Z', '1', '=', '`', '\\', 'x');
    fc.assert(fc.property(fc.array(chars, { maxLength: 14 }).map((a) => a.join('')), fc.constantFrom('', '# escape=', '#syntax =', '# check= '), (tail, head) => {
      const line = head + tail;
      const m = BUILDKIT_DIRECTIVE.exec(line);
      expect(readDirective(line)).toEqual(m ? { name: m[1].toLowerCase(), value: m[2] } : null);
    }), { numRuns: 5000 });
  });
});
