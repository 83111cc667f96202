// `gofile pin`: add or refresh @sha256: digests on every base image, COPY --from and RUN --mount
// image of Dockerfiles and gofile.yaml specs (index digests, tags kept), or --check that they are current.
import { relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { InputError } from '../errors.js';
import { fsErrorText, readUserFile, writeFileAtomic } from '../fsutil.js';
import type { Io } from '../io.js';
import { planPins, type PinPlan } from '../pin/index.js';
import { RegistryClient, type RegistryOptions } from '../registry/client.js';

export interface PinArgs {
  /** Dockerfiles and gofile.yaml specs (*.yaml, *.yml). */
  files: string[];
  /** Change nothing; exit 1, naming each one, when a pin is missing or stale. */
  check?: boolean;
  /** Change nothing; print the unified diff that pinning would make. */
  diff?: boolean;
  /** Use only the registry cache (earlier runs fill it); a miss is an error. */
  offline?: boolean;
  /** Registries (host[:port]) reached over plain HTTP; loopback ones always are. */
  'insecure-registry'?: string[];
}

const short = (d: string) => d.slice(0, 7 + 12) + '…';

/** Runs the command; `client` is for tests (default: a client on io.env, the options' offline and insecure list). */
export async function runPin(args: PinArgs, io: Io, client?: RegistryClient): Promise<number> {
  if (!args.files?.length) throw new InputError('gofile pin needs at least one Dockerfile or gofile.yaml: gofile pin Dockerfile');
  if (args.check && args.diff) throw new InputError('--check and --diff both only look; use one');
  const opts: RegistryOptions = { env: io.env, offline: args.offline, insecureRegistries: args['insecure-registry'] };
  const registry = client ?? new RegistryClient(opts);

  // resolve everything before writing anything: one unreachable image leaves every file as it was
  const plans: Array<PinPlan & { path: string }> = [];
  for (const f of args.files) {
    const path = resolve(io.cwd, f);
    const name = relative(io.cwd, path) || f;
    let text: string;
    try {
      text = readUserFile(path, name);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`cannot read ${f}: ${fsErrorText(e)}`);
    }
    plans.push({ ...(await planPins(name, text, registry, path)), path });
  }

  let stale = 0;
  let added = 0;
  let refreshed = 0;
  let current = 0;
  for (const plan of plans) {
    for (const s of plan.skipped) io.stderr(`${plan.file}:${s.line}: note: ${s.image} is not pinned: ${s.reason}\n`);
    for (const r of plan.results) {
      if (r.state === 'current') {
        current++;
        continue;
      }
      if (r.state === 'added') added++;
      else refreshed++;
      const via = r.where === 'FROM' || r.where.includes('--') ? '' : ` (in ${r.where})`;
      if (args.check) {
        stale++;
        io.stdout(r.state === 'added'
          ? `${plan.file}:${r.line}: ${r.image} is not pinned${via}; its tag points at ${r.wanted}\n`
          : `${plan.file}:${r.line}: ${r.image} is pinned to ${r.current}${via}, but its tag now points at ${r.wanted}\n`);
      } else if (!args.diff) {
        io.stdout(r.state === 'added'
          ? `${plan.file}:${r.line}: ${r.image} pinned to ${short(r.wanted)}${via}\n`
          : `${plan.file}:${r.line}: ${r.image} ${short(r.current!)} → ${short(r.wanted)}${via}\n`);
      }
    }
    if (args.diff && plan.after !== plan.before) {
      io.stdout(createTwoFilesPatch(`a/${plan.file}`, `b/${plan.file}`, plan.before, plan.after, '', '', { context: 3 }));
    }
  }

  if (args.check) {
    if (stale === 0) return 0;
    const files = plans.filter((p) => p.after !== p.before).map((p) => p.file).join(' ');
    io.stderr(`${stale} image pin${stale === 1 ? ' is' : 's are'} missing or stale: run gofile pin ${files} to update ${stale === 1 ? 'it' : 'them'}\n`);
    return 1;
  }
  if (args.diff) return 0;
  for (const plan of plans) if (plan.after !== plan.before) writeFileAtomic(plan.path, plan.after);
  const total = added + refreshed + current;
  io.stderr(total === 0
    ? 'gofile pin: no registry images to pin\n'
    : `gofile pin: ${added} added, ${refreshed} refreshed, ${current} already current\n`);
  return 0;
}
