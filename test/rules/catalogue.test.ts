// The rule catalogue is consistent: unique ids, kebab-case names, docs in one shape, pages in sync.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, RULES } from '../../rules/index.js';
import { lintText, ruleIds, RuleSet } from '../../src/lint/engine.js';
import { defaultConfig } from '../../src/lint/config.js';
import { renderRuleDoc } from '../../src/lint/docs.js';
import { RULE_DOCS } from '../../rules/docs.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { REPO } from '../helpers/shared.js';

const metas = catalogue();

describe('rule catalogue', () => {
  it('every code, name and alias points at one rule', () => {
    const seen = new Map<string, string>();
    for (const m of metas) {
      for (const id of new Set([m.code.toLowerCase(), m.name])) {
        expect(seen.get(id), `${id} is claimed twice`).toBeUndefined();
        seen.set(id, m.code);
      }
    }
  });

  it.each(metas.map((m) => [m.code, m]))('%s has a code, a kebab-case name and complete docs', (_c, m) => {
    expect(m.code).toMatch(/^GF\d{3}$/);
    expect(m.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(m.description.length).toBeGreaterThan(10);
    const docs = RULE_DOCS[m.name];
    expect(docs.why.length).toBeGreaterThan(40);
    expect(ruleIds(m)).toContain(m.name);
    // the examples are whole Dockerfiles that parse
    expect(parseDockerfile(docs.good).errors, 'docs.good').toEqual([]);
    if (m.code !== 'GF000') expect(parseDockerfile(docs.bad).errors, 'docs.bad').toEqual([]);
  });

  it('RULE_DOCS has the docs of every rule and nothing else', () => {
    expect(Object.keys(RULE_DOCS).sort()).toEqual(metas.map((m) => m.name).sort());
  });

  it.each(RULES.map((r) => [r.meta.code, r]))('%s: the bad example fires and the good one does not', (_c, rule) => {
    const set = new RuleSet([rule]);
    // Docs examples are read with `trusted-registries: [docker.io, gcr.io]`, so rules that need the list can show it.
    const config = { ...defaultConfig(), enabled: [rule.meta.code], trustedRegistries: ['docker.io', 'gcr.io'] };
    // Docs examples are read as if a go.mod with `go 1.23` sat beside them.
    const lint = (text: string) => lintText({ text, path: 'Dockerfile', config, goMod: { goVersion: '1.23' } }, set).findings;
    expect(lint(RULE_DOCS[rule.meta.name].bad).length, 'docs.bad must fire').toBeGreaterThan(0);
    expect(lint(RULE_DOCS[rule.meta.name].good).map((f) => f.message), 'docs.good must be clean').toEqual([]);
  });

  it.each(metas.map((m) => [m.name, m]))('rules/%s.md is generated from the rule (UPDATE_DOCS=1 npm test rewrites it)', (name, m) => {
    const path = join(REPO, 'rules', `${name}.md`);
    const want = renderRuleDoc(m, RULE_DOCS[m.name]);
    if (process.env.UPDATE_DOCS) writeFileSync(path, want);
    expect(existsSync(path), `${path} is missing`).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(want);
  });
});
