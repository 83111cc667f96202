// Rules of one group, listed here so each group's author edits only this file.
import type { Rule } from '../src/lint/types.js';
import builderNotOnBuildPlatform from './builder-not-on-build-platform.js';
import hardcodedGoarch from './hardcoded-goarch.js';
import vcsStampingFails from './vcs-stamping-fails.js';
import insecureGoModuleSettings from './insecure-go-module-settings.js';
import unpinnedGoInstall from './unpinned-go-install.js';
import missingTrimpath from './missing-trimpath.js';
import missingStripFlags from './missing-strip-flags.js';
import copyWholeBuildStage from './copy-whole-build-stage.js';
import secretInBuild from './secret-in-build.js';

export const GO_RULES_B: readonly Rule[] = [
  builderNotOnBuildPlatform,
  hardcodedGoarch,
  vcsStampingFails,
  insecureGoModuleSettings,
  unpinnedGoInstall,
  missingTrimpath,
  missingStripFlags,
  copyWholeBuildStage,
  secretInBuild,
];
