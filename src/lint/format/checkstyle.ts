import type { Finding, Severity } from '../types.js';
import type { FormatContext } from './context.js';
import { relativePath, reportedFiles, sortFindings } from './paths.js';

// Checkstyle knows error, warning, info (and ignore); style findings are advice.
const SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

/** Checkstyle XML: a `<file>` for every linted file, so CI sees clean files as passed. */
export function formatCheckstyle(findings: Finding[], ctx: FormatContext): string {
  const byFile = new Map<string, Finding[]>();
  for (const file of reportedFiles(findings, ctx.files, ctx.cwd)) byFile.set(file, []);
  for (const f of sortFindings(findings, ctx.cwd)) byFile.get(relativePath(f.file, ctx.cwd))!.push(f);

  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const [file, list] of byFile) {
    if (list.length === 0) {
      lines.push(`  <file name="${xmlAttr(file)}"/>`);
      continue;
    }
    lines.push(`  <file name="${xmlAttr(file)}">`);
    for (const f of list) {
      const attrs = [
        `line="${f.line}"`,
        `column="${f.column}"`,
        `severity="${SEVERITY[f.severity]}"`,
        `message="${xmlAttr(f.message)}"`,
        `source="${xmlAttr(`gofile.${f.code}.${f.rule}`)}"`,
      ];
      lines.push(`    <error ${attrs.join(' ')}/>`);
    }
    lines.push('  </file>');
  }
  lines.push('</checkstyle>');
  return lines.join('\n') + '\n';
}

/**
 * Text safe inside a double- or single-quoted XML 1.0 attribute. Tabs and line breaks become
 * character references, since parsers turn literal ones into spaces; characters XML 1.0 cannot
 * carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.
 */
export function xmlAttr(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&apos;'; break;
      case '\t': out += '&#9;'; break;
      case '\n': out += '&#10;'; break;
      case '\r': out += '&#13;'; break;
      default:
        out += cp < 0x20 || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff ? '\uFFFD' : ch;
    }
  }
  return out;
}
