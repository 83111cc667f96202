// The OCI image config the Dockerfile frontend produces, written with Go's field order and omitempty rules.

export interface HealthConfig {
  Test?: string[];
  /** Durations in nanoseconds, as Go's time.Duration marshals. */
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}

export interface RuntimeConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  Healthcheck?: HealthConfig;
  ArgsEscaped?: boolean;
  OnBuild?: string[] | null;
  Shell?: string[];
}

export interface HistoryEntry {
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** An image config (the `NNNN.config.json` shape): what `--base-config` reads and `--write-config` writes. */
export interface ImageConfig {
  author?: string;
  architecture?: string;
  variant?: string;
  os?: string;
  rootfs?: { type: string; diff_ids: string[] | null };
  history?: HistoryEntry[];
  config?: RuntimeConfig;
}

export const HISTORY_COMMENT = 'buildkit.dockerfile.v0';
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const ZERO_LAYER = 'sha256:' + '0'.repeat(64);

/** What FROM scratch starts from (BuildKit's emptyImage). */
/** BuildKit's image env: a key set again is replaced where it is. */
export function setImageEnv(img: ImageConfig, k: string, v: string): void {
  const env = (img.config!.Env ??= []);
  // the entry whose text before its first = is k, without splitting every entry
  const i = k.includes('=') ? -1 : env.findIndex((e) => e.startsWith(k) && (e.length === k.length || e[k.length] === '='));
  if (i >= 0) env[i] = `${k}=${v}`;
  else env.push(`${k}=${v}`);
}

export function emptyImage(p: { os?: string; architecture?: string; variant?: string }): ImageConfig {
  return {
    architecture: p.architecture, os: p.os, variant: p.variant,
    rootfs: { type: 'layers', diff_ids: null },
    config: { WorkingDir: '/', Env: ['PATH=' + DEFAULT_PATH] },
  };
}

/**
 * A registry image whose config gofile cannot fetch: no env, user or workdir, and one unknown layer,
 * which is how the corpus references were made (§11: images unresolved, empty configs).
 */
export function unresolvedImage(p: { os?: string; architecture?: string; variant?: string }): ImageConfig {
  return { architecture: p.architecture, os: p.os, variant: p.variant, rootfs: { type: 'layers', diff_ids: [ZERO_LAYER] } };
}

/** A deep copy, so a stage built on another never changes its parent's config. */
export function cloneImage(img: ImageConfig): ImageConfig {
  return JSON.parse(JSON.stringify(img)) as ImageConfig;
}

const nonEmpty = <T>(v: T[] | null | undefined): v is T[] => Array.isArray(v) && v.length > 0;
const hasKeys = (v: object | undefined): v is object => v !== undefined && Object.keys(v).length > 0;

/** The config as Go's encoding/json writes BuildKit's image.Image: field order and omitempty kept. */
export function imageJSON(img: ImageConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (img.author) out.author = img.author;
  out.architecture = img.architecture ?? '';
  if (img.variant) out.variant = img.variant;
  out.os = img.os ?? '';
  out.rootfs = { type: img.rootfs?.type ?? '', diff_ids: img.rootfs?.diff_ids ?? null };
  if (nonEmpty(img.history)) {
    out.history = img.history.map((h) => {
      const e: Record<string, unknown> = {};
      if (h.created_by) e.created_by = h.created_by;
      if (h.comment) e.comment = h.comment;
      if (h.empty_layer) e.empty_layer = true;
      return e;
    });
  }
  const c = img.config ?? {};
  const cfg: Record<string, unknown> = {};
  if (c.User) cfg.User = c.User;
  if (hasKeys(c.ExposedPorts)) cfg.ExposedPorts = sortedKeys(c.ExposedPorts);
  if (nonEmpty(c.Env)) cfg.Env = c.Env;
  if (nonEmpty(c.Entrypoint)) cfg.Entrypoint = c.Entrypoint;
  if (nonEmpty(c.Cmd)) cfg.Cmd = c.Cmd;
  if (hasKeys(c.Volumes)) cfg.Volumes = sortedKeys(c.Volumes);
  if (c.WorkingDir) cfg.WorkingDir = c.WorkingDir;
  if (hasKeys(c.Labels)) cfg.Labels = sortedKeys(c.Labels);
  if (c.StopSignal) cfg.StopSignal = c.StopSignal;
  if (c.Healthcheck) {
    const h = c.Healthcheck;
    const hc: Record<string, unknown> = {};
    if (nonEmpty(h.Test)) hc.Test = h.Test;
    if (h.Interval) hc.Interval = h.Interval;
    if (h.Timeout) hc.Timeout = h.Timeout;
    if (h.StartPeriod) hc.StartPeriod = h.StartPeriod;
    if (h.Retries) hc.Retries = h.Retries;
    cfg.Healthcheck = hc;
  }
  if (c.ArgsEscaped) cfg.ArgsEscaped = true;
  cfg.OnBuild = c.OnBuild ?? null;
  if (nonEmpty(c.Shell)) cfg.Shell = c.Shell;
  out.config = cfg;
  return out;
}

// Go writes map keys sorted.
function sortedKeys<T>(m: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

/** Go's `JSON.stringify` twin: encoding/json escapes <, > and & as \u003c, \u003e, \u0026. */
export function goJSON(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
