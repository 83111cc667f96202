// The lint config file: found by walking up from the linted file; CLI flags override it.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Severity } from './types.js';
import { SEVERITIES } from './types.js';
import { InputError } from '../errors.js';
import { readUserFile } from '../fsutil.js';

/** Not `gofile.yaml` (that is the build spec): the linter's config is clearly its own. */
export const CONFIG_NAMES = ['.gofile-lint.yaml', '.gofile-lint.yml', '.gofile-lint.json'];

export interface LintConfig {
  /** Rule ids (code, name or alias) turned off. */
  disabled: string[];
  /** Rule id → severity or 'off'. */
  severity: Record<string, Severity | 'off'>;
  /** Opt-in rules turned on. */
  enabled: string[];
  failureThreshold: Severity | 'none';
  trustedRegistries: string[];
  requireDigest: boolean;
  /** Where it came from, for messages. */
  source?: string;
}

export function defaultConfig(): LintConfig {
  return { disabled: [], severity: {}, enabled: [], failureThreshold: 'warning', trustedRegistries: [], requireDigest: false };
}

export function findConfig(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (let guard = 0; guard < 100; guard++) {
    for (const n of CONFIG_NAMES) {
      const p = join(dir, n);
      if (existsSync(p)) return p;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

const KNOWN_KEYS = new Set([
  'ignored', 'disable', 'enable', 'rules', 'override', 'failure-threshold', 'failureThreshold',
  'trusted-registries', 'trustedRegistries', 'require-digest', 'requireDigest',
]);

/** Reads a config file; YAML is loaded only when a YAML config exists. */
export async function loadConfig(path: string): Promise<LintConfig> {
  let text: string;
  try {
    text = readUserFile(path, path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read the config ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    if (path.endsWith('.json')) data = JSON.parse(text);
    else {
      const { parse } = await import('../yaml.js');
      data = parse(text, { maxAliasCount: 100 });
    }
  } catch (e) {
    throw new InputError(`${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  return configFrom(data ?? {}, path);
}

export function configFrom(data: unknown, source: string): LintConfig {
  const c = defaultConfig();
  c.source = source;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError(`${source}: the config must be a mapping of keys (ignored, rules, failure-threshold, …)`);
  }
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!KNOWN_KEYS.has(k)) throw new InputError(`${source}: unknown key "${k}"; known keys: ${[...KNOWN_KEYS].join(', ')}`);
  }
  const list = (k: string): string[] => {
    const v = o[k];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new InputError(`${source}: "${k}" must be a list of strings`);
    return v as string[];
  };
  const sev = (k: string, v: unknown): Severity | 'off' => {
    if (v === 'off' || (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v))) return v as Severity | 'off';
    throw new InputError(`${source}: "${k}" must be one of off, ${SEVERITIES.join(', ')}; got ${JSON.stringify(v)}`);
  };
  c.disabled.push(...list('ignored'), ...list('disable'));
  c.enabled.push(...list('enable'));
  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null) throw new InputError(`${source}: "rules" must map rule ids to a severity or off`);
    for (const [id, v] of Object.entries(o.rules)) c.severity[id.toLowerCase()] = sev(`rules.${id}`, v);
  }
  if (o.override !== undefined) {
    // hadolint's shape: override: { error: [DL3006], info: [...] }
    if (typeof o.override !== 'object' || o.override === null) throw new InputError(`${source}: "override" must map severities to rule lists`);
    for (const [s, ids] of Object.entries(o.override as Record<string, unknown>)) {
      const level = sev(`override.${s}`, s);
      if (!Array.isArray(ids)) throw new InputError(`${source}: "override.${s}" must be a list of rule ids`);
      for (const id of ids) c.severity[String(id).toLowerCase()] = level;
    }
  }
  const ft = o['failure-threshold'] ?? o.failureThreshold;
  if (ft !== undefined) {
    if (ft !== 'none' && !(SEVERITIES as readonly unknown[]).includes(ft)) {
      throw new InputError(`${source}: "failure-threshold" must be one of ${SEVERITIES.join(', ')}, none`);
    }
    c.failureThreshold = ft as Severity | 'none';
  }
  c.trustedRegistries.push(...list('trusted-registries'), ...list('trustedRegistries'));
  const rd = o['require-digest'] ?? o.requireDigest;
  if (rd !== undefined) {
    if (typeof rd !== 'boolean') throw new InputError(`${source}: "require-digest" must be true or false`);
    c.requireDigest = rd;
  }
  return c;
}
