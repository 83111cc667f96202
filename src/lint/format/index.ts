import type { Formatter } from './context.js';

export type { FormatContext, Formatter } from './context.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'checkstyle', 'gitlab', 'github'] as const;

export type FormatName = (typeof FORMATS)[number];

export const DEFAULT_FORMAT: FormatName = 'stylish';

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

/** Imports only the one formatter asked for: this runs in pre-commit hooks, where start-up time counts. */
export async function loadFormatter(name: FormatName, { color = false }: { color?: boolean } = {}): Promise<Formatter> {
  // Literal specifiers, so a bundler can still split each formatter into its own chunk.
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).stylishFormatter(color);
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif': {
      // SARIF's help carries each rule's docs, which a plain lint never loads
      const [{ formatSarif }, { RULE_DOCS }] = await Promise.all([import('./sarif.js'), import('../../../rules/docs.js')]);
      return (findings, ctx) => formatSarif(findings, { docs: (rule) => RULE_DOCS[rule.name], ...ctx });
    }
    case 'checkstyle':
      return (await import('./checkstyle.js')).formatCheckstyle;
    case 'gitlab':
      return (await import('./gitlab.js')).formatGitlab;
    case 'github':
      return (await import('./github.js')).formatGithub;
    default:
      // Reached only from untyped callers; the CLI validates with isFormatName first.
      throw new RangeError(`unknown format "${String(name)}"; expected one of: ${FORMATS.join(', ')}`);
  }
}
