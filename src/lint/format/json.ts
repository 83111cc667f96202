import type { Finding } from '../types.js';
import type { FormatContext } from './context.js';
import { relativePath, sortFindings } from './paths.js';

/** The documented fields only, in a fixed order; `fix` stays internal to the engine. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  rule: string;
  severity: Finding['severity'];
  message: string;
  fixable: boolean;
}

export function formatJson(findings: Finding[], ctx: FormatContext): string {
  const out: JsonFinding[] = sortFindings(findings, ctx.cwd).map((f) => ({
    file: relativePath(f.file, ctx.cwd),
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    code: f.code,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    fixable: f.fixable,
  }));
  return JSON.stringify(out, null, 2) + '\n';
}
