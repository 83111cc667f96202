import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/lint/format/sarif.js';
import { CWD, HOSTILE, RULES, makeContext, sampleFindings } from './fixtures.js';
import { sarifValidator } from './schemas.js';

const validate = sarifValidator();

// Loose view of the log for assertions; the schema test is what checks the full shape.
interface Log {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: Record<string, any>[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    artifacts: { location: { uri: string; uriBaseId: string } }[];
    results: Record<string, any>[];
  }[];
}

function sarif(...args: Parameters<typeof formatSarif>): Log {
  return JSON.parse(formatSarif(...args)) as Log;
}

function expectValid(text: string) {
  const ok = validate(JSON.parse(text));
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('sarif format', () => {
  const log = sarif(sampleFindings(), makeContext());
  const run = log.runs[0];

  it('validates against the official SARIF 2.1.0 schema', () => {
    expectValid(formatSarif(sampleFindings(), makeContext()));
  });

  it('validates for a clean run and for hostile text', () => {
    expectValid(formatSarif([], makeContext()));
    const [f] = sampleFindings();
    const file = path.join(CWD, 'dir with space', '#1:50%.Dockerfile');
    expectValid(formatSarif([{ ...f, file, message: HOSTILE }], makeContext({ files: [file] })));
  });

  it('uses a schema check that does catch a broken log', () => {
    const broken = sarif(sampleFindings(), makeContext());
    broken.runs[0].results[0].level = 'info';
    expect(validate(broken)).toBe(false);
    const noMessage = sarif(sampleFindings(), makeContext());
    delete (noMessage.runs[0].results[0] as { message?: unknown }).message;
    expect(validate(noMessage)).toBe(false);
  });

  it('gives every region a startLine (errata01 requires it; the published 2.1.0 schema does not check it)', () => {
    for (const r of run.results) expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
  });

  it('names the schema, version and tool', () => {
    expect(log.$schema).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'gofile', version: '0.1.0', informationUri: 'https://www.npmjs.com/package/gofile' });
    expect(sarif([], makeContext({ homepage: 'https://example.org/gofile' })).runs[0].tool.driver.informationUri).toBe(
      'https://example.org/gofile',
    );
  });

  it('lists every known rule, sorted by code, whether or not it fired', () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['GF001', 'GF003', 'GF005', 'GF020']);
    expect(sarif([], makeContext()).runs[0].tool.driver.rules).toEqual(run.tool.driver.rules);
  });

  it('describes a rule with docs link, default level, tags and examples', () => {
    const gf001 = run.tool.driver.rules[0];
    expect(gf001).toMatchObject({
      id: 'GF001',
      name: 'unpinned-base-image',
      shortDescription: { text: 'FROM must name a tag or digest other than latest.' },
      fullDescription: { text: 'latest moves under you. Also known as DL3006, DL3007.' },
      helpUri: 'https://gofile.example/rules/unpinned-base-image',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['correctness', 'DL3006', 'DL3007'] },
    });
    expect(gf001.help.markdown).toContain('```dockerfile\nFROM golang\n```');
    const optIn = run.tool.driver.rules.find((r) => r.id === 'GF003')!;
    expect(optIn.defaultConfiguration).toEqual({ level: 'note', enabled: false });
    expect(run.tool.driver.rules.find((r) => r.id === 'GF020')!.defaultConfiguration).toEqual({ level: 'note' });
  });

  it('points each result at its rule by id and index', () => {
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['GF001', 'error'],
      ['GF003', 'note'],
      ['GF020', 'note'],
      ['GF001', 'error'],
      ['GF005', 'warning'],
    ]);
  });

  it('locates results with relative URIs under %SRCROOT% and a full region', () => {
    const last = run.results[4];
    expect(last.message).toEqual({ text: 'Use apk add --no-cache.' });
    expect(last.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'cmd/api/Dockerfile', uriBaseId: '%SRCROOT%', index: 1 },
          region: { startLine: 7, startColumn: 5, endLine: 7, endColumn: 30 },
        },
      },
    ]);
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
  });

  it('lists every linted file as an artifact, clean ones included', () => {
    expect(run.artifacts.map((a) => a.location)).toEqual([
      { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' },
      { uri: 'cmd/api/Dockerfile', uriBaseId: '%SRCROOT%' },
      { uri: 'tools/Dockerfile', uriBaseId: '%SRCROOT%' },
    ]);
  });

  it('percent-encodes path segments and keeps the message text as is', () => {
    const [f] = sampleFindings();
    const file = path.join(CWD, 'dir with space', '#1:50%.Dockerfile');
    const result = sarif([{ ...f, file, message: HOSTILE }], makeContext({ files: [file] })).runs[0].results[0];
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('dir%20with%20space/%231%3A50%25.Dockerfile');
    expect(result.message.text).toBe(HOSTILE);
  });

  it('keeps a result for a code no rule knows, without a ruleIndex', () => {
    const [f] = sampleFindings();
    const result = sarif([{ ...f, code: 'GF999', rule: 'parse-error' }], makeContext()).runs[0].results[0];
    expect(result.ruleId).toBe('GF999');
    expect(result).not.toHaveProperty('ruleIndex');
    expectValid(formatSarif([{ ...f, code: 'GF999', rule: 'parse-error' }], makeContext()));
  });

  it('clamps a position SARIF cannot express (line 0, end before start)', () => {
    const [f] = sampleFindings();
    const text = formatSarif([{ ...f, line: 0, column: 0, endLine: 0, endColumn: 0 }], makeContext());
    expectValid(text);
    expect(JSON.parse(text).runs[0].results[0].locations[0].physicalLocation.region).toEqual({
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 1,
    });
  });

  it('covers every rule severity', () => {
    expect(new Set(RULES.map((r) => r.severity))).toEqual(new Set(['error', 'warning', 'info', 'style']));
  });
});
