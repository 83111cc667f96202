// Rules of one group, listed here so each group's author edits only this file.
import type { Rule } from '../src/lint/types.js';

export const HYGIENE_RULES_B: readonly Rule[] = [];
