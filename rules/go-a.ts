// Rules of one group, listed here so each group's author edits only this file.
import type { Rule } from '../src/lint/types.js';
import cgoLibcMismatch from './cgo-libc-mismatch.js';
import cgoOnStaticBase from './cgo-on-static-base.js';

export const GO_RULES_A: readonly Rule[] = [
  cgoLibcMismatch,
  cgoOnStaticBase,
];
