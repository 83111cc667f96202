// Rules of one group, listed here so each group's author edits only this file.
import type { Rule } from '../src/lint/types.js';
import builderNotOnBuildPlatform from './builder-not-on-build-platform.js';
import hardcodedGoarch from './hardcoded-goarch.js';

export const GO_RULES_B: readonly Rule[] = [
  builderNotOnBuildPlatform,
  hardcodedGoarch,
];
