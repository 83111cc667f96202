// Every rule's docs by rule name: the rules/*.md pages, `gofile explain` and SARIF read them. Apart from
// RULES so that a plain lint never loads them (the lint bundle takes them from dist/gofile-extras.cjs).
import type { RuleDocs } from '../src/lint/types.js';
import { docs as addInsteadOfCopy } from './add-instead-of-copy.js';
import { docs as apkUnpinnedVersions } from './apk-unpinned-versions.js';
import { docs as apkWithoutNoCache } from './apk-without-no-cache.js';
import { docs as aptGetInstallRecommends } from './apt-get-install-recommends.js';
import { docs as aptGetMissingYes } from './apt-get-missing-yes.js';
import { docs as aptInsteadOfAptGet } from './apt-instead-of-apt-get.js';
import { docs as aptListsNotCleaned } from './apt-lists-not-cleaned.js';
import { docs as aptUnpinnedVersions } from './apt-unpinned-versions.js';
import { docs as builderNotOnBuildPlatform } from './builder-not-on-build-platform.js';
import { docs as cdInRun } from './cd-in-run.js';
import { docs as cgoLibcMismatch } from './cgo-libc-mismatch.js';
import { docs as cgoOnStaticBase } from './cgo-on-static-base.js';
import { docs as chmod777 } from './chmod-777.js';
import { docs as constantPlatform } from './constant-platform.js';
import { docs as copyBeforeModDownload } from './copy-before-mod-download.js';
import { docs as copyDestNotDirectory } from './copy-dest-not-directory.js';
import { docs as copyFromUnknownStage } from './copy-from-unknown-stage.js';
import { docs as copyWholeBuildStage } from './copy-whole-build-stage.js';
import { docs as curlAndWget } from './curl-and-wget.js';
import { docs as duplicateStageName } from './duplicate-stage-name.js';
import { docs as emptyContinuationLine } from './empty-continuation-line.js';
import { docs as execFormEntrypoint } from './exec-form-entrypoint.js';
import { docs as fromAsCasing } from './from-as-casing.js';
import { docs as goVersionDrift } from './go-version-drift.js';
import { docs as hardcodedGoarch } from './hardcoded-goarch.js';
import { docs as inconsistentInstructionCasing } from './inconsistent-instruction-casing.js';
import { docs as insecureGoModuleSettings } from './insecure-go-module-settings.js';
import { docs as invalidDefaultArgInFrom } from './invalid-default-arg-in-from.js';
import { docs as invalidExpose } from './invalid-expose.js';
import { docs as legacyEnvFormat } from './legacy-env-format.js';
import { docs as maintainerDeprecated } from './maintainer-deprecated.js';
import { docs as missingCacheMount } from './missing-cache-mount.js';
import { docs as missingPackageCacheMount } from './missing-package-cache-mount.js';
import { docs as missingStripFlags } from './missing-strip-flags.js';
import { docs as missingTrimpath } from './missing-trimpath.js';
import { docs as multipleCmdEntrypointHealthcheck } from './multiple-cmd-entrypoint-healthcheck.js';
import { docs as onbuildMisuse } from './onbuild-misuse.js';
import { docs as pipeWithoutPipefail } from './pipe-without-pipefail.js';
import { docs as quotedCommand } from './quoted-command.js';
import { docs as redundantTargetPlatform } from './redundant-target-platform.js';
import { docs as relativeWorkdir } from './relative-workdir.js';
import { docs as reservedStageName } from './reserved-stage-name.js';
import { docs as rootUser } from './root-user.js';
import { docs as scratchWithoutCaCertificates } from './scratch-without-ca-certificates.js';
import { docs as scratchWithoutTmp } from './scratch-without-tmp.js';
import { docs as scratchWithoutZoneinfo } from './scratch-without-zoneinfo.js';
import { docs as secretInBuild } from './secret-in-build.js';
import { docs as secretsInArgOrEnv } from './secrets-in-arg-or-env.js';
import { docs as shellFormOnShellLessBase } from './shell-form-on-shell-less-base.js';
import { docs as stageNameCasing } from './stage-name-casing.js';
import { docs as sudoInRun } from './sudo-in-run.js';
import { docs as toolchainInFinalImage } from './toolchain-in-final-image.js';
import { docs as undefinedArgInFrom } from './undefined-arg-in-from.js';
import { docs as undefinedVar } from './undefined-var.js';
import { docs as unknownInstructionFlag } from './unknown-instruction-flag.js';
import { docs as unpinnedBaseImage } from './unpinned-base-image.js';
import { docs as unpinnedGoInstall } from './unpinned-go-install.js';
import { docs as untrustedRegistry } from './untrusted-registry.js';
import { docs as workdirInRootHome } from './workdir-in-root-home.js';
import { docs as userNameOnScratch } from './user-name-on-scratch.js';
import { docs as vcsStampingFails } from './vcs-stamping-fails.js';

