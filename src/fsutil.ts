// Files the user names: read only what can be read to the end, and written without ever leaving half a file.
import { renameSync, writeFileSync, unlinkSync, statSync, chmodSync, readFileSync, type Stats } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { InputError } from './errors.js';

/** Far above any real Dockerfile or spec (a few KiB), far below what would exhaust memory. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * A file named on the command line, as text. Only a regular file of a sane size: a named pipe or /dev/zero would
 * block or never end. Errors from the file system (ENOENT, EACCES) are thrown as they are, for the caller to word.
 */
export function readUserFile(path: string, shown: string): string {
  const st = statSync(path);
  if (!st.isFile()) throw new InputError(`${shown} is ${kindOf(st)}, not a file; pass a file (or - to read standard input)`);
  if (st.size > MAX_INPUT_BYTES) {
    throw new InputError(`${shown} is ${(st.size / 1024 / 1024).toFixed(0)} MiB; anything over ${MAX_INPUT_BYTES / 1024 / 1024} MiB is refused (a Dockerfile or gofile.yaml is a few KiB)`);
  }
  return readFileSync(path, 'utf8');
}

// The file system's errors in words: a user reading `ENOENT` has to look it up.
const FS_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory', ELOOP: 'too many symbolic links', ENAMETOOLONG: 'the name is too long', EMFILE: 'too many open files',
};

/** A file system error as words, with its code for searching; any other error's message. */
export function fsErrorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code ? (FS_ERRORS[code] ? `${FS_ERRORS[code]} (${code})` : code) : (e as Error).message;
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    // a new file gets the default mode
  }
  try {
    writeFileSync(tmp, data);
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
}
