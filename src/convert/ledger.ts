// One entry per instruction: convert's handlers record what they did with it, and nothing goes unaccounted.
import type { DockerfileModel, Instruction } from '../dockerfile/model.js';
import type { ConvertNote, Outcome } from './types.js';

interface Part {
  outcome: Outcome;
  text: string;
  fields: string[];
}

// The worst part decides the instruction's outcome: a partly lost instruction is lost.
const RANK: Record<Outcome, number> = { dropped: 0, carried: 1, unrepresentable: 2 };

export class Ledger {
  private parts = new Map<Instruction, Part[]>();

  /** The instruction's content went into these spec fields. */
  carry(inst: Instruction, fields: string | string[], text = ''): void {
    this.add(inst, { outcome: 'carried', text, fields: typeof fields === 'string' ? [fields] : fields });
  }

  /** Not needed in the spec: expand does it itself, or the reviewed image does without it. */
  drop(inst: Instruction, reason: string): void {
    this.add(inst, { outcome: 'dropped', text: reason, fields: [] });
  }

  /** The spec cannot say this; the converted build will not do it. */
  lose(inst: Instruction, reason: string): void {
    this.add(inst, { outcome: 'unrepresentable', text: reason, fields: [] });
  }

  has(inst: Instruction): boolean {
    return this.parts.has(inst);
  }

  /** Instructions that fed a field, so a field the loader refuses can be reported against them. */
  sourcesOf(field: string): Instruction[] {
    return [...this.parts].filter(([, ps]) => ps.some((p) => p.fields.includes(field))).map(([i]) => i);
  }

  /** A field (or, with `item`, one entry of it) was taken out of the spec: the instructions that gave it lose it. */
  retract(field: string, reason: string, item?: string): void {
    const sources = this.sourcesOf(field);
    // An entry is blamed on the instructions that mention it, when any do.
    // (the spec writes `${NAME}` where the Dockerfile may have written `$NAME`)
    const forms = item === undefined ? [] : [item, item.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, n: string) => `$${n}`)];
    const mentioning = sources.filter((i) => forms.some((f) => i.original.includes(f)));
    for (const inst of mentioning.length ? mentioning : sources) {
      if (item === undefined) {
        const parts = this.parts.get(inst)!;
        for (const p of parts) p.fields = p.fields.filter((f) => f !== field);
        // a carry that went only into this field did not happen: its text would read as if it had
        this.parts.set(inst, parts.filter((p) => p.outcome !== 'carried' || p.fields.length > 0));
      }
      this.lose(inst, `\`${field}\`: ${reason}`);
    }
  }

  private add(inst: Instruction, part: Part): void {
    const list = this.parts.get(inst);
    if (list) list.push(part);
    else this.parts.set(inst, [part]);
  }

  /** One note per instruction of the file, in file order; anything no handler claimed is reported as not understood. */
  notes(model: DockerfileModel): ConvertNote[] {
    return model.instructions.map((inst) => {
      const parts = this.parts.get(inst) ?? [{ outcome: 'unrepresentable' as const, text: `convert does not know what ${inst.keyword} does here`, fields: [] }];
      const outcome = parts.reduce<Outcome>((o, p) => (RANK[p.outcome] > RANK[o] ? p.outcome : o), 'dropped');
      const fields = [...new Set(parts.flatMap((p) => p.fields))];
      // The parts of the deciding outcome first, then the rest, so the reason leads with what matters.
      const ordered = [...parts.filter((p) => p.outcome === outcome), ...parts.filter((p) => p.outcome !== outcome)];
      const texts = [...new Set(ordered.map((p) => p.text || (p.fields.length ? `→ ${p.fields.join(', ')}` : '')).filter(Boolean))];
      const reason = texts.join('; ') || (fields.length ? `→ ${fields.join(', ')}` : '');
      // what of a carried instruction did not make it into the spec is still said, not folded into "carried"
      const changes = outcome === 'carried' ? [...new Set(parts.filter((p) => p.outcome === 'dropped' && p.text).map((p) => p.text))] : [];
      return { line: inst.span.start.line, index: inst.index, text: summarize(inst), outcome, fields, reason, changes };
    });
  }
}

/** The instruction's first line, at most 72 characters. */
export function summarize(inst: Instruction): string {
  const first = inst.original.trim().split('\n')[0].replace(/\s*\\$/, '').replace(/\s+/g, ' ');
  return first.length > 72 ? first.slice(0, 71) + '…' : first;
}
