// Lints an expansion with every rule on, opt-in ones too, at the strictest threshold; names the findings in dispute.
import { lintText, RuleSet } from '../../src/lint/engine.js';
import { defaultConfig, type LintConfig } from '../../src/lint/config.js';
import type { Finding } from '../../src/lint/types.js';
import { RULES } from '../../rules/index.js';
import type { ResolvedSpec } from '../../src/spec/types.js';

const SET = new RuleSet(RULES);

/** Every rule on, registries the specs use trusted, and failure at `style`: nothing may be reported. */
export function strictConfig(requireDigest = false): LintConfig {
  return {
    ...defaultConfig(),
    enabled: RULES.filter((r) => r.meta.optIn).map((r) => r.meta.code),
    failureThreshold: 'style',
    trustedRegistries: ['docker.io', 'gcr.io', 'cgr.dev', 'registry.example.com'],
    requireDigest,
  };
}

/**
 * The two opt-in package-pinning rules (GF209/GF210, hadolint's DL3008/DL3018, off by default): an expansion
 * cannot know package versions; a spec that wants them pins them (`curl=8.5.0-r0`, `git~2.45`). Every rule that is
 * on by default must be clean at every severity.
 */
export function disputed(f: Finding, _r: ResolvedSpec): boolean {
  return f.code === 'GF209' || f.code === 'GF210';
}

export function lintExpansion(text: string, r: ResolvedSpec, requireDigest = false): { all: Finding[]; undisputed: Finding[] } {
  // As if beside a go.mod of the spec's Go version and with no .dockerignore: the strictest reading.
  const { findings } = lintText({ text, path: 'Dockerfile', config: strictConfig(requireDigest), goMod: { goVersion: r.go }, dockerignore: null }, SET);
  return { all: findings, undisputed: findings.filter((f) => !disputed(f, r)) };
}

export const show = (fs: Finding[]) => fs.map((f) => `${f.line}:${f.column} ${f.code} ${f.rule} (${f.severity}): ${f.message}`).join('\n');
export const RULE_COUNT = RULES.length;
