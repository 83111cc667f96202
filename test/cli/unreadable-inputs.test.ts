import { execFileSync, spawnSync } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, gofile, tempTree } from '../helpers/cli.js';

// Inputs that can never be read to the end, or would fill the memory: refused at once, exit 2, never a hang.
const unix = process.platform !== 'win32';

describe.skipIf(!unix)('files a command cannot read to the end', () => {
  const dir = tempTree({ 'gofile.yaml': 'path: .\n' });
  const fifo = join(dir, 'Dockerfile.pipe');
  execFileSync('mkfifo', [fifo]);
  const big = join(dir, 'huge.Dockerfile');
  writeFileSync(big, '');
  truncateSync(big, 9 * 1024 * 1024); // a sparse file: 9 MiB of nothing on disk

  it.each([
    ['lint', ['lint', '/dev/zero']],
    ['convert', ['convert', '/dev/zero']],
    ['llb', ['llb', '--format', 'json', '/dev/zero']],
    ['expand', ['expand', '/dev/zero']],
    ['lint --config', ['lint', '--config', '/dev/zero', join(dir, 'gofile.yaml')]],
  ])('%s refuses a character device', (_what, args) => {
    const r = gofile(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gofile: (\.\.\/)*\/?dev\/zero is a character device, not a file; pass a file/);
  });

  it('refuses a named pipe instead of waiting for a writer', () => {
    const r = gofile(['lint', fifo], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gofile: Dockerfile.pipe is a named pipe, not a file; pass a file (or - to read standard input)\n');
  });

  it('drift refuses a named pipe where the committed Dockerfile should be', () => {
    const spec = tempTree({ 'gofile.yaml': 'path: .\ngo: "1.22"\n' });
    execFileSync('mkfifo', [join(spec, 'Dockerfile')]);
    const r = gofile(['drift', 'gofile.yaml'], { cwd: spec });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gofile: Dockerfile is a named pipe, not a file; pass a file (or - to read standard input)\n');
  });

  it('stops reading standard input that never ends', () => {
    const r = spawnSync('sh', ['-c', `exec "${process.execPath}" "${BIN}" lint - < /dev/zero`], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('gofile: standard input is over 8 MiB, which is refused (a Dockerfile or gofile.yaml is a few KiB)\n');
  });

  it('refuses a file of many MiB before reading it', () => {
    const r = gofile(['lint', big], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gofile: huge.Dockerfile is 9 MiB; anything over 8 MiB is refused (a Dockerfile or gofile.yaml is a few KiB)\n');
  });
});
