// How commands talk to the world; tests pass their own.
import { fstatSync, statSync, writeSync } from 'node:fs';
import { InputError } from './errors.js';
import { MAX_INPUT_BYTES } from './fsutil.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutIsTTY: boolean;
  stdin: () => Promise<string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

// yargs-parser drops a lone "-", which means stdin here; carry it through under another name.
export const STDIN_ARG = '\u0000stdin';

export function processIo(): Io {
  return {
    stdout: fdWriter(1, () => process.stdout, writeSync, windowsConsole(1)),
    stderr: fdWriter(2, () => process.stderr, writeSync, windowsConsole(2)),
    get stdoutIsTTY() { return isTerminal(1); },
    stdin: readStdin,
    cwd: process.cwd(),
    env: process.env,
  };
}

/** A Windows console takes text through the stream (WriteConsoleW): raw UTF-8 bytes would print as mojibake there. */
function windowsConsole(fd: number): boolean {
  return process.platform === 'win32' && isTerminal(fd);
}

/** Whether fd is a terminal, without loading node:tty (it loads net: ~3 ms) when fstat already says no. */
export function isTerminal(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false; // a pipe, a file or a socket
    if (process.platform !== 'win32' && st.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  // node:tty on demand; importing node:module for createRequire would cost every run ~0.3 ms. Node before 20.16
  // has no getBuiltinModule: there, a character device that is not /dev/null is taken for the terminal it nearly
  // always is.
  return process.getBuiltinModule ? process.getBuiltinModule('node:tty').isatty(fd) : true;
}

/**
 * Writes straight to the file descriptor: creating process.stdout loads Node's stream and net modules, a few
 * milliseconds a pre-commit hook pays on every commit. A non-blocking pipe that fills up (EAGAIN) hands the rest,
 * and everything after it, to the stream, so the order holds; a reader that went away (EPIPE, `| head`) ends the output.
 */
export function fdWriter(fd: number, stream: () => NodeJS.WritableStream, write: typeof writeSync = writeSync, viaStream = false): (s: string) => void {
  let mode: 'fd' | 'stream' | 'closed' = viaStream ? 'stream' : 'fd';
  return (s) => {
    if (mode === 'closed' || s === '') return;
    if (mode === 'stream') { stream().write(s); return; }
    const bytes = Buffer.from(s, 'utf8');
    let done = 0;
    try {
      while (done < bytes.length) done += write(fd, bytes, done, bytes.length - done);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') { mode = 'closed'; return; }
      if (code !== 'EAGAIN') throw e;
      mode = 'stream';
      stream().write(bytes.subarray(done));
    }
  };
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new InputError('reading a Dockerfile from stdin, but stdin is a terminal: pipe a file in (gofile lint - < Dockerfile)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    size += (c as Buffer).length;
    // `< /dev/zero` never ends: stop at the size readUserFile refuses
    if (size > MAX_INPUT_BYTES) {
      process.stdin.destroy();
      throw new InputError(`standard input is over ${MAX_INPUT_BYTES / 1024 / 1024} MiB, which is refused (a Dockerfile or gofile.yaml is a few KiB)`);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

