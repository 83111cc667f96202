import type { Finding, RuleDocs, RuleMeta } from '../types.js';

/** What every formatter may read besides the findings; the CLI builds it once per run. */
export interface FormatContext {
  /** Paths in the output are made relative to this directory. */
  cwd: string;
  /** Every known rule, by code; SARIF lists them all so ruleIndex stays stable. */
  rules: ReadonlyMap<string, RuleMeta>;
  /** Every file linted, even clean ones (checkstyle and SARIF list them). */
  files: string[];
  toolVersion: string;
  docsUrl(rule: RuleMeta): string;
  /** A rule's docs (why, bad and good examples) for SARIF's help; loadFormatter supplies them to the formats that print them. */
  docs?(rule: RuleMeta): RuleDocs | undefined;
  /** Project page for SARIF's tool.driver.informationUri; a default is used when absent. */
  homepage?: string;
}

/** A formatter returns the whole output: empty, or text that ends with a newline. */
export type Formatter = (findings: Finding[], ctx: FormatContext) => string;
