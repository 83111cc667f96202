// Where a Dockerfile names registry images (FROM, COPY --from=<image>, RUN --mount from=<image>) and
// where each one's digest is written: in the reference itself, or in the ARG default it comes from.
import type { CopyInstruction, DockerfileModel, Instruction, RunInstruction } from '../dockerfile/model.js';
import { parseImageReference } from '../dockerfile/image.js';
import { splitFields, splitQuotedWords } from '../dockerfile/words.js';

/** One image reference in the file and where its pin goes. */
export interface PinSite {
  kind: 'FROM' | 'COPY --from' | 'RUN --mount from';
  line: number;
  /** The reference as BuildKit sees it (ARGs substituted). */
  image: string;
  /** The reference whose tag is followed: image without digest, `:latest` when untagged. */
  follow: string;
  /** The digest written now, if any. */
  current?: string;
  /** Where the text that carries the pin is, and what it is now. */
  edit: { start: number; end: number; text: string };
  /** Set when the pin goes into an ARG default: the ARG's name and line. */
  arg?: { name: string; line: number };
  /** `ref`: edit.text is a reference (literal or with variables) whose digest is set; `digest-only`: only the part from `@` on changes. */
  mode: 'ref' | 'digest-only';
}

/** An image that cannot be pinned in place, and why (printed as a note, never an error). */
export interface SkippedImage {
  line: number;
  image: string;
  reason: string;
}

const VAR_ONLY = /^\$(?:\{(\w+)\}|(\w+))$/;
const ENDS_IN_VAR = /\$(?:\{(\w+)\}|(\w+))$/;
const DIGEST_SUFFIX = /@sha256:[0-9a-fA-F]*$/;

/** Every registry image in the model (stages and scratch left out) with the place its pin goes. */
export function findPinSites(model: DockerfileModel): { sites: PinSite[]; skipped: SkippedImage[] } {
  const sites: PinSite[] = [];
  const skipped: SkippedImage[] = [];
  const stageNames = new Set(model.stages.map((s) => s.name?.toLowerCase()).filter((n): n is string => !!n));

  const place = (kind: PinSite['kind'], inst: Instruction, image: string, rawStart: number, raw: string) => {
    const line = inst.span.start.line;
    const ref = parseImageReference(image);
    if (typeof ref === 'string') return void skipped.push({ line, image, reason: `not a valid reference (${ref})` });
    const follow = `${image.replace(/@.*$/, '')}${ref.tag ? '' : ':latest'}`;
    if (ref.digest && !ref.tag) return; // pinned with no tag to follow: nothing to refresh
    const base = { kind, line, image, follow, current: ref.digest };
    const whole = VAR_ONLY.exec(raw);
    const tail = ENDS_IN_VAR.exec(raw);
    // the whole reference from an ARG, or a digest that already lives in the ARG: the ARG default is edited
    const argName = whole ? whole[1] ?? whole[2] : tail && ref.digest && !raw.includes('@') ? tail[1] ?? tail[2] : undefined;
    if (argName) {
      const def = argDefault(model, inst, argName);
      if (!def) return void skipped.push({ line, image, reason: `$${argName} has no default in an ARG gofile can edit; pin it where its value comes from` });
      if (def.text.includes('$')) return void skipped.push({ line, image, reason: `the default of ARG ${argName} uses other variables` });
      // in a partial reference (golang:${TAG}) only the digest part of the ARG is gofile's to change
      sites.push({ ...base, edit: { start: def.start, end: def.end, text: def.text }, arg: { name: argName, line: def.line }, mode: whole ? 'ref' : 'digest-only' });
      return;
    }
    if (raw.includes('$') && ref.digest && !DIGEST_SUFFIX.test(raw)) {
      return void skipped.push({ line, image, reason: 'its digest comes from a variable gofile cannot trace' });
    }
    sites.push({ ...base, edit: { start: rawStart, end: rawStart + raw.length, text: raw }, mode: 'ref' });
  };

  for (const stage of model.stages) {
    if (stage.base.kind === 'image') {
      const img = stage.base.image;
      const words = splitFields(stage.from.args);
      if (img.invalid || img.unresolved.length) {
        skipped.push({ line: stage.from.span.start.line, image: stage.baseText, reason: img.unresolved.length ? `$${img.unresolved[0]} has no value` : `not a valid reference (${img.invalid})` });
      } else if (words.length) {
        place('FROM', stage.from, img.text, stage.from.argOffset(words[0].start), words[0].text);
      }
    }
    for (const inst of stage.instructions) {
      if (inst.keyword === 'COPY') {
        const c = inst as CopyInstruction;
        if (!c.from || c.fromStage || /^\d+$/.test(c.from) || c.from.toLowerCase() === 'scratch') continue;
        const flag = c.flags.find((f) => f.name === 'from')!;
        const raw = model.text.slice(flag.span.start.offset, flag.span.end.offset);
        const m = /^--from=/i.exec(raw);
        if (!m || raw.slice(m[0].length) !== flag.value) {
          skipped.push({ line: inst.span.start.line, image: c.from, reason: 'the --from flag is split over lines' });
          continue;
        }
        place('COPY --from', inst, c.from, flag.span.start.offset + m[0].length, flag.value);
      } else if (inst.keyword === 'RUN') {
        const run = inst as RunInstruction;
        for (const mount of run.mounts ?? []) {
          if (!mount.from || stageNames.has(mount.from.toLowerCase()) || /^\d+$/.test(mount.from) || mount.from.toLowerCase() === 'scratch') continue;
          const flag = run.flags.find((f) => f.name === 'mount' && f.span.start.offset === mount.span.start.offset)
            ?? run.flags.find((f) => f.name === 'mount' && (f.value ?? '').includes('from='));
          if (!flag) continue;
          const raw = model.text.slice(flag.span.start.offset, flag.span.end.offset);
          const m = /(^--mount=|,)from=([^,]*)/i.exec(raw);
          if (!m) {
            skipped.push({ line: inst.span.start.line, image: mount.from, reason: 'the --mount flag is split over lines' });
            continue;
          }
          const valueStart = m.index + m[0].length - m[2].length;
          place('RUN --mount from', inst, mount.from, flag.span.start.offset + valueStart, m[2]);
        }
      }
    }
  }
  return { sites, skipped };
}

