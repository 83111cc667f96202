// The runtime stage from the spec: base packages or the builder's certs and zoneinfo, the binary,
// extra files, labels, env, user, workdir, ports, health check, entrypoint and args.
import type { State } from '../llb/index.js';
import { formatDuration, parseDuration, quoteList, quoteRune } from '../frontend/gofmt.js';
import { EMPTY_DIR, goBuilds, OUT_DIR, runtimeArgs } from '../spec/expand.js';
import { BUSYBOX_SHELL, hasBusyboxShell } from '../spec/images.js';
import type { ResolvedSpec } from '../spec/types.js';
import { packageSet } from './build.js';
import type { Stage } from './stage.js';
import { substitute } from './words.js';

/** Runtime packages an alpine or debian base installs: the spec's, plus certs (debian) and tzdata. */
function runtimePackages(r: ResolvedSpec): string[] {
  if (r.baseKind !== 'alpine' && r.baseKind !== 'debian') return [];
  return packageSet([...(r.baseKind === 'debian' && r.certs ? ['ca-certificates'] : []), ...(r.tzdata ? ['tzdata'] : [])], r.packages);
}

/** Files the builder gives a base without them: CA bundle, Go's zoneinfo, scratch's /tmp. */
function fromBuilder(r: ResolvedSpec): Array<[string, string, string]> {
  if (r.baseKind !== 'scratch' && r.baseKind !== 'image') return [];
  const out: Array<[string, string, string]> = [];
  if (r.certs) out.push(['/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/', 'certs']);
  if (r.tzdata) out.push(['/usr/local/go/lib/time/zoneinfo.zip', '/usr/local/go/lib/time/zoneinfo.zip', 'tzdata']);
  if (r.baseKind === 'scratch') out.push(['/rootfs/', '/', 'base']); // the parent folder, so tmp keeps mode 1777
  return out;
}

/** How many RUN/COPY/WORKDIR steps the runtime stage has (plus FROM unless scratch), for `[stage-1 i/n]`. */
export function runtimeSteps(r: ResolvedSpec): number {
  // `scratch@sha256:…` is an image to BuildKit, so only a bare scratch has no FROM step
  return Number(r.base !== 'scratch' || r.baseDigest !== null) + Number(runtimePackages(r).length > 0) + fromBuilder(r).length + 1 + r.binaries.length + r.dirs.length + r.copy.length + Number(r.setup.length > 0) + Number(r.workdir !== '/');
}

/** A context path as BuildKit reads it: its variables filled from the stage's env (args included). */
export function expandPath(path: string, env: ReadonlyMap<string, string>): string {
  return substitute(path, env) ?? path;
}

/** `8080` → `8080/tcp`, as nat.ParsePortSpecs keys them. */
const portKey = (p: string) => (p.includes('/') ? `${p.split('/')[0]}/${p.split('/')[1].toLowerCase() || 'tcp'}` : `${p}/tcp`);

