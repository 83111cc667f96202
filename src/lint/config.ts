// The lint config file: found by walking up from the linted file; CLI flags override it.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Severity } from './types.js';
import { SEVERITIES } from './types.js';
import { InputError } from '../errors.js';
import { fsErrorText, readUserFile } from '../fsutil.js';
import { didYouMean } from '../spec/suggest.js';

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

/**
 * Reads a config file; YAML is loaded only when a YAML config exists. With `isRule`, a gofile rule code or name
 * the rules do not know is refused (with the closest of `names`): a typo would otherwise turn nothing off, silently.
 */
export async function loadConfig(path: string, { isRule, names, shownAs = path }: { isRule?: (id: string) => boolean; names?: readonly string[]; shownAs?: string } = {}): Promise<LintConfig> {
  let text: string;
  try {
    text = readUserFile(path, shownAs);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read the config ${shownAs}: ${fsErrorText(e)}`);
  }
  let data: unknown;
  try {
    if (path.endsWith('.json')) data = JSON.parse(text);
    else {
      const { parse } = await import('../yaml.js');
      data = parse(text, { maxAliasCount: 100 });
    }
  } catch (e) {
    // the yaml library says where (linePos) and repeats it in its message; say it once, as file:line:column
    const pos = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const what = (e as Error).message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(`${shownAs}${pos ? `:${pos.line}:${pos.col}` : ''}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${what}`);
  }
  const config = configFrom(data ?? {}, shownAs, text);
  if (isRule) checkRuleIds(config, text, isRule, names);
  return config;
}

// gofile's own ids: GFnnn codes and kebab-case names. Other linters' codes (a hadolint DL/SC list carried over)
// may name rules gofile does not have, and are let through.
const OWN_ID = /^(gf\d+|[a-z0-9]+(-[a-z0-9]+)+)$/i;

function checkRuleIds(c: LintConfig, text: string, isRule: (id: string) => boolean, names?: readonly string[]): void {
  for (const id of [...c.disabled, ...c.enabled, ...Object.keys(c.severity)]) {
    if (isRule(id) || !OWN_ID.test(id)) continue;
    const guess = names && didYouMean(id, names);
    throw new InputError(`${at(c.source!, text, id)}: unknown rule "${id}"${guess ? `; did you mean "${guess}"?` : ''} (gofile rules lists them all)`);
  }
}

/** `file:line` of the first place a key or id is written, for messages; the file alone where it is not found. */
function at(source: string, text: string | undefined, token: string): string {
  if (!text) return source;
  const m = new RegExp(`(^|[^\\w-])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'i').exec(text);
  return m ? `${source}:${text.slice(0, m.index + m[1].length).split('\n').length}` : source;
}

export function configFrom(data: unknown, source: string, text?: string): LintConfig {
  const c = defaultConfig();
  c.source = source;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError(`${source}: the config must be a mapping of keys (ignored, rules, failure-threshold, …)`);
  }
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (KNOWN_KEYS.has(k)) continue;
    const guess = didYouMean(k, [...KNOWN_KEYS]);
    throw new InputError(`${at(source, text, k)}: unknown key "${k}"${guess ? `; did you mean "${guess}"?` : `; known keys: ${[...KNOWN_KEYS].join(', ')}`}`);
  }
  const list = (k: string): string[] => {
    const v = o[k];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new InputError(`${at(source, text, k)}: "${k}" must be a list of strings`);
    return v as string[];
  };
  const sev = (k: string, v: unknown): Severity | 'off' => {
    if (v === 'off' || (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v))) return v as Severity | 'off';
    throw new InputError(`${at(source, text, k.split('.').pop()!)}: "${k}" must be one of off, ${SEVERITIES.join(', ')}; got ${JSON.stringify(v)}`);
  };
  c.disabled.push(...list('ignored'), ...list('disable'));
  c.enabled.push(...list('enable'));
  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null) throw new InputError(`${at(source, text, 'rules')}: "rules" must map rule ids to a severity or off`);
    for (const [id, v] of Object.entries(o.rules)) c.severity[id.toLowerCase()] = sev(`rules.${id}`, v);
  }
  if (o.override !== undefined) {
    // hadolint's shape: override: { error: [DL3006], info: [...] }
    if (typeof o.override !== 'object' || o.override === null) throw new InputError(`${at(source, text, 'override')}: "override" must map severities to rule lists`);
    for (const [s, ids] of Object.entries(o.override as Record<string, unknown>)) {
      const level = sev(`override.${s}`, s);
      if (!Array.isArray(ids)) throw new InputError(`${at(source, text, s)}: "override.${s}" must be a list of rule ids`);
      for (const id of ids) c.severity[String(id).toLowerCase()] = level;
    }
  }
  const ft = o['failure-threshold'] ?? o.failureThreshold;
  if (ft !== undefined) {
    if (ft !== 'none' && !(SEVERITIES as readonly unknown[]).includes(ft)) {
      throw new InputError(`${at(source, text, o['failure-threshold'] !== undefined ? 'failure-threshold' : 'failureThreshold')}: "failure-threshold" must be one of ${SEVERITIES.join(', ')}, none`);
    }
    c.failureThreshold = ft as Severity | 'none';
  }
  c.trustedRegistries.push(...list('trusted-registries'), ...list('trustedRegistries'));
  const rd = o['require-digest'] ?? o.requireDigest;
  if (rd !== undefined) {
    if (typeof rd !== 'boolean') throw new InputError(`${at(source, text, o['require-digest'] !== undefined ? 'require-digest' : 'requireDigest')}: "require-digest" must be true or false`);
    c.requireDigest = rd;
  }
  return c;
}
