// The lint engine: runs rules over one model, applies config and ignore comments, and applies fixes.
import type { DockerfileModel, Instruction, Span } from '../dockerfile/model.js';
import { parseDockerfile, type ParseOptions } from '../dockerfile/parse.js';
import type { LintConfig } from './config.js';
import { defaultConfig } from './config.js';
import { spanOf } from '../dockerfile/text.js';
import { didYouMean } from '../spec/suggest.js';
import { collectSuppressions, isSuppressed, type Suppressions } from './pragmas.js';
import type { Finding, Fix, Rule, RuleContext, RuleMeta, Severity, TextEdit } from './types.js';

export const PARSE_ERROR: RuleMeta = {
  code: 'GF000',
  name: 'parse-error',
  severity: 'error',
  category: 'correctness',
  description: 'The Dockerfile does not parse the way BuildKit would accept it.',
  aliases: [],
  fixable: false,
};

export const UNKNOWN_IGNORE: RuleMeta = {
  code: 'GF239',
  name: 'unknown-rule-in-ignore',
  severity: 'warning',
  category: 'correctness',
  description: 'A `# gofile ignore=` comment names no gofile rule, so it hides nothing.',
  aliases: [],
  fixable: true,
};

/** The engine's own findings, which no rule module reports: listed, documented and configured like the rules. */
export const ENGINE_RULES: readonly RuleMeta[] = [PARSE_ERROR, UNKNOWN_IGNORE];

export interface GoModInfo {
  goVersion?: string;
  toolchain?: string;
}

export interface LintInput {
  text: string;
  path: string;
  config?: LintConfig;
  parse?: ParseOptions;
  goMod?: GoModInfo | null;
  dockerignore?: string[] | null;
}

/** Index of rules by every id a user may write: code, name and aliases, lower-cased. Built on first use: a lint
 * with no config, flags or ignore comments never asks. */
export class RuleSet {
  private index: Map<string, Rule> | undefined;
  private readonly ids = new Map<Rule, string[]>();
  constructor(readonly rules: readonly Rule[]) {}
  get(id: string): Rule | undefined {
    if (!this.index) {
      this.index = new Map();
      for (const r of this.rules) for (const i of this.idsOf(r)) if (!this.index.has(i)) this.index.set(i, r);
    }
    return this.index.get(id.toLowerCase());
  }
  /** The rule's ids, as ruleIds gives them, worked out once. */
  idsOf(rule: Rule): string[] {
    let ids = this.ids.get(rule);
    if (!ids) this.ids.set(rule, (ids = ruleIds(rule.meta)));
    return ids;
  }
}

/** The meta of a rule or engine finding by any of its ids. */
export function metaOf(rules: RuleSet, id: string): RuleMeta | undefined {
  const lower = id.toLowerCase();
  return ENGINE_RULES.find((m) => ruleIds(m).includes(lower)) ?? rules.get(id)?.meta;
}

export function ruleIds(meta: RuleMeta): string[] {
  return [meta.code, meta.name, ...meta.aliases].map((s) => s.toLowerCase());
}

function effectiveSeverity(meta: RuleMeta, config: LintConfig): Severity | 'off' {
  // no config, the usual case in a hook: nothing to look up for any rule
  if (!config.enabled.length && !config.disabled.length && Object.keys(config.severity).length === 0) return meta.optIn ? 'off' : meta.severity;
  const ids = ruleIds(meta);
  let sev: Severity | 'off' = meta.severity;
  if (meta.optIn && !config.enabled.some((e) => ids.includes(e.toLowerCase()))) sev = 'off';
  for (const id of ids) if (config.severity[id] !== undefined) sev = config.severity[id];
  if (config.disabled.some((d) => ids.includes(d.toLowerCase()))) sev = 'off';
  return sev;
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
}

// Which rules run at which severity depends only on the config: worked out once per config, not per file.
const activeCache = new WeakMap<RuleSet, WeakMap<LintConfig, ActiveRule[]>>();

function activeRules(rules: RuleSet, config: LintConfig): ActiveRule[] {
  let byConfig = activeCache.get(rules);
  if (!byConfig) activeCache.set(rules, (byConfig = new WeakMap()));
  let active = byConfig.get(config);
  if (!active) {
    active = [];
    for (const rule of rules.rules) {
      const severity = effectiveSeverity(rule.meta, config);
      if (severity !== 'off') active.push({ rule, severity });
    }
    byConfig.set(config, active);
  }
  return active;
}

const DEFAULT_CONFIG = defaultConfig();

