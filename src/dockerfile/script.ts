// The shell a RUN executes, for rules: the command line, or a heredoc body when the body is the script.
import type { RunInstruction } from './model.js';
import type { ShellScript } from '../shell/types.js';
import { parseShell } from '../shell/parse.js';

const INTERPRETER = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash|dash|zsh)(?:\s+-[a-z]+)*$/;

export function scriptSource(run: RunInstruction): string {
  if (run.json) return run.json.map(quoteArg).join(' ');
  if (run.heredocs.length === 0) return run.args;
  const rest = run.args.replace(/<<-?(["']?)[A-Za-z0-9_.-]+\1/g, '').trim();
  // `RUN <<EOF` or `RUN <<EOF bash -e`: the body is the script; otherwise the body is data.
  if (rest === '' || INTERPRETER.test(rest)) return run.heredocs.map((h) => h.body).join('\n');
  return run.args;
}

function quoteArg(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

export function buildScript(run: RunInstruction): ShellScript {
  return parseShell(scriptSource(run));
}
