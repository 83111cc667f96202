import path from 'node:path';
import type { FormatContext } from '../../src/lint/format/context.js';
import type { Finding, RuleDocs, RuleMeta } from '../../src/lint/types.js';

export const CWD = path.resolve('/repo');
export const ROOT_FILE = path.join(CWD, 'Dockerfile');
export const API_FILE = path.join(CWD, 'cmd', 'api', 'Dockerfile');
export const CLEAN_FILE = path.join(CWD, 'tools', 'Dockerfile');

/** Messages that break every naive escaper at once. */
export const HOSTILE = `bad <tag> & "quoted" 'single' 100% done\nnext line\r\nkey: a,b`;

export const RULES: RuleMeta[] = [
  {
    code: 'GF001',
    name: 'unpinned-base-image',
    severity: 'error',
    category: 'correctness',
    description: 'FROM must name a tag or digest other than latest.',
    aliases: ['DL3006', 'DL3007'],
    fixable: false,
  },
  {
    code: 'GF005',
    name: 'apk-no-cache',
    severity: 'warning',
    category: 'performance',
    description: 'apk add should use --no-cache.',
    aliases: ['DL3019'],
    fixable: true,
  },
  {
    code: 'GF020',
    name: 'scratch-zoneinfo',
    severity: 'info',
    category: 'go',
    description: 'A scratch image has no zoneinfo.',
    aliases: [],
    fixable: false,
  },
  {
    code: 'GF003',
    name: 'instruction-casing',
    severity: 'style',
    category: 'hygiene',
    description: 'Instructions should be upper case.',
    aliases: ['ConsistentInstructionCasing'],
    fixable: true,
    optIn: true,
  },
];

/** Their docs, as RULE_DOCS holds the real rules' (loadFormatter hands them to SARIF). */
export const DOCS: Record<string, RuleDocs> = {
  GF001: { why: 'latest moves under you.', bad: 'FROM golang', good: 'FROM golang:1.23' },
  GF005: { why: 'The apk cache bloats the layer.', bad: 'RUN apk add git', good: 'RUN apk add --no-cache git' },
  GF020: { why: 'time.LoadLocation fails without zoneinfo.', bad: 'FROM scratch', good: 'FROM scratch\nCOPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo', fix: 'Or build with -tags timetzdata.' },
  GF003: { why: 'Mixed casing is harder to read.', bad: 'run go build', good: 'RUN go build' },
};

function finding(over: Partial<Finding> & Pick<Finding, 'file' | 'line' | 'code'>): Finding {
  const rule = RULES.find((r) => r.code === over.code)!;
  return {
    column: 1,
    endLine: over.line,
    endColumn: 10,
    rule: rule.name,
    severity: rule.severity,
    message: `${rule.name} message`,
    fixable: rule.fixable,
    ...over,
  };
}

/** Deliberately out of order, as an engine running rules one by one would report them. */
export function sampleFindings(): Finding[] {
  return [
    finding({ file: API_FILE, line: 7, code: 'GF005', message: 'Use apk add --no-cache.', column: 5, endColumn: 30,
      fix: { description: 'add --no-cache', edits: [{ start: 10, end: 10, text: ' --no-cache' }] } }),
    finding({ file: ROOT_FILE, line: 12, code: 'GF020', message: 'The final scratch stage has no zoneinfo.' }),
    finding({ file: ROOT_FILE, line: 1, code: 'GF001', message: 'Pin golang to a version tag.', column: 6, endColumn: 12 }),
    finding({ file: API_FILE, line: 1, code: 'GF001', message: 'Pin alpine to a version tag.', column: 6, endColumn: 12 }),
    finding({ file: ROOT_FILE, line: 3, code: 'GF003', message: 'Write RUN in upper case.', endColumn: 4,
      fix: { description: 'upper-case', edits: [{ start: 40, end: 43, text: 'RUN' }] } }),
  ];
}

export function makeContext(over: Partial<FormatContext> = {}): FormatContext {
  return {
    cwd: CWD,
    rules: new Map(RULES.map((r) => [r.code, r])),
    files: [ROOT_FILE, API_FILE, CLEAN_FILE],
    toolVersion: '0.1.0',
    docsUrl: (rule) => `https://gofile.example/rules/${rule.name}`,
    docs: (rule) => DOCS[rule.code],
    ...over,
  };
}
