import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fdWriter, isTerminal } from '../../src/io.js';

const BIN = new URL('../../dist/gofile.cjs', import.meta.url).pathname;
const ESC = '\u001b[';
const hasScript = spawnSync('script', ['--version']).status === 0;

const errno = (code: string) => Object.assign(new Error(code), { code });

// A fake writeSync: takes at most `chunk` bytes per call and fails with `fail` on the call numbered `failAt`.
function fakeFd({ chunk = Infinity, failAt = -1, fail = 'EAGAIN' } = {}) {
  const written: Buffer[] = [];
  let calls = 0;
  const write = ((_fd: number, b: Buffer, off: number, len: number) => {
    if (calls++ === failAt) throw errno(fail);
    const n = Math.min(len, chunk);
    written.push(Buffer.from(b.subarray(off, off + n)));
    return n;
  }) as unknown as typeof import('node:fs').writeSync;
  return { write, text: () => Buffer.concat(written).toString('utf8') };
}

function fakeStream() {
  const parts: string[] = [];
  return { stream: { write: (s: string | Uint8Array) => { parts.push(Buffer.from(s).toString('utf8')); return true; } } as NodeJS.WritableStream, text: () => parts.join('') };
}

describe('fdWriter', () => {
  it('writes everything, across partial writes, in order', () => {
    const fd = fakeFd({ chunk: 3 });
    const out = fdWriter(1, () => { throw new Error('no stream needed'); }, fd.write);
    out('✖ 12 problems\n');
    out('second line\n');
    expect(fd.text()).toBe('✖ 12 problems\nsecond line\n');
  });

  it('hands the rest and all later output to the stream when the pipe is full (EAGAIN)', () => {
    const fd = fakeFd({ chunk: 4, failAt: 1 });
    const s = fakeStream();
    const out = fdWriter(1, () => s.stream, fd.write);
    out('abcdefgh');
    out('ij');
    expect(fd.text() + s.text()).toBe('abcdefghij');
    expect(s.text()).toBe('efghij');
  });

  it('stops quietly when the reader went away (EPIPE)', () => {
    const fd = fakeFd({ failAt: 1, fail: 'EPIPE' });
    const out = fdWriter(1, () => { throw new Error('no stream'); }, fd.write);
    out('first\n');
    expect(() => out('second\n')).not.toThrow();
    out('third\n');
    expect(fd.text()).toBe('first\n');
  });

  it('writes through the stream from the start when asked (a Windows console)', () => {
    const fd = fakeFd();
    const s = fakeStream();
    const out = fdWriter(1, () => s.stream, fd.write, true);
    out('✔ 3 files checked\n');
    expect(s.text()).toBe('✔ 3 files checked\n');
    expect(fd.text()).toBe('');
  });

  it('throws other errors', () => {
    const fd = fakeFd({ failAt: 0, fail: 'EIO' });
    expect(() => fdWriter(1, () => fakeStream().stream, fd.write)('x')).toThrow('EIO');
  });
});

describe('isTerminal: colour by default on a terminal only', () => {
  const lint = (stdout: 'pipe' | number) => spawnSync(process.execPath, [BIN, 'lint', '-'], {
    input: 'FROM golang\n', stdio: ['pipe', stdout, 'pipe'], encoding: 'utf8', env: { PATH: process.env.PATH },
  });

  it('says no for a closed descriptor', () => {
    expect(isTerminal(99)).toBe(false);
  });

  it('gives no colour into a pipe, a file or /dev/null', () => {
    expect(lint('pipe').stdout).toContain('GF001');
    expect(lint('pipe').stdout).not.toContain(ESC);
    const file = join(mkdtempSync(join(tmpdir(), 'gofile-io-')), 'out.txt');
    const fd = openSync(file, 'w');
    lint(fd);
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toContain('GF001');
    expect(readFileSync(file, 'utf8')).not.toContain(ESC);
    const devnull = openSync('/dev/null', 'w');
    expect(lint(devnull).status).toBe(1);
    closeSync(devnull);
  });

  it.skipIf(!hasScript)('gives colour on a terminal (a pseudo-terminal made by script)', () => {
    const r = spawnSync('script', ['-qc', `printf 'FROM golang\\n' | ${process.execPath} ${BIN} lint -`, '/dev/null'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(r.stdout).toContain('GF001');
    expect(r.stdout).toContain(ESC);
  });
});
