// The registry client and what is built on it: resolving a Dockerfile's images like BuildKit's frontend.
export { RegistryClient, MEDIA } from './client.js';
export type { RegistryOptions, ResolvedImage, TagDigest, Descriptor } from './client.js';
export { RegistryCache, defaultCacheDir, TAG_TTL_MS } from './cache.js';
export { Credentials, dockerConfigPath, parseChallenges } from './auth.js';
export { formatPlatform, readPlatform, selectPlatform, platformVector } from './platform.js';
export { imageUses, resolveImages, baseConfigsOf, digestsOf, withDigest } from './resolve-images.js';
export type { ImageUse, ImageUseOptions } from './resolve-images.js';
