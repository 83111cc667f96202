// gofile.yaml → BuildKit LLB directly from the spec's fields (the twin of frontend/ for Dockerfiles).
export { specImages, specToLLB } from './convert.js';
export type { SpecLLBOptions, SpecLLBResult } from './convert.js';
export { loadSpecFile, specFileToLLB } from './file.js';
