// How a command's outcome becomes the process's: its exit code, or an error a person can act on and exit code 2.
export function settle(result: Promise<number>): void {
  result.then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      const err = e as Error & { format?: () => string };
      const text = typeof err?.format === 'function' ? err.format() : err?.message ?? String(e);
      process.stderr.write(`gofile: ${text}\n`);
      if (err?.name !== 'InputError' && process.env.GOFILE_DEBUG) process.stderr.write(`${err?.stack}\n`);
      process.exitCode = 2;
    },
  );
}
