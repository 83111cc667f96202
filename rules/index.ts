// Every rule, in code order. One module per rule; its docs page (rules/<name>.md) is generated from its meta.
import type { Rule } from '../src/lint/types.js';
import unpinnedBaseImage from './unpinned-base-image.js';
import missingCacheMount from './missing-cache-mount.js';
import rootUser from './root-user.js';
import scratchWithoutCaCertificates from './scratch-without-ca-certificates.js';
import apkWithoutNoCache from './apk-without-no-cache.js';

export const RULES: readonly Rule[] = [
  unpinnedBaseImage,
  missingCacheMount,
  rootUser,
  scratchWithoutCaCertificates,
  apkWithoutNoCache,
];
