// Ignore comments: gofile's own, hadolint's and BuildKit's `check=skip`, each with its scope.
import type { Comment, DockerfileModel, Instruction } from '../dockerfile/model.js';

export interface Suppressions {
  /** Rule ids (code, name or alias, lower-cased) ignored in the whole file; 'all' for every rule. */
  file: Set<string>;
  /** Per instruction index. */
  instruction: Map<number, Set<string>>;
  /** Per stage index. */
  stage: Map<number, Set<string>>;
  /** Each id a `# gofile ignore…=` comment names, as written, with its offsets in the text: checked against the rules. */
  named: NamedId[];
}

export interface NamedId {
  id: string;
  start: number;
  end: number;
  /** The instruction the comment stands above, whose ignore comments can silence a finding about it. */
  inst?: Instruction;
}

// `# gofile ignore=GF001,root-user -- reason`, `# gofile ignore-stage=…`, `# gofile ignore-file=…`
const OWN = /^gofile\s+(ignore|ignore-stage|ignore-file)\s*=\s*([\w\-, ]+?)(?:\s+--\s*.*)?$/i;
const HADOLINT = /^hadolint\s+(global\s+)?ignore\s*=\s*([\w\-, ]+)/i;
const CHECK = /^check\s*=\s*(.*)$/i;

const ids = (list: string) => list.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);

function checkSkips(value: string): string[] {
  // check=skip=A,B;error=true
  const out: string[] = [];
  for (const part of value.split(';')) {
    const m = /^\s*skip\s*=\s*(.*)$/i.exec(part);
    if (m) out.push(...ids(m[1]));
  }
  return out;
}

/** The file's ignore comments, or null where it has none (most files: then no finding needs looking up). */
export function collectSuppressions(model: DockerfileModel): Suppressions | null {
  const s: Suppressions = { file: new Set(), instruction: new Map(), stage: new Map(), named: [] };
  for (const d of model.directives) {
    if (d.name === 'check') for (const id of checkSkips(d.value)) s.file.add(id);
  }
  const add = (m: Map<number, Set<string>>, k: number, list: string[]) => {
    const set = m.get(k) ?? new Set<string>();
    for (const id of list) set.add(id);
    m.set(k, set);
  };
  // Comments not directly above an instruction can still carry file-wide pragmas.
  const attached = new Map<Comment, Instruction>();
  for (const inst of model.instructions) for (const c of inst.comments) attached.set(c, inst);
  for (const c of model.comments) {
    const own = OWN.exec(c.text);
    if (own) s.named.push(...namedIds(model.text, c, own[2], attached.get(c)));
    if (own && own[1].toLowerCase() === 'ignore-file') for (const id of ids(own[2])) s.file.add(id);
    const h = HADOLINT.exec(c.text);
    if (h && h[1]) for (const id of ids(h[2])) s.file.add(id);
  }
  for (const inst of model.instructions) {
    for (const c of inst.comments) {
      const own = OWN.exec(c.text);
      if (own) {
        const scope = own[1].toLowerCase();
        if (scope === 'ignore') add(s.instruction, inst.index, ids(own[2]));
        else if (scope === 'ignore-stage') {
          const st = stageOf(inst);
          if (st !== undefined) add(s.stage, st, ids(own[2]));
        }
        continue;
      }
      const h = HADOLINT.exec(c.text);
      if (h && !h[1]) add(s.instruction, inst.index, ids(h[2]));
      const chk = CHECK.exec(c.text);
      if (chk && !isDirectiveLine(model, c.span.start.line)) add(s.instruction, inst.index, checkSkips(chk[1]));
    }
  }
  return s.file.size || s.instruction.size || s.stage.size || s.named.length ? s : null;
}

/** The ids of a gofile ignore comment's list, exactly as `ids` reads them (a space does not separate two), each with where it stands. */
function namedIds(text: string, c: Comment, list: string, inst: Instruction | undefined): NamedId[] {
  const raw = text.slice(c.span.start.offset, c.span.end.offset);
  const at = c.span.start.offset + raw.indexOf(list, raw.indexOf('='));
  return [...list.matchAll(/[^,]+/g)].flatMap((m) => {
    const lead = m[0].length - m[0].trimStart().length;
    const id = m[0].trim();
    return id ? [{ id, start: at + m.index! + lead, end: at + m.index! + lead + id.length, inst }] : [];
  });
}

function stageOf(inst: Instruction): number | undefined {
  return inst.stage?.index;
}

function isDirectiveLine(model: DockerfileModel, line: number): boolean {
  return model.directives.some((d) => d.span.start.line === line);
}

export function isSuppressed(s: Suppressions, ruleIds: string[], inst: Instruction | undefined): boolean {
  const hit = (set: Set<string> | undefined) => !!set && (set.has('all') || ruleIds.some((id) => set.has(id)));
  if (hit(s.file)) return true;
  if (!inst) return false;
  if (hit(s.instruction.get(inst.index))) return true;
  if (inst.stage && hit(s.stage.get(inst.stage.index))) return true;
  return false;
}
