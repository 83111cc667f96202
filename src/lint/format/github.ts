import type { Finding, Severity } from '../types.js';
import type { FormatContext } from './context.js';
import { relativePath, sortFindings } from './paths.js';

// GitHub has three annotation levels; info and style are both advice.
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', style: 'notice' };

/** GitHub Actions workflow commands: one `::error file=…::message` line per finding. */
export function formatGithub(findings: Finding[], ctx: FormatContext): string {
  return sortFindings(findings, ctx.cwd)
    .map((f) => {
      const props = [
        `file=${escapeProperty(relativePath(f.file, ctx.cwd))}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(`${f.code} ${f.rule}`)}`,
      ];
      return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}

/** The runner's own escaping for a command's message: `%` first, so later escapes are not re-escaped. */
export function escapeData(s: string): string {
  return s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Property values also end at `,` and `::`, so those are escaped too. */
export function escapeProperty(s: string): string {
  return escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
