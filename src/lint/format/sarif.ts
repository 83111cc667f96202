import { pathToFileURL } from 'node:url';
import type { Finding, RuleDocs, RuleMeta, Severity } from '../types.js';
import type { FormatContext } from './context.js';
import { compareText, relativePath, reportedFiles, sortFindings } from './paths.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const DEFAULT_HOMEPAGE = 'https://www.npmjs.com/package/gofile';
const SRCROOT = '%SRCROOT%';

// SARIF has no "info" or "style" level; "note" is its level for advice.
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  style: 'note',
};

/** SARIF 2.1.0 with one run; every known rule is listed, sorted by code, so ruleIndex is stable. */
export function formatSarif(findings: Finding[], ctx: FormatContext): string {
  const rules = [...ctx.rules.values()].sort((a, b) => compareText(a.code, b.code));
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const files = reportedFiles(findings, ctx.files, ctx.cwd);
  const fileIndex = new Map(files.map((f, i) => [f, i]));

  const results = sortFindings(findings, ctx.cwd).map((f) => {
    const file = relativePath(f.file, ctx.cwd);
    return {
      ruleId: f.code,
      ...(ruleIndex.has(f.code) ? { ruleIndex: ruleIndex.get(f.code) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: fileUri(file), uriBaseId: SRCROOT, index: fileIndex.get(file) },
            region: region(f),
          },
        },
      ],
    };
  });

  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gofile',
            version: ctx.toolVersion,
            informationUri: ctx.homepage ?? DEFAULT_HOMEPAGE,
            rules: rules.map((r) => ruleDescriptor(r, ctx)),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(ctx.cwd) } },
        artifacts: files.map((f) => ({ location: { uri: fileUri(f), uriBaseId: SRCROOT } })),
        // Columns count UTF-16 code units, as JavaScript strings do.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function ruleDescriptor(rule: RuleMeta, ctx: FormatContext) {
  const aka = rule.aliases.length > 0 ? ` Also known as ${rule.aliases.join(', ')}.` : '';
  const docs = ctx.docs?.(rule);
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.description },
    fullDescription: { text: (docs?.why ?? rule.description) + aka },
    ...(docs ? { help: help(docs) } : {}),
    helpUri: ctx.docsUrl(rule),
    defaultConfiguration: {
      level: LEVEL[rule.severity],
      // Opt-in rules are off unless the config turns them on.
      ...(rule.optIn ? { enabled: false } : {}),
    },
    properties: { tags: [rule.category, ...rule.aliases] },
  };
}

/** Code scanning shows `help` beside an alert, so it carries the rule's bad and good examples. */
function help({ why, bad, good, fix }: RuleDocs) {
  const text = [why, fix, `Bad:\n${bad}`, `Good:\n${good}`].filter(Boolean).join('\n\n');
  const markdown = [why, fix, `Bad:\n\n${fence(bad)}`, `Good:\n\n${fence(good)}`].filter(Boolean).join('\n\n');
  return { text, markdown };
}

/** A fence longer than any backtick run inside the example, so the example cannot close it. */
function fence(code: string): string {
  let longest = 0;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}dockerfile\n${code}\n${ticks}`;
}

/** SARIF lines and columns start at 1 and a region may not end before it starts. */
function region(f: Finding) {
  const startLine = Math.max(1, f.line);
  const startColumn = Math.max(1, f.column);
  const endLine = Math.max(startLine, f.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, f.endColumn) : Math.max(1, f.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

/** A relative URI reference: each segment percent-encoded, so spaces, `#` or `:` stay literal path text. */
function fileUri(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

/** SARIF requires a base URI to end with a slash. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : href + '/';
}
