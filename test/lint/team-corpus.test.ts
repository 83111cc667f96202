// The team's own Go Dockerfiles (corpus/dockerfiles) with reviewed golden findings beside each one.
// UPDATE_GOLDEN=1 rewrites findings.txt; review every changed line before committing.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { defaultConfig } from '../../src/lint/config.js';
import { fixText, lintText, RuleSet } from '../../src/lint/engine.js';
import { readGoMod } from '../../src/gomod.js';
import { REPO } from '../helpers/shared.js';

const root = join(REPO, 'corpus', 'dockerfiles');
const rules = new RuleSet(RULES);

describe('team corpus: golden findings', () => {
  const dirs = readdirSync(root).filter((d) => existsSync(join(root, d, 'Dockerfile'))).sort();
  it('has examples', () => expect(dirs.length).toBeGreaterThanOrEqual(8));
  for (const d of dirs) {
    it(d, () => {
      const text = readFileSync(join(root, d, 'Dockerfile'), 'utf8');
      const input = { text, path: `${d}/Dockerfile`, config: defaultConfig(), goMod: readGoMod(join(root, d)), dockerignore: null };
      const { findings } = lintText(input, rules);
      const got = findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.code} ${f.rule}${f.fixable ? ' [fix]' : ''}: ${f.message}`).join('\n') + '\n';
      const golden = join(root, d, 'findings.txt');
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, got);
      expect(got).toBe(readFileSync(golden, 'utf8'));
      // --fix leaves nothing fixable behind
      const fixed = fixText(input, rules);
      expect(fixed.findings.filter((f) => f.fixable)).toEqual([]);
    });
  }
});
