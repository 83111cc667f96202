// The pre-commit hooks, run by the real pre-commit tool in a throwaway git repository that uses this
// repository (at HEAD) as its hook source: a bad Dockerfile blocks the commit, a good one goes through,
// and a Dockerfile that drifted from its gofile.yaml blocks it too.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/shared.js';

function findPreCommit(): string | undefined {
  if (process.env.GOFILE_PRECOMMIT) return process.env.GOFILE_PRECOMMIT;
  const r = spawnSync('sh', ['-c', 'command -v pre-commit'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const preCommit = findPreCommit();
if (!preCommit && !process.env.CI) console.warn('[gofile tests] pre-commit is not installed: the hook tests are skipped (.ci/services/precommit.sh installs it in CI)');

describe.skipIf(!preCommit && !process.env.CI)('pre-commit hooks', () => {
  let dir = '';
  const env = () => ({ ...process.env, PRE_COMMIT_HOME: join(dir, '.cache-pre-commit'), NO_COLOR: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' });
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: env() });

  beforeAll(() => {
    expect(preCommit, 'CI must have pre-commit (see .ci/services/precommit.sh)').toBeTruthy();
    dir = mkdtempSync(join(tmpdir(), 'gofile-precommit-'));
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    writeFileSync(join(dir, '.pre-commit-config.yaml'), `repos:\n  - repo: ${REPO}\n    rev: ${rev}\n    hooks: [{id: gofile-lint}, {id: gofile-drift}]\n`);
    writeFileSync(join(dir, '.gitignore'), '.cache-pre-commit/\n');
    execFileSync(preCommit!, ['install'], { cwd: dir, env: env() });
    git('add', '.');
    git('commit', '-q', '-m', 'config');
  }, 60_000);

  it('blocks a commit with a bad Dockerfile and shows the findings', () => {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN apk add curl\nUSER 10001\n');
    git('add', 'Dockerfile');
    const r = git('commit', '-m', 'bad');
    expect(r.status, r.stdout + r.stderr).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/gofile lint\.+Failed/);
    expect(r.stdout + r.stderr).toMatch(/2:5\s+warning\s+.*apk-without-no-cache \(GF005\)/);
  }, 300_000);

  it('lets a good Dockerfile through', () => {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 10001\nENTRYPOINT ["curl"]\n');
    git('add', 'Dockerfile');
    const r = git('commit', '-m', 'good');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/gofile lint\.+Passed/);
  }, 120_000);

  it('blocks a Dockerfile that drifted from its gofile.yaml, and passes it when regenerated', () => {
    const svc = join(dir, 'svc');
    execFileSync('mkdir', ['-p', svc]);
    writeFileSync(join(svc, 'gofile.yaml'), 'path: ./cmd/svc\n');
    writeFileSync(join(svc, 'go.mod'), 'module example.com/svc\n\ngo 1.22\n');
    const expanded = execFileSync(process.execPath, [join(REPO, 'dist', 'gofile.cjs'), 'expand', 'gofile.yaml'], { cwd: svc, encoding: 'utf8' });
    writeFileSync(join(svc, 'Dockerfile'), expanded.replace('USER 65532:65532', 'USER root'));
    git('add', 'svc');
    const bad = git('commit', '-m', 'drifted');
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/svc\/Dockerfile has drifted from svc\/gofile\.yaml/);
    writeFileSync(join(svc, 'Dockerfile'), expanded);
    git('add', 'svc');
    const good = git('commit', '-m', 'regenerated');
    expect(good.status, good.stdout + good.stderr).toBe(0);
  }, 120_000);
});
