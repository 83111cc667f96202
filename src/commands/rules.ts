// `gofile rules` and `gofile explain RULE`: the rule catalogue in the terminal, from the rules' own meta.
import type { Io } from '../io.js';
import { InputError } from '../errors.js';
import { catalogue, RULES } from '../../rules/index.js';
import { metaOf, RuleSet } from '../lint/engine.js';
import { renderRuleDoc, renderRuleTable } from '../lint/docs.js';
import { RULE_DOCS } from '../../rules/docs.js';

export function runRules(format: string, io: Io): number {
  const metas = catalogue();
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
  const meta = metaOf(new RuleSet(RULES), id);
  if (!meta) throw new InputError(`unknown rule "${id}"; gofile rules lists them all`);
  io.stdout(renderRuleDoc(meta, RULE_DOCS[meta.name]));
  return 0;
}
