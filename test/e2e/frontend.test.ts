// e2e: every team spec's expansion (`--syntax none`) is accepted by the engine's built-in Dockerfile frontend —
// the one an air-gapped or offline build gets, which cannot pull a `# syntax=` image and knows no heredocs or
// COPY --link. Parse only: a --target no stage has makes the frontend parse and validate every instruction, then
// stop before resolving any image, so specs for Go versions and bases this machine cannot make are checked too.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gofile } from '../helpers/cli.js';
import { REPO } from '../helpers/shared.js';
import { describeEngine, docker, requireEngine, tempDir } from './engine.js';

const SPECS = join(REPO, 'corpus', 'specs');
const PARSED = /target stage gofile-parse-only could not be found/;

/** The built-in frontend's verdict on a Dockerfile: '' when it parses, else its error. */
async function parse(dockerfile: string, context: string): Promise<string> {
  const r = await docker(['build', '--network', 'none', '--target', 'gofile-parse-only', '-f', dockerfile, context], { timeout: 60_000 });
  const out = r.stderr + r.stdout;
  if (PARSED.test(out)) return '';
  return out.split('\n').filter((l) => /failed|error/i.test(l)).join('\n') || out;
}

describeEngine('the built-in Dockerfile frontend accepts what expand writes', () => {
  let dir = '';
  beforeAll(() => {
    requireEngine();
    dir = tempDir();
  });
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('the check tells: the same frontend refuses COPY --link and heredocs', async () => {
    writeFileSync(join(dir, 'link.Dockerfile'), 'FROM scratch AS a\nCOPY --link x /x\n');
    writeFileSync(join(dir, 'heredoc.Dockerfile'), 'FROM scratch AS a\nRUN <<EOT\necho hi\nEOT\n');
    expect(await parse(join(dir, 'link.Dockerfile'), dir)).toMatch(/Unknown flag: link/);
    expect(await parse(join(dir, 'heredoc.Dockerfile'), dir)).toMatch(/unknown instruction/);
  });

  it('offline, the default `# syntax=docker/dockerfile:1` line fails: --syntax none is what such a build needs', async () => {
    const path = join(dir, 'syntax.Dockerfile');
    const r = gofile(['expand', '-o', path, join(REPO, 'corpus', 'e2e', 'scratch.yaml')]);
    expect(r.code).toBe(0);
    expect(await parse(path, dir)).toMatch(/docker\/dockerfile/);
  });

  const specs = readdirSync(SPECS).filter((f) => f.endsWith('.yaml')).sort();
  it.each(specs)('corpus/specs/%s', async (spec) => {
    const path = join(dir, spec.replace(/\.yaml$/, '.Dockerfile'));
    const r = gofile(['expand', '--syntax', 'none', '-o', path, join(SPECS, spec)]);
    expect(r.stderr).toBe('');
    expect(await parse(path, dir)).toBe('');
  });
});
