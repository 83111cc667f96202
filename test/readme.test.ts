// The README's rule table is generated from the rules, so it cannot drift (UPDATE_DOCS=1 rewrites it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { catalogue } from '../rules/index.js';
import { renderRuleTable } from '../src/lint/docs.js';
import { REPO } from './helpers/shared.js';

it('README lists every rule from the rules themselves', () => {
  const path = join(REPO, 'README.md');
  const text = readFileSync(path, 'utf8');
  const table = renderRuleTable(catalogue());
  const want = text.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, `<!-- rules:start -->\n${table}\n<!-- rules:end -->`);
  if (process.env.UPDATE_DOCS) writeFileSync(path, want);
  expect(text).toBe(want);
});
