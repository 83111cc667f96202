import { describe, expect, it } from 'vitest';
import { formatGitlab, type GitlabIssue } from '../../src/lint/format/gitlab.js';
import { API_FILE, HOSTILE, ROOT_FILE, makeContext, sampleFindings } from './fixtures.js';
import { gitlabValidator } from './schemas.js';

const validate = gitlabValidator();

function issues(...args: Parameters<typeof formatGitlab>): GitlabIssue[] {
  return JSON.parse(formatGitlab(...args)) as GitlabIssue[];
}

function expectValid(text: string) {
  const ok = validate(JSON.parse(text));
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('gitlab format', () => {
  const report = issues(sampleFindings(), makeContext());

  it('matches the fields GitLab documents for Code Quality reports', () => {
    expectValid(formatGitlab(sampleFindings(), makeContext()));
    expectValid(formatGitlab([], makeContext()));
  });

  it('uses a schema check that does catch a broken report', () => {
    expect(validate([{ ...report[0], severity: 'error' }])).toBe(false);
    expect(validate([{ ...report[0], location: { path: '/abs/Dockerfile', lines: { begin: 1 } } }])).toBe(false);
    expect(validate([{ ...report[0], location: { path: 'Dockerfile' } }])).toBe(false);
  });

  it('writes one issue per finding with exactly the agreed fields', () => {
    expect(report).toHaveLength(5);
    expect(report[4]).toEqual({
      description: 'Use apk add --no-cache.',
      check_name: 'GF005',
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      severity: 'minor',
      location: { path: 'cmd/api/Dockerfile', lines: { begin: 7, end: 7 } },
    });
  });

  it('maps severities error→major, warning→minor, info and style→info', () => {
    expect(report.map((i) => [i.check_name, i.severity])).toEqual([
      ['GF001', 'major'],
      ['GF003', 'info'],
      ['GF020', 'info'],
      ['GF001', 'major'],
      ['GF005', 'minor'],
    ]);
  });

  it('gives the same fingerprints on every run and in any engine order', () => {
    const again = issues(sampleFindings().reverse(), makeContext());
    expect(again.map((i) => i.fingerprint)).toEqual(report.map((i) => i.fingerprint));
    expect(report[0].fingerprint).toBe(issues([sampleFindings()[2]], makeContext())[0].fingerprint);
    // Pinned, so a change to the hashing (which would churn every open MR) is a visible decision.
    expect(report[0].fingerprint).toMatchInlineSnapshot(`"9304df6748249cf7c91ece5292896d252e33ed2c643322c65726d642f1f4b5f1"`);
  });

  it('gives distinct fingerprints to distinct findings, repeats included', () => {
    const [f] = sampleFindings();
    const repeated = issues([f, { ...f, line: 20, endLine: 20 }, { ...f, line: 30, endLine: 30 }], makeContext());
    for (const list of [report, repeated]) {
      const prints = list.map((i) => i.fingerprint);
      expect(new Set(prints).size).toBe(prints.length);
    }
  });

  it('keeps a fingerprint when an edit above moves the finding', () => {
    const before = issues(sampleFindings(), makeContext());
    const moved = issues(
      sampleFindings().map((f) => ({ ...f, line: f.line + 3, endLine: f.endLine + 3 })),
      makeContext(),
    );
    expect(moved.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
  });

  it('changes the fingerprint with the file, the rule or the message', () => {
    const [f] = sampleFindings();
    const base = issues([f], makeContext())[0].fingerprint;
    expect(issues([{ ...f, file: ROOT_FILE }], makeContext())[0].fingerprint).not.toBe(base);
    expect(issues([{ ...f, code: 'GF001' }], makeContext())[0].fingerprint).not.toBe(base);
    expect(issues([{ ...f, message: 'other' }], makeContext())[0].fingerprint).not.toBe(base);
    expect(issues([{ ...f, file: API_FILE }], makeContext())[0].fingerprint).toBe(base);
  });

  it('keeps hostile messages intact and paths relative', () => {
    const [f] = sampleFindings();
    const text = formatGitlab([{ ...f, message: HOSTILE }], makeContext());
    expectValid(text);
    const [issue] = JSON.parse(text) as GitlabIssue[];
    expect(issue.description).toBe(HOSTILE);
    expect(issue.location.path).toBe('cmd/api/Dockerfile');
  });

  it('prints an empty array for a clean run', () => {
    expect(formatGitlab([], makeContext())).toBe('[]\n');
  });
});
