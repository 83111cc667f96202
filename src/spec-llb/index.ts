// gofile.yaml → BuildKit LLB directly from the spec's fields (the twin of frontend/ for Dockerfiles).
export { specToLLB } from './convert.js';
export type { SpecLLBOptions, SpecLLBResult } from './convert.js';
export { specFileToLLB } from './file.js';
