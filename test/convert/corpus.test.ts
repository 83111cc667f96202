// Every shared corpus file converts or is refused without a crash, and every instruction of a conversion has exactly one note.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { convertDockerfile, specToYaml } from '../../src/convert/index.js';
import { loadSpec } from '../../src/spec/load.js';
import { corpusEntries, HAS_CORPUS } from '../helpers/shared.js';
import { resolveSpec } from '../../src/spec/resolve.js';
import { expandSpec } from '../../src/spec/expand.js';
import { lintText, RuleSet } from '../../src/lint/engine.js';
import { defaultConfig } from '../../src/lint/config.js';
import { RULES } from '../../rules/index.js';

describe.skipIf(!HAS_CORPUS)('converting the shared corpus', () => {
  const entries = corpusEntries();
  const rules = new RuleSet(RULES);
  it('has the files', () => expect(entries.length).toBeGreaterThan(100));
  for (const e of entries) {
    it(`${e.id} ${e.kind} ${e.repo}/${e.path}`, () => {
      const model = parseDockerfile(e.text, { path: e.file });
      const r = convertDockerfile(model);
      if (e.kind === 'not-go') {
        expect(r.refused).toMatch(/\S/);
        return;
      }
      if (r.refused) {
        expect(r.kind).toBe('not-go');
        return;
      }
      // Nothing is lost silently: each instruction once, with one of the three outcomes and a reason.
      expect(r.report.map((n) => n.index)).toEqual(model.instructions.map((i) => i.index));
      for (const n of r.report) {
        expect(['carried', 'dropped', 'unrepresentable']).toContain(n.outcome);
        expect(n.reason, `${n.line}: ${n.text}`).toMatch(/\S/);
        expect(n.line).toBe(model.instructions[n.index].span.start.line);
      }
      // The spec written is one the loader accepts as it is.
      const yaml = specToYaml(r.spec);
      expect(yaml.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\S+$/);
      expect(loadSpec(yaml, `${e.id}.gofile.yaml`)).toEqual(r.spec);
      // ...and its expansion lints clean at every severity, but for what the spec says on purpose: both curl and wget
      // in `packages` (the original's), a golang base kept for a tool that runs go
      const findings = lintText({ text: expandSpec(resolveSpec(r.spec, {})), path: 'Dockerfile', config: { ...defaultConfig(), failureThreshold: 'style' } }, rules).findings;
      expect(findings.filter((f) => f.code !== 'GF221' && f.code !== 'GF107').map((f) => `${f.code} ${f.message}`)).toEqual([]);
    });
  }
  it('refuses every not-go file', () => {
    const notGo = entries.filter((e) => e.kind === 'not-go');
    expect(notGo.length).toBeGreaterThan(10);
    for (const e of notGo) expect(convertDockerfile(parseDockerfile(e.text)).refused, e.id).toBeDefined();
  });
});
