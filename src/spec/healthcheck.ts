// A health check's shell form (`healthcheck.shell`): which command lines it takes, and what the base must have to run them.
import { leadingJSONArray } from '../dockerfile/words.js';
import { parseShell } from '../shell/parse.js';
import { hasBinSh, hasBusyboxShell, isPlainOsImage } from './images.js';
import { packageName } from './implied.js';
import type { BaseKind, GofileSpec } from './types.js';

// What makes a command line mean something else than its words in exec form: quotes, variables, globs, operators, comments, `~`, `!`.
const SHELL_SYNTAX = /[$`|&;<>(){}*?\\'"#~[\]!]/;

/**
 * The words of a shell-form command line that means the same in exec form (plain words, not starting with an
 * assignment), or undefined when it needs a shell. The loader and convert share it, so a spec says each check one way.
 */
export function plainWords(line: string): string[] | undefined {
  const t = line.trim();
  if (!t || SHELL_SYNTAX.test(t)) return undefined;
  const words = t.split(/\s+/);
  return words[0].includes('=') ? undefined : words;
}

const basename = (p: string) => p.replace(/\/+$/, '').split('/').pop() ?? p;

/** The program the line runs first, as the shell reads its name (quotes removed), or undefined. */
function firstProgram(line: string): string | undefined {
  const word = parseShell(line).commands[0]?.words[0];
  return word && basename(word.value);
}

/**
 * Why the line cannot be `healthcheck.shell` on this base, or undefined; the caller puts the field's name before it.
 * `base` is the spec's own word for the base, for the message.
 */
export function shellHealthcheckRefusal(line: string, s: GofileSpec, runtime: { image: string; kind: BaseKind }, base: string): string | undefined {
  if (!hasBinSh(runtime.image, runtime.kind)) {
    const busybox = hasBusyboxShell(runtime.image, runtime.kind) ? ' (its busybox is at /busybox/sh, not /bin/sh)' : '';
    return `runs /bin/sh -c, which \`${base}\` does not have${busybox}: write \`cmd\` in exec form calling your binary, e.g. [/usr/local/bin/<name>, healthcheck], or use an alpine or debian-slim base`;
  }
  // `HEALTHCHECK CMD ["…"]` is the exec form to the Dockerfile, whatever the spec meant
  // BuildKit reads a line that opens with a JSON array as the exec form, what follows ignored (or refuses it, when not all strings)
  if (leadingJSONArray(line)) return 'starts with a JSON list, which the Dockerfile reads as the exec form (ignoring the rest of the line): write it as `cmd`, or start the line with `test`';
  const script = parseShell(line);
  if (script.errors.length) return `does not parse as a shell command line: ${script.errors[0].message}`;
  const words = plainWords(line);
  if (words) {
    const abs = words[0].startsWith('/') ? '' : ` (the program by its absolute path, e.g. /usr/bin/${words[0]})`;
    return `is plain words, which need no shell: write it in exec form, \`cmd: [${words.join(', ')}]\`${abs}`;
  }
  return missingProgram(firstProgram(line), s, runtime);
}

/**
 * curl or wget where the base is known not to have it: alpine has busybox's wget but no curl, debian and ubuntu
 * neither, unless `packages` installs it or a `copy` brings it. Other images are trusted, as elsewhere in the spec.
 */
function missingProgram(prog: string | undefined, s: GofileSpec, runtime: { image: string; kind: BaseKind }): string | undefined {
  if (prog !== 'curl' && prog !== 'wget' || !isPlainOsImage(runtime.image)) return undefined;
  if (prog === 'wget' && runtime.kind === 'alpine') return undefined;
  const installed = (s.packages ?? []).some((p) => packageName(p) === prog);
  const copied = (s.copy ?? []).some((c) => basename(c.src) === prog || basename(c.dest) === prog);
  if (installed || copied) return undefined;
  const instead = runtime.kind === 'alpine' ? ', or call busybox\'s wget' : '';
  return `runs ${prog}, which ${runtime.image} does not have: add \`packages: [${prog}]\`${instead}`;
}
