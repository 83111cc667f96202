// Rules of one group, listed here so each group's author edits only this file.
import type { Rule } from '../src/lint/types.js';
import execFormEntrypoint from './exec-form-entrypoint.js';
import relativeWorkdir from './relative-workdir.js';
import cdInRun from './cd-in-run.js';
import sudoInRun from './sudo-in-run.js';
import aptGetMissingYes from './apt-get-missing-yes.js';
import aptGetInstallRecommends from './apt-get-install-recommends.js';
import aptListsNotCleaned from './apt-lists-not-cleaned.js';
import aptInsteadOfAptGet from './apt-instead-of-apt-get.js';
import aptUnpinnedVersions from './apt-unpinned-versions.js';
import apkUnpinnedVersions from './apk-unpinned-versions.js';
import addInsteadOfCopy from './add-instead-of-copy.js';
import copyDestNotDirectory from './copy-dest-not-directory.js';
import copyFromUnknownStage from './copy-from-unknown-stage.js';
import duplicateStageName from './duplicate-stage-name.js';
import reservedStageName from './reserved-stage-name.js';
import stageNameCasing from './stage-name-casing.js';
import fromAsCasing from './from-as-casing.js';
import maintainerDeprecated from './maintainer-deprecated.js';
import multipleCmdEntrypointHealthcheck from './multiple-cmd-entrypoint-healthcheck.js';

export const HYGIENE_RULES_A: readonly Rule[] = [
  execFormEntrypoint,
  relativeWorkdir,
  cdInRun,
  sudoInRun,
  aptGetMissingYes,
  aptGetInstallRecommends,
  aptListsNotCleaned,
  aptInsteadOfAptGet,
  aptUnpinnedVersions,
  apkUnpinnedVersions,
  addInsteadOfCopy,
  copyDestNotDirectory,
  copyFromUnknownStage,
  duplicateStageName,
  reservedStageName,
  stageNameCasing,
  fromAsCasing,
  maintainerDeprecated,
  multipleCmdEntrypointHealthcheck,
];
