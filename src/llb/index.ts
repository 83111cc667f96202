// Public surface of the LLB package: build states, marshal them, encode and inspect definitions.
export * from './ops.js';
export { dumpDot, dumpJSON } from './dump.js';
export { marshal } from './marshal.js';
export { normalizePlatform, parsePlatform } from './platform.js';
export { normalizeImageRef } from './reference.js';
export { shlexSplit } from './shlex.js';
export { SourceMap } from './sourcemap.js';
export { git, http, image, local, ociLayout } from './sources.js';
export type { GitOptions, HTTPOptions, ImageOptions, LocalOptions, OCILayoutOptions } from './sources.js';
export { ExecState, State, diff, merge, scratch } from './state.js';
export type { CacheSharing, ImageConfigSeed, MountSpec, NetworkMode, RunOptions, SecurityModeName } from './state.js';
export { FileActions, copy, mkdir, mkfile, rm } from './fileop.js';
export type { CopyOptions, CreatedTime, MkdirOptions, MkfileOptions, Owner, RmOptions, UserSpec } from './fileop.js';
export type { MarshalOptions, OpOptions, SourceLocation } from './vertex.js';
