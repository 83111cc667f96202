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
 * Findings reported to the lead instead of bent around (see the report of issue 3):
 * GF110 on a cgo builder: C cannot be cross-compiled on $BUILDPLATFORM without a cross toolchain, so the builder
 * deliberately runs on the target platform. GF209/GF210: the expansion cannot know package versions; the spec
 * can pin them (`curl=8.5.0-r0`, `git~2.45`), and implied ones (git, gcc, ca-certificates, tzdata) are pinned by listing them.
 */
export function disputed(f: Finding, r: ResolvedSpec): boolean {
  if (f.code === 'GF110') return r.cgo;
  return f.code === 'GF209' || f.code === 'GF210';
}

export function lintExpansion(text: string, r: ResolvedSpec, requireDigest = false): { all: Finding[]; undisputed: Finding[] } {
  // As if beside a go.mod of the spec's Go version and with no .dockerignore: the strictest reading.
  const { findings } = lintText({ text, path: 'Dockerfile', config: strictConfig(requireDigest), goMod: { goVersion: r.go }, dockerignore: null }, SET);
  return { all: findings, undisputed: findings.filter((f) => !disputed(f, r)) };
}

export const show = (fs: Finding[]) => fs.map((f) => `${f.line}:${f.column} ${f.code} ${f.rule} (${f.severity}): ${f.message}`).join('\n');
export const RULE_COUNT = RULES.length;