/** The literal default of ARG `name` as seen at `inst` (the stage's own ARG, else the global one), with its file range. */
function argDefault(model: DockerfileModel, inst: Instruction, name: string): { start: number; end: number; text: string; line: number } | undefined {
  const before = (i: Instruction) => i.span.start.offset < inst.span.start.offset;
  const stageArgs = inst.keyword === 'FROM' || !inst.stage ? [] : inst.stage.instructions.filter((i) => i.keyword === 'ARG' && before(i));
  const candidates = [...stageArgs.reverse(), ...model.globalArgs.filter(before).reverse()];
  for (const arg of candidates) {
    for (const w of splitQuotedWords(arg.args, model.escape)) {
      const eq = w.text.indexOf('=');
      const key = eq < 0 ? w.text : w.text.slice(0, eq);
      if (key !== name) continue;
      // a stage ARG without a value takes the global default: keep looking
      if (eq < 0) break;
      let start = w.start + eq + 1;
      let end = w.end;
      const q = arg.args[start];
      if ((q === '"' || q === "'") && arg.args[end - 1] === q && end - start >= 2) {
        start++;
        end--;
      }
      const text = arg.args.slice(start, end);
      const fileStart = arg.argOffset(start);
      const fileEnd = end > start ? arg.argOffset(end - 1) + 1 : fileStart;
      if (model.text.slice(fileStart, fileEnd) !== text) return undefined; // split by a line continuation
      return { start: fileStart, end: fileEnd, text, line: arg.span.start.line };
    }
  }
  return undefined;
}

/** The text that carries `digest` for a site: the reference (or ARG default) with its digest set or replaced. */
export function pinnedText(site: PinSite, digest: string): string {
  const raw = site.edit.text;
  if (site.mode === 'digest-only') return `${raw.slice(0, raw.indexOf('@'))}@${digest}`;
  const bare = raw.replace(DIGEST_SUFFIX, '');
  // an untagged literal reference gets :latest, so a later refresh knows which tag to follow
  const parsed = bare.includes('$') ? null : parseImageReference(bare);
  const latest = parsed && typeof parsed !== 'string' && !parsed.tag ? ':latest' : '';
  return `${bare}${latest}@${digest}`;
}

/** `text` with each edit applied (edits sharing a range — one ARG behind two FROMs — count once). */
export function applyEdits(text: string, edits: ReadonlyArray<{ start: number; end: number; text: string }>): string {
  const unique = new Map<string, { start: number; end: number; text: string }>();
  for (const e of edits) unique.set(`${e.start}:${e.end}`, e);
  let out = text;
  for (const e of [...unique.values()].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
