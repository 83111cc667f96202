import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../types.js';
import type { FormatContext } from './context.js';
import { relativePath, sortFindings } from './paths.js';

// GitLab's scale is info, minor, major, critical, blocker; a lint error blocks nothing by itself.
const SEVERITY: Record<Severity, GitlabSeverity> = { error: 'major', warning: 'minor', info: 'info', style: 'info' };

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

/** GitLab Code Quality report: the subset of the Code Climate issue format that GitLab reads. */
export function formatGitlab(findings: Finding[], ctx: FormatContext): string {
  const seen = new Map<string, number>();
  const issues = sortFindings(findings, ctx.cwd).map((f): GitlabIssue => {
    const path = relativePath(f.file, ctx.cwd);
    const identity = JSON.stringify([path, f.code, f.message]);
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return {
      description: f.message,
      check_name: f.code,
      fingerprint: fingerprint(identity, occurrence),
      severity: SEVERITY[f.severity],
      location: { path, lines: { begin: f.line, end: Math.max(f.line, f.endLine) } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}

/**
 * Leaves the line out and counts repeats instead: GitLab diffs fingerprints between branches,
 * so an edit above a finding must not make it look new. The count keeps repeats distinct,
 * since GitLab shows identical fingerprints as one entry.
 */
function fingerprint(identity: string, occurrence: number): string {
  return createHash('sha256').update(`${identity}\0${occurrence}`).digest('hex');
}