// GF000, the engine's own finding for a Dockerfile that does not parse
const parseError: RuleDocs = {
  why: 'BuildKit refuses a Dockerfile it cannot parse, so nothing else about it matters until this is fixed.',
  bad: 'FROM golang:1.22\nFROBNICATE ./...',
  good: 'FROM golang:1.22\nRUN go build ./...',
};

// GF239, the engine's own finding for an ignore comment that names no rule
const unknownRuleInIgnore: RuleDocs = {
  why: 'An ignore comment with a typo (`root-usr`, `GF30`) or a code from another linter hides nothing: the finding it meant to hide still prints, and nothing says why. Worse, a later reader trusts the comment and thinks the rule was considered and waived. Each id of a `# gofile ignore=`, `ignore-stage=` or `ignore-file=` comment must be a gofile code, name or alias (`gofile rules` lists them), or `all`. Hadolint\'s own `# hadolint ignore=` comments and BuildKit\'s `# check=skip=` may name their own rules and are not checked.',
  bad: 'FROM alpine:3.20\n# gofile ignore=apk-without-nocache -- the index is needed by a later step\nRUN apk add curl',
  good: 'FROM alpine:3.20\n# gofile ignore=apk-without-no-cache -- the index is needed by a later step\nRUN apk add curl',
  fix: '`--fix` replaces a mistyped rule name with the closest one when it is close enough to be what was meant. A mistyped code is left for you: too many codes are one digit apart.',
};

export const RULE_DOCS: Readonly<Record<string, RuleDocs>> = {
  'parse-error': parseError,
  'unknown-rule-in-ignore': unknownRuleInIgnore,
  'add-instead-of-copy': addInsteadOfCopy,
  'apk-unpinned-versions': apkUnpinnedVersions,
  'apk-without-no-cache': apkWithoutNoCache,
  'apt-get-install-recommends': aptGetInstallRecommends,
  'apt-get-missing-yes': aptGetMissingYes,
  'apt-instead-of-apt-get': aptInsteadOfAptGet,
  'apt-lists-not-cleaned': aptListsNotCleaned,
  'apt-unpinned-versions': aptUnpinnedVersions,
  'builder-not-on-build-platform': builderNotOnBuildPlatform,
  'cd-in-run': cdInRun,
  'cgo-libc-mismatch': cgoLibcMismatch,
  'cgo-on-static-base': cgoOnStaticBase,
  'chmod-777': chmod777,
  'constant-platform': constantPlatform,
  'copy-before-mod-download': copyBeforeModDownload,
  'copy-dest-not-directory': copyDestNotDirectory,
  'copy-from-unknown-stage': copyFromUnknownStage,
  'copy-whole-build-stage': copyWholeBuildStage,
  'curl-and-wget': curlAndWget,
  'duplicate-stage-name': duplicateStageName,
  'empty-continuation-line': emptyContinuationLine,
  'exec-form-entrypoint': execFormEntrypoint,
  'from-as-casing': fromAsCasing,
  'go-version-drift': goVersionDrift,
  'hardcoded-goarch': hardcodedGoarch,
  'inconsistent-instruction-casing': inconsistentInstructionCasing,
  'insecure-go-module-settings': insecureGoModuleSettings,
  'invalid-default-arg-in-from': invalidDefaultArgInFrom,
  'invalid-expose': invalidExpose,
  'legacy-env-format': legacyEnvFormat,
  'maintainer-deprecated': maintainerDeprecated,
  'missing-cache-mount': missingCacheMount,
  'missing-package-cache-mount': missingPackageCacheMount,
  'missing-strip-flags': missingStripFlags,
  'missing-trimpath': missingTrimpath,
  'multiple-cmd-entrypoint-healthcheck': multipleCmdEntrypointHealthcheck,
  'onbuild-misuse': onbuildMisuse,
  'pipe-without-pipefail': pipeWithoutPipefail,
  'quoted-command': quotedCommand,
  'redundant-target-platform': redundantTargetPlatform,
  'relative-workdir': relativeWorkdir,
  'reserved-stage-name': reservedStageName,
  'root-user': rootUser,
  'scratch-without-ca-certificates': scratchWithoutCaCertificates,
  'scratch-without-tmp': scratchWithoutTmp,
  'scratch-without-zoneinfo': scratchWithoutZoneinfo,
  'secret-in-build': secretInBuild,
  'secrets-in-arg-or-env': secretsInArgOrEnv,
  'shell-form-on-shell-less-base': shellFormOnShellLessBase,
  'stage-name-casing': stageNameCasing,
  'sudo-in-run': sudoInRun,
  'toolchain-in-final-image': toolchainInFinalImage,
  'undefined-arg-in-from': undefinedArgInFrom,
  'undefined-var': undefinedVar,
  'unknown-instruction-flag': unknownInstructionFlag,
  'unpinned-base-image': unpinnedBaseImage,
  'unpinned-go-install': unpinnedGoInstall,
  'untrusted-registry': untrustedRegistry,
  'workdir-in-root-home': workdirInRootHome,
  'user-name-on-scratch': userNameOnScratch,
  'vcs-stamping-fails': vcsStampingFails,
};
