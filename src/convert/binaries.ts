// More main packages the image ships, built like the main binary: `binaries`, or reported as what the spec cannot say.
import { posix } from 'node:path';
import type { CopyInstruction } from '../dockerfile/model.js';
import type { GoBuild } from '../../rules/cgo-libc-mismatch.js';
import { goArgs, goPackages } from '../lint/go-helpers.js';
import { binaryName } from '../spec/resolve.js';
import type { Ctx } from './context.js';
import { buildCwd, moduleOf } from './gobuild.js';
import { joinPath } from './paths.js';
import { findBinaryCopy, outputFile } from './trace.js';
import { SPEC_SCHEMA } from '../spec/jsonschema.js';

/** What a RUN gives the commands in it besides their words: the variables in scope (ENV and ARG) and the mounts. */
function runScope(b: GoBuild): string {
  const vars = [...b.run.vars].map(([k, v]) => `${b.run.envNames.has(k) ? 'env' : 'arg'}:${k}=${v ?? ''}`).sort();
  const mounts = b.run.mounts.map((m) => JSON.stringify([m.type, m.target, m.source, m.from, m.id])).sort();
  return JSON.stringify([vars, mounts]);
}

/** go build's words without what names the output and the packages: what must match for a build to be "built the same way". */
function settings(b: GoBuild): string {
  const args = goArgs(b.words);
  const pkgs = new Set(goPackages(b.words));
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-o' || args[i] === '--o') { i++; continue; }
    if (/^--?o=/.test(args[i]) || pkgs.has(args[i])) continue;
    kept.push(args[i]);
  }
  const env = b.cmd.assignments.map((a) => `${a.name}=${a.value}`).sort();
  return JSON.stringify([b.words.slice(0, b.words.length - args.length), kept, env]);
}

/** Why a second build cannot be one of `binaries`, or its package path and the COPY that ships it. */
function asBinary(ctx: Ctx, b: GoBuild): { pkg: string; copy?: CopyInstruction; path: string } | string {
  const main = ctx.trace.build!;
  const why = 'the spec\'s `binaries` are other main packages of the module, built the same way';
  if (b.stage !== main.stage) return `built in another stage; ${why}`;
  if (settings(b) !== settings(main)) return `built with other flags or settings than the main binary; ${why}`;
  // another RUN may see other ENV, ARG values or mounts (an ENV GOEXPERIMENT between the two, a secret)
  if (b.run !== main.run && runScope(b) !== runScope(main)) return `its RUN has other variables or mounts than the main binary's (line ${main.run.span.start.line}); ${why}`;
  const pkgs = goPackages(b.words);
  if (pkgs.length !== 1 || pkgs[0].includes('@') || pkgs[0].endsWith('...')) return `not one package of the module; ${why}`;
  const cwd = buildCwd(ctx, b);
  const mainCwd = buildCwd(ctx, main);
  if (cwd === undefined || mainCwd === undefined) return 'the build runs in a directory set from a variable with no value';
  const root = moduleOf(ctx, b.run, cwd).dir;
  if (root !== moduleOf(ctx, main.run, mainCwd).dir) return `built in another module; ${why}`;
  const rel = posix.relative(root, joinPath(cwd, pkgs[0]));
  if (rel === '' || rel.startsWith('..')) return `\`${pkgs[0]}\` is not a package directory below the module root; ${why}`;
  const pkg = `./${rel}`;
  const file = outputFile(b);
  if (!file || posix.basename(file) !== binaryName(pkg)) return `writes ${file ?? 'a file convert cannot name'}, not ${binaryName(pkg)}: \`binaries\` are named after their package directory`;
  // a single golang image ships the file where the build wrote it; a builder's, through a COPY
  if (ctx.trace.kind === 'single-stage-golang') return { pkg, path: file };
  const hit = findBinaryCopy(ctx.trace.target, b, undefined);
  if (!hit || !hit.path) return 'builds something the image does not ship';
  return { pkg, copy: hit.copy, path: hit.path };
}

/** Reads the other builds the image ships into `binaries`; those it cannot say are reported against their RUN. */
export function readBinaries(ctx: Ctx): void {
  const names = new Set([ctx.spec.name]);
  const pattern = new RegExp(SPEC_SCHEMA.properties.binaries.items!.pattern!);
  for (const b of ctx.trace.otherBuilds) {
    let r = ctx.trace.build && !ctx.spec.build ? asBinary(ctx, b) : 'the spec builds one binary with `build.command`';
    // what the loader would refuse is refused here, before any path is rewritten to where the spec would install it
    if (typeof r !== 'string' && names.has(binaryName(r.pkg))) r = `named ${binaryName(r.pkg)}, as another binary of the image; \`binaries\` are installed as /usr/local/bin/<last element>`;
    else if (typeof r !== 'string' && !pattern.test(r.pkg)) r = `\`${r.pkg}\` is not a package directory the spec can name`;
    // read here, whatever becomes of it: not again as a command of its RUN
    ctx.binaryBuilds.add(b.cmd);
    if (typeof r === 'string') {
      ctx.ledger.lose(b.run, `a second binary (\`${b.words.join(' ').slice(0, 50)}\`): ${r}; convert it into its own gofile.yaml`);
      continue;
    }
    names.add(binaryName(r.pkg));
    ctx.spec.binaries = [...(ctx.spec.binaries ?? []), r.pkg];
    const installed = `/usr/local/bin/${binaryName(r.pkg)}`;
    ctx.extraBinaries.push({ copy: r.copy, from: r.path, to: installed });
    ctx.ledger.carry(b.run, 'binaries', `\`go ${b.words[1] ?? 'build'} ${r.pkg}\` → binaries`);
  }
}
