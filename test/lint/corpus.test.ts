// Every real Dockerfile in the shared corpus: lints without a crash, BuildKit-accepted files get no
// parse error, findings point inside the file, and --fix is stable and keeps the file parseable.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { defaultConfig } from '../../src/lint/config.js';
import { fixText, lintText, RuleSet } from '../../src/lint/engine.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { corpusEntries, HAS_CORPUS } from '../helpers/shared.js';

const rules = new RuleSet(RULES);
// Opt-in rules too: the corpus is where their false positives would show.
const config = { ...defaultConfig(), enabled: RULES.map((r) => r.meta.code) };

describe.skipIf(!HAS_CORPUS)('linting the shared corpus', () => {
  for (const e of corpusEntries()) {
    it(`${e.id} ${e.kind} ${e.repo}/${e.path}`, () => {
      const input = { text: e.text, path: `${e.id}.Dockerfile`, config, goMod: null };
      const { findings, model } = lintText(input, rules);
      const parseErrors = findings.filter((f) => f.code === 'GF000');
      if (e.accepted) expect(parseErrors.map((f) => `${f.line}: ${f.message}`)).toEqual([]);
      const lines = model.lineOffsets.length - 1;
      for (const f of findings) {
        expect(f.line).toBeGreaterThanOrEqual(1);
        expect(f.endLine).toBeLessThanOrEqual(lines);
        expect(f.line < f.endLine || f.column <= f.endColumn).toBe(true);
      }
      if (findings.some((f) => f.fixable)) {
        const once = fixText(input, rules);
        expect(parseDockerfile(once.text).errors, 'fixed output parses').toEqual([]);
        expect(fixText({ ...input, text: once.text }, rules).text, 'fixing twice changes nothing').toBe(once.text);
      }
    });
  }
});
