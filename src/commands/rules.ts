// `gofile rules` and `gofile explain RULE`: the rule catalogue in the terminal, from the rules' own meta.
import type { Io } from '../io.js';
import { InputError } from '../errors.js';
import { RULES } from '../../rules/index.js';
import { PARSE_ERROR, RuleSet } from '../lint/engine.js';
import { renderRuleDoc, renderRuleTable } from '../lint/docs.js';
import { RULE_DOCS } from '../../rules/docs.js';

export function runRules(format: string, io: Io): number {
  const metas = [PARSE_ERROR, ...RULES.map((r) => r.meta)];
  if (format === 'json') io.stdout(JSON.stringify(metas, null, 2) + '\n');
  else if (format === 'markdown') io.stdout(renderRuleTable(metas) + '\n');
  else {
    const w = Math.max(...metas.map((m) => m.name.length));
    for (const m of metas) {
      io.stdout(`${m.code}  ${m.name.padEnd(w)}  ${m.severity.padEnd(7)}  ${m.fixable ? 'fix' : '   '}  ${m.description}${m.optIn ? ' (opt-in)' : ''}\n`);
    }
  }
  return 0;
}

export function runExplain(id: string, io: Io): number {
  const set = new RuleSet(RULES);
  const meta = ['gf000', 'parse-error'].includes(id.toLowerCase()) ? PARSE_ERROR : set.get(id)?.meta;
  if (!meta) throw new InputError(`unknown rule "${id}"; gofile rules lists them all`);
  io.stdout(renderRuleDoc(meta, RULE_DOCS[meta.name]));
  return 0;
}
