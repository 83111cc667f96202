// One docs shape for every rule, rendered from its meta: the rules/*.md pages, `gofile explain`, the README table.
import type { RuleDocs, RuleMeta } from './types.js';

export function renderRuleDoc(m: RuleMeta, docs: RuleDocs): string {
  const lines = [
    `# ${m.name} (${m.code})`,
    '',
    `Severity: **${m.severity}**${m.optIn ? ' (opt-in: enable it in the config or with `--enable`)' : ''} · Category: ${m.category} · Fix: ${m.fixable ? 'yes, with `--fix`' : 'no'}`,
    '',
    '## What it does',
    '',
    m.description,
    '',
    '## Why it matters',
    '',
    docs.why,
    '',
    '## Bad',
    '',
    '```dockerfile',
    docs.bad,
    '```',
    '',
    '## Good',
    '',
    '```dockerfile',
    docs.good,
    '```',
    '',
    '## How to fix',
    '',
    docs.fix ?? 'Change the Dockerfile as in the good example.',
    '',
    '## Aliases',
    '',
    m.aliases.length ? m.aliases.map((a) => `\`${a}\``).join(', ') + ' — ignore comments and configs that name these keep working.' : 'None: no other linter has this rule.',
    '',
    `Ignore it once with \`# gofile ignore=${m.name} -- reason\` above the instruction.`,
    '',
  ];
  return lines.join('\n');
}

export function renderRuleTable(metas: RuleMeta[]): string {
  const rows = metas.map((m) => `| ${m.code} | [${m.name}](rules/${m.name}.md) | ${m.severity}${m.optIn ? ' (opt-in)' : ''} | ${m.fixable ? 'yes' : ''} | ${m.description.replace(/\|/g, '\\|')} | ${m.aliases.join(', ')} |`);
  return ['| code | rule | severity | fix | what it checks | aliases |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
