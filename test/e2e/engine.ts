// The Docker engine .ci/services/docker.sh starts, for the e2e tests: how to reach it, and whether to skip.
//
// GOFILE_E2E_DOCKER_HOST (unix://…) names the engine and GOFILE_E2E_DOCKER its client. Without them the
// e2e tests skip, saying why (a laptop without root), except in CI (CI=true), where a missing engine fails.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { REPO } from '../helpers/shared.js';

export const HOST = process.env.GOFILE_E2E_DOCKER_HOST ?? '';
export const DOCKER = process.env.GOFILE_E2E_DOCKER || 'docker';
export const IN_CI = /^(1|true)$/i.test(process.env.CI ?? '');
/** The build context of every e2e image: the probe module. */
export const PROBE = join(REPO, 'corpus', 'e2e', 'probe');
export const E2E = join(REPO, 'corpus', 'e2e');

/** Timeouts: a cold build compiles the standard library once per platform on a 2-core machine with vfs. */
export const BUILD_TIMEOUT = 300_000;

const SKIP_REASON = 'GOFILE_E2E_DOCKER_HOST is not set: e2e tests skipped (start an engine with `sudo bash .ci/services/docker.sh start` and export what it prints, or run .ci/run)';
if (!HOST && !IN_CI) console.warn(`[gofile e2e] ${SKIP_REASON}`);

/** `describe` when an engine is there or CI demands one (the tests then fail on the missing engine), else `describe.skip`. */
export const describeEngine = HOST || IN_CI ? describe : describe.skip;

/** Throws, in CI, when the service did not say where the engine is. */
export function requireEngine(): void {
  if (!HOST) throw new Error(`CI=true but GOFILE_E2E_DOCKER_HOST is not set: .ci/services/docker.sh start did not run or did not come up`);
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the engine's client (DOCKER_HOST set, BuildKit on); never throws on a non-zero exit. */
export function docker(args: string[], opts: { timeout?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(DOCKER, args, {
      env: { ...process.env, DOCKER_HOST: HOST, DOCKER_BUILDKIT: '1', BUILDKIT_PROGRESS: 'plain', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
      timeout: opts.timeout ?? BUILD_TIMEOUT,
    }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) + (err && code === 1 && !stderr ? err.message : '') });
    });
  });
}

/** Unique per test run, so two runs against one engine never share a tag. */
const RUN_ID = `${process.pid}-${Date.now().toString(36)}`;
export const tag = (name: string) => `gofile-e2e/${name}:${RUN_ID}`;

/** `docker build --network none` of a Dockerfile with the probe (or `context`) as context; throws with the build log on failure. */
export async function build(dockerfile: string, image: string, extra: string[] = [], context = PROBE): Promise<Run> {
  const r = await docker(['build', '--network', 'none', '-f', dockerfile, '-t', image, ...extra, context]);
  if (r.code !== 0) throw new Error(`docker build -f ${dockerfile} failed (exit ${r.code}):\n${tail(r.stderr + r.stdout, 60)}`);
  return r;
}

/** What the probe reports about its container. */
export interface Probe {
  version: string;
  uid: number;
  gid: number;
  arch: string;
  certs: { poolLoads: boolean; poolError?: string; subjects: number; tlsVerify: boolean; tlsError?: string; tlsChain?: string };
  tz: { loads: boolean; error?: string; offset: number };
  tmp: { writable: boolean; dir: string; error?: string };
  dirs: { path: string; writable: boolean; error?: string }[];
}

/** `docker run --rm --network none <image>`, parsed; throws with the output when the probe does not start. */
export async function runProbe(image: string): Promise<Probe> {
  const r = await docker(['run', '--rm', '--network', 'none', image], { timeout: 60_000 });
  if (r.code !== 0) throw new Error(`docker run ${image} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Probe;
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'gofile-e2e-'));
export const read = (p: string) => readFileSync(p, 'utf8');
export const tail = (s: string, lines: number) => s.split('\n').slice(-lines).join('\n');
