// Rules of one group, listed here so each group's author edits only this file.
import type { Rule } from '../src/lint/types.js';
import pipeWithoutPipefail from './pipe-without-pipefail.js';
import curlAndWget from './curl-and-wget.js';
import invalidExpose from './invalid-expose.js';
import secretsInArgOrEnv from './secrets-in-arg-or-env.js';
import undefinedArgInFrom from './undefined-arg-in-from.js';
import invalidDefaultArgInFrom from './invalid-default-arg-in-from.js';
import undefinedVar from './undefined-var.js';
import redundantTargetPlatform from './redundant-target-platform.js';
import constantPlatform from './constant-platform.js';
import legacyEnvFormat from './legacy-env-format.js';
import inconsistentInstructionCasing from './inconsistent-instruction-casing.js';
import emptyContinuationLine from './empty-continuation-line.js';
import onbuildMisuse from './onbuild-misuse.js';
import unknownInstructionFlag from './unknown-instruction-flag.js';
import untrustedRegistry from './untrusted-registry.js';
import missingPackageCacheMount from './missing-package-cache-mount.js';
import chmod777 from './chmod-777.js';
import quotedCommand from './quoted-command.js';
import workdirInRootHome from './workdir-in-root-home.js';

export const HYGIENE_RULES_B: readonly Rule[] = [
  pipeWithoutPipefail,
  curlAndWget,
  invalidExpose,
  secretsInArgOrEnv,
  undefinedArgInFrom,
  invalidDefaultArgInFrom,
  undefinedVar,
  redundantTargetPlatform,
  constantPlatform,
  legacyEnvFormat,
  inconsistentInstructionCasing,
  emptyContinuationLine,
  onbuildMisuse,
  unknownInstructionFlag,
  untrustedRegistry,
  missingPackageCacheMount,
  chmod777,
  quotedCommand,
  workdirInRootHome,
];
