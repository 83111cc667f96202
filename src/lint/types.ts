import type { DockerfileModel, Instruction, Span, Stage } from '../dockerfile/model.js';

export type Severity = 'error' | 'warning' | 'info' | 'style';

// Ordered from most to least severe; the failure threshold compares against this.
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];

export function severityRank(s: Severity | 'none'): number {
  return s === 'none' ? 99 : SEVERITIES.indexOf(s);
}

/** A text edit the engine applies; rules never write files. Offsets are into the file text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
}

/** What a rule reports; the engine adds file, rule identity and the effective severity. */
export interface Report {
  span: Span;
  message: string;
  fix?: Fix;
}

export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  rule: string;
  severity: Severity;
  message: string;
  fixable: boolean;
  /** Not printed in JSON; the engine uses it for --fix. */
  fix?: Fix;
}

export type RuleCategory = 'go' | 'security' | 'hygiene' | 'performance' | 'correctness';

export interface RuleMeta {
  code: string; // e.g. GF001
  name: string; // kebab-case, e.g. unpinned-base-image
  severity: Severity;
  category: RuleCategory;
  /** One line: what the rule checks. */
  description: string;
  /** Codes of rules in hadolint, BuildKit checks, Trivy, Checkov this rule matches. */
  aliases: string[];
  fixable: boolean;
  /** Off unless enabled in config (like hadolint's DL3008). */
  optIn?: boolean;
}

/** One docs shape for every rule (Ruff-style), exported as `docs` by its module; rules/*.md is generated from it. */
export interface RuleDocs {
  /** Why it matters, a short paragraph. */
  why: string;
  /** A Dockerfile fragment that fires. */
  bad: string;
  /** The same fragment, fixed. */
  good: string;
  /** How to fix it, when that is more than "write the good example". */
  fix?: string;
}

export interface RuleOptions {
  trustedRegistries: string[];
  /** Stricter unpinned-image mode: require @sha256 digests. */
  requireDigest: boolean;
}

export interface RuleContext {
  model: DockerfileModel;
  options: RuleOptions;
  /** go.mod next to the Dockerfile, when the linter can see one. */
  goMod?: { goVersion?: string; toolchain?: string } | null;
  /** Patterns of the .dockerignore beside the Dockerfile; null when there is none, undefined when unknown (stdin). */
  dockerignore?: string[] | null;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export type { DockerfileModel, Instruction, Stage, Span };
