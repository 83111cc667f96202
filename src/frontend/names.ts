// Progress names, descriptions and source locations the frontend attaches to each op.
import type { Instruction } from '../dockerfile/model.js';
import type { SourceLocation, SourceMap } from '../llb/index.js';
import { processWord, type LexOptions } from './lex.js';
import type { DispatchState } from './stages.js';

/** `[stage i/n] …`: numbers each counted instruction of a stage, width padded like Go's %*d. */
export function prefixCommand(d: DispatchState, str: string): string {
  if (d.cmdTotal === 0) return str;
  d.cmdIndex++;
  const width = Math.floor(1 + Math.log10(d.cmdTotal));
  return `[${d.stageName ? d.stageName + ' ' : ''}${String(d.cmdIndex).padStart(width)}/${d.cmdTotal}] ${str}`;
}

/** The `com.docker.dockerfile.v1.command` description. */
export function dfCmd(text: string): Record<string, string> {
  return { 'com.docker.dockerfile.v1.command': text };
}

/** One range per line of the instruction, as BuildKit's parser.Range list. */
export function location(sm: SourceMap | undefined, inst: Instruction | undefined): SourceLocation[] | undefined {
  if (!sm || !inst) return undefined;
  return [sm.lines(inst.span.start.line, inst.span.end.line)];
}

/** The command text with variables substituted (left as is when that fails), first word upper-cased. */
export function displayName(text: string, env: ReadonlyMap<string, string>, o: LexOptions): string {
  let w: string;
  try {
    w = processWord(text, env, o);
  } catch {
    w = text;
  }
  const sp = w.indexOf(' ');
  return sp < 0 ? w.toUpperCase() : w.slice(0, sp).toUpperCase() + w.slice(sp);
}