export function lintModel(model: DockerfileModel, rules: RuleSet, config: LintConfig = DEFAULT_CONFIG, goMod: GoModInfo | null = null, dockerignore?: string[] | null): Finding[] {
  const findings: Finding[] = [];
  const push = (meta: RuleMeta, severity: Severity, span: Span, message: string, fix?: Fix) => {
    findings.push({
      file: model.path, line: span.start.line, column: span.start.column, endLine: span.end.line,
      endColumn: span.end.column, code: meta.code, rule: meta.name, severity, message, fixable: !!fix, fix,
    });
  };
  for (const e of model.errors) {
    const sev = effectiveSeverity(PARSE_ERROR, config);
    if (sev !== 'off') push(PARSE_ERROR, sev, e.span, e.message);
  }
  // A file BuildKit would refuse gets only its parse errors: rule results on it would mislead.
  if (model.errors.length) return sortFindings(findings);
  const suppressions = collectSuppressions(model);
  let current: ActiveRule;
  const ctx: RuleContext = {
    model,
    options: { trustedRegistries: config.trustedRegistries, requireDigest: config.requireDigest },
    goMod,
    dockerignore,
    report: (r) => {
      if (suppressions && isSuppressed(suppressions, rules.idsOf(current.rule), instructionAt(model, r.span))) return;
      push(current.rule.meta, current.severity, r.span, r.message, r.fix);
    },
  };
  for (const active of activeRules(rules, config)) {
    current = active;
    active.rule.check(ctx);
  }
  if (suppressions?.named.length) reportUnknownIgnores(model, rules, config, suppressions, push);
  return sortFindings(findings);
}

/** An ignore comment with a typo hides nothing and says nothing: each id of gofile's own comments must name a rule. */
function reportUnknownIgnores(model: DockerfileModel, rules: RuleSet, config: LintConfig, s: Suppressions, push: (meta: RuleMeta, severity: Severity, span: Span, message: string, fix?: Fix) => void): void {
  const severity = effectiveSeverity(UNKNOWN_IGNORE, config);
  if (severity === 'off') return;
  const ids = ruleIds(UNKNOWN_IGNORE);
  for (const n of s.named) {
    if (n.id.toLowerCase() === 'all' || metaOf(rules, n.id)) continue;
    const span = spanOf(model.lineOffsets, n.start, n.end);
    // the comment's own instruction: `# gofile ignore=unknown-rule-in-ignore,…` above it silences this too
    if (isSuppressed(s, ids, n.inst)) continue;
    // names only: a mistyped code has too many near neighbours to guess which rule was meant
    const guess = /^gf\d+$/i.test(n.id) ? undefined : didYouMean(n.id, [...ENGINE_RULES, ...rules.rules.map((r) => r.meta)].map((m) => m.name));
    const fix = guess ? { description: `use ${guess}`, edits: [{ start: n.start, end: n.end, text: guess }] } : undefined;
    push(UNKNOWN_IGNORE, severity, span, `"${n.id}" names no gofile rule, so this comment hides nothing${guess ? `; did you mean "${guess}"?` : ''} (gofile rules lists them all)`, fix);
  }
}

function instructionAt(model: DockerfileModel, span: Span): Instruction | undefined {
  const off = span.start.offset;
  // Instructions are in file order; a binary search keeps this linear overall.
  const list = model.instructions;
  let lo = 0;
  let hi = list.length - 1;
  let best: Instruction | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].span.start.offset <= off) { best = list[mid]; lo = mid + 1; } else hi = mid - 1;
  }
  return best;
}

function sortFindings(f: Finding[]): Finding[] {
  // code-unit order equals locale order for GFnnn codes, and skips ICU's collator start-up (~several ms cold)
  return f.sort((a, b) => a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function lintText(input: LintInput, rules: RuleSet): { model: DockerfileModel; findings: Finding[] } {
  const model = parseDockerfile(input.text, { ...input.parse, path: input.path });
  return { model, findings: lintModel(model, rules, input.config, input.goMod ?? null, input.dockerignore) };
}

/** Applies non-overlapping edits, first come first served; returns the text and how many fixes applied. */
export function applyEdits(text: string, fixes: Fix[]): { text: string; applied: number } {
  const accepted: TextEdit[] = [];
  let applied = 0;
  for (const fix of fixes) {
    const clash = fix.edits.some((e) => accepted.some((a) => e.start < a.end && a.start < e.end || (e.start === e.end && e.start === a.start)));
    if (clash) continue;
    accepted.push(...fix.edits);
    applied++;
  }
  accepted.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of accepted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, applied };
}

/** Fixes until nothing more is fixable (a fix can make another one possible), at most 10 passes. */
export function fixText(input: LintInput, rules: RuleSet): { text: string; applied: number; findings: Finding[] } {
  // the parser reads past a byte-order mark, so edits are offsets in the text after it; it is put back at the end
  const bom = input.text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const done = (r: { text: string; applied: number; findings: Finding[] }) => ({ ...r, text: bom + r.text });
  let text = input.text.slice(bom.length);
  let total = 0;
  for (let pass = 0; pass < 10; pass++) {
    const { findings } = lintText({ ...input, text }, rules);
    const fixable = findings.filter((f) => f.fix);
    // a mended ignore comment may hide findings whose fixes would otherwise undo what it was written to keep
    const comments = fixable.filter((f) => f.code === UNKNOWN_IGNORE.code);
    const fixes = (comments.length ? comments : fixable).map((f) => f.fix!);
    if (!fixes.length) return done({ text, applied: total, findings });
    const r = applyEdits(text, fixes);
    if (r.applied === 0 || r.text === text) return done({ text, applied: total, findings });
    text = r.text;
    total += r.applied;
  }
  return done({ text, applied: total, findings: lintText({ ...input, text }, rules).findings });
}
