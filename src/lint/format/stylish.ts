import type { Finding, Severity } from '../types.js';
import type { FormatContext, Formatter } from './context.js';
import { relativePath, sortFindings } from './paths.js';

const FIX_MARKER = '[*]';

/** The styles stylish uses: chalk's in colour, none without. */
export interface Palette {
  underline(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  gray(s: string): string;
}

const same = (s: string) => s;
export const PLAIN: Palette = { underline: same, dim: same, bold: same, green: same, red: same, yellow: same, blue: same, gray: same };

/** chalk is imported only for colour: its terminal detection costs start-up time a pre-commit hook (no TTY) should not pay. */
export async function stylishFormatter(color: boolean): Promise<Formatter> {
  let palette = PLAIN;
  if (color) {
    // Our own instance at a fixed level, so the output depends on `color` alone and never on the environment.
    const c = new (await import('chalk')).Chalk({ level: 1 });
    palette = { underline: c.underline, dim: c.dim, bold: c.bold, green: c.green, red: c.red, yellow: c.yellow, blue: c.blue, gray: c.gray };
  }
  return (findings, ctx) => formatStylish(findings, ctx, palette);
}

/** For people: findings grouped by file, aligned columns, and a one-line summary. */
export function formatStylish(findings: Finding[], ctx: FormatContext, c: Palette = PLAIN): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of sortFindings(findings, ctx.cwd)) {
    const file = relativePath(f.file, ctx.cwd);
    const list = byFile.get(file);
    if (list) list.push(f);
    else byFile.set(file, [f]);
  }

  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(c.underline(printable(file)));
    out.push(...table(list, c), '');
  }
  const summary = summaryLine(findings, ctx.files.length, c);
  if (summary) out.push(summary);
  return out.length > 0 ? out.join('\n') + '\n' : '';
}

function table(list: Finding[], c: Palette): string[] {
  const rows = list.map((f) => ({
    position: `${f.line}:${f.column}`,
    severity: f.severity,
    marker: f.fixable ? FIX_MARKER + ' ' : '',
    message: printable(f.message),
    rule: `${f.rule} (${f.code})`,
  }));
  const widths = {
    position: Math.max(...rows.map((r) => r.position.length)),
    severity: Math.max(...rows.map((r) => r.severity.length)),
    message: Math.max(...rows.map((r) => r.marker.length + r.message.length)),
  };
  // Pad the plain text first: escape codes must not count towards a column's width.
  return rows.map((r) => {
    const messagePad = ' '.repeat(widths.message - r.marker.length - r.message.length);
    return [
      '  ' + c.dim(r.position.padStart(widths.position)),
      paint(c, r.severity, r.severity.padEnd(widths.severity)),
      c.green(r.marker) + r.message + messagePad,
      c.dim(r.rule),
    ].join('  ');
  });
}

function summaryLine(findings: Finding[], fileCount: number, c: Palette): string {
  if (findings.length === 0) {
    // One clean file says nothing (quiet hooks); several get a confirmation of what was checked.
    return fileCount > 1 ? c.green(`✔ ${fileCount} files checked, no problems`) : '';
  }
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const [errors, warnings, infos, styles] = [count('error'), count('warning'), count('info'), count('style')];
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos > 0) parts.push(`${infos} info`);
  if (styles > 0) parts.push(`${styles} style`);
  const fixable = findings.filter((f) => f.fixable).length;
  const text =
    `✖ ${plural(findings.length, 'problem')} (${parts.join(', ')})` +
    (fixable > 0 ? `, ${fixable} fixable with --fix` : '');
  const tone = errors > 0 ? c.red : warnings > 0 ? c.yellow : c.blue;
  return c.bold(tone(text));
}

function paint(c: Palette, severity: Severity, text: string): string {
  switch (severity) {
    case 'error':
      return c.red(text);
    case 'warning':
      return c.yellow(text);
    case 'info':
      return c.blue(text);
    case 'style':
      return c.gray(text);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Control characters from a Dockerfile must not move the cursor or restyle the terminal. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
