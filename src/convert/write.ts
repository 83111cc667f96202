// The spec as gofile.yaml: a schema line for editors, then only the fields set, in the order a reader wants them.
import { VERSION } from '../version.js';
import { stringify } from 'yaml';
import type { GofileSpec } from '../spec/types.js';

/** Where editors find the schema: it ships in the npm package, so the registry's CDN serves this exact version. */
export const SCHEMA_URL = `https://unpkg.com/gofile@${VERSION}/schema/gofile.schema.json`;

/** What to build, how, then what the image is: the order of the spec's reference docs. */
export const FIELD_ORDER: (keyof GofileSpec)[] = [
  'repo', 'ref', 'moduleDir', 'path', 'binaries', 'initModule', 'name', 'prebuilt', 'go', 'builder', 'builderDigest', 'cgo', 'build', 'tags', 'buildArgs', 'ldflags', 'buildFlags', 'strip', 'trimpath',
  'buildEnv', 'buildPackages', 'platforms', 'private', 'scratch', 'base', 'baseDigest', 'packages', 'certs', 'tzdata', 'user',
  'workdir', 'setup', 'env', 'ports', 'dirs', 'volumes', 'labels', 'copy', 'entrypoint', 'args', 'stopSignal', 'healthcheck',
];

const HEALTHCHECK_ORDER = ['cmd', 'shell', 'interval', 'timeout', 'startPeriod', 'retries'];
const PRIVATE_ORDER = ['modules', 'auth', 'secret'];
const BUILD_ORDER = ['command', 'output'];

function ordered<T extends object>(o: T, order: string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of order) if ((o as Record<string, unknown>)[k] !== undefined) out[k] = (o as Record<string, unknown>)[k];
  return out as T;
}

/** YAML for a spec; `schema` is the `$schema` reference for the first line, or null for none. */
export function specToYaml(spec: GofileSpec, schema: string | null = SCHEMA_URL): string {
  const out: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) {
    const v = spec[key];
    if (v === undefined) continue;
    if (key === 'healthcheck') out[key] = ordered(v as object, HEALTHCHECK_ORDER);
    else if (key === 'private') out[key] = ordered(v as object, PRIVATE_ORDER);
    else if (key === 'build') out[key] = ordered(v as object, BUILD_ORDER);
    else out[key] = v;
  }
  const body = stringify(out, { lineWidth: 0, flowCollectionPadding: false, defaultStringType: 'PLAIN', collectionStyle: 'any' });
  return (schema ? `# yaml-language-server: $schema=${schema}\n` : '') + body;
}
