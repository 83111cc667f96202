// Replaced at bundle time; the fallback serves tests that import the sources directly.
declare const __GOFILE_VERSION__: string | undefined;
export const VERSION: string = typeof __GOFILE_VERSION__ === 'string' ? __GOFILE_VERSION__ : '0.0.0-dev';
