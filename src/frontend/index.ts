// Dockerfile → BuildKit LLB, as BuildKit v0.11.6's Dockerfile frontend converts it.
export { dockerfileToLLB, imageSources } from './convert.js';
export type { ConvertOptions, ConvertResult, ImageSource } from './convert.js';
export { ConvertError } from './errors.js';
export { imageJSON, goJSON } from './image.js';
export type { ImageConfig, RuntimeConfig, HealthConfig, HistoryEntry } from './image.js';
