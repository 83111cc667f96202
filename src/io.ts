// How commands talk to the world; tests pass their own.
import { InputError } from './errors.js';

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
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdoutIsTTY: !!process.stdout.isTTY,
    stdin: readStdin,
    cwd: process.cwd(),
    env: process.env,
  };
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new InputError('reading a Dockerfile from stdin, but stdin is a terminal: pipe a file in (gofile lint - < Dockerfile)');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