/** Runs the runtime stage's steps on `st` (already FROM the base), copying from the builder `build`. */
export function dispatchRuntime(
  st: Stage, r: ResolvedSpec, build: State | null, context: State, images: (State | undefined)[] = [],
  cliArgs: ReadonlyMap<string, string> = new Map(), meta: ReadonlyMap<string, string> = new Map(),
): void {
  // the builder is absent only for a prebuilt binary on a base that needs nothing from it
  const from = { name: 'build', state: build! };
  const pkgs = runtimePackages(r);
  if (pkgs.length && r.baseKind === 'alpine') st.run([], [`apk add --no-cache ${pkgs.join(' ')}`], 'packages');
  if (pkgs.length && r.baseKind === 'debian') {
    st.run([], ['apt-get update', `apt-get install -y --no-install-recommends ${pkgs.join(' ')}`, 'rm -rf /var/lib/apt/lists/*'], 'packages');
  }
  for (const [src, dest, key] of fromBuilder(r)) {
    st.copy(from, [src], dest, context, key);
    if (key === 'tzdata') st.setEnv('ZONEINFO', '/usr/local/go/lib/time/zoneinfo.zip');
  }
  // ARG NAME=default (a --build-arg wins), then the platform args, before the context paths that name them
  const declareArgs = () => {
    const { platform, args } = runtimeArgs(r);
    // each ARG line is an (empty) history entry with the defaults as written
    for (const k of args) {
      st.arg(k, cliArgs.get(k) ?? r.buildArgs[k]);
      st.commit(`ARG ${k}=${r.buildArgs[k]}`, false);
    }
    for (const k of platform) st.arg(k, cliArgs.get(k) ?? meta.get(k));
    if (platform.length) st.commit(`ARG ${platform.join(' ')}`, false);
  };
  if (r.prebuilt) {
    declareArgs();
    st.copyAs(null, [r.prebuilt], [expandPath(r.prebuilt, st.env())], `/usr/local/bin/${r.name}`, 0o755, context, 'prebuilt');
  } else st.copy(from, [`${OUT_DIR}/${r.name}`], `/usr/local/bin/${r.name}`, context, 'name', 'path');
  goBuilds(r).slice(1).forEach(([name], i) => st.copy(from, [`${OUT_DIR}/${name}`], `/usr/local/bin/${name}`, context, `binaries.${i}`));
  for (const d of r.dirs) st.copyOwned(from, EMPTY_DIR, d, r.user, context, 'dirs');
  if (!r.prebuilt && r.copy.length) declareArgs();
  r.copy.forEach((c, i) => {
    const mode = c.mode === undefined ? undefined : parseInt(c.mode, 8);
    if (c.from) st.copyAs({ name: c.from, state: images[i]! }, [c.src], [c.src], c.dest, mode, context, `copy.${i}`);
    else {
      const written = r.repo ? `/src/${c.src}` : c.src;
      st.copyAs(r.repo ? from : null, [written], [expandPath(written, st.env())], c.dest, mode, context, `copy.${i}`);
    }
  });
  if (r.setup.length) {
    if (hasBusyboxShell(r.base, r.baseKind)) st.shell(BUSYBOX_SHELL);
    st.run([], r.setup, 'setup');
  }
  const cfg = st.image.config!;
  for (const [k, v] of Object.entries(r.labels)) {
    (cfg.Labels ??= {})[k] = v;
    st.commit(`LABEL ${k}=${v}`, false);
  }
  // `$NAME`/`${NAME}` in a value: the base's env and the earlier `env` entries, as BuildKit expands ENV
  for (const [k, v] of Object.entries(r.env)) st.setEnv(k, substitute(v, st.env()) ?? v);
  st.user(r.user);
  if (r.workdir !== '/') st.workdir(r.workdir, 'workdir');
  if (r.ports.length) {
    const keys = [...new Set(r.ports.map(portKey))];
    cfg.ExposedPorts ??= {};
    for (const k of keys) cfg.ExposedPorts[k] = {};
    st.commit(`EXPOSE map[${keys.sort().map((p) => `${p}:{}`).join(' ')}]`, false);
  }
  if (r.volumes.length) {
    cfg.Volumes ??= {};
    for (const v of r.volumes) cfg.Volumes[v] = {};
    st.commit(`VOLUME [${r.volumes.join(' ')}]`, false);
  }
  if (r.healthcheck) {
    const h = r.healthcheck;
    const ns = (d: string | undefined) => (d ? parseDuration(d) ?? 0 : 0);
    // the frontend's test for `HEALTHCHECK CMD <line>`: CMD-SHELL and the line as written
    const test = h.shell !== undefined ? ['CMD-SHELL', h.shell] : ['CMD', ...h.cmd];
    const hc = { Test: test, Interval: ns(h.interval), Timeout: ns(h.timeout), StartPeriod: ns(h.startPeriod), Retries: h.retries ?? 0 };
    cfg.Healthcheck = hc;
    st.commit(`HEALTHCHECK &{${quoteList(hc.Test)} "${formatDuration(hc.Interval)}" "${formatDuration(hc.Timeout)}" "${formatDuration(hc.StartPeriod)}" ${quoteRune(hc.Retries)}}`, false);
  }
  if (r.stopSignal) {
    cfg.StopSignal = r.stopSignal;
    st.commit(`STOPSIGNAL ${r.stopSignal}`, false);
  }
  cfg.Entrypoint = [...r.entrypoint];
  cfg.Cmd = null; // ENTRYPOINT before any CMD resets the base's CMD
  st.commit(`ENTRYPOINT ${quoteList(r.entrypoint)}`, false);
  if (r.args.length) {
    cfg.Cmd = [...r.args];
    cfg.ArgsEscaped = true;
    st.commit(`CMD ${quoteList(r.args)}`, false);
  }
}
