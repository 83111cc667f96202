import type { Rule, RuleDocs } from '../src/lint/types.js';
import { commandSpan, copies, findCommands, reachableStages } from '../src/lint/helpers.js';

/** Does a chmod mode make files writable by everyone? Sticky modes (1777, as /tmp needs) are fine. */
export function worldWritable(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    if (mode.length === 4 && (Number(mode[0]) & 1)) return false;
    return (Number(mode.at(-1)) & 2) !== 0;
  }
  // Symbolic: a clause for o or a (explicit) that adds or sets w.
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    return !!m && /[oa]/.test(m[1]) && m[2] !== '-' && m[3].includes('w') && !m[3].includes('t');
  });
}

export default {
  meta: {
    code: 'GF236',
    name: 'chmod-777',
    severity: 'warning',
    category: 'security',
    description: '`chmod 777` (or `a+w`, `o+w`, `COPY --chmod=777`) makes files in the image writable by every user.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    for (const stage of reachableStages(ctx.model)) {
      for (const { run, cmd, words } of findCommands(stage, 'chmod')) {
        const mode = words.slice(1).find((w) => !w.startsWith('-'));
        if (!mode || !worldWritable(mode)) continue;
        ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: `chmod ${mode} makes these files writable by every user: use 755/644 and chown them to the user that must write` });
      }
      for (const c of copies(stage)) {
        if (!c.chmod || !worldWritable(c.chmod)) continue;
        ctx.report({ span: c.flags.find((f) => f.name === 'chmod')!.span, message: `--chmod=${c.chmod} makes the copied files writable by every user: use 755 for executables, 644 for files, and --chown for the writer` });
      }
    }
  },
} satisfies Rule;

// Its page (rules/chmod-777.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'World-writable files let any process in the container — whatever user it runs as — replace the binary, its config or its certificates, which turns a small foothold into code execution. 777 is usually a shortcut for "the app user could not write here"; giving that user ownership (`COPY --chown=65532:65532`, `chown` in the RUN) fixes the cause without opening the files to everyone. Stages the image does not use are ignored; a sticky mode such as `chmod 1777 /tmp` is the correct mode for a shared temp directory and is not reported.',
  bad: 'FROM alpine:3.20\nCOPY --chmod=777 app /app\nRUN chmod -R 777 /data',
  good: 'FROM alpine:3.20\nCOPY --chmod=755 app /app\nRUN mkdir /data && chown 65532:65532 /data\nUSER 65532:65532',
  fix: 'Use 755 for executables and directories, 644 for files, and give the runtime user ownership of what it must write.',
};
