// Every rule, in code order. One module per rule; its docs page (rules/<name>.md) is generated from its meta and its `docs`.
import type { Rule, RuleMeta } from '../src/lint/types.js';
import { ENGINE_RULES } from '../src/lint/engine.js';
import unpinnedBaseImage from './unpinned-base-image.js';
import missingCacheMount from './missing-cache-mount.js';
import rootUser from './root-user.js';
import scratchWithoutCaCertificates from './scratch-without-ca-certificates.js';
import apkWithoutNoCache from './apk-without-no-cache.js';
import { GO_RULES_A } from './go-a.js';
import { GO_RULES_B } from './go-b.js';
import { HYGIENE_RULES_A } from './hygiene-a.js';
import { HYGIENE_RULES_B } from './hygiene-b.js';

export const RULES: readonly Rule[] = [
  unpinnedBaseImage,
  missingCacheMount,
  rootUser,
  scratchWithoutCaCertificates,
  apkWithoutNoCache,
  ...GO_RULES_A,
  ...GO_RULES_B,
  ...HYGIENE_RULES_A,
  ...HYGIENE_RULES_B,
].sort((a, b) => (a.meta.code < b.meta.code ? -1 : a.meta.code > b.meta.code ? 1 : 0)); // code-unit order: no ICU collator at start-up

/** What `gofile rules`, the README and SARIF list: the engine's own findings and every rule, in code order. */
export function catalogue(): RuleMeta[] {
  return [...ENGINE_RULES, ...RULES.map((r) => r.meta)].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
