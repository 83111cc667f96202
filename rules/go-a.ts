// Rules of one group, listed here so each group's author edits only this file.
import type { Rule } from '../src/lint/types.js';
import cgoLibcMismatch from './cgo-libc-mismatch.js';
import cgoOnStaticBase from './cgo-on-static-base.js';
import shellFormOnShellLessBase from './shell-form-on-shell-less-base.js';
import userNameOnScratch from './user-name-on-scratch.js';
import scratchWithoutZoneinfo from './scratch-without-zoneinfo.js';
import scratchWithoutTmp from './scratch-without-tmp.js';
import toolchainInFinalImage from './toolchain-in-final-image.js';
import copyBeforeModDownload from './copy-before-mod-download.js';
import goVersionDrift from './go-version-drift.js';

export const GO_RULES_A: readonly Rule[] = [
  cgoLibcMismatch,
  cgoOnStaticBase,
  shellFormOnShellLessBase,
  userNameOnScratch,
  scratchWithoutZoneinfo,
  scratchWithoutTmp,
  toolchainInFinalImage,
  copyBeforeModDownload,
  goVersionDrift,
];
